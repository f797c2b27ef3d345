"""Kinds of contradiction and what is not one: windows, reversals, counts, events, hedges."""

from datetime import date, timedelta

import pytest

from statements.detection import (
    ClaimView,
    EventView,
    against_event,
    classify,
    compare,
    find_all_contradictions,
    find_contradictions,
    find_quantities,
    load_topics,
)
from statements.detection.quantities import quantities_conflict

TOPICS = load_topics()
POSTURE = "russian-troop-posture"
INTENT = "russian-invasion-intent"
FEB = date(2022, 2, 15)


def claim(id, actor, said_on, stance, phrase, topic=POSTURE, **extra):
    return ClaimView(id, actor, said_on, topic, stance, phrase, **extra)


def from_text(id, actor, said_on, content, **kwargs):
    match = classify(content, TOPICS, **kwargs)
    quantities = tuple(q.as_dict() for q in find_quantities(content))
    if match is None:
        return ClaimView(id, actor, said_on, POSTURE, "", "", quantities=quantities)
    stance = "" if match.reported_by else match.stance
    return ClaimView(
        id,
        actor,
        said_on,
        match.topic,
        stance,
        match.phrase,
        confidence=match.confidence,
        rule=match.rule,
        hedged=bool(match.hedge),
        quantities=quantities,
    )


# -- time: an update is not a contradiction --------------------------------------------------


def test_claims_further_apart_than_the_window_are_not_compared():
    early = claim(1, "Pentagon", FEB, "building up", "more troops")
    late = claim(2, "Kremlin", FEB + timedelta(days=45), "pulling back", "withdrawal")
    assert compare(early, late, window_days=30) is None
    assert compare(early, late, window_days=60).kind == "opposite_direction"


def test_one_actor_turning_round_is_a_reversal_inside_its_longer_window():
    before = claim(1, "Kremlin", FEB, "pulling back", "withdrawal")
    after = claim(2, "Kremlin", FEB + timedelta(days=90), "building up", "more troops")
    verdict = compare(before, after, window_days=30, reversal_days=180)
    assert verdict.kind == "reversal"
    assert verdict.explanation.startswith("Reversal: Kremlin")
    assert "90 days later" in verdict.explanation
    assert compare(before, after, window_days=30, reversal_days=60) is None


def test_one_actor_on_one_day_is_nuance_not_reversal():
    a = claim(1, "Kremlin", FEB, "pulling back", "withdrawal")
    b = claim(2, "kremlin", FEB, "building up", "more troops")
    assert compare(a, b) is None


def test_an_undated_claim_is_still_compared():
    dated = claim(1, "Ukraine", FEB, "building up", "more troops")
    undated = claim(2, "Kremlin", None, "pulling back", "withdrawal")
    assert compare(dated, undated, window_days=1) is not None


# -- counts --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "low", "high", "change"),
    [
        ("Russia has massed 130,000 troops near the border", 130_000, 123_500, 136_500, ""),
        ("about 100,000 Russian troops", 100_000, 90_000, 110_000, ""),
        ("more than 100,000 soldiers", 100_000, 100_000, None, ""),
        ("as many as 7,000 additional troops", 7_000, 6_300, 7_700, "+"),
        ("Russia added 7,000 more troops", 7_000, 6_650, 7_350, "+"),
        ("up to 150 thousand servicemen", 150_000, 0, 150_000, ""),
    ],
)
def test_it_reads_counts_as_intervals(text, value, low, high, change):
    [q] = find_quantities(text)
    assert (q.value, q.unit, q.change) == (value, "troops", change)
    assert q.low == pytest.approx(low)
    assert q.as_dict()["high"] == (pytest.approx(high) if high is not None else None)


def test_rounding_and_bounds_are_tolerated_but_different_counts_conflict():
    [exact130] = find_quantities("130,000 troops")
    [exact100] = find_quantities("100,000 troops")
    [over100] = find_quantities("more than 100,000 troops")
    [about125] = find_quantities("about 125,000 troops")
    assert quantities_conflict(exact130, exact100)
    assert not quantities_conflict(exact130, over100)
    assert not quantities_conflict(exact130, about125)


def test_counts_of_different_units_or_owners_do_not_conflict():
    [troops] = find_quantities("130,000 Russian troops")
    [tanks] = find_quantities("100,000 tanks")
    [nato] = find_quantities("100,000 NATO troops")
    assert not quantities_conflict(troops, tanks)
    assert not quantities_conflict(troops, nato)


def test_two_counts_of_the_same_troops_are_a_numeric_mismatch():
    us = from_text(1, "Pentagon", FEB, "Russia has massed 130,000 troops near Ukraine's borders")
    ru = from_text(2, "Kremlin", FEB, "Russia has only 100,000 troops in the border regions")
    verdict = compare(us, ru)
    assert verdict.kind == "numeric_mismatch"
    assert '"130,000 troops"' in verdict.explanation
    assert '"100,000 troops"' in verdict.explanation


def test_an_increase_against_a_withdrawal_is_a_numeric_mismatch():
    us = from_text(
        1, "U.S. official", FEB, "Russia has added as many as 7,000 more troops in recent days"
    )
    ru = from_text(2, "Russian Defense Ministry", FEB, "units are withdrawing after the drills")
    assert (us.stance, ru.stance) == ("building up", "pulling back")
    verdict = compare(us, ru)
    assert verdict.kind == "numeric_mismatch"
    assert "7,000 more troops" in verdict.explanation


# -- what is not a contradiction ------------------------------------------------------------


def test_a_hedge_against_a_claim_the_other_way_is_not_a_contradiction():
    hedge = from_text(1, "Analyst", FEB, "Russia could possibly pull back some troops")
    buildup = from_text(2, "NATO", FEB, "Russia continues the military buildup")
    assert hedge.hedged and not buildup.hedged
    assert compare(hedge, buildup) is None


def test_a_warning_is_still_contradicted_by_a_denial_of_it():
    warning = from_text(
        1, "Ukrainian officials", FEB, "Russia may launch its invasion on Wednesday"
    )
    denial = from_text(2, "Kremlin", FEB, "there are no plans to invade Ukraine")
    assert warning.hedged
    verdict = compare(warning, denial)
    assert verdict.kind == "denial"
    plain = from_text(3, "Kyiv", FEB, "Russia will launch an invasion on Wednesday")
    assert compare(plain, denial).score > verdict.score


def test_a_denied_possibility_is_a_firm_claim():
    match = classify(
        "a notion that Moscow dismissed",
        TOPICS,
        cue="dismissed",
        context="Russia may launch its invasion on Wednesday",
    )
    assert (match.stance, match.hedge) == ("no invasion planned", "")


def test_capability_is_not_intent():
    capability = classify("Russia has enough troops to invade Ukraine at any moment", TOPICS)
    assert capability is None or capability.topic != INTENT


@pytest.mark.parametrize(
    ("content", "speaker", "reported_by"),
    [
        ("Moscow claims its troops are pulling back from the border", "Jens Stoltenberg", "Moscow"),
        ("the so-called withdrawal of Russian troops", "Jens Stoltenberg", "so-called"),
        ("According to Moscow, troops are returning to their bases", "Jens Stoltenberg", "Moscow"),
        ("The Kremlin said troops were withdrawing after drills", "Antony Blinken", "The Kremlin"),
    ],
)
def test_a_claim_relayed_without_endorsement_is_not_the_speakers(content, speaker, reported_by):
    match = classify(content, TOPICS, speaker=speaker)
    assert match.topic == POSTURE
    assert match.reported_by == reported_by


@pytest.mark.parametrize(
    ("content", "speaker"),
    [
        (
            '"So far we have not seen any de-escalation on the ground," Stoltenberg said, '
            "according to The Guardian.",
            "Jens Stoltenberg",
        ),
        (
            "Russia is still building up its forces, Blinken told reporters, according to Reuters.",
            "Antony Blinken",
        ),
    ],
)
def test_an_outlet_relaying_the_speakers_words_does_not_detach_them(content, speaker):
    match = classify(content, TOPICS, speaker=speaker)
    assert match.topic == POSTURE
    assert match.reported_by == "" and match.stance == "building up"


def test_a_speakers_own_words_are_endorsed():
    match = classify(
        "The Kremlin said troops were withdrawing after drills", TOPICS, speaker="Kremlin"
    )
    assert match.reported_by == "" and match.stance == "pulling back"
    match = classify("we have not seen any de-escalation", TOPICS, speaker="Jens Stoltenberg")
    assert match.reported_by == ""


def test_a_relayed_claim_does_not_contradict_what_the_speaker_says():
    relayed = from_text(
        1, "Jens Stoltenberg", FEB, "Moscow claims its troops are pulling back", speaker="NATO"
    )
    own = from_text(2, "Russian Defense Ministry", FEB, "Russian troops keep building up")
    assert relayed.stance == ""
    assert compare(relayed, own) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Russia continues the military buildup", "Moscow is adding to its forces"),
        ("troops are returning to their bases", "units are pulling back after drills"),
        ("there are no plans to invade Ukraine", "Russia is not going to invade anyone"),
    ],
)
def test_the_same_stance_in_other_words_is_not_a_contradiction(a, b):
    first, second = from_text(1, "X", FEB, a), from_text(2, "Y", FEB, b)
    assert first.stance and first.stance == second.stance
    assert compare(first, second) is None


# -- later events -------------------------------------------------------------------------

INVASION = EventView(1, "Russia invades Ukraine", date(2022, 2, 24), INTENT, "invasion expected")


def test_a_later_event_contradicts_earlier_claims_of_the_other_stance():
    denial = claim(1, "Kremlin", FEB, "no invasion planned", "no plans to invade", topic=INTENT)
    verdict = against_event(denial, INVASION)
    assert verdict.kind == "event"
    assert "Russia invades Ukraine" in verdict.explanation and "9 days later" in verdict.explanation


def test_an_event_does_not_contradict_its_own_stance_later_claims_or_hedges():
    warning = claim(1, "Kyiv", FEB, "invasion expected", "launch its invasion", topic=INTENT)
    after = claim(
        2, "Kremlin", date(2022, 3, 1), "no invasion planned", "no invasion", topic=INTENT
    )
    hedged = claim(3, "X", FEB, "no invasion planned", "may not invade", topic=INTENT, hedged=True)
    assert against_event(warning, INVASION) is None
    assert against_event(after, INVASION) is None
    assert against_event(hedged, INVASION) is None


# -- the batch finder agrees with one-by-one detection ---------------------------------------


def test_the_batch_finder_finds_what_pairwise_detection_finds():
    actors = ["Pentagon", "Kremlin", "NATO", "Kyiv"]
    stances = ["building up", "pulling back"]
    claims = [
        claim(
            n,
            actors[n % 4],
            None if n % 17 == 0 else FEB + timedelta(days=(n * 7) % 200),
            stances[(n // 3) % 2],
            "x",
            quantities=({"value": 1000.0 * (n % 5 + 1), "unit": "troops"},) if n % 6 == 0 else (),
        )
        for n in range(120)
    ]
    pairwise = set()
    for n, new in enumerate(claims):
        for other, _ in find_contradictions(new, claims[:n], window_days=30, reversal_days=180):
            pairwise.add(frozenset({new.id, other.id}))
    batch = {
        frozenset({a.id, b.id})
        for a, b, _ in find_all_contradictions(claims, window_days=30, reversal_days=180)
    }
    assert pairwise and batch == pairwise


# -- general rules found checking classify on other reports ---------------------------------


def test_capability_with_words_between_is_still_not_intent():
    match = classify(
        "Russia has enough forces in place to launch a full-scale invasion at any moment", TOPICS
    )
    assert match is None or match.topic != INTENT


def test_a_falsity_call_does_not_reach_a_sibling_clause():
    match = classify(
        "Western talk of an imminent invasion was propaganda and that Russia will not invade "
        "anyone",
        TOPICS,
    )
    assert (match.topic, match.stance) == (INTENT, "no invasion planned")


def test_a_subject_pronoun_is_not_an_anaphor_for_the_context():
    match = classify(
        "it was pulling forces back",
        TOPICS,
        context="Russia has added as many as 7,000 more troops along its border",
    )
    assert (match.topic, match.stance) == (POSTURE, "pulling back")


def test_a_hedge_is_not_contradicted_by_an_observation_that_it_has_not_happened():
    hedge = from_text(1, "Wallace", FEB, "Russia could possibly pull back some units")
    observed = from_text(2, "NATO", FEB, "the alliance has not seen any withdrawal")
    assert observed.rule == "negated observation"
    assert compare(hedge, observed) is None
