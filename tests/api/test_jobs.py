"""Ingest jobs: a client lists and follows its own; staff sessions see every job."""

from sources.models import Article, IngestJob
from tests.factories import ArticleFactory, EditorFactory, IngestJobFactory, UserFactory

URL = "/api/v1/jobs/"


def _ids(response):
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


def test_a_token_sees_only_its_users_jobs(token_client, db):
    system = UserFactory(username="newsroom-bot")
    mine = IngestJobFactory(created_by=system)
    theirs = IngestJobFactory(created_by=UserFactory(username="someone-else"))
    feed_job = IngestJobFactory(kind=IngestJob.Kind.FEED)
    client = token_client(system, "read")

    assert _ids(client.get(URL)) == [mine.pk]
    assert client.get(f"{URL}{mine.pk}/").status_code == 200
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.get(f"{URL}{feed_job.pk}/").status_code == 404


def test_a_staff_session_sees_every_job_but_a_staff_token_its_own(api_client, token_client, db):
    editor = EditorFactory(username="desk-editor")
    jobs = [IngestJobFactory(created_by=editor), IngestJobFactory(kind=IngestJob.Kind.FEED)]
    api_client.force_login(editor)

    assert _ids(api_client.get(URL)) == [jobs[1].pk, jobs[0].pk]
    assert _ids(token_client(editor, "read").get(URL)) == [jobs[0].pk]


def test_anonymous_clients_see_no_jobs(api_client, db):
    job = IngestJobFactory()

    assert api_client.get(URL).status_code == 401
    assert api_client.get(f"{URL}{job.pk}/").status_code == 401


def test_the_list_gives_per_item_errors_and_the_failed_articles(editor_api_client, editor):
    job = IngestJobFactory(
        created_by=editor,
        status=IngestJob.Status.DONE,
        articles_total=3,
        articles_failed=2,
        error="item 2: The text is empty.\nhttps://news.example/a: Extraction failed: boom",
    )
    ArticleFactory(job=job)
    failed = ArticleFactory(
        job=job,
        url="https://news.example/a",
        status=Article.Status.FAILED,
        error="Extraction failed: boom",
    )

    [row] = editor_api_client.get(URL).json()["results"]

    assert row["errors"] == [
        "item 2: The text is empty.",
        "https://news.example/a: Extraction failed: boom",
    ]
    assert [(a["id"], a["status"], a["error"]) for a in row["failed_articles"]] == [
        (failed.pk, "failed", "Extraction failed: boom")
    ]
    assert "articles" not in row and "payload" not in row
    detail = editor_api_client.get(row["url"]).json()
    assert [a["status"] for a in detail["articles"]] == ["done", "failed"]
    assert detail["errors"] == row["errors"]


def test_jobs_filter_by_status_and_kind_and_refuse_bad_values(editor_api_client, editor):
    done = IngestJobFactory(created_by=editor, status=IngestJob.Status.DONE)
    failed = IngestJobFactory(
        created_by=editor, status=IngestJob.Status.FAILED, kind=IngestJob.Kind.URL
    )

    assert _ids(editor_api_client.get(URL, {"status": "done"})) == [done.pk]
    assert _ids(editor_api_client.get(URL, {"kind": "url"})) == [failed.pk]
    response = editor_api_client.get(URL, {"status": "lost"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_the_job_list_costs_the_same_queries_for_any_page(
    editor_api_client, editor, django_assert_max_num_queries
):
    for _ in range(12):
        job = IngestJobFactory(created_by=editor)
        ArticleFactory.create_batch(2, job=job, status=Article.Status.FAILED, error="bad")

    # The session and user, the page, then the failed articles of all its jobs.
    with django_assert_max_num_queries(4):
        response = editor_api_client.get(URL, {"page_size": 10})

    assert len(response.json()["results"]) == 10
    assert all(len(row["failed_articles"]) == 2 for row in response.json()["results"])
