import datetime as dt

from statements.models import Contradiction, Event, Proposition
from tests.factories import (
    ActorFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
    TopicFactory,
)

EVENT = {
    "title": "Russia invades Ukraine",
    "occurred_on": "2022-02-24",
    "topic": "russian-troop-posture",
    "confirms_stance": "b",
    "source_url": "https://news.example/invasion",
}


def test_an_editor_records_an_event_kept_in_history(editor_api_client, editor):
    TopicFactory()
    actor = ActorFactory(name="Vladimir Putin")

    response = editor_api_client.post(
        "/api/v1/events/", {**EVENT, "actors": [actor.slug]}, format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["slug"] == "russia-invades-ukraine"
    assert body["actors"] == [actor.slug]
    assert body["created_by"] == editor.username
    event = Event.objects.get()
    # Created, then its actors set: both entries carry the editor, the latest the actors.
    assert {change.history_user for change in event.history.all()} == {editor}
    assert [a.actor_id for a in event.history.latest().actors.all()] == [actor.pk]


def test_an_editor_corrects_and_deletes_an_event(editor_api_client, editor):
    event = EventFactory()
    url = f"/api/v1/events/{event.slug}/"

    response = editor_api_client.patch(url, {"title": "Full-scale invasion"}, format="json")
    assert response.status_code == 200
    assert response.json()["title"] == "Full-scale invasion"

    assert editor_api_client.delete(url).status_code == 204
    assert not Event.objects.exists()
    # The deletion is in history, with who did it.
    deleted = Event.history.filter(id=event.pk, history_type="-").get()
    assert deleted.history_user == editor


def test_a_stance_without_a_topic_is_a_400(editor_api_client):
    response = editor_api_client.post("/api/v1/events/", {**EVENT, "topic": None}, format="json")

    assert response.status_code == 400
    assert "confirms_stance" in response.json()


def test_readers_list_events_but_cannot_write(api_client, reader):
    EventFactory()
    assert len(api_client.get("/api/v1/events/").json()["results"]) == 1
    api_client.force_authenticate(reader)
    TopicFactory()
    assert api_client.post("/api/v1/events/", EVENT, format="json").status_code == 403


def test_topics_embed_their_propositions_and_editors_replace_them(editor_api_client, editor):
    topic = TopicFactory()
    Proposition.objects.create(topic=topic, text="Old claim", supported_by_stance="a")
    url = f"/api/v1/topics/{topic.slug}/"
    before = editor_api_client.get(url).json()
    assert [p["text"] for p in before["propositions"]] == ["Old claim"]

    response = editor_api_client.patch(
        url,
        {
            "propositions": [
                {"text": "Russian forces are withdrawing", "supported_by_stance": "a"},
                {"text": "Russia is massing troops", "supported_by_stance": "b"},
            ]
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert {p["text"] for p in response.json()["propositions"]} == {
        "Russian forces are withdrawing",
        "Russia is massing troops",
    }
    assert not Proposition.objects.filter(text="Old claim").exists()
    assert Proposition.history.filter(text="Old claim", history_type="-").exists()
    # A proposition change shows up in incremental sync of topics.
    since = before["updated_at"]
    synced = editor_api_client.get("/api/v1/topics/", {"updated_since": since}).json()
    assert [t["slug"] for t in synced["results"]] == [topic.slug]


def test_a_bad_proposition_stance_is_a_400_and_changes_nothing(editor_api_client):
    topic = TopicFactory()

    response = editor_api_client.patch(
        f"/api/v1/topics/{topic.slug}/",
        {"name": "Renamed", "propositions": [{"text": "X", "supported_by_stance": "c"}]},
        format="json",
    )

    assert response.status_code == 400
    topic.refresh_from_db()
    assert topic.name != "Renamed"


def test_editors_set_a_topics_event_window_and_a_negative_one_is_a_400(editor_api_client):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"
    assert editor_api_client.get(url).json()["event_window_days"] == 365

    bad = editor_api_client.patch(url, {"event_window_days": -5}, format="json")
    good = editor_api_client.patch(url, {"event_window_days": 90}, format="json")

    assert bad.status_code == 400 and "event_window_days" in bad.json()
    assert good.status_code == 200 and good.json()["event_window_days"] == 90
    topic.refresh_from_db()
    assert topic.event_window_days == 90


def test_an_event_contradiction_has_no_statement_b_but_the_event(api_client, db):
    event = EventFactory(occurred_on=dt.date(2022, 2, 24))
    claim = StatementFactory(stance="pulling back")
    contradiction = Contradiction.objects.create(
        statement_a=claim, event=event, kind=Contradiction.Kind.EVENT, topic=event.topic
    )

    body = api_client.get(f"/api/v1/contradictions/{contradiction.pk}/").json()

    assert body["kind"] == "event"
    assert body["statement_b"] is None
    assert body["event"]["slug"] == event.slug
    assert body["event"]["occurred_on"] == "2022-02-24"
    listed = api_client.get("/api/v1/contradictions/", {"event": event.slug}).json()
    assert [c["id"] for c in listed["results"]] == [contradiction.pk]
    # A pair contradiction has no event.
    pair = ContradictionFactory()
    assert api_client.get(f"/api/v1/contradictions/{pair.pk}/").json()["event"] is None


def test_the_schema_says_statement_b_is_nullable_and_event_is_embedded(api_client, db):
    schema = api_client.get("/api/schema/", {"format": "json"}).json()
    props = schema["components"]["schemas"]["Contradiction"]["properties"]

    assert props["statement_b"]["nullable"] is True
    assert props["event"]["nullable"] is True
    assert props["event"]["allOf"] == [{"$ref": "#/components/schemas/EventRef"}]
    assert not props["statement_a"].get("nullable")
