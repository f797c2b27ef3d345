"""Each contradiction's copy of its claims' actor, outlet and date said stays in step with
the statements on every write path: creation, correction, detection against events, full
re-detection, merges and splits of appearances, the admin, the synthetic corpus, the API
benchmark's fill, the migration that filled the rows already stored and the import of a
backup made before it."""

import datetime as dt
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.urls import reverse

from sources.models import Article
from statements.models import CLAIM_COLUMNS, Contradiction, Statement
from statements.services import (
    contradiction_review,
    contradictions_detect_all,
    statement_appearance_split,
    statement_create,
    statement_update,
    statements_merge,
)
from statements.services.appearances import appearance_record
from statements.services.contradictions import contradictions_detect_for_event
from tests.factories import (
    ActorFactory,
    ArticleFactory,
    ContradictionFactory,
    EditorFactory,
    EventFactory,
    OutletFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "Russia's defense ministry said on Tuesday that troops have begun to return to their bases. "
    "NATO Secretary-General Jens Stoltenberg said on Wednesday that Russia continues the "
    "military buildup."
)
PULLBACK = "troops have begun to return to their bases"
BUILDUP = "Russia continues the military buildup"


def _expected(statement: Statement | None) -> tuple:
    if statement is None:
        return (None, None, None)
    return (statement.actor_id, statement.article.outlet_id, statement.said_on)


def assert_in_step(*, at_least: int = 1) -> list[Contradiction]:
    """Every contradiction's copies equal its statements' current values."""
    rows = list(
        Contradiction.objects.select_related(
            "statement_a__article", "statement_b__article"
        ).order_by("pk")
    )
    assert len(rows) >= at_least
    for c in rows:
        copied_a = (c.actor_a_id, c.outlet_a_id, c.said_on_a)
        copied_b = (c.actor_b_id, c.outlet_b_id, c.said_on_b)
        assert copied_a == _expected(c.statement_a), c
        assert copied_b == _expected(c.statement_b), c
    return rows


@pytest.fixture
def topic():
    return TopicFactory()


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT, published_at=dt.datetime(2022, 2, 16, tzinfo=dt.UTC))


def _create(article, actor, content, said_on):
    return statement_create(
        article=article,
        actor=actor,
        content=content,
        said_on=dt.date.fromisoformat(said_on),
        date_precision="day",
    )


def _pair(article):
    moscow, nato = ActorFactory(name="Moscow MoD"), ActorFactory(name="NATO chief")
    pullback = _create(article, moscow, PULLBACK, "2022-02-15")
    buildup = _create(article, nato, BUILDUP, "2022-02-16")
    return pullback, buildup


def test_a_detected_contradiction_copies_both_claims(topic, article):
    pullback, buildup = _pair(article)

    (c,) = assert_in_step()
    assert {c.actor_a_id, c.actor_b_id} == {pullback.actor_id, buildup.actor_id}
    assert {c.said_on_a, c.said_on_b} == {dt.date(2022, 2, 15), dt.date(2022, 2, 16)}
    assert c.outlet_a_id == c.outlet_b_id == article.outlet_id is not None


def test_a_correction_of_speaker_and_date_reaches_a_reviewed_contradiction(topic, article, client):
    pullback, _buildup = _pair(article)
    contradiction_review(
        contradiction=Contradiction.objects.get(), status="confirmed", user=EditorFactory()
    )
    old_actor, new_actor = pullback.actor, ActorFactory(name="Kremlin", slug="kremlin")

    statement_update(statement=pullback, actor=new_actor, said_on=dt.date(2022, 2, 14))

    (c,) = assert_in_step()
    assert c.status == "confirmed"
    assert new_actor.pk in (c.actor_a_id, c.actor_b_id)
    assert dt.date(2022, 2, 14) in (c.said_on_a, c.said_on_b)
    # The overview's filters follow the correction.
    overview = reverse("statements:overview")
    assert f"/contradictions/{c.pk}/" in client.get(overview, {"actor": "kremlin"}).text
    assert f"/contradictions/{c.pk}/" not in client.get(overview, {"actor": old_actor.slug}).text
    in_range = {"date_from": "2022-02-14", "date_to": "2022-02-14"}
    assert f"/contradictions/{c.pk}/" in client.get(overview, in_range).text


def test_a_claim_held_against_an_event_has_an_empty_second_side(topic, article):
    claim = _create(article, ActorFactory(), PULLBACK, "2022-02-15")
    event = EventFactory(topic=topic, confirms_stance="b", occurred_on=dt.date(2022, 2, 24))

    found = contradictions_detect_for_event(event=event)

    assert [c.statement_a_id for c in found] == [claim.pk]
    (c,) = assert_in_step()
    assert c.event_id == event.pk and c.actor_a_id == claim.actor_id
    assert (c.actor_b_id, c.outlet_b_id, c.said_on_b) == (None, None, None)


def test_full_redetection_copies_the_claims_of_the_pairs_it_creates(topic, article):
    _pair(article)
    Contradiction.objects.all().delete()

    contradictions_detect_all()

    (c,) = assert_in_step()
    assert c.actor_a_id is not None and c.actor_b_id is not None


def test_a_merge_moves_a_reviewed_contradiction_with_the_kept_statements_values(topic, article):
    pullback, buildup = _pair(article)
    contradiction_review(
        contradiction=Contradiction.objects.get(), status="confirmed", user=EditorFactory()
    )
    elsewhere = ArticleFactory(text=f"A later report: {PULLBACK}.", outlet=OutletFactory())
    keep = StatementFactory(
        article=elsewhere,
        actor=ActorFactory(name="Defence ministry"),
        content=PULLBACK,
        said_on=dt.date(2022, 2, 13),
        topic=None,
        stance="",
    )

    statements_merge(keep=keep, other=pullback)

    (c,) = assert_in_step()
    assert {c.statement_a_id, c.statement_b_id} == {keep.pk, buildup.pk}
    assert keep.actor_id in (c.actor_a_id, c.actor_b_id)
    assert elsewhere.outlet_id in (c.outlet_a_id, c.outlet_b_id)
    assert dt.date(2022, 2, 13) in (c.said_on_a, c.said_on_b)


def test_a_split_appearance_is_compared_with_its_own_outlet(topic, article):
    pullback, _buildup = _pair(article)
    wire = OutletFactory(name="Wire")
    copy = ArticleFactory(text=f"{TEXT} (Wire copy.)", outlet=wire)
    source = Statement(
        article=copy,
        content=pullback.content,
        content_start=pullback.content_start,
        content_end=pullback.content_end,
    )
    appearance = appearance_record(statement=pullback, source=source)

    split = statement_appearance_split(appearance=appearance)

    rows = assert_in_step(at_least=2)
    mine = [c for c in rows if split.pk in (c.statement_a_id, c.statement_b_id)]
    assert mine and all(wire.pk in (c.outlet_a_id, c.outlet_b_id) for c in mine)


def test_editing_in_the_admin_keeps_the_copies_in_step(rf):
    contradiction = ContradictionFactory()
    statement = contradiction.statement_a
    request = rf.post("/admin/")
    request.user = EditorFactory()
    statement.actor = ActorFactory()
    statement.said_on = dt.date(2021, 1, 1)
    site._registry[Statement].save_model(
        request, statement, SimpleNamespace(changed_data=["actor", "said_on"]), True
    )
    assert_in_step()

    # An article moved to another outlet: its statements' contradictions follow.
    moved = contradiction.statement_b.article
    moved.outlet = OutletFactory(name="Renamed desk")
    moved.save()
    form = SimpleNamespace(instance=moved, save_m2m=lambda: None)
    site._registry[Article].save_related(request, form, [], True)
    (c,) = assert_in_step()
    assert c.outlet_b_id == moved.outlet_id

    # A contradiction pointed at another statement.
    other = StatementFactory(actor=ActorFactory())
    contradiction.statement_b = other
    site._registry[Contradiction].save_model(request, contradiction, None, True)
    (c,) = assert_in_step()
    assert c.actor_b_id == other.actor_id


def test_the_synthetic_corpus_is_loaded_with_its_copies_in_step():
    call_command("seed_synthetic", statements=300, stdout=io.StringIO())

    rows = assert_in_step(at_least=10)
    assert any(c.actor_b_id for c in rows) and any(c.event_id for c in rows)


def test_the_api_benchmark_fill_writes_the_copies_in_step():
    from statements.api.benchmark.fill import fill

    fill(statements=400, log=lambda *_: None)

    rows = assert_in_step(at_least=4)
    assert all(c.actor_a_id and c.actor_b_id and c.outlet_a_id for c in rows)


def test_the_migration_fills_the_copies_of_rows_already_stored():
    ContradictionFactory.create_batch(3)
    ContradictionFactory(statement_b=None, event=EventFactory(), kind="event")
    Contradiction.objects.update(**dict.fromkeys(CLAIM_COLUMNS))
    migration = importlib.import_module("statements.migrations.0009_contradiction_claim_columns")

    migration.backfill(apps, schema_editor=None)

    rows = assert_in_step(at_least=4)
    assert all(c.actor_a_id for c in rows)
