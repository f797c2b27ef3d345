"""What is not a contradiction (issue #4), end to end through the stored statements.

Each category is tried on sentences from the February 2022 coverage (the seed UPI report
and the wire reports of tests/statements/data/eval), stored through statement_create as
ingestion stores them. Each test also stores a real claim that does contradict one side,
so a test cannot pass merely because detection found nothing at all.
"""

import datetime as dt
import itertools

import pytest

from statements.models import Contradiction
from statements.services import statement_create, topics_load_catalogue
from tests.factories import ActorFactory, ArticleFactory

pytestmark = pytest.mark.django_db
ARTICLES = itertools.count()
FEB_16, FEB_18 = dt.date(2022, 2, 16), dt.date(2022, 2, 18)


@pytest.fixture(autouse=True)
def topics(settings):
    topics_load_catalogue(path=settings.BASE_DIR / "seeds" / "topics.json")


def say(actor, content, said_on):
    article = ArticleFactory(text=f"{content}, {actor} said. ({next(ARTICLES)})")
    return statement_create(
        article=article, content=content, actor=ActorFactory(name=actor), said_on=said_on
    )


def flagged(a, b) -> bool:
    low, high = sorted((a.pk, b.pk))
    return Contradiction.objects.filter(statement_a_id=low, statement_b_id=high).exists()


def test_counts_from_different_periods_are_an_update_not_a_mismatch():
    # Estimates grew from about 100,000 in December 2021 to more than 150,000 in February.
    estimate = "Russia has built up about 100,000 troops near Ukraine's border"
    december = say("Pentagon", estimate, dt.date(2021, 12, 3))
    february = say(
        "Joe Biden",
        "Russia has continued its buildup of more than 150,000 troops around Ukraine",
        FEB_18,
    )
    same_week = say("Pentagon", estimate, FEB_16)

    assert december.quantities and february.quantities
    assert not flagged(december, february)
    assert (
        Contradiction.objects.get(
            statement_a_id=min(same_week.pk, february.pk),
            statement_b_id=max(same_week.pk, february.pk),
        ).kind
        == "numeric_mismatch"
    )


@pytest.mark.parametrize(
    ("speaker", "capability"),
    [
        ("Antony Blinken", "Russia has enough forces in place to launch a full-scale invasion"),
        ("Jens Stoltenberg", 'Russia has enough troops to conduct a "full-fledged" invasion'),
    ],
)
def test_capability_is_not_intent(speaker, capability):
    denial = say("Dmitry Peskov", "Russia has no plans to invade Ukraine", FEB_16)
    able = say(speaker, capability, FEB_16)
    decided = say("Joe Biden", "Putin has decided to invade Ukraine in the coming days", FEB_18)

    assert not flagged(denial, able)
    assert flagged(denial, decided)


def test_a_hedge_is_not_contradicted_by_a_claim_the_other_way():
    hedge = say(
        "Ben Wallace", "Russia could possibly pull back some units in the coming weeks", FEB_16
    )
    buildup = say("Jens Stoltenberg", "Russia continues to build up its forces", FEB_18)
    pullback = say("Russian Defense Ministry", "more units were returning to their bases", FEB_16)

    assert hedge.hedged
    assert not flagged(hedge, buildup)
    assert flagged(pullback, buildup)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            (
                "United States government",
                "Russia has added as many as 7,000 more troops along its border with Ukraine",
            ),
            ("Jens Stoltenberg", "Russia continues to build up its forces"),
        ),
        (
            ("Dmitry Peskov", "Russia has no plans to invade Ukraine"),
            ("Sergei Lavrov", "Russia will not invade anyone"),
        ),
    ],
)
def test_the_same_stance_in_other_words_is_not_a_contradiction(first, second):
    a = say(*first, FEB_16)
    b = say(*second, FEB_18)
    pullback = say("Russian Defense Ministry", "more units were returning to their bases", FEB_16)
    warning = say("Joe Biden", "Putin has decided to invade Ukraine in the coming days", FEB_18)

    assert a.stance and a.stance == b.stance
    assert not flagged(a, b)
    assert flagged(a, pullback) or flagged(a, warning)


def test_a_claim_reported_without_endorsement_is_not_the_reporters():
    relayed = say(
        "Antony Blinken", "the Kremlin claims its troops are pulling back from the border", FEB_16
    )
    buildup = say("Jens Stoltenberg", "Russia continues to build up its forces", FEB_18)
    endorsed = say("Russian Defense Ministry", "more units were returning to their bases", FEB_16)

    assert relayed.topic is not None and relayed.stance == ""
    assert not flagged(relayed, buildup)
    assert flagged(endorsed, buildup)
