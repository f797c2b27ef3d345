"""Who a cue's report belongs to in the parse (statements/extraction/rules/speakers.py)."""

import pytest

from .support import speaker_of


def _speaker_of_verb(nlp, sentence, verb):
    from statements.extraction.rules import find_speaker

    doc = nlp(sentence)
    (cue,) = [t for t in doc if t.text == verb]
    head = find_speaker(cue)
    return head.text if head is not None else None


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
    assert _speaker_of_verb(nlp, sentence, verb) == speaker
