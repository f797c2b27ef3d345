"""Helpers shared by the extraction tests."""


def only_statement_about(statements, phrase):
    """The one statement whose content holds phrase; fails showing every content if
    there is none or more than one."""
    hits = [s for s in statements if phrase in s.content.text]
    assert len(hits) == 1, [s.content.text for s in statements]
    return hits[0]


def speaker_of(nlp, sentence, cue):
    """The speaker text of the one rule candidate whose cue is the word cue."""
    from statements.extraction.rules import candidates_for_sentence

    doc = nlp(sentence)
    found = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
    (report,) = [c for c in found if c.cue.text == cue]
    return sentence[report.speaker[0] : report.speaker[1]] if report.speaker else None


def speaker_head_of(nlp, sentence, verb):
    """The word find_speaker names for the one token verb, whether or not a rule makes
    a statement of it."""
    from statements.extraction.rules import find_speaker

    (cue,) = [t for t in nlp(sentence) if t.text == verb]
    head = find_speaker(cue)
    return head.text if head is not None else None


# PolNeAR dev (Washington Post, 2016-09-10): the parse gives "claimed", a report inside
# the noun phrase "the test, which ...", the same words as the "discuss" that holds it.
NORTH_KOREA = (
    "The U.N., which in March imposed some of the harshest economic sanctions ever against "
    "North Korea, called an emergency meeting to discuss the test, which state news media "
    "claimed now allows Pyongyang to produce nuclear warheads small enough to attach to "
    "ballistic missiles."
)
