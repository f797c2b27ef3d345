"""The parser's misreadings of a report's subject (statements/extraction/rules/misparses.py)."""

import pytest

from .support import speaker_head_of, speaker_of


def test_a_columnist_named_will_is_a_speaker_not_a_modal(nlp):
    cases = {
        "In his column, Will urged the allies to reject the Kremlin's terms.": ("urged", "Will"),
        "Russia continues the military buildup,” Will wrote.": ("wrote", "Will"),
        # A real modal before a base form stays a modal.
        "Will they have said that they were leaving?": ("said", "they"),
    }
    for sentence, (cue, speaker) in cases.items():
        assert speaker_of(nlp, sentence, cue) == speaker, sentence


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        # Surnames ending in -ly are read as adverbs, before or after the verb.
        ("Connolly argued that the sanctions had failed.", "argued", "Connolly"),
        ("But Skelly insisted that the troops were not leaving.", "insisted", "Skelly"),
        ("“The troops are not leaving,” said Skelly.", "said", "Skelly"),
        # The name keeps its tag but still hangs on the verb as an adverb.
        (
            "But Bill Skelly, a longtime NATO planner, vouched for both reports.",
            "vouched",
            "Bill Skelly, a longtime NATO planner",
        ),
        # A real adverb is no speaker, capitalised or not.
        ("Clearly state that the troops are leaving.", "state", None),
        ("Publicly deny that the troops are leaving.", "deny", None),
    ],
)
def test_a_name_read_as_an_adverb_is_the_speaker(nlp, sentence, cue, speaker):
    assert speaker_of(nlp, sentence, cue) == speaker


def test_without_the_base_models_adverb_table_no_adverb_is_taken_for_a_name(nlp, monkeypatch):
    from statements.extraction.rules import misparses

    monkeypatch.setattr(misparses, "known_adverbs", frozenset)
    assert speaker_of(nlp, "Connolly argued that the sanctions had failed.", "argued") is None


def test_a_subject_joined_to_the_opening_phrase_as_a_conjunct_is_the_speaker(nlp):
    # The parser makes "reporters" a conjunct of "analytics", leaving "know" without
    # a subject; the opening phrase's own noun is not the speaker.
    sentence = (
        "Through real-time analytics, reporters and editors know how many people are "
        "reading their work."
    )
    assert speaker_of(nlp, sentence, "know") == "reporters and editors"


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "Stoltenberg praised the allies and Russia's defense ministry said the troops "
            "were returning to their bases.",
            "said",
            "Russia's defense ministry",
        ),
        ("McCain supported the bill and Cruz opposed the measure.", "opposed", "Cruz"),
        # A verb sharing the first subject keeps it.
        ("Peskov praised the drills and denied that Russia plans to invade.", "denied", "Peskov"),
    ],
)
def test_a_subject_joined_to_the_first_clauses_object_is_the_second_verbs_speaker(
    nlp, sentence, cue, speaker
):
    # The parser makes the second subject a conjunct of the first clause's object
    # and lends the second verb the first clause's subject.
    assert speaker_of(nlp, sentence, cue) == speaker


def test_a_subject_joined_to_the_first_clauses_object_is_not_what_was_said(extract):
    text = (
        "Stoltenberg praised the allies and Russia's defense ministry said the troops "
        "were returning to their bases."
    )
    praised, said = extract(text)
    assert (praised.speaker.text, praised.content.text) == ("Stoltenberg", "the allies")
    assert said.speaker.text == "Russia's defense ministry"


def test_a_report_hung_on_the_first_as_a_clause_of_what_was_said_is_a_report_of_its_own(
    extract,
):
    # The parser makes "diplomats" a conjunct of "alliance" and "accused" a second
    # clause of what the officials said.
    text = (
        "NATO officials said they're increasingly convinced the Kremlin misled the alliance "
        "and Ukrainian diplomats accused Moscow of stalling the talks."
    )
    said, accused = extract(text)
    assert (said.speaker.text, said.content.text) == (
        "NATO officials",
        "they're increasingly convinced the Kremlin misled the alliance",
    )
    assert (accused.speaker.text, accused.content.text) == (
        "Ukrainian diplomats",
        "stalling the talks",
    )


def test_a_clause_of_what_was_said_that_reports_nothing_stays_in_it(extract):
    # "comment" is parsed as "military"'s conjunct and "was" as a second clause of
    # what Flynn said; "was" is no report, so both clauses are what he said.
    text = (
        "But Flynn said Trump has enormous respect for the military and his rubble comment "
        "was an expression of frustration with the strategy."
    )
    (said,) = extract(text)
    assert said.content.text == (
        "Trump has enormous respect for the military and his rubble comment was an "
        "expression of frustration with the strategy"
    )


def test_a_rule_leaves_a_subject_joined_to_its_object_out_of_what_was_said(nlp):
    from statements.extraction.rules import candidates_for_sentence

    text = "McCain supported the bill and Cruz opposed the measure."
    found = {c.cue.text: c for sent in nlp(text).sents for c in candidates_for_sentence(sent)}
    assert [text[s:e] for s, e in found["supported"].content] == ["the bill"]


@pytest.mark.parametrize(
    ("sentence", "verb", "speaker"),
    [
        ("“We see no sign of withdrawal,” tweeted another.", "tweeted", "another"),
        ("“Russia is not withdrawing! NATO stands firm,” read one.", "read", "one"),
        # A participle after a quotation has an object of its own.
        (
            'Lavrov agreed to an interview for the paper\'s series on "Voices of Power," '
            "answering questions about how the war has shaped his career.",
            "answering",
            "Lavrov",
        ),
    ],
)
def test_a_subject_after_the_quote_read_as_the_object_is_the_speaker(nlp, sentence, verb, speaker):
    assert speaker_head_of(nlp, sentence, verb) == speaker


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "At a news conference in Brussels Stoltenberg said that Russia continues the "
            "military buildup.",
            "said",
            "Stoltenberg",
        ),
        # The words before the name belong to the phrase, even when the recogniser
        # takes them for one name with it.
        ("In an interview with Reuters Lavrov said the talks would continue.", "said", "Lavrov"),
        # A day is no name, and a conjoined verb shares the first verb's subject.
        (
            "Haley has been critical of Mr. Trump but on Tuesday wrote that she agreed with him.",
            "wrote",
            "Haley",
        ),
        ("On Wednesday Peskov said there were no plans to invade.", "said", "Peskov"),
        # With the comma the parse is right, and the name in the phrase is no speaker.
        (
            "After the meeting with Stoltenberg, Lavrov said the talks would continue.",
            "said",
            "Lavrov",
        ),
    ],
)
def test_a_name_closing_an_opening_phrase_without_a_comma_is_the_speaker(
    nlp, sentence, cue, speaker
):
    assert speaker_of(nlp, sentence, cue) == speaker
