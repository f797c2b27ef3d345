import datetime as dt

import pytest
from django.urls import reverse

from statements.models import Actor, Contradiction, Statement
from statements.services.tokens import api_token_create
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ActorRoleFactory,
    ArticleFactory,
    ContradictionFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def ids(response):
    return [row["id"] for row in response.json()["results"]]


def error_text(response):
    return str(response.json())


# --- reading ------------------------------------------------------------------


def test_actor_list_is_paginated_and_embeds_aliases_and_roles(api_client):
    nato = ActorFactory(name="NATO", kind=Actor.Kind.ALLIANCE)
    person = ActorFactory(name="Jens Stoltenberg")
    ActorAliasFactory(actor=person, text="Stoltenberg")
    ActorRoleFactory(person=person, organisation=nato, title="Secretary-General")

    response = api_client.get("/api/v1/actors/")

    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == 2
    assert {"next", "previous", "results"} <= set(body)
    row = next(r for r in body["results"] if r["slug"] == "jens-stoltenberg")
    assert row["aliases"] == [{"id": person.aliases.get().id, "text": "Stoltenberg"}]
    assert row["roles"][0]["title"] == "Secretary-General"
    assert row["roles"][0]["organisation"]["slug"] == "nato"


def test_actor_detail_is_looked_up_by_slug(api_client):
    ActorFactory(name="Jens Stoltenberg")

    response = api_client.get("/api/v1/actors/jens-stoltenberg/")

    assert response.status_code == 200
    assert response.json()["name"] == "Jens Stoltenberg"


def test_actors_filter_by_kind_and_name(api_client):
    nato = ActorFactory(name="NATO", kind=Actor.Kind.ALLIANCE)
    person = ActorFactory(name="Jens Stoltenberg")
    ActorAliasFactory(actor=person, text="The NATO chief")

    assert ids(api_client.get("/api/v1/actors/", {"kind": "alliance"})) == [nato.id]
    assert ids(api_client.get("/api/v1/actors/", {"q": "stolten"})) == [person.id]
    # An alias counts as a name, and an actor matching twice is listed once.
    assert sorted(ids(api_client.get("/api/v1/actors/", {"q": "nato"}))) == sorted(
        [nato.id, person.id]
    )


def test_page_size_is_fifty_with_a_cursor_next_link(api_client):
    ActorFactory.create_batch(51)

    body = api_client.get("/api/v1/actors/").json()

    assert len(body["results"]) == 50
    assert "cursor=" in body["next"]
    rest = api_client.get(body["next"]).json()
    assert len(rest["results"]) == 1
    assert rest["next"] is None


def test_topics_are_looked_up_by_slug(api_client):
    topic = TopicFactory()

    assert api_client.get("/api/v1/topics/").json()["results"][0]["slug"] == topic.slug
    response = api_client.get(f"/api/v1/topics/{topic.slug}/")
    assert response.status_code == 200
    assert response.json()["stance_a"] == "pulling back"


def test_statement_embeds_actor_topic_and_article(api_client):
    statement = StatementFactory(topic=TopicFactory(), stance="building up")

    row = api_client.get(f"/api/v1/statements/{statement.pk}/").json()

    assert row["actor"] == {
        "id": statement.actor.id,
        "slug": statement.actor.slug,
        "name": statement.actor.name,
    }
    assert row["topic"]["slug"] == "russian-troop-posture"
    assert row["article"]["outlet"] == statement.article.outlet.name
    assert row["article"]["url"] == statement.article.url
    assert row["said_on"] == "2022-02-16"


@pytest.mark.parametrize("key", ["slug", "id"])
def test_statements_filter_by_actor_slug_or_id(api_client, key):
    mine = StatementFactory()
    StatementFactory()

    response = api_client.get("/api/v1/statements/", {"actor": getattr(mine.actor, key)})

    assert ids(response) == [mine.id]


def test_statements_filter_by_topic_kind_stance_article_and_review_status(api_client):
    topic = TopicFactory()
    quoted = StatementFactory(topic=topic, stance="pulling back", kind=Statement.Kind.DIRECT_QUOTE)
    other = StatementFactory(review_status=Statement.Review.CONFIRMED)

    def listed(**params):
        return ids(api_client.get("/api/v1/statements/", params))

    assert listed(topic=topic.slug) == [quoted.id]
    assert listed(topic=topic.id) == [quoted.id]
    assert listed(kind="direct_quote") == [quoted.id]
    assert listed(stance="pulling back") == [quoted.id]
    assert listed(article=other.article_id) == [other.id]
    assert listed(review_status="confirmed") == [other.id]


def test_statements_filter_by_said_on_range(api_client):
    early = StatementFactory(said_on=dt.date(2022, 2, 1))
    late = StatementFactory(said_on=dt.date(2022, 2, 20))
    StatementFactory(said_on=None)

    def listed(**params):
        return ids(api_client.get("/api/v1/statements/", params))

    assert listed(said_after="2022-02-10") == [late.id]
    assert listed(said_before="2022-02-10") == [early.id]
    assert listed(said_after="2022-02-01", said_before="2022-02-20") == [early.id, late.id]


def test_statements_can_be_ordered(api_client):
    early = StatementFactory(said_on=dt.date(2022, 2, 1))
    late = StatementFactory(said_on=dt.date(2022, 2, 20))

    assert ids(api_client.get("/api/v1/statements/", {"ordering": "-said_on"})) == [
        late.id,
        early.id,
    ]


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/statements/", {"said_after": "16/02/2022"}, "said_after"),
        ("/api/v1/statements/", {"kind": "rumour"}, "kind"),
        ("/api/v1/statements/", {"review_status": "maybe"}, "review_status"),
        ("/api/v1/statements/", {"article": "abc"}, "article"),
        ("/api/v1/statements/", {"ordering": "password"}, "ordering"),
        ("/api/v1/contradictions/", {"status": "open"}, "status"),
        ("/api/v1/contradictions/", {"detected_after": "yesterday"}, "detected_after"),
        ("/api/v1/actors/", {"kind": "alien"}, "kind"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_parameter(api_client, path, params, field):
    response = api_client.get(path, params)

    assert response.status_code == 400
    assert field in response.json()


def test_contradiction_embeds_both_statements(api_client):
    contradiction = ContradictionFactory()

    row = api_client.get(f"/api/v1/contradictions/{contradiction.pk}/").json()

    for side in ("statement_a", "statement_b"):
        statement = getattr(contradiction, side)
        embedded = row[side]
        assert embedded["id"] == statement.id
        assert embedded["actor"] == {
            "id": statement.actor.id,
            "slug": statement.actor.slug,
            "name": statement.actor.name,
        }
        assert embedded["content"] == statement.content
        assert embedded["said_on"] == "2022-02-16"
        assert embedded["date_precision"] == "day"
        assert embedded["kind"] == "paraphrase"
        assert embedded["article"] == {
            "id": statement.article.id,
            "title": statement.article.title,
            "url": statement.article.url,
            "outlet": statement.article.outlet.name,
            "published_at": "2022-02-16T07:31:00Z",
        }
    assert row["topic"]["slug"] == "russian-troop-posture"
    assert row["status"] == "detected"


def test_contradictions_filter_by_topic_actor_status_kind_and_dates(api_client):
    topic = TopicFactory()
    mine = ContradictionFactory(topic=topic)
    other = ContradictionFactory(
        topic=None,
        status=Contradiction.Status.CONFIRMED,
        kind=Contradiction.Kind.DENIAL,
        statement_a__said_on=dt.date(2021, 12, 1),
        statement_b__said_on=dt.date(2021, 12, 2),
    )
    Contradiction.objects.filter(pk=other.pk).update(
        detected_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC)
    )

    def listed(**params):
        return ids(api_client.get("/api/v1/contradictions/", params))

    assert listed(topic=topic.slug) == [mine.id]
    # Either side of the pair matches the actor.
    assert listed(actor=mine.statement_a.actor.slug) == [mine.id]
    assert listed(actor=mine.statement_b.actor.id) == [mine.id]
    assert listed(status="confirmed") == [other.id]
    assert listed(kind="denial") == [other.id]
    assert listed(detected_before="2022-01-02") == [other.id]
    assert listed(detected_after="2022-01-02") == [mine.id]
    assert listed(said_before="2021-12-31") == [other.id]
    assert listed(said_after="2022-01-01") == [mine.id]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/api/v1/actors/", lambda: ActorRoleFactory(organisation=ActorFactory())),
        ("/api/v1/statements/", lambda: StatementFactory(topic=TopicFactory())),
        ("/api/v1/contradictions/", ContradictionFactory),
        ("/api/v1/articles/", lambda: StatementFactory().article),
    ],
)
def test_list_endpoints_run_a_constant_number_of_queries(
    api_client, django_assert_max_num_queries, path, make
):
    for _ in range(3):
        make()
    with django_assert_max_num_queries(4):
        assert api_client.get(path).status_code == 200
    for _ in range(10):
        make()
    with django_assert_max_num_queries(4):
        response = api_client.get(path)
    assert len(response.json()["results"]) >= 13


# --- writing ------------------------------------------------------------------

ACTOR = {"name": "Dmitry Peskov", "slug": "dmitry-peskov", "kind": "person"}


def test_anonymous_cannot_write(api_client):
    response = api_client.post("/api/v1/actors/", ACTOR, format="json")

    assert response.status_code in (401, 403)
    assert not Actor.objects.exists()


def test_a_reader_without_permissions_cannot_write(api_client, reader):
    api_client.force_authenticate(reader)

    assert api_client.get("/api/v1/actors/").status_code == 200
    assert api_client.post("/api/v1/actors/", ACTOR, format="json").status_code == 403


def test_an_editor_creates_and_updates_an_actor(editor_api_client):
    created = editor_api_client.post("/api/v1/actors/", ACTOR, format="json")
    assert created.status_code == 201, created.content

    updated = editor_api_client.patch(
        "/api/v1/actors/dmitry-peskov/", {"description": "Kremlin spokesman"}, format="json"
    )

    assert updated.status_code == 200
    assert Actor.objects.get(slug="dmitry-peskov").description == "Kremlin spokesman"


def test_an_editor_cannot_delete(editor_api_client):
    ActorFactory(name="Jens Stoltenberg")

    response = editor_api_client.delete("/api/v1/actors/jens-stoltenberg/")

    assert response.status_code in (403, 405)
    assert Actor.objects.filter(slug="jens-stoltenberg").exists()


def test_an_editor_creates_a_topic(editor_api_client):
    response = editor_api_client.post(
        "/api/v1/topics/",
        {"name": "Sanctions", "slug": "sanctions", "stance_a": "easing", "stance_b": "tightening"},
        format="json",
    )

    assert response.status_code == 201, response.content
    assert response.json()["slug"] == "sanctions"


def test_token_authentication_lets_an_editor_write(api_client, editor):
    _, key = api_token_create(user=editor, name="newsroom", scope="read_write")
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")

    response = api_client.post("/api/v1/actors/", ACTOR, format="json")

    assert response.status_code == 201


def test_a_bad_token_is_refused(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert api_client.post("/api/v1/actors/", ACTOR, format="json").status_code == 401


def test_an_editor_adds_a_statement_through_the_service(editor_api_client):
    article = ArticleFactory(text="Dmitry Peskov said that troops will return to their bases.")
    actor = ActorFactory(name="Dmitry Peskov")

    response = editor_api_client.post(
        "/api/v1/statements/",
        {
            "article": article.id,
            "actor": actor.slug,
            "content": "troops will return to their bases",
            "said_on": "2022-02-15",
            "date_precision": "day",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["origin"] == "editor"
    assert body["actor"]["slug"] == "dmitry-peskov"
    # The service located the words in the article text.
    assert body["content_start"] == article.text.index("troops")


def test_statement_create_refusals_from_the_service_are_400(editor_api_client):
    article = ArticleFactory(text="Short text.")

    response = editor_api_client.post(
        "/api/v1/statements/",
        {"article": article.id, "content": "words", "content_start": 0, "content_end": 500},
        format="json",
    )

    assert response.status_code == 400
    assert "inside the article text" in error_text(response)


def test_statement_create_needs_an_existing_article(editor_api_client):
    response = editor_api_client.post(
        "/api/v1/statements/", {"article": 999999, "content": "words"}, format="json"
    )

    assert response.status_code == 400
    assert "article" in response.json()


def test_an_editor_corrects_a_statement(editor_api_client):
    statement = StatementFactory()

    response = editor_api_client.patch(
        f"/api/v1/statements/{statement.pk}/", {"said_on": "2022-02-17"}, format="json"
    )

    assert response.status_code == 200, response.content
    assert response.json()["said_on"] == "2022-02-17"
    assert response.json()["review_status"] == "corrected"


def test_a_reader_cannot_correct_a_statement(api_client, reader):
    statement = StatementFactory()
    api_client.force_authenticate(reader)

    response = api_client.patch(
        f"/api/v1/statements/{statement.pk}/", {"content": "x"}, format="json"
    )

    assert response.status_code == 403


@pytest.mark.parametrize(("verb", "expected"), [("confirm", "confirmed"), ("dismiss", "dismissed")])
def test_an_editor_reviews_a_contradiction(editor_api_client, editor, verb, expected):
    contradiction = ContradictionFactory()

    response = editor_api_client.post(
        f"/api/v1/contradictions/{contradiction.pk}/{verb}/",
        {"note": "Checked both sources."},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == expected
    assert response.json()["reviewer"] == editor.username
    contradiction.refresh_from_db()
    assert contradiction.status == expected
    assert contradiction.note == "Checked both sources."


def test_the_review_note_is_optional(editor_api_client):
    contradiction = ContradictionFactory()

    response = editor_api_client.post(f"/api/v1/contradictions/{contradiction.pk}/confirm/")

    assert response.status_code == 200


def test_anonymous_and_readers_cannot_review(api_client, reader):
    contradiction = ContradictionFactory()
    url = f"/api/v1/contradictions/{contradiction.pk}/confirm/"

    assert api_client.post(url).status_code in (401, 403)
    api_client.force_authenticate(reader)
    assert api_client.post(url).status_code == 403
    contradiction.refresh_from_db()
    assert contradiction.status == "detected"


# --- schema -------------------------------------------------------------------


def test_the_schema_is_openapi_3(api_client):
    response = api_client.get(reverse("schema"), {"format": "json"})

    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/contradictions/{id}/confirm/" in schema["paths"]
    assert "202" in schema["paths"]["/api/v1/articles/"]["post"]["responses"]


def test_the_docs_page_renders(client):
    assert client.get(reverse("api-docs")).status_code == 200
