"""Who a cue's report belongs to in the parse (statements/extraction/rules/speakers.py)."""

import pytest

from .support import speaker_head_of, speaker_of


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        # "'s" is "has" here, which the parser reads as a passive "is".
        (
            "While he's said he would fight all the way to the summit, Lavrov must decide "
            "what to demand.",
            "said",
            "he",
        ),
        ("She's told reporters that the troops were leaving.", "told", "She"),
        # A hearer verb without its hearer after it is a real passive: she was told.
        ("She's told that the troops were leaving.", "told", None),
    ],
)
def test_a_contracted_has_before_a_speech_verb_leaves_its_subject_the_speaker(
    nlp, sentence, cue, speaker
):
    assert speaker_of(nlp, sentence, cue) == speaker


@pytest.mark.parametrize(
    ("sentence", "verb", "speaker"),
    [
        ("Officials were alarmed by reports that troops were massing.", "alarmed", "Officials"),
        (
            "German officials worried by the rise in hate speech contacted the networks.",
            "worried",
            "officials",
        ),
        # Any other passive verb's "by" phrase is who acted.
        ("The deal was criticised by NATO on Monday.", "criticised", "NATO"),
    ],
)
def test_what_a_feeling_is_caused_by_is_not_who_feels_it(nlp, sentence, verb, speaker):
    assert speaker_head_of(nlp, sentence, verb) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Comedian Sarah Silverman was booed by Sanders supporters after telling "
            "holdouts that they were being ridiculous.",
            "Comedian Sarah Silverman",
        ),
        # Also when the passive verb shares its subject with the one before it.
        (
            "Putin was cheered and praised by the generals after declaring that the war was over.",
            "Putin",
        ),
    ],
)
def test_a_participle_on_a_passive_verb_is_its_subjects_not_its_agents(nlp, sentence, speaker):
    cue = next(word for word in ("telling", "declaring") if word in sentence)
    assert speaker_of(nlp, sentence, cue) == speaker


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "The conversation ended with Maddow asking Clinton whether she would run.",
            "asking",
            "Maddow",
        ),
        (
            "About two-thirds of caucus attendees described themselves as liberals with "
            "about three in 10 saying they are very liberal.",
            "saying",
            "about three in 10",
        ),
        # "with" and a phrase that is no subject: the sentence's subject speaks.
        ("He left with a smile, saying the talks had failed.", "saying", "He"),
        ("He left with a smile on his face saying the talks had failed.", "saying", "He"),
        # The "in" of "in endorsing" governs the participle: no words before it do it.
        (
            "Pence broke with his future boss in endorsing Ryan.",
            "endorsing",
            "Pence",
        ),
    ],
)
def test_with_and_a_noun_before_a_participle_name_who_does_it(nlp, sentence, cue, speaker):
    assert speaker_of(nlp, sentence, cue) == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # The parser joins "told" to the quotation's "were", whose subject is "We".
        (
            "“We were tremendously wrong to not have confronted him from the beginning,” "
            "Ramos, 58, told AFP in an interview in Mexico City on Monday.",
            "Ramos",
        ),
        # Control: a verb joined to one outside any quotation keeps that subject.
        ("Ramos met reporters in Mexico City and told AFP that he was wrong.", "Ramos"),
    ],
)
def test_a_name_after_a_quotation_speaks_for_a_verb_the_parser_joined_to_it(nlp, sentence, speaker):
    assert speaker_head_of(nlp, sentence, "told") == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "Russian state television will interview analysts about Jens Stoltenberg "
            "calling the drills a provocation.",
            "Jens Stoltenberg",
        ),
        ("Kremlin officials were furious over Joe Biden calling Putin a killer.", "Joe Biden"),
    ],
)
def test_a_person_named_right_before_a_participle_is_who_does_it(nlp, sentence, speaker):
    assert speaker_of(nlp, sentence, "calling") == speaker


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("He spoke at Davos saying the alliance would hold.", "He"),
        ("He appeared beside Volodymyr Zelensky saying the alliance would hold.", "He"),
    ],
)
def test_a_place_or_group_before_a_participle_leaves_the_subject_speaking(nlp, sentence, speaker):
    assert speaker_of(nlp, sentence, "saying") == speaker


def test_a_second_subject_after_the_verbs_preposition_is_its_object(nlp):
    # The parser reads "Snyder" as a second subject of "called".
    sentence = (
        "On Saturday, Sen. Bernie Sanders (I-Vt.) called on Michigan Gov. Rick Snyder (R) "
        "to resign over the crisis."
    )
    assert speaker_head_of(nlp, sentence, "called") == "Sanders"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # The parser reads the floating "all" as a second subject of "warned".
        (
            "Baltic leaders — whose countries were once ruled from Moscow — all warned that "
            "the troops were not leaving.",
            "leaders",
        ),
        # Alone, "all" is the subject.
        ("All warned that the troops were not leaving.", "All"),
    ],
)
def test_a_floating_quantifier_leaves_the_subject_it_points_back_at_speaking(
    nlp, sentence, speaker
):
    assert speaker_head_of(nlp, sentence, "warned") == speaker


def test_a_clause_set_off_after_the_speaker_is_no_part_of_who_they_are(extract):
    text = (
        "A senior U.S. official, speaking on condition of anonymity, said Russia had added "
        "7,000 troops.\n\n"
        "NATO Secretary-General Jens Stoltenberg, who spoke in Brussels before a meeting of "
        "defense ministers, said Russia was still building up.\n\n"
        "Kuleba — who met Blinken on Monday — said the talks were useful.\n"
    )

    official, stoltenberg, kuleba = extract(text)

    assert (official.speaker_name, official.speaker_kind) == ("A senior U.S. official", "person")
    assert official.actor is None
    assert stoltenberg.speaker_name == "NATO Secretary-General Jens Stoltenberg"
    assert stoltenberg.actor == "Jens Stoltenberg"
    assert (kuleba.speaker_name, kuleba.actor) == ("Kuleba", "Dmytro Kuleba")


def test_speaking_on_condition_of_anonymity_is_no_statement(extract):
    text = (
        "The official, who spoke on the condition of anonymity to discuss internal "
        "deliberations, said the talks had stalled.\n"
    )

    [statement] = extract(text)

    assert statement.cue.text == "said"
    assert statement.content.text == "the talks had stalled"


def test_a_document_speaks_for_whoever_issued_it(extract):
    text = (
        "Russian troops are returning to their bases, according to a statement from "
        "Russia's Defense Ministry.\n\n"
        "The White House readout said Biden warned of swift and severe costs.\n\n"
        "A joint statement said the talks would continue.\n"
    )

    ministry, white_house, joint = extract(text)

    assert ministry.actor == "Ministry of Defence of the Russian Federation"
    assert (white_house.speaker_name, white_house.actor) == (
        "White House",
        "United States government",
    )
    # Whose joint statement, the words do not say.
    assert (joint.speaker_name, joint.actor) == (None, None)


def test_a_question_put_to_someone_is_not_their_statement(extract):
    text = (
        'Asked whether Russia would invade, Peskov said: "No."\n\n'
        "Peskov was asked whether sanctions would follow.\n\n"
        "Asked by reporters whether talks would go on, Lavrov said they would.\n"
    )

    questions = [s for s in extract(text) if s.cue.text.lower().startswith("asked")]

    # The question is the asker's: unnamed, or named after "by".
    assert [(s.content.text, s.speaker and s.speaker.text) for s in questions] == [
        ("whether Russia would invade", None),
        ("whether sanctions would follow", None),
        ("whether talks would go on", "reporters"),
    ]
