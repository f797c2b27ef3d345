import pytest
from rest_framework.throttling import SimpleRateThrottle


@pytest.fixture
def rates(monkeypatch):
    """Set throttle rates for one test.

    DRF reads DEFAULT_THROTTLE_RATES once into the class attribute THROTTLE_RATES at
    import, so overriding settings is not enough; patch the attribute itself.
    """

    def set_rates(**new):
        monkeypatch.setattr(
            SimpleRateThrottle, "THROTTLE_RATES", {**SimpleRateThrottle.THROTTLE_RATES, **new}
        )

    return set_rates


@pytest.mark.django_db
def test_anonymous_clients_get_429_with_retry_after_past_the_rate(api_client, rates):
    rates(anon="3/min")
    for _ in range(3):
        assert api_client.get("/api/v1/actors/").status_code == 200

    response = api_client.get("/api/v1/actors/")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


@pytest.mark.django_db
def test_anonymous_limits_are_per_address(api_client, rates):
    rates(anon="1/min")
    assert api_client.get("/api/v1/actors/", REMOTE_ADDR="203.0.113.1").status_code == 200
    assert api_client.get("/api/v1/actors/", REMOTE_ADDR="203.0.113.1").status_code == 429
    assert api_client.get("/api/v1/actors/", REMOTE_ADDR="203.0.113.2").status_code == 200


@pytest.mark.django_db
def test_a_forged_forwarded_for_header_does_not_escape_the_limit(api_client, rates):
    rates(anon="1/min")
    api_client.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.1")

    response = api_client.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.2")

    assert response.status_code == 429


@pytest.mark.django_db
def test_logged_in_users_have_their_own_rate(editor_api_client, api_client, rates):
    rates(anon="1/min", user="3/min")
    for _ in range(3):
        assert editor_api_client.get("/api/v1/actors/").status_code == 200
    assert editor_api_client.get("/api/v1/actors/").status_code == 429


@pytest.mark.django_db
def test_ingest_posts_have_a_stricter_scope_that_leaves_reads_alone(editor_api_client, rates):
    rates(ingest="2/min")
    for _ in range(2):
        response = editor_api_client.post(
            "/api/v1/articles/", {"text": "The minister said on Monday talks go on."}, format="json"
        )
        assert response.status_code == 202

    refused = editor_api_client.post(
        "/api/v1/articles/", {"text": "The minister said talks go on."}, format="json"
    )

    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert editor_api_client.get("/api/v1/articles/").status_code == 200


def test_rates_default_from_settings_and_env():
    from config.settings import base

    rates = base.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    assert set(rates) == {"anon", "user", "ingest"}
