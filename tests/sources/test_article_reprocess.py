"""Failed articles are extracted again on request (sources.services.articles_reprocess)."""

import pytest
from django.urls import reverse

from sources.models import Article, OutboxMessage
from sources.services import articles_reprocess
from sources.tasks import article_process_task
from tests.factories import ArticleFactory
from tests.support.admin import staff_client

TEXT = (
    "Russia's defense ministry said on Tuesday that some units have begun to return to "
    "their bases after drills near the border."
)
CHANGELIST = "admin:sources_article_changelist"


@pytest.fixture
def seeded(db):
    from django.conf import settings

    from statements.services import actors_load_catalogue

    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)


@pytest.fixture
def failed(seeded):
    return ArticleFactory(
        text=TEXT, status=Article.Status.FAILED, error="Extraction failed: IntegrityError: ..."
    )


def test_a_failed_article_is_extracted_again_once_queued(
    failed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = articles_reprocess(article_ids=[failed.pk])

    assert queued == 1
    failed.refresh_from_db()
    assert (failed.status, failed.error) == (Article.Status.DONE, "")
    (statement,) = failed.statements.all()
    assert "return to their bases" in statement.content
    message = OutboxMessage.objects.get()
    assert (message.task, message.args) == (article_process_task.name, [failed.pk])


def test_articles_that_have_not_failed_are_left_as_they_are(
    seeded, django_capture_on_commit_callbacks
):
    done = ArticleFactory(text=TEXT, status=Article.Status.DONE)  # extracted: no statements here
    pending = ArticleFactory(status=Article.Status.PENDING)

    with django_capture_on_commit_callbacks(execute=True):
        queued = articles_reprocess(article_ids=[done.pk, pending.pk])

    assert queued == 0
    assert not OutboxMessage.objects.exists()
    assert not done.statements.exists()
    pending.refresh_from_db()
    assert pending.status == Article.Status.PENDING


def test_queueing_an_article_twice_queues_it_once(failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = articles_reprocess(article_ids=[failed.pk])
        second = articles_reprocess(article_ids=[failed.pk])

    assert (first, second) == (1, 0)
    assert OutboxMessage.objects.count() == 1
    failed.refresh_from_db()
    assert (failed.status, failed.error) == (Article.Status.PENDING, "")


def test_a_redelivered_task_leaves_a_done_article_alone(failed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        articles_reprocess(article_ids=[failed.pk])
    statements = list(failed.statements.values_list("pk", flat=True))

    article_process_task.delay(failed.pk)

    assert list(failed.statements.values_list("pk", flat=True)) == statements


def test_an_editor_queues_failed_articles_from_the_admin(
    client, failed, django_capture_on_commit_callbacks
):
    editor = staff_client(client, "view_article", "change_article")
    done = ArticleFactory(status=Article.Status.DONE)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse(CHANGELIST),
            {"action": "extract_again", "_selected_action": [failed.pk, done.pk]},
            follow=True,
        )

    page = response.content.decode()
    assert "Queued 1 failed article(s) for extraction." in page
    assert "1 article(s) had not failed and were left as they are." in page
    failed.refresh_from_db()
    assert failed.status == Article.Status.DONE


def test_someone_who_may_only_view_articles_cannot_queue_them(client, failed):
    viewer = staff_client(client, "view_article")

    page = viewer.get(reverse(CHANGELIST)).content.decode()
    viewer.post(reverse(CHANGELIST), {"action": "extract_again", "_selected_action": [failed.pk]})

    assert "Extract statements again" not in page
    failed.refresh_from_db()
    assert failed.status == Article.Status.FAILED
    assert not OutboxMessage.objects.exists()
