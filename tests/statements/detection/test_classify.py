"""classify(): topic and stance from real-style sentences of February 2022 coverage."""

from datetime import date

import pytest
import spacy

from statements.detection import (
    ClaimView,
    TopicSpec,
    classify,
    find_contradictions,
    load_topics,
)

POSTURE = "russian-troop-posture"
INTENT = "russian-invasion-intent"
# The bundled catalogue: tests exercise the phrases editors actually ship.
TOPICS = load_topics()


def stance_of(content, topics=TOPICS, **kwargs):
    match = classify(content, TOPICS, **kwargs)
    return None if match is None else (match.topic, match.stance)


@pytest.mark.parametrize(
    "content",
    [
        "Russia is still building up troops near the border",
        "Russia has built up a force of more than 100,000 soldiers",
        "Moscow builds up its forces in Belarus",
        "Russia continues the military build-up",
    ],
)
def test_it_matches_inflections_of_a_buildup_cue(content):
    assert stance_of(content) == (POSTURE, "building up")


@pytest.mark.parametrize(
    "content",
    [
        "Some units returned to their bases after the exercises",
        "Troops are pulling back from the border",
        "Russia pulled back some of its forces",
        "Moscow said units were withdrawing after drills",
    ],
)
def test_it_matches_inflections_of_a_pullback_cue(content):
    assert stance_of(content) == (POSTURE, "pulling back")


def test_it_reports_offsets_into_the_content():
    content = "The Pentagon said Russia has continued to add troops"
    match = classify(content, TOPICS)
    assert (match.topic, match.stance, match.rule) == (POSTURE, "building up", "cue")
    assert content[match.start : match.end] == match.phrase == "add troops"


OBSERVED = "negated observation"  # an absence of evidence now, not a denial of a possibility


@pytest.mark.parametrize(
    ("content", "phrase", "rule"),
    [
        ("So far we have not seen any de-escalation on the ground", "not seen any de-escalation",
         OBSERVED),
        ("Moscow has shown no signs yet of a pullback", "no signs yet of a pullback", OBSERVED),
        ("There has been no withdrawal of Russian forces", "no withdrawal", "negated cue"),
        ("Russia never pulled back its troops", "never pulled back", "negated cue"),
    ],
)  # fmt: skip
def test_it_flips_a_negated_pullback_cue_to_building_up(content, phrase, rule):
    match = classify(content, TOPICS)
    assert (match.stance, match.negated, match.rule) == ("building up", True, rule)
    assert match.phrase == phrase


def test_it_flips_a_negated_buildup_cue():
    match = classify("Russia is no longer building up troops", TOPICS)
    assert (match.stance, match.negated) == ("pulling back", True)


def test_it_keeps_a_negation_with_its_own_conjunct():
    # "not" negates "pulling back"; "building up" is asserted. Both say building up.
    match = classify("Russia is not pulling back but building up its forces", TOPICS)
    assert match.stance == "building up"


def test_it_does_not_let_a_negated_speech_verb_negate_the_report():
    # Not saying something is not saying its opposite.
    assert classify("Stoltenberg did not say that troops were withdrawing", TOPICS).stance == (
        "pulling back"
    )


@pytest.mark.parametrize(
    "content",
    [
        "there are no plans to invade Ukraine",
        "Russia has no intention of invading Ukraine",
        "Russia is not going to invade anyone",
        "Russia does not plan to invade Ukraine",
        "I don't think Russia will invade",
    ],
)
def test_it_reads_negated_invasion_talk_as_the_denial_stance(content):
    match = classify(content, TOPICS)
    assert (match.topic, match.stance) == (INTENT, "no invasion planned")


def test_it_reads_a_warning_as_invasion_expected():
    match = classify("Russia may launch its invasion on Wednesday", TOPICS)
    assert (match.topic, match.stance, match.negated) == (INTENT, "invasion expected", False)


@pytest.mark.parametrize("cue", ["dismissed", "denied", "rejected", "refuted", "called ... false"])
def test_a_denial_cue_flips_the_content_it_governs(cue):
    match = classify("Russia plans to invade Ukraine", TOPICS, cue=cue)
    assert (match.stance, match.rule, match.negated) == ("no invasion planned", "denial verb", True)


def test_a_plain_speech_cue_does_not_flip():
    assert classify("Russia plans to invade Ukraine", TOPICS, cue="said").stance == (
        "invasion expected"
    )


@pytest.mark.parametrize(
    "content",
    [
        "Moscow dismissed reports that it plans to invade",
        "The Kremlin called reports of an imminent Russian invasion false",
        "Russia denied that it was massing troops",
        "The Kremlin has repeatedly denied it plans to attack Ukraine",
        "Russia's claims of a withdrawal are false",
    ],
)
def test_a_denial_verb_inside_the_content_flips_its_complement(content):
    match = classify(content, TOPICS)
    assert match.rule == "denial verb" and match.negated


def test_a_denial_cue_is_not_applied_twice_when_the_content_holds_the_verb():
    match = classify("Moscow dismissed reports that it plans to invade", TOPICS, cue="dismissed")
    assert match.stance == "no invasion planned"


def test_an_anaphoric_denial_is_resolved_from_the_context():
    content = "a notion that Moscow dismissed"
    match = classify(
        content, TOPICS, cue="dismissed", context="Russia may launch its invasion on Wednesday"
    )
    assert (match.topic, match.stance) == (INTENT, "no invasion planned")
    assert match.rule == "denial verb (context)"
    assert content[match.start : match.end] == "a notion"
    assert match.phrase == "launch its invasion"


def test_an_anaphor_without_context_gets_no_stance():
    assert classify("a notion that Moscow dismissed", TOPICS, cue="dismissed") is None


@pytest.mark.parametrize(
    "content",
    [
        'they have enough to conduct a "full-fledged" invasion',
        "Russia has enough troops to invade at any moment",
        "Russia is capable of launching an invasion within days",
        "NATO expects dialogue with Russia will continue to avoid a possible invasion",
        "Sanctions will follow if Russia launches an invasion",
    ],
)
def test_capability_and_prevention_are_not_intent(content):
    match = classify(content, TOPICS)
    assert match is None or match.topic != INTENT


@pytest.mark.parametrize(
    "content",
    ["NATO urged Russia to pull back its troops", "Washington demanded that Moscow withdraw"],
)
def test_a_demand_is_not_a_claim_about_posture(content):
    match = classify(content, TOPICS)
    assert match is None or match.topic != POSTURE


def test_an_exclusion_only_suppresses_the_clause_it_governs():
    content = "Asked whether Russia was pulling back, Stoltenberg said troops are building up"
    assert classify(content, TOPICS).stance == "building up"


def test_the_main_clause_wins_over_a_reported_counter_claim():
    content = "Despite claims of a pullback, Russia is still building up troops"
    assert classify(content, TOPICS).stance == "building up"


def test_a_falsity_word_that_is_the_cue_is_not_also_its_denial():
    content = "Peskov said Western claims of an imminent invasion were hysteria"
    assert stance_of(content) == (INTENT, "no invasion planned")


def test_other_topics_of_the_month():
    assert stance_of("Putin sincerely wants to find a diplomatic solution") == (
        "diplomacy-talks",
        "open to diplomacy",
    )
    assert stance_of("The West will impose severe sanctions on Russia") == (
        "western-sanctions",
        "sanctions threatened",
    )
    assert stance_of("Moscow demanded a halt to NATO's eastward expansion") == (
        "ukraine-nato-membership",
        "door closed",
    )
    assert stance_of("Washington warned Russia could stage a false-flag attack") == (
        "donbas-false-flag",
        "Russian false flag",
    )


def test_unrelated_content_gets_no_stance():
    assert classify("he didn't know how many troops Russia now has on the border", TOPICS) is None
    assert classify("Russia's security concerns aren't being taken seriously", TOPICS) is None
    assert classify("", TOPICS) is None


def test_it_accepts_a_pre_parsed_doc_and_custom_topics():
    topic = TopicSpec(
        slug="gas",
        name="Gas supply",
        stances={"cut": ("cut off gas",), "flowing": ("gas keeps flowing",)},
    )
    content = "Russia threatened to cut off gas to Europe"
    doc = spacy.blank("en")(content)  # no parser: exercises the fallback path
    match = classify(content, [topic], doc=doc)
    assert (match.topic, match.stance) == ("gas", "cut")


def test_without_a_parse_a_window_negation_still_flips():
    content = "Moscow has shown no signs of a pullback"
    match = classify(content, TOPICS, doc=spacy.blank("en")(content))
    assert (match.stance, match.rule) == ("building up", "negated cue (window)")


def test_reports_from_other_outlets_classify_and_conflict():
    pentagon = classify("The Pentagon said Russia has continued to add troops", TOPICS)
    moscow = classify("Moscow said units were withdrawing after drills", TOPICS)
    claims = [
        ClaimView(n, actor, date(2022, 2, 16), m.topic, m.stance, m.phrase, m.confidence, m.rule)
        for n, (actor, m) in enumerate([("Pentagon", pentagon), ("Russian government", moscow)])
    ]
    [(other, verdict)] = find_contradictions(claims[1], claims[:1])
    assert other.actor == "Pentagon" and verdict.kind == "opposite_direction"
    assert '"add troops"' in verdict.explanation and '"withdrawing"' in verdict.explanation


@pytest.mark.parametrize(
    ("content", "stance"),
    [
        ("Western officials said the pullback was not real", "building up"),
        ("There is no evidence that Russian troops are leaving the border", "building up"),
        ("Satellite images show Russia has moved troops closer to the border", "building up"),
        ("Russian forces are returning to their permanent bases after exercises", "pulling back"),
        ("U.S. officials said Russia had added as many as 7,000 troops", "building up"),
    ],
)
def test_posture_sentences_from_other_reports(content, stance):
    assert stance_of(content) == (POSTURE, stance)
