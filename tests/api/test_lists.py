"""Filters, incremental sync and cursor paging on the list endpoints."""

import datetime as dt
from base64 import b64encode

import pytest
from django.utils import timezone

from statements.models import Statement
from tests.factories import (
    ActorFactory,
    ActorRoleFactory,
    ArticleFactory,
    ContradictionFactory,
    EventFactory,
    OutletFactory,
    StatementFactory,
    TopicFactory,
)

LISTS = [
    "/api/v1/actors/",
    "/api/v1/topics/",
    "/api/v1/statements/",
    "/api/v1/contradictions/",
    "/api/v1/articles/",
    "/api/v1/events/",
]


def ids(response):
    assert response.status_code == 200, response.content[:300]
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("value", ["yesterday", "2024-13-01T00:00:00Z", "1"])
def test_updated_since_refuses_garbage_with_a_400(api_client, db, path, value):
    response = api_client.get(path, {"updated_since": value})

    assert response.status_code == 400
    assert "updated_since" in response.json()


def test_updated_since_lists_what_changed_including_corrections(editor_api_client):
    old, changed = StatementFactory(), StatementFactory()
    Statement.objects.update(updated_at=timezone.now() - dt.timedelta(days=2))
    cutoff = (timezone.now() - dt.timedelta(days=1)).isoformat()

    assert ids(editor_api_client.get("/api/v1/statements/", {"updated_since": cutoff})) == []
    editor_api_client.patch(
        f"/api/v1/statements/{changed.pk}/", {"content": "Corrected words"}, format="json"
    )

    synced = ids(editor_api_client.get("/api/v1/statements/", {"updated_since": cutoff}))
    assert synced == [changed.pk]
    assert old.pk not in synced


def test_statements_filter_by_affiliation_outlet_status_and_text(api_client, db):
    nato = ActorFactory(name="NATO")
    chief = ActorFactory(name="Jens Stoltenberg")
    ActorRoleFactory(person=chief, organisation=nato)
    member = ActorFactory(name="Spokesperson", parent=nato)
    outsider = ActorFactory(name="Outsider")
    by_chief = StatementFactory(actor=chief, content="Troops massing near the border")
    by_member = StatementFactory(
        actor=member,
        content="Alliance sees no withdrawal",
        article=ArticleFactory(outlet=OutletFactory(name="Reuters")),
        review_status=Statement.Review.CONFIRMED,
    )
    StatementFactory(actor=outsider, content="Unrelated words")

    def listed(**params):
        return sorted(ids(api_client.get("/api/v1/statements/", params)))

    assert listed(affiliation="nato") == sorted([by_chief.pk, by_member.pk])
    assert listed(outlet="reuters") == [by_member.pk]
    assert listed(status="confirmed") == [by_member.pk]
    assert listed(q="massing border") == [by_chief.pk]


def test_contradictions_filter_by_stance_outlet_and_text(api_client, db):
    mine = ContradictionFactory()
    ContradictionFactory(
        statement_a=StatementFactory(stance="denying", content="Nothing to see here")
    )

    def listed(**params):
        return ids(api_client.get("/api/v1/contradictions/", params))

    assert listed(stance="pulling back") == [mine.pk]
    assert listed(q="military buildup") != []
    assert mine.pk in listed(outlet=mine.statement_a.article.outlet.name)


def test_statements_ordered_by_date_page_through_undated_ones(api_client, db):
    dated = [StatementFactory(said_on=dt.date(2022, 2, d)) for d in (3, 1, 2)]
    undated = [StatementFactory(said_on=None) for _ in range(3)]

    seen, url, params = [], "/api/v1/statements/", {"ordering": "-said_on", "page_size": 2}
    while url:
        body = api_client.get(url, params).json()
        seen += [row["id"] for row in body["results"]]
        url, params = body["next"], None

    assert seen == [dated[0].pk, dated[2].pk, dated[1].pk] + sorted(
        (s.pk for s in undated), reverse=True
    )


def test_a_forged_cursor_position_is_a_400(api_client, db):
    StatementFactory()
    for position in ("p=not-a-date", "p=2022-01-01%00"):
        cursor = b64encode(position.encode()).decode()
        response = api_client.get("/api/v1/statements/", {"ordering": "said_on", "cursor": cursor})
        assert response.status_code == 400, position


def test_events_filter_by_topic_actor_and_dates(api_client, db):
    topic = TopicFactory()
    actor = ActorFactory()
    early = EventFactory(topic=topic, occurred_on=dt.date(2022, 1, 1))
    late = EventFactory(topic=None, occurred_on=dt.date(2022, 3, 1))
    late.actors.add(actor)

    def listed(**params):
        return ids(api_client.get("/api/v1/events/", params))

    assert listed(topic=topic.slug) == [early.pk]
    assert listed(actor=actor.slug) == [late.pk]
    assert listed(occurred_after="2022-02-01") == [late.pk]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/api/v1/actors/", lambda: ActorRoleFactory(organisation=ActorFactory())),
        (
            "/api/v1/topics/",
            lambda: TopicFactory(
                slug=f"t{TopicFactory._meta.model.objects.count()}",
                name=f"T{TopicFactory._meta.model.objects.count()}",
            ),
        ),
        ("/api/v1/statements/", lambda: StatementFactory(topic=TopicFactory())),
        ("/api/v1/contradictions/", ContradictionFactory),
        ("/api/v1/articles/", lambda: StatementFactory().article),
        ("/api/v1/events/", lambda: EventFactory().actors.add(ActorFactory())),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_each_list_costs_a_constant_number_of_queries(
    api_client, db, django_assert_max_num_queries, path, make, fmt
):
    for _ in range(3):
        make()
    with django_assert_max_num_queries(4):
        assert api_client.get(path, {"format": fmt}).status_code == 200
    for _ in range(12):
        make()
    with django_assert_max_num_queries(4):
        response = api_client.get(path, {"format": fmt, "updated_since": "2000-01-01T00:00:00Z"})
    assert response.status_code == 200
    if fmt == "json":
        assert len(response.json()["results"]) >= 15
    else:
        assert len(response.content.decode().strip().splitlines()) >= 16


def test_webhook_list_costs_a_constant_number_of_queries(
    token_client, editor, django_assert_max_num_queries
):
    from statements.models import Webhook

    client = token_client(editor)
    for n in range(20):
        Webhook.objects.create(owner=editor, url=f"https://93.184.215.14/{n}", events=["a"])
    # Authentication (token lookup) plus the page.
    with django_assert_max_num_queries(3):
        assert len(client.get("/api/v1/webhooks/").json()["results"]) == 20


def test_updated_since_accepts_any_offset_python_can_read(api_client, db):
    # PostgreSQL refuses offsets past ±15:59; the filter converts to UTC first.
    response = api_client.get("/api/v1/statements/", {"updated_since": "2501-09-26T14:28:19-19:23"})

    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize("by", ["slug", "id"])
def test_a_topic_filter_pages_through_the_topic_index(api_client, db, by):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    small = TopicFactory(name="Grain corridor", slug="grain-corridor")
    mine = StatementFactory(topic=small)
    StatementFactory(topic=TopicFactory())

    with CaptureQueriesContext(connection) as captured:
        response = api_client.get("/api/v1/statements/", {"topic": getattr(small, by)})

    assert ids(response) == [mine.pk]
    page_sql = captured.captured_queries[-1]["sql"]
    # The topic's id is compared as a value the planner can weigh (the slug through a
    # STABLE function it evaluates while planning), never joined on the slug.
    if by == "slug":
        assert len(captured.captured_queries) == 1
        assert "\"topic_id\" = (statements_topic_id_by_slug('grain-corridor'))" in page_sql
    else:
        assert f'"statements_statement"."topic_id" IN ({small.pk})' in page_sql
    with connection.cursor() as cursor:
        # A near-empty table is cheapest to scan; forbid that to see the index serves it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {page_sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "statement_topic_id" in plan, plan


def test_a_numeric_topic_value_matches_an_id_or_a_numeric_slug(api_client, db):
    numbered = TopicFactory(name="Topic 2024", slug="2024")
    by_id = TopicFactory(name="Another topic", slug="another-topic")
    in_numbered = StatementFactory(topic=numbered)
    in_other = StatementFactory(topic=by_id)

    assert ids(api_client.get("/api/v1/statements/", {"topic": "2024"})) == [in_numbered.pk]
    assert ids(api_client.get("/api/v1/statements/", {"topic": str(by_id.pk)})) == [in_other.pk]
    assert ids(api_client.get("/api/v1/statements/", {"topic": "no-such-topic"})) == []


def test_a_filter_left_out_filters_nothing_and_a_bad_one_is_still_a_400(api_client, db):
    first, second = StatementFactory(), StatementFactory()

    assert ids(api_client.get("/api/v1/statements/", {"kind": "paraphrase"})) == [
        first.pk,
        second.pk,
    ]
    response = api_client.get("/api/v1/statements/", {"kind": "paraphrase", "stance": ""})
    assert ids(response) == [first.pk, second.pk]
    response = api_client.get("/api/v1/statements/", {"said_after": "soon", "kind": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"said_after", "kind"}


def test_contradictions_filter_by_topic_slug_or_id(api_client, db):
    grain = TopicFactory(name="Grain corridor", slug="grain-corridor")
    in_grain = ContradictionFactory(topic=grain)
    ContradictionFactory(topic=TopicFactory())

    for value in ("grain-corridor", str(grain.pk)):
        assert ids(api_client.get("/api/v1/contradictions/", {"topic": value})) == [in_grain.pk]
    assert ids(api_client.get("/api/v1/contradictions/", {"topic": "no-such-topic"})) == []
