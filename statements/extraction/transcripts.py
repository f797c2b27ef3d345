"""Statements a speaker's label introduces, with no verb to report them.

Interview transcripts: 'TAPPER: And obviously, you're supporting Donald Trump ...' /
'FALLIN: Well, I think the whole nation needs to work together ...', or 'Q: ...' /
'A: ...'. And headlines: 'Lynch: No outside influence on FBI probe into Clinton
emails.' The parse-based rules see only the reports inside such words.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.lang.en.stop_words import STOP_WORDS

from .drafts import Draft, overlap
from .rules import Candidate
from .tagger import NAMED_KEY

# A speaker's label: a name in capitals of one or two words ("TAPPER", "MR. TRUMP"),
# or the Q and A of a question-and-answer interview.
LABEL = re.compile(
    r"[\"“]?\s*(?P<label>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+)?|[QA])(?P<colon>:)\s+(?=\S)"
)
# Official transcripts (the Kremlin's, a ministry's briefing) label turns with a name
# as it is written, up to four words, perhaps with a note on the interpreting:
# "Vladimir Putin:", "Olaf Scholz (retranslated):", "Question:".
TITLED_LABEL = re.compile(
    r"[\"“]?\s*(?P<label>[A-Z][\w.’'-]*(?: (?:[A-Z][\w.’'-]*|de|van|von|al|bin)){0,3})"
    r"(?:\s*\([^()\n]{1,40}\))?(?P<colon>:)\s+(?=\S)"
)
# Fewer words after a name and its colon are a list's entry, not a turn.
MIN_TURN_WORDS = 4
# Labels that stand for a person without naming them.
GENERIC_LABELS = frozenset(["question", "answer"])
# A headline's source: a name of up to four capitalised words ("Lynch", "NY Daily
# News", "Dr. Ben Carson").
HEADLINE_LABEL = re.compile(
    r"[\"“]?\s*(?P<label>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})(?P<colon>:)\s+(?=\S)"
)
# Labels of page furniture, which open paragraphs of news pages as well.
FURNITURE = frozenset(
    [
        "ALSO",
        "BREAKING",
        "CORRECTION",
        "CREDIT",
        "DAILY",
        "EDITOR'S",
        "EMAIL",
        "EXCLUSIVE",
        "LATEST",
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


def _label(text: str, start: int, end: int, pattern=LABEL):
    match = pattern.match(text, start, end)
    if match is None:
        return None
    words = match["label"].split()
    # "FIX IS IN: ..." and "The Latest: ..." are no names; the single letters are Q and A.
    if any(w.upper() in FURNITURE or len(w) > 1 and w.lower() in STOP_WORDS for w in words):
        return None
    return match


def _titled_labels(text: str, paras, para_docs) -> dict[int, re.Match]:
    """Labels written as names ("Vladimir Putin:"), by paragraph. Each must be a
    speaker's: "Question" or "Answer", a person by the parser's named entities, or
    opening several paragraphs, as a speaker does in a transcript (the small model
    takes "Olaf Scholz" for an organisation). A roundup's topics ("Foreign Policy:
    Clinton has ...") are none of these."""
    found = {}
    # The first paragraph is the headline, and its label the source of its claim
    # (headline_claim), not a turn: 'Pence: Gennifer Flowers Won't Be at Debate'.
    for index, (start, end) in enumerate(paras[1:], start=1):
        match = _label(text, start, end, pattern=TITLED_LABEL)
        if match is not None:
            found[index] = match
    counts = Counter(match["label"] for match in found.values())
    labels, names = {}, {}
    for index, match in found.items():
        doc, start = para_docs[index], paras[index][0]
        words = doc.char_span(
            match.start("label") - start, match.end("label") - start, alignment_mode="expand"
        )
        said = [t for t in doc if t.idx >= match.end() - start and not t.is_punct]
        # Lists put a name before a figure or a few words ("Hillary Clinton: 1,769.",
        # "Kasich: Now or never."): what a speaker says has a verb.
        if len(said) < MIN_TURN_WORDS or not any(t.pos_ in {"VERB", "AUX"} for t in said):
            continue
        people = (s for s in doc.spans.get(NAMED_KEY, doc.ents) if s.label_ == "PERSON")
        if (
            match["label"].lower() in GENERIC_LABELS
            or counts[match["label"]] > 1
            or any(s.start <= words.start and words.end <= s.end for s in people)
        ):
            labels[index] = match
        elif all(t.pos_ == "PROPN" for t in words):
            names[index] = match
    # In what is a transcript already, a label that is all proper names is one more
    # speaker, whom the small model may not know for a person.
    if len({match["label"] for match in labels.values()}) >= 2:
        labels.update(names)
    return labels


def transcript_turns(text: str, paras, para_docs) -> list[Draft]:
    """A statement for each labelled paragraph of a transcript, its label the speaker
    and its words the content. A lone label is a headline ("FIX IS IN: ..."), so the
    article must hold turns of at least two speakers.

    The reports inside a turn ("I think the whole nation needs to work together")
    stay statements of their own: annotators of one Q&A article marked the turns,
    of another only the reports inside them."""
    titled = _titled_labels(text, paras, para_docs)
    labelled = []
    for index, (start, end) in enumerate(paras):
        match = _label(text, start, end) or titled.get(index)
        if match is not None:
            labelled.append((index, match))
    if len({match["label"] for _index, match in labelled}) < 2:
        return []
    names = _person_names(para_docs)
    turns = []
    for index, match in labelled:
        draft = _labelled(text, paras[index], para_docs[index], index, match)
        if draft is not None:
            draft.quoted = 1.0  # a transcript gives the words as spoken
            draft.turn = True
            draft.speaker_name = names.get(match["label"].split()[-1].upper())
            turns.append(draft)
    return turns


def with_labelled(drafts: list[Draft], labelled: list[Draft]) -> list[Draft]:
    """drafts and the labelled statements, less any other draft whose cue is one of
    their labels' colons (the tagger marks some of them itself, often cut short)."""
    kept = [d for d in drafts if not any(overlap(d.cue, t.cue) for t in labelled)]
    return kept + labelled


def headline_claim(text: str, title: str | None, paras, para_docs) -> list[Draft]:
    """The claim of a headline that names its source before a colon. On train and
    dev, 79 of 112 such headlines are annotated as the label's statement; most of the
    rest open with "The" ("The Latest: ...") or a furniture word, which are no names."""
    if not paras or title is None or text[paras[0][0] : paras[0][1]].strip() != title:
        return []
    match = _label(text, *paras[0], pattern=HEADLINE_LABEL)
    if match is None:
        return []
    draft = _labelled(text, paras[0], para_docs[0], 0, match)
    return [] if draft is None else [draft]


def _labelled(text: str, para: tuple[int, int], doc, index: int, match) -> Draft | None:
    """A draft whose speaker is the label, cue its colon and content the rest."""
    offset, end = para
    while end > match.end() and text[end - 1].isspace():
        end -= 1
    cue = doc.char_span(
        match.start("colon") - offset, match.end("colon") - offset, alignment_mode="expand"
    )
    label = doc.char_span(
        match.start("label") - offset, match.end("label") - offset, alignment_mode="expand"
    )
    words = doc.char_span(match.end() - offset, end - offset, alignment_mode="expand")
    if cue is None or label is None or words is None or not (len(cue) and len(label)):
        return None
    cand = Candidate(
        cue=cue[0],
        cue_end=cue.end_char,
        speaker=(label.start_char, label.end_char),
        speaker_head=label[-1],
        content=[(match.end() - offset, end - offset)],
        content_tokens={t.i for t in words},
    )
    return Draft(cand, offset, index)


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
