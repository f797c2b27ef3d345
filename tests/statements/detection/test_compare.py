"""compare() and find_contradictions() over classified claims."""

from datetime import date

from statements.detection import ClaimView, compare, find_contradictions

POSTURE = "russian-troop-posture"
MOD = "Ministry of Defence of the Russian Federation"
NATO = "Jens Stoltenberg"


def claim(id, actor, said_on, stance, phrase, topic=POSTURE, **extra):
    return ClaimView(id, actor, said_on, topic, stance, phrase, **extra)


PULLBACK = claim(1, MOD, date(2022, 2, 15), "pulling back", "return to their bases")
BUILDUP = claim(2, NATO, date(2022, 2, 16), "building up", "continues the military buildup")


def test_different_actors_with_opposite_stances_contradict():
    verdict = compare(PULLBACK, BUILDUP)
    assert verdict.kind == "opposite_direction"
    assert 0 < verdict.score <= 1


def test_the_explanation_names_both_actors_and_phrases():
    explanation = compare(PULLBACK, BUILDUP).explanation
    assert f'{MOD}: "return to their bases"' in explanation
    assert f'{NATO}: "continues the military buildup"' in explanation


def test_a_negated_side_makes_it_a_denial():
    negated = claim(
        3, NATO, date(2022, 2, 16), "building up", "not seen any de-escalation", rule="negated cue"
    )
    assert compare(PULLBACK, negated).kind == "denial"


def test_the_score_follows_both_confidences():
    sure = claim(4, NATO, date(2022, 2, 16), "building up", "buildup", confidence=0.9)
    unsure = claim(5, NATO, date(2022, 2, 16), "building up", "buildup", confidence=0.4)
    strong = claim(6, MOD, date(2022, 2, 15), "pulling back", "withdraw", confidence=0.9)
    assert compare(strong, sure).score > compare(strong, unsure).score


def test_a_stored_zero_confidence_still_scores_above_zero():
    zero = claim(7, NATO, date(2022, 2, 16), "building up", "buildup", confidence=0.0)
    assert compare(PULLBACK, zero).score > 0


def test_the_same_stance_is_no_contradiction():
    ally = claim(8, "Pentagon", date(2022, 2, 16), "building up", "add troops")
    assert compare(BUILDUP, ally) is None


def test_different_topics_never_contradict():
    other = claim(9, NATO, date(2022, 2, 16), "building up", "x", topic="diplomacy-talks")
    assert compare(PULLBACK, other) is None


def test_a_claim_without_stance_is_ignored():
    assert compare(PULLBACK, claim(10, NATO, None, "", "")) is None


def test_the_same_actor_on_another_date_is_a_reversal():
    later = claim(11, MOD, date(2022, 2, 22), "building up", "send more troops")
    verdict = compare(PULLBACK, later)
    assert verdict is not None and verdict.explanation.startswith("Reversal")


def test_the_same_actor_on_the_same_day_is_nuance_not_reversal():
    # Actor names compare case- and space-insensitively.
    same_actor = " ministry of defence of the russian federation"
    same_day = claim(12, same_actor, PULLBACK.said_on, "building up", "more troops")
    assert compare(PULLBACK, same_day) is None


def test_the_same_actor_with_an_unknown_date_is_not_a_reversal():
    undated = claim(13, MOD, None, "building up", "more troops")
    assert compare(PULLBACK, undated) is None


def test_find_contradictions_only_looks_at_the_new_claims_topic():
    off_topic = claim(14, MOD, date(2022, 2, 15), "open to diplomacy", "x", topic="diplomacy-talks")
    found = find_contradictions(BUILDUP, [PULLBACK, off_topic, BUILDUP])
    assert [other.id for other, _ in found] == [1]


def test_find_contradictions_returns_strongest_first():
    weak = claim(15, "Kremlin", date(2022, 2, 15), "pulling back", "withdraw", confidence=0.3)
    found = find_contradictions(BUILDUP, [weak, PULLBACK])
    assert [other.id for other, _ in found] == [1, 15]


def test_find_contradictions_with_no_stance_finds_nothing():
    assert find_contradictions(claim(16, NATO, None, "", "", topic=""), [PULLBACK]) == []
