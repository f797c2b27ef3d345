import datetime as dt

from django.utils import timezone

from statements.models import Actor, ActorAlias, ActorRole
from tests.factories import ActorAliasFactory, ActorFactory, ActorRoleFactory


def _since():
    return (timezone.now() - dt.timedelta(milliseconds=1)).isoformat()


def _synced_slugs(client, since):
    return [
        a["slug"] for a in client.get("/api/v1/actors/", {"updated_since": since}).json()["results"]
    ]


def test_an_editor_creates_an_actor_with_aliases_and_roles(editor_api_client, editor):
    nato = ActorFactory(name="NATO", slug="nato", kind="alliance")

    response = editor_api_client.post(
        "/api/v1/actors/",
        {
            "name": "Jens Stoltenberg",
            "slug": "jens-stoltenberg",
            "aliases": ["Stoltenberg", "NATO chief"],
            "roles": [
                {
                    "title": "Secretary-General",
                    "organisation": "nato",
                    "start": "2014-10-01",
                    "end": "2024-10-01",
                }
            ],
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert sorted(a["text"] for a in body["aliases"]) == [
        "Jens Stoltenberg",
        "NATO chief",
        "Stoltenberg",
    ]
    [role] = body["roles"]
    assert role["title"] == "Secretary-General"
    assert role["organisation"] == {"id": nato.pk, "slug": "nato", "name": "NATO"}
    assert (role["start"], role["end"]) == ("2014-10-01", "2024-10-01")
    assert {h.history_user for h in ActorAlias.history.all()} == {editor}
    assert ActorRole.history.get().history_user == editor


def test_aliases_sent_replace_the_actors_aliases_in_history_and_in_sync(editor_api_client, editor):
    actor = ActorFactory(name="Sergei Shoigu", slug="sergei-shoigu")
    ActorAliasFactory(actor=actor, text="Sergei Shoigu")
    ActorAliasFactory(actor=actor, text="Shoygu")
    since = _since()

    response = editor_api_client.patch(
        f"/api/v1/actors/{actor.slug}/", {"aliases": ["Shoigu", "defence minister"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    assert sorted(a["text"] for a in response.json()["aliases"]) == [
        "Sergei Shoigu",  # its own name stays an alias
        "Shoigu",
        "defence minister",
    ]
    removed = ActorAlias.history.get(text="Shoygu", history_type="-")
    assert removed.history_user == editor
    assert ActorAlias.history.get(text="Shoigu", history_type="+").history_user == editor
    assert _synced_slugs(editor_api_client, since) == [actor.slug]


def test_roles_sent_are_changed_added_and_removed_in_history_and_in_sync(editor_api_client, editor):
    actor = ActorFactory(name="Dmitry Peskov", slug="dmitry-peskov")
    kept = ActorRoleFactory(person=actor, title="Press secretary", start=dt.date(2012, 5, 22))
    dropped = ActorRoleFactory(person=actor, title="Deputy head of staff")
    since = _since()

    response = editor_api_client.patch(
        f"/api/v1/actors/{actor.slug}/",
        {
            "roles": [
                {"id": kept.pk, "title": "Kremlin spokesman", "start": "2012-05-22"},
                {"title": "Presidential aide", "start": "2008-05-07", "end": "2012-05-21"},
            ]
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    roles = {r["title"]: r for r in response.json()["roles"]}
    assert set(roles) == {"Kremlin spokesman", "Presidential aide"}
    assert roles["Kremlin spokesman"]["id"] == kept.pk
    assert not ActorRole.objects.filter(pk=dropped.pk).exists()
    changes = {(h.id, h.history_type) for h in ActorRole.history.filter(history_user=editor)}
    assert (kept.pk, "~") in changes
    assert (dropped.pk, "-") in changes
    assert len([c for c in changes if c[1] == "+"]) == 1
    assert _synced_slugs(editor_api_client, since) == [actor.slug]


def test_leaving_out_aliases_and_roles_keeps_them(editor_api_client):
    actor = ActorFactory(name="Antony Blinken", slug="antony-blinken")
    ActorAliasFactory(actor=actor, text="Blinken")
    ActorRoleFactory(person=actor, title="Secretary of State")

    response = editor_api_client.patch(
        f"/api/v1/actors/{actor.slug}/", {"description": "US diplomat"}, format="json"
    )

    assert response.status_code == 200
    assert "Blinken" in [a["text"] for a in response.json()["aliases"]]
    assert [r["title"] for r in response.json()["roles"]] == ["Secretary of State"]


def test_an_alias_of_another_actor_is_a_400_and_changes_nothing(editor_api_client):
    ActorAliasFactory(actor=ActorFactory(name="NATO", slug="nato"), text="the alliance")
    actor = ActorFactory(name="OSCE", slug="osce")
    ActorAliasFactory(actor=actor, text="OSCE")
    ActorAliasFactory(actor=actor, text="the organisation")

    response = editor_api_client.patch(
        "/api/v1/actors/osce/", {"aliases": ["The Alliance"]}, format="json"
    )

    assert response.status_code == 400
    assert "aliases" in response.json()
    assert sorted(actor.aliases.values_list("text", flat=True)) == ["OSCE", "the organisation"]


def test_bad_roles_are_a_400_naming_the_problem(editor_api_client):
    actor = ActorFactory(name="Olaf Scholz", slug="olaf-scholz")
    other_role = ActorRoleFactory(person=ActorFactory(name="Someone else"))
    url = f"/api/v1/actors/{actor.slug}/"
    bad = [
        [{"title": "Chancellor", "start": "2021-12-08", "end": "2021-01-01"}],
        [{"title": "Chancellor", "organisation": "no-such-actor"}],
        [{"title": "Chancellor", "organisation": actor.slug}],
        [{"id": other_role.pk, "title": "Chancellor"}],
        [{"start": "2021-12-08"}],
    ]

    for roles in bad:
        response = editor_api_client.patch(url, {"roles": roles}, format="json")
        assert response.status_code == 400, (roles, response.content)
        assert "roles" in response.json(), response.json()

    assert not actor.roles.exists()
    assert ActorRole.objects.get(pk=other_role.pk).title == other_role.title


def test_a_read_token_cannot_write_aliases(token_client, editor):
    actor = ActorFactory(name="Boris Johnson", slug="boris-johnson")

    response = token_client(editor, "read").patch(
        f"/api/v1/actors/{actor.slug}/", {"aliases": ["BoJo"]}, format="json"
    )

    assert response.status_code == 403
    assert not Actor.objects.get(pk=actor.pk).aliases.exists()
