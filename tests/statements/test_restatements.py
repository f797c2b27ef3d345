"""A headline restating its article's body is not flagged; the body's statement is."""

import datetime as dt

import pytest
from django.db.models import Q

from statements.models import Actor, Contradiction, Statement
from statements.selectors.detection_claims import claim_rows
from statements.selectors.restatements import is_restatement
from statements.services import (
    actors_load_catalogue,
    contradictions_detect_all,
    statement_create,
    statements_extract_for_article,
    topics_load_catalogue,
)
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db

ADDED_TITLE = "U.S. says Russia has added troops near Ukraine despite pullback claims"
ADDED = (
    f"{ADDED_TITLE}\n\n"
    "WASHINGTON, Feb. 17 -- Secretary of State Antony Blinken said on Wednesday that Russia "
    "has added as many as 7,000 more troops along its border with Ukraine in recent days.\n"
)
BASES_TITLE = "Russia says units return to bases after drills"
BASES = (
    f"{BASES_TITLE}\n\n"
    "MOSCOW, Feb. 16 -- Russia's defense ministry said on Wednesday that more units were "
    "returning to their bases after completing drills in Crimea.\n"
)
# The headline's claim is nowhere in the body, which is about something else.
ONLY_TITLE = "NATO says Russia is still building up troops near Ukraine"
ONLY = (
    f"{ONLY_TITLE}\n\n"
    "BRUSSELS, Feb. 16 -- Diplomats said on Wednesday that foreign ministers would meet in "
    "Munich at the weekend.\n"
)


@pytest.fixture
def catalogues(settings):
    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")


def ingest(title, text, day):
    article = ArticleFactory(
        title=title,
        text=text,
        published_at=dt.datetime(2022, 2, day, 9, 0, tzinfo=dt.UTC),
    )
    stored, _ = statements_extract_for_article(article=article)
    return article, stored


def headline_of(article):
    return Statement.objects.get(article=article, content_start__lt=len(article.title))


def flagged(statement):
    return Contradiction.objects.filter(Q(statement_a=statement) | Q(statement_b=statement))


def test_a_headline_restating_its_body_is_not_flagged_but_the_body_is(catalogues):
    bases, _ = ingest(BASES_TITLE, BASES, 16)
    added, _ = ingest(ADDED_TITLE, ADDED, 17)
    headline, body_claim = headline_of(added), added.statements.get(content__contains="7,000")
    assert headline.stance == body_claim.stance == "building up"
    assert is_restatement(headline) and not is_restatement(body_claim)

    pullback = bases.statements.exclude(pk=headline_of(bases).pk).get()
    assert flagged(body_claim).filter(Q(statement_a=pullback) | Q(statement_b=pullback)).exists()
    assert not flagged(headline).exists()
    assert not flagged(headline_of(bases)).exists()


def test_full_redetection_leaves_restating_headlines_out_too(catalogues):
    bases, _ = ingest(BASES_TITLE, BASES, 16)
    added, _ = ingest(ADDED_TITLE, ADDED, 17)
    before = set(Contradiction.objects.values_list("statement_a", "statement_b"))
    Contradiction.objects.all().delete()

    contradictions_detect_all()

    assert set(Contradiction.objects.values_list("statement_a", "statement_b")) == before
    assert not flagged(headline_of(added)).exists()


def test_a_headline_the_body_does_not_repeat_is_still_flagged(catalogues):
    ingest(BASES_TITLE, BASES, 16)
    only, _ = ingest(ONLY_TITLE, ONLY, 16)
    headline = headline_of(only)
    assert headline.stance == "building up" and not is_restatement(headline)
    assert flagged(headline).exists()


def test_rows_read_for_detection_carry_the_same_verdict(catalogues):
    added, _ = ingest(ADDED_TITLE, ADDED, 17)
    rows = {r["pk"]: r["restatement"] for r in claim_rows(Statement.objects.all())}
    assert rows == {s.pk: is_restatement(s) for s in Statement.objects.all()}
    assert rows[headline_of(added).pk] is True


def test_a_claim_by_an_unresolved_speaker_ranks_below_the_same_claim_by_a_named_one(catalogues):
    day = dt.date(2022, 2, 18)
    denial = "Russia has no plans to invade Ukraine"
    warning = "Putin has decided to invade Ukraine in the coming days"

    def say(actor, content):
        article = ArticleFactory(text=f"{actor.name} said on Friday that {content}.")
        return statement_create(article=article, content=content, actor=actor, said_on=day)

    peskov = say(Actor.objects.get(name="Dmitry Peskov"), denial)
    biden = say(Actor.objects.get(name="Joe Biden"), warning)
    official = ActorFactory(
        name="a senior administration official",
        slug="a-senior-administration-official",
        status=Actor.Status.PROPOSED,
    )
    unnamed = say(official, warning)

    named_score = flagged(biden).get(Q(statement_a=peskov) | Q(statement_b=peskov)).score
    unnamed_score = flagged(unnamed).get(Q(statement_a=peskov) | Q(statement_b=peskov)).score
    assert named_score > unnamed_score
