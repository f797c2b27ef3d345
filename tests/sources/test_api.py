import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sources.models import IngestJob
from tests.factories import ArticleFactory, IngestJobFactory, OutletFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "Moscow says troops pull back\n\n"
    "Russia's defense ministry said on Tuesday that some units have begun to return to "
    "their bases after completing drills near the Ukrainian border."
)


def ids(response):
    return [row["id"] for row in response.json()["results"]]


# --- reading ------------------------------------------------------------------


def test_articles_filter_by_outlet_status_and_published_range(api_client):
    reuters = OutletFactory(name="Reuters")
    early = ArticleFactory(outlet=reuters, published_at=dt.datetime(2022, 2, 1, tzinfo=dt.UTC))
    late = ArticleFactory(published_at=dt.datetime(2022, 2, 20, tzinfo=dt.UTC))
    failed = ArticleFactory(status="failed", published_at=None)

    def listed(**params):
        return ids(api_client.get("/api/v1/articles/", params))

    assert listed(outlet="Reuters") == [early.id]
    assert listed(outlet=reuters.id) == [early.id]
    assert listed(status="failed") == [failed.id]
    assert listed(published_after="2022-02-10") == [late.id]
    assert listed(published_before="2022-02-10") == [early.id]


def test_article_list_leaves_out_the_body_and_detail_has_it(api_client):
    article = ArticleFactory()

    row = api_client.get("/api/v1/articles/").json()["results"][0]
    detail = api_client.get(f"/api/v1/articles/{article.pk}/").json()

    assert "text" not in row
    assert row["outlet"] == article.outlet.name
    assert row["statement_count"] == 0
    assert detail["text"] == article.text


@pytest.mark.parametrize(
    "params",
    [{"status": "lost"}, {"published_after": "Feb 2022"}, {"ordering": "text"}],
)
def test_bad_article_filters_are_a_400(api_client, params):
    response = api_client.get("/api/v1/articles/", params)

    assert response.status_code == 400
    assert next(iter(params)) in response.json()


def test_a_job_reports_its_progress_and_articles(editor_api_client, editor):
    job = IngestJobFactory(
        status=IngestJob.Status.DONE, articles_total=1, articles_created=1, created_by=editor
    )
    article = ArticleFactory(job=job)

    response = editor_api_client.get(f"/api/v1/jobs/{job.pk}/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "done"
    assert body["url"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    assert body["articles_created"] == 1
    for key in ("articles_duplicate", "articles_failed", "statements_found", "error"):
        assert key in body
    assert body["articles"] == [
        {
            "id": article.id,
            "title": article.title,
            "url": article.url,
            "api_url": f"http://testserver/api/v1/articles/{article.pk}/",
            "status": "done",
            "error": "",
        }
    ]
    assert "payload" not in body


def test_an_unknown_job_is_404(editor_api_client):
    assert editor_api_client.get("/api/v1/jobs/999999/").status_code == 404


# --- ingesting ----------------------------------------------------------------


def test_anonymous_cannot_ingest(api_client):
    response = api_client.post("/api/v1/articles/", {"text": TEXT}, format="json")

    assert response.status_code in (401, 403)
    assert not IngestJob.objects.exists()


def test_a_reader_cannot_ingest(api_client, reader):
    api_client.force_authenticate(reader)

    response = api_client.post("/api/v1/articles/", {"text": TEXT}, format="json")

    assert response.status_code == 403


def test_ingesting_text_answers_202_with_the_job_url(editor_api_client, editor):
    response = editor_api_client.post(
        "/api/v1/articles/",
        {"text": TEXT, "outlet": "Reuters", "published": "2022-02-15"},
        format="json",
    )

    assert response.status_code == 202, response.content
    body = response.json()
    job = IngestJob.objects.get(pk=body["id"])
    assert body["url"] == f"http://testserver/api/v1/jobs/{job.pk}/"
    assert response["Location"] == body["url"]
    assert body["status"] in IngestJob.Status.values
    assert job.kind == "text"
    assert job.content_type == "text"
    assert job.options == {"outlet": "Reuters", "published": "2022-02-15"}
    assert job.created_by == editor

    progress = editor_api_client.get(body["url"])
    assert progress.status_code == 200
    assert progress.json()["status"] in IngestJob.Status.values


def test_an_ingested_text_job_runs_to_done(editor_api_client, django_capture_on_commit_callbacks):
    # The task is queued on commit; run it inline (CELERY_TASK_ALWAYS_EAGER) here.
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_api_client.post("/api/v1/articles/", {"text": TEXT}, format="json")
    assert response.status_code == 202

    body = editor_api_client.get(response.json()["url"]).json()

    assert body["status"] == "done", body["error"]
    assert body["articles_created"] == 1
    assert len(body["articles"]) == 1


@pytest.mark.parametrize(
    ("data", "kind", "content_type"),
    [
        ({"url": "https://news.example/story"}, "url", ""),
        ({"html": "<html><body><p>Hello</p></body></html>"}, "text", "html"),
        ({"items": [{"text": TEXT, "url": "https://news.example/a"}]}, "batch", "json"),
    ],
)
def test_each_input_becomes_the_matching_job(editor_api_client, data, kind, content_type):
    response = editor_api_client.post("/api/v1/articles/", data, format="json")

    assert response.status_code == 202, response.content
    job = IngestJob.objects.get(pk=response.json()["id"])
    assert (job.kind, job.content_type) == (kind, content_type)


def test_an_uploaded_file_is_ingested(editor_api_client):
    upload = SimpleUploadedFile("story.jsonl", json.dumps({"text": TEXT}).encode())

    response = editor_api_client.post(
        "/api/v1/articles/", {"file": upload, "outlet": "Reuters"}, format="multipart"
    )

    assert response.status_code == 202, response.content
    job = IngestJob.objects.get(pk=response.json()["id"])
    assert (job.kind, job.source, job.content_type) == ("file", "story.jsonl", "jsonl")


def test_items_may_be_sent_as_a_json_string_in_a_form(editor_api_client):
    response = editor_api_client.post(
        "/api/v1/articles/", {"items": json.dumps([{"text": TEXT}])}, format="multipart"
    )

    assert response.status_code == 202, response.content


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "none was given"),
        ({"text": TEXT, "url": "https://news.example/a"}, "got 2: url, text"),
        ({"url": "ftp://news.example/a"}, "only http and https"),
        ({"url": "news.example/a"}, "scheme is missing"),
        ({"url": "https://"}, "not a valid URL"),
        ({"text": "   \n "}, "The text is empty"),
        ({"html": ""}, "The HTML is empty"),
        ({"text": TEXT, "published": "15/02/2022"}, "is not an ISO date"),
        ({"items": {"text": TEXT}}, "non-empty list"),
        ({"items": []}, "non-empty list"),
        ({"items": ["just a string"]}, "Item 1 is not an object"),
        ({"items": [{"text": TEXT}, {"url": "https://a.example"}]}, "Item 2 has no text"),
        ({"items": [{"text": TEXT, "published": "soon"}]}, "Item 1: Published date"),
    ],
)
def test_bad_ingest_requests_are_a_400_with_a_message(editor_api_client, data, message):
    response = editor_api_client.post("/api/v1/articles/", data, format="json")

    assert response.status_code == 400
    assert message in json.dumps(response.json())
    assert not IngestJob.objects.exists()


def test_an_oversized_text_is_a_400(editor_api_client, settings):
    settings.GAINSAY_UPLOAD_MAX_BYTES = 100

    response = editor_api_client.post("/api/v1/articles/", {"text": "x" * 101}, format="json")

    assert response.status_code == 400
    assert "the limit is 100 bytes" in json.dumps(response.json())


def test_an_oversized_body_is_refused_before_it_is_read(editor_api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = editor_api_client.post("/api/v1/articles/", {"text": "x" * 2000}, format="json")

    assert response.status_code == 400
    assert "the limit is 1,000" in json.dumps(response.json())


def test_a_binary_upload_is_a_400(editor_api_client):
    upload = SimpleUploadedFile("photo.txt", b"\x00\x01\x02binary")

    response = editor_api_client.post("/api/v1/articles/", {"file": upload}, format="multipart")

    assert response.status_code == 400
    assert "NUL bytes" in json.dumps(response.json())


def test_a_service_refusal_is_a_400_with_its_message(editor_api_client, monkeypatch):
    def refuse(**kwargs):
        raise ValidationError("Unknown options: colour.")

    monkeypatch.setattr("sources.api.services.ingest_job_create", refuse)

    response = editor_api_client.post("/api/v1/articles/", {"text": TEXT}, format="json")

    assert response.status_code == 400
    assert "Unknown options: colour." in json.dumps(response.json())
