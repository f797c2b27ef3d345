import pytest

from tests.factories import ContradictionFactory, UserFactory


@pytest.fixture
def closed(settings):
    settings.GAINSAY_ANONYMOUS_READ = False


@pytest.mark.django_db
def test_open_by_default_for_api_and_dashboard(client, api_client):
    ContradictionFactory()

    assert api_client.get("/api/v1/contradictions/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/actors/",
        "/api/v1/topics/",
        "/api/v1/statements/",
        "/api/v1/contradictions/",
        "/api/v1/articles/",
    ],
)
def test_closed_api_refuses_anonymous_reads(api_client, closed, url):
    assert api_client.get(url).status_code in (401, 403)


@pytest.mark.django_db
def test_closed_api_still_serves_a_logged_in_reader(api_client, closed):
    api_client.force_authenticate(UserFactory(username="reader"))

    assert api_client.get("/api/v1/statements/").status_code == 200


@pytest.mark.django_db
def test_closed_dashboard_redirects_to_login(client, closed):
    contradiction = ContradictionFactory()
    for url in ("/", f"/contradictions/{contradiction.pk}/", "/actors/", "/topics/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url


@pytest.mark.django_db
def test_closed_dashboard_lets_a_non_staff_reader_log_in_and_read(client, closed):
    UserFactory(username="reader")

    login = client.post(
        "/accounts/login/?next=/",
        {"username": "reader", "password": "correct horse battery", "next": "/"},
    )

    assert login.status_code == 302
    assert login["Location"] == "/"
    assert client.get("/").status_code == 200
