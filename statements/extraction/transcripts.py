"""Interview transcripts: paragraphs that open with their speaker's label.

'TAPPER: And obviously, you're supporting Donald Trump ...' / 'FALLIN: Well, I think
the whole nation needs to work together ...', or 'Q: ...' / 'A: ...'. No verb
reports these words, so the parse-based rules see only the reports inside them.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from .drafts import Draft
from .rules import Candidate
from .tagger import NAMED_KEY

# A speaker's label: a name in capitals of one or two words ("TAPPER", "MR. TRUMP"),
# or the Q and A of a question-and-answer interview.
LABEL = re.compile(
    r"[\"“]?\s*(?P<label>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+)?|[QA])(?P<colon>:)\s+(?=\S)"
)
# Labels of page furniture, which open paragraphs of news pages as well.
FURNITURE = frozenset(
    [
        "ALSO",
        "BREAKING",
        "CORRECTION",
        "CREDIT",
        "EDITOR'S",
        "EMAIL",
        "EXCLUSIVE",
        "MORE",
        "NOTE",
        "PHOTO",
        "PHOTOS",
        "READ",
        "RELATED",
        "SOURCE",
        "UPDATE",
        "UPDATED",
        "VIDEO",
        "WATCH",
    ]
)


def _label(text: str, start: int, end: int):
    match = LABEL.match(text, start, end)
    if match is None:
        return None
    words = match["label"].split()
    # "FIX IS IN: ..." is a headline; the single letters are Q and A.
    if any(w in FURNITURE or len(w) > 1 and w.lower() in STOP_WORDS for w in words):
        return None
    return match


def transcript_turns(text: str, paras, para_docs) -> list[Draft]:
    """A statement for each labelled paragraph of a transcript, its label the speaker
    and its words the content. A lone label is a headline ("FIX IS IN: ..."), so the
    article must hold turns of at least two speakers."""
    labelled = []
    for index, (start, end) in enumerate(paras):
        match = _label(text, start, end)
        if match is not None:
            labelled.append((index, match))
    if len({match["label"] for _index, match in labelled}) < 2:
        return []
    names = _person_names(para_docs)
    turns = []
    for index, match in labelled:
        offset, doc = paras[index][0], para_docs[index]
        end = paras[index][1]
        while end > match.end() and text[end - 1].isspace():
            end -= 1
        cue = doc.char_span(
            match.start("colon") - offset, match.end("colon") - offset, alignment_mode="expand"
        )
        label = doc.char_span(
            match.start("label") - offset, match.end("label") - offset, alignment_mode="expand"
        )
        if cue is None or label is None or not len(cue) or not len(label):
            continue
        cand = Candidate(
            cue=cue[0],
            cue_end=cue.end_char,
            speaker=(label.start_char, label.end_char),
            speaker_head=label[-1],
            content=[(match.end() - offset, end - offset)],
            content_tokens={
                t.i
                for t in doc.char_span(match.end() - offset, end - offset, alignment_mode="expand")
                or []
            },
        )
        draft = Draft(cand, offset, index)
        draft.quoted = 1.0  # a transcript gives the words as spoken
        draft.speaker_name = names.get(match["label"].split()[-1])
        turns.append(draft)
    return turns


def _person_names(para_docs) -> dict[str, str]:
    """The fullest name the article gives each surname, keyed as a label writes it:
    "TAPPER" -> "Jake Tapper", so that a turn resolves to the person, not the label."""
    names: dict[str, str] = {}
    for doc in para_docs:
        for span in doc.spans.get(NAMED_KEY, doc.ents):
            if span.label_ != "PERSON" or len(span) < 2:
                continue
            key = span[-1].text.upper()
            if len(span.text) > len(names.get(key, "")):
                names[key] = span.text
    return names
