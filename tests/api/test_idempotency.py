from sources.models import Article, IngestJob

TEXT = "Dmitry Peskov said on Monday that troops will return to their bases."


def test_a_retry_with_the_same_key_answers_the_original_job(
    editor_api_client, django_capture_on_commit_callbacks
):
    body = {"text": TEXT, "title": "Kremlin"}
    # The ingest task runs (eagerly) when the request's transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        first = editor_api_client.post(
            "/api/v1/articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
    with django_capture_on_commit_callbacks(execute=True):
        again = editor_api_client.post(
            "/api/v1/articles/", body, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )

    assert first.status_code == 202
    assert again.status_code == 200
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert IngestJob.objects.count() == 1
    assert Article.objects.count() == 1


def test_the_same_key_with_another_body_is_a_422(editor_api_client):
    editor_api_client.post(
        "/api/v1/articles/", {"text": TEXT}, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
    )
    response = editor_api_client.post(
        "/api/v1/articles/", {"text": TEXT + " More."}, format="json", HTTP_IDEMPOTENCY_KEY="k-2"
    )

    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"]
    assert IngestJob.objects.count() == 1


def test_keys_are_per_client(editor_api_client, api_client, db):
    from tests.factories import EditorFactory

    editor_api_client.post(
        "/api/v1/articles/", {"text": TEXT}, format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )
    api_client.force_authenticate(EditorFactory(username="second-editor"))
    response = api_client.post(
        "/api/v1/articles/", {"text": TEXT}, format="json", HTTP_IDEMPOTENCY_KEY="shared"
    )

    assert response.status_code == 202
    assert IngestJob.objects.count() == 2


def test_without_a_key_each_post_is_a_new_job(editor_api_client):
    for _ in range(2):
        editor_api_client.post("/api/v1/articles/", {"text": TEXT}, format="json")

    assert IngestJob.objects.count() == 2


def test_a_malformed_key_is_a_400(editor_api_client):
    response = editor_api_client.post(
        "/api/v1/articles/", {"text": TEXT}, format="json", HTTP_IDEMPOTENCY_KEY="x" * 300
    )

    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()
    assert not IngestJob.objects.exists()
