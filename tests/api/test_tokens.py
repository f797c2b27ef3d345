import datetime as dt

from django.utils import timezone

from statements.models import Actor, ApiToken
from statements.services.tokens import api_token_create, api_token_hash, api_token_revoke

ACTOR = {"name": "Dmitry Peskov", "slug": "dmitry-peskov", "kind": "person"}


def test_a_token_stores_only_a_hash_of_its_key(editor):
    token, key = api_token_create(user=editor, name="newsroom", scope="read")

    assert key not in token.key_hash
    assert token.key_hash == api_token_hash(key)
    assert key.startswith(token.prefix)


def test_a_read_token_reads_but_gets_403_on_writes(token_client, editor):
    client = token_client(editor, "read")

    assert client.get("/api/v1/actors/").status_code == 200
    response = client.post("/api/v1/actors/", ACTOR, format="json")

    assert response.status_code == 403
    assert "read scope" in response.json()["detail"]
    assert not Actor.objects.exists()


def test_a_read_write_token_writes_with_its_users_permissions(token_client, editor, reader):
    assert token_client(editor).post("/api/v1/actors/", ACTOR, format="json").status_code == 201
    # The scope allows writing; the user's permissions still decide what.
    other = {**ACTOR, "slug": "other"}
    assert token_client(reader).post("/api/v1/actors/", other, format="json").status_code == 403


def test_a_revoked_token_is_401(token_client, editor):
    client = token_client(editor, "read")
    token = ApiToken.objects.get()
    api_token_revoke(token=token)

    response = client.get("/api/v1/actors/")

    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_an_unknown_or_malformed_token_is_401(api_client, db):
    for header in ("Bearer nope", "Bearer", "Bearer a b", "Token nope"):
        api_client.credentials(HTTP_AUTHORIZATION=header)
        assert api_client.get("/api/v1/actors/").status_code == 401, header


def test_use_is_recorded_at_most_once_a_minute(token_client, editor):
    client = token_client(editor, "read")
    client.get("/api/v1/actors/")
    first = ApiToken.objects.get().last_used_at
    assert first is not None

    client.get("/api/v1/actors/")
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=timezone.now() - dt.timedelta(minutes=5))
    client.get("/api/v1/actors/")
    assert ApiToken.objects.get().last_used_at > first


def test_an_admin_creates_a_token_and_sees_the_key_once(client, admin_user, editor):
    client.force_login(admin_user)

    response = client.post(
        "/admin/statements/apitoken/add/",
        {"user": editor.pk, "name": "research pipeline", "scope": "read"},
        follow=True,
    )

    token = ApiToken.objects.get()
    assert token.created_by == admin_user
    shown = [str(m) for m in response.context["messages"]]
    key = shown[0].rsplit(" ", 1)[-1]
    assert api_token_hash(key) == token.key_hash
    page = client.get(f"/admin/statements/apitoken/{token.pk}/change/").content.decode()
    assert key not in page
