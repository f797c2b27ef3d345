"""The score ranks the contradictions an analyst would accept above weak ones.

Each test sets one strong pair against a pair that is weaker in one respect only, both
classified from February 2022 wire sentences, so the ranking follows from that respect.
"""

from datetime import date

from statements.detection import (
    ClaimView,
    classify,
    compare,
    find_contradictions,
    find_quantities,
    load_topics,
)
from statements.detection.strength import specificity

TOPICS = load_topics()
FEB_16 = date(2022, 2, 16)
FEB_18 = date(2022, 2, 18)


def said(id, actor, said_on, content, *, named=True, restatement=False):
    match = classify(content, TOPICS, speaker=actor)
    assert match is not None and not match.reported_by, content
    return ClaimView(
        id,
        actor,
        said_on,
        match.topic,
        match.stance,
        match.phrase,
        confidence=match.confidence,
        rule=match.rule,
        hedged=bool(match.hedge),
        quantities=tuple(q.as_dict() for q in find_quantities(content)),
        named=named,
        restatement=restatement,
    )


PESKOV = said(1, "Dmitry Peskov", FEB_16, "Russia has no plans to invade Ukraine")
MOD = said(
    2,
    "Ministry of Defence of the Russian Federation",
    FEB_16,
    "some of the soldiers who had been taking part in drills have begun to return to their bases",
)


def test_a_named_source_outranks_an_unnamed_official_saying_the_same():
    biden = said(3, "Joe Biden", FEB_18, "Putin has decided to invade Ukraine in the coming days")
    anonymous = said(
        4,
        "a senior administration official",
        FEB_18,
        "Putin has decided to invade Ukraine in the coming days",
        named=False,
    )
    assert compare(PESKOV, biden).score > compare(PESKOV, anonymous).score


def test_claims_days_apart_outrank_claims_near_the_end_of_the_window():
    lavrov = said(5, "Sergei Lavrov", FEB_18, "Russia will not invade anyone")
    same_week = said(6, "Joe Biden", FEB_18, "Putin has decided to invade Ukraine")
    weeks_later = said(7, "Joe Biden", date(2022, 3, 12), "Putin has decided to invade Ukraine")
    near, far = compare(lavrov, same_week), compare(lavrov, weeks_later)
    assert near is not None and far is not None
    assert near.score > far.score


def test_a_specific_phrase_outranks_a_generic_cue():
    specific = said(
        8,
        "Jens Stoltenberg",
        FEB_16,
        "they have increased the number of troops and more troops are on their way",
    )
    generic = said(9, "Jens Stoltenberg", FEB_16, "Russia is still building up along the border")
    assert specificity(specific.phrase) > specificity(generic.phrase)
    assert compare(MOD, specific).score > compare(MOD, generic).score


def test_a_denied_warning_ranks_below_two_firm_claims():
    warning = said(10, "Ukrainian government", date(2022, 2, 14), "Russia may launch its invasion")
    assert warning.hedged
    firm = said(11, "Joe Biden", date(2022, 2, 15), "Putin has decided to invade Ukraine")
    assert compare(warning, PESKOV).score < compare(firm, PESKOV).score


def test_new_claims_meet_the_strongest_conflict_first():
    anonymous = said(
        12, "a senior official", FEB_18, "Putin has decided to invade Ukraine", named=False
    )
    later = said(13, "Joe Biden", date(2022, 3, 10), "Putin has decided to invade Ukraine")
    biden = said(14, "Joe Biden", FEB_18, "Putin has decided to invade Ukraine in the coming days")
    found = find_contradictions(PESKOV, [anonymous, later, biden])
    assert [other.id for other, _ in found][0] == 14
    assert len(found) == 3
    assert found[0][1].score > max(v.score for _, v in found[1:])


def test_a_headline_restating_its_body_is_never_flagged():
    headline = said(
        15,
        "United States government",
        date(2022, 2, 17),
        "Russia has added troops near Ukraine despite pullback claims",
        restatement=True,
    )
    assert compare(MOD, headline) is None
    assert find_contradictions(headline, [MOD]) == []
