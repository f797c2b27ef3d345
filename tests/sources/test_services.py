import pytest
from django.core.exceptions import ValidationError

from sources.models import Article, IngestJob
from sources.services import ingest_job_create, ingest_job_process
from statements.models import Statement

TEXT = (
    "Moscow pulls back\n\nBy Jane Reporter\n\n"
    "Feb. 16 (Wire) -- Russia's defense ministry said on Tuesday that some units have "
    "begun to return to their bases after drills near the border.\n"
)


@pytest.fixture
def seeded(db):
    from django.conf import settings

    from statements.services import actors_load_catalogue, topics_load_catalogue

    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)


def _text_job(text=TEXT, **options):
    return ingest_job_create(kind="text", payload=text, content_type="text", options=options)


def test_it_ingests_a_text_job_into_an_article_with_statements(
    seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = _text_job(outlet="Wire", published="2022-02-16")

    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE, job.error
    article = Article.objects.get(job=job)
    assert article.outlet.name == "Wire"
    assert article.status == Article.Status.DONE
    statement = Statement.objects.get(article=article)
    assert statement.actor.name == "Ministry of Defence of the Russian Federation"
    assert "return to their bases" in statement.content
    assert str(statement.said_on) == "2022-02-15"
    assert job.statements_found == 1


def test_it_enqueues_only_after_the_transaction_commits(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = _text_job()

    assert len(callbacks) == 1
    assert IngestJob.objects.get(pk=job.pk).status == IngestJob.Status.PENDING


def test_it_ignores_duplicate_articles(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _text_job()
        second = _text_job(text=TEXT.replace("\n", "\n  "))  # same words, re-wrapped

    second.refresh_from_db()
    assert Article.objects.count() == 1
    assert second.status == IngestJob.Status.DONE
    assert (second.articles_created, second.articles_duplicate) == (0, 1)
    assert Statement.objects.count() == first.statements_found or Statement.objects.count() == 1


def test_processing_a_job_twice_is_harmless(seeded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _text_job()
    statements = Statement.objects.count()

    # A redelivered message for a finished job, then a job reset as if a worker died mid-way.
    ingest_job_process(job_id=job.pk)
    IngestJob.objects.filter(pk=job.pk).update(status=IngestJob.Status.RUNNING)
    ingest_job_process(job_id=job.pk)

    assert Article.objects.count() == 1
    assert Statement.objects.count() == statements


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "text", "payload": "   ", "content_type": "text"}, "is empty"),
        ({"kind": "url", "source": "ftp://x.example/a"}, "not an http"),
        ({"kind": "text", "payload": "x", "content_type": "pdf"}, "Unknown content type"),
        ({"kind": "nope"}, "Unknown ingest kind"),
        (
            {
                "kind": "text",
                "payload": "x",
                "content_type": "text",
                "options": {"published": "soon"},
            },
            "not an ISO date",
        ),
    ],
)
def test_it_rejects_bad_submissions_with_a_clear_message(db, kwargs, message):
    with pytest.raises(ValidationError, match=message):
        ingest_job_create(**kwargs)
    assert IngestJob.objects.count() == 0


def test_malformed_json_fails_the_job_and_keeps_what_was_stored(
    seeded, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _text_job()
        bad = ingest_job_create(kind="batch", payload='[{"text": ', content_type="json")

    bad.refresh_from_db()
    assert bad.status == IngestJob.Status.FAILED
    assert "Malformed JSON" in bad.error
    assert Article.objects.count() == 1


def test_a_batch_reports_each_bad_item_and_keeps_the_good_ones(
    seeded, django_capture_on_commit_callbacks
):
    payload = '[{"title": "ok", "text": "Officials said talks continue."}, {"title": "bad"}]'
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(kind="batch", payload=payload, content_type="json")

    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE
    assert (job.articles_total, job.articles_created, job.articles_failed) == (2, 1, 1)
    assert "has no text" in job.error


def test_a_url_job_fails_clearly_when_the_site_answers_404(
    seeded, local_site, allow_loopback_fetch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(kind="url", source=f"{local_site}/missing")

    job.refresh_from_db()
    assert job.status == IngestJob.Status.FAILED
    assert "answered HTTP 404" in job.error
    assert Article.objects.count() == 0


def test_a_url_job_extracts_the_page(
    seeded, local_site, allow_loopback_fetch, django_capture_on_commit_callbacks
):
    url = f"{local_site}/article.html"
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(kind="url", source=url, options={"published": "2022-02-16"})

    job.refresh_from_db()
    assert job.status == IngestJob.Status.DONE, job.error
    article = Article.objects.get(url=url)
    assert article.title == "Moscow says troops pull back"
    assert article.statements.count() >= 2


def test_binary_content_at_a_url_fails_the_job(
    seeded, local_site, allow_loopback_fetch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = ingest_job_create(kind="url", source=f"{local_site}/binary")

    job.refresh_from_db()
    assert job.status == IngestJob.Status.FAILED
    assert "not a text or HTML page" in job.error
