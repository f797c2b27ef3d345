"""Acceptance on the seed article (UPI, 2022-02-16): the analyst's gold, run end to end.

Statements are fed one at a time, as ingestion would, and each new claim is compared with
the claims already stored.
"""

from datetime import date

import pytest

from statements.detection import ClaimView, classify, find_contradictions, load_topics

TOPICS = load_topics()
MOD = "Ministry of Defence of the Russian Federation"
NATO = "Jens Stoltenberg"
RU = "Russian government"
UA = "Ukrainian government"
FEB = {d: date(2022, 2, d) for d in (14, 15, 16)}
CAPABILITY = '"full-fledged" invasion'

# id -> (actor, said_on, content, cue, context); actors and dates from seed-gold.json.
SEED = {
    "S1": (NATO, FEB[16], "Russia is still building up troop numbers along its border with Ukraine",
           "said", None),
    "S2": (NATO, FEB[16], "Moscow has shown no signs yet of a pullback -- and, in fact, appears "
           "to to be adding to their forces", "said", None),
    "S3": (MOD, FEB[15], "some of the soldiers who'd been participating in drills in the area "
           "have begun to return to their bases", "had said", None),
    "S4": (NATO, FEB[16], "So far we have not seen any de-escalation on the ground", "said", None),
    "S5": (NATO, FEB[16], "On the contrary, it appears that Russia continues the military "
           "buildup.", None, None),
    "S6": (NATO, FEB[16], "NATO anticipates dialogue between Russia and Europe will continue to "
           "avoid a possible invasion", "said", None),
    "S7": (NATO, FEB[16], "What we see is that they have increased the number of troops and more "
           "troops are on their way and so, so far, no de-escalation", "added", None),
    "S8": (NATO, FEB[16], "he didn't know how many troops Russia now has on the Ukrainian border",
           "said", None),
    "S9": (NATO, FEB[16], f"he believes they have enough to conduct a {CAPABILITY}", "noted",
           None),
    "S10": ("Joe Biden", FEB[15], "something that U.S. President Joe Biden echoed in an address on "
            "Tuesday", "echoed", f"they have enough to conduct a {CAPABILITY}"),
    "S11": (UA, FEB[14], "Russia may launch its invasion on Wednesday", "said", None),
    "S12": (RU, FEB[14], "a notion that Moscow dismissed", "dismissed",
            "Russia may launch its invasion on Wednesday"),
    "S13": (RU, None, "there are no plans to invade Ukraine", "have said", None),
    "S14": (NATO, FEB[16], "he's confident that Russian President Vladimir Putin sincerely wants "
            "to find a diplomatic solution to the crisis", "said", None),
    "S15": ("Vladimir Putin", None, "Russia's security concerns aren't being taken seriously by "
            "the West", "says", None),
}  # fmt: skip


@pytest.fixture(scope="module")
def run():
    claims: dict[str, ClaimView | None] = {}
    flagged: set[frozenset[str]] = set()
    verdicts = {}
    for sid, (actor, said_on, content, cue, context) in SEED.items():
        match = classify(content, TOPICS, cue=cue, context=context)
        if match is None:
            claims[sid] = None
            continue
        new = ClaimView(sid, actor, said_on, match.topic, match.stance, match.phrase,
                        confidence=match.confidence, rule=match.rule)  # fmt: skip
        stored = [c for c in claims.values() if c is not None]
        for other, verdict in find_contradictions(new, stored):
            pair = frozenset({sid, other.id})
            flagged.add(pair)
            verdicts[pair] = verdict
        claims[sid] = new
    return claims, flagged, verdicts


def test_c1_the_pullback_claim_conflicts_with_the_buildup_claims(run):
    _, flagged, verdicts = run
    partners = {sid for sid in ("S1", "S2", "S4", "S5", "S7") if frozenset({"S3", sid}) in flagged}
    assert partners, "S3 should contradict at least one of S1, S2, S4, S5, S7"
    assert any(verdicts[frozenset({"S3", s})].kind == "opposite_direction" for s in partners)
    explanation = verdicts[frozenset({"S3", "S5"})].explanation
    assert '"return to their bases"' in explanation and '"buildup"' in explanation


def test_c2_the_invasion_warning_conflicts_with_moscows_denials(run):
    _, flagged, verdicts = run
    partners = {sid for sid in ("S12", "S13") if frozenset({"S11", sid}) in flagged}
    assert partners == {"S12", "S13"}
    assert all(verdicts[frozenset({"S11", s})].kind == "denial" for s in partners)


@pytest.mark.parametrize(("a", "b"), [("S9", "S13"), ("S10", "S13"), ("S14", "S5"), ("S6", "S7")])
def test_the_gold_non_contradictions_are_not_flagged(run, a, b):
    _, flagged, _ = run
    assert frozenset({a, b}) not in flagged


def test_capability_gets_no_stance_on_invasion_intent(run):
    claims, _, _ = run
    for sid in ("S9", "S10"):
        assert claims[sid] is None or claims[sid].topic != "russian-invasion-intent"


def test_only_the_gold_conflicts_are_flagged(run):
    # Every flagged pair lies inside C1 or C2: no noise from the other statements.
    _, flagged, _ = run
    c1 = {frozenset({"S3", s}) for s in ("S1", "S2", "S4", "S5", "S7")}
    c2 = {frozenset({"S11", s}) for s in ("S12", "S13")}
    assert flagged <= c1 | c2


def test_the_same_speaker_same_day_stays_consistent(run):
    claims, flagged, _ = run
    # Stoltenberg's five buildup remarks agree with each other.
    assert {claims[s].stance for s in ("S1", "S2", "S4", "S5", "S7")} == {"building up"}
    assert not any(pair <= {"S1", "S2", "S4", "S5", "S7"} for pair in flagged)
