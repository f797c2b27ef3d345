"""First-party releases: the declarative sentences of an official channel's own text.

A ministry's press release rarely says "the ministry said": the whole body is its voice.
Pure: no Django.
"""

from __future__ import annotations

import re

from .drafts import overlap
from .header import parse_article_header
from .lexicon import SPEECH_VERBS
from .pipeline import _body_paragraphs, load_nlp, parse
from .text_utils import paragraph_text
from .types import ExtractedStatement, Span

MIN_WORDS = 6
FIRST_PERSON = {"i", "we", "us", "our"}
# Contact lines, links and the like close a release; they are no one's claim.
_NOT_A_CLAIM = re.compile(
    r"(?i)(https?://|www\.|@|\bfor (further|more) information\b|\bcontact\b|\bpress (office|"
    r"service)\b|\bphoto\b|\ball rights reserved\b|\bfollow us\b|\bsubscribe\b)"
)


def is_first_person(speaker: str) -> bool:
    return speaker.strip().lower() in FIRST_PERSON


IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "spoke": "speak"}


def reports_speech(cue: str) -> bool:
    """Whether a cue's words include a speech verb ("said", "announced"), as opposed
    to a stance or thought ("welcomes", "supports", "believes")."""
    for word in cue.lower().split():
        word = IRREGULAR.get(word, word)
        forms = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "y"}
        if forms & SPEECH_VERBS:
            return True
    return False


def release_sentences(text: str, *, taken: list[tuple[int, int]], nlp=None) -> list[Span]:
    """Declarative body sentences that overlap none of the `taken` ranges.

    Declarative: ends with a full stop, has a finite verb at its root, is not an order
    ("Contact our office"), and has at least MIN_WORDS words.
    """
    nlp = nlp or load_nlp()
    header = parse_article_header(text)
    paras = _body_paragraphs(text, header.boilerplate)
    found = []
    docs = parse(nlp, [paragraph_text(text, s, e) for s, e in paras])
    for (start, end), doc in zip(paras, docs, strict=True):
        del end
        for sent in doc.sents:
            words = [t for t in sent if not t.is_punct and not t.is_space]
            if len(words) < MIN_WORDS or not sent.text.rstrip().endswith("."):
                continue
            root = sent.root
            if root.pos_ not in ("VERB", "AUX") or (root.i == sent.start and root.tag_ == "VB"):
                continue
            if not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in root.children):
                continue
            if _NOT_A_CLAIM.search(sent.text):
                continue
            s = start + sent.start_char
            e = start + sent.end_char
            while e > s and text[e - 1].isspace():
                e -= 1
            if any(overlap((s, e), t) for t in taken):
                continue
            found.append(Span(text[s:e], s, e))
    return found


def release_statement(span: Span, *, actor: str, said_on=None) -> ExtractedStatement:
    """A release sentence as the official actor's own words, dated by the release."""
    return ExtractedStatement(
        speaker=None,
        cue=Span("", span.start, span.start),
        content=span,
        segments=[(span.start, span.end)],
        kind="direct_quote",
        reported_via="official release",
        actor=actor,
        said_on=said_on,
        date_precision="day" if said_on else "unknown",
        confidence=0.6,
    )
