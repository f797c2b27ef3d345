"""How firmly a statement holds the claim a cue found: hedged, or only reported from others.

A hedge ("may", "could", "possibly") weakens a claim so that it no longer clashes with a
plain claim the other way; a speaker who relays what someone else claims ("Moscow claims
troops are pulling back", "the so-called withdrawal") does not take that stance at all.
Both are read off the dependency parse, on the chain of heads above the cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from .nlp import has_parse

HEDGE_MODALS = frozenset({"may", "might", "could"})
HEDGE_ADVERBS = frozenset(
    {"possibly", "perhaps", "maybe", "potentially", "conceivably", "allegedly", "reportedly"}
)
# Verbs a speaker uses to relay another party's claim while keeping a distance from it.
DISTANCING_VERBS = frozenset({"claim", "allege", "purport", "contend", "insist"})
# Neutral reporting verbs: they only detach the claim when their subject is not the speaker.
REPORTING_VERBS = DISTANCING_VERBS | frozenset(
    {"say", "state", "announce", "assert", "maintain", "report", "tell", "declare"}
)
# "the so-called withdrawal": the tokenizer splits "so-called", so this reads the raw text.
DISTANCING_BEFORE = re.compile(
    r"\b(so-called|so called|alleged|purported|supposed|ostensible)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
SELF_PRONOUNS = frozenset({"i", "we", "he", "she"})
MAX_CLIMB = 8
_CLAUSE_STOP = frozenset({"advcl", "relcl", "parataxis"})


@dataclass(frozen=True)
class Modality:
    hedge: Token | None  # the hedging word governing the cue
    reported_by: str  # who the content attributes the claim to, when not the speaker


def _spine(doc: Doc, tokens: Sequence[int], anchor: Token) -> list[Token]:
    """The anchor and its heads up to the clause that holds it."""
    chain = [anchor]
    node = anchor
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i or node.dep_ in _CLAUSE_STOP:
            break
        node = node.head
        chain.append(node)
    return chain


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _names_speaker(subject: Token, speaker: str | None) -> bool:
    if subject.lower_ in SELF_PRONOUNS:
        return True
    if not speaker:
        return False
    words = {t.lower_ for t in subject.subtree if t.is_alpha and len(t) > 2}
    return bool(words & {w.casefold() for w in speaker.split() if len(w) > 2})


def _subject_text(subject: Token) -> str:
    return subject.doc[subject.left_edge.i : subject.right_edge.i + 1].text


def _attributes_speech(according: Token, speaker: str) -> bool:
    """Does "according to" hang on the speaker's own reporting verb ("X said, according to")?"""
    verb = according.head
    if verb.lemma_ not in REPORTING_VERBS:
        return False
    subject = _subject(verb)
    return subject is not None and _names_speaker(subject, speaker)


def modality(
    doc: Doc, tokens: Sequence[int], anchor: Token, *, speaker: str | None = None
) -> Modality:
    """The hedge and the reporting party above the matched cue `tokens`."""
    if not has_parse(doc):
        return Modality(None, "")
    inside = set(tokens)
    hedge: Token | None = None
    reported_by = ""
    chain = _spine(doc, tokens, anchor)
    start = doc[min(tokens)].idx
    distanced = DISTANCING_BEFORE.search(doc.text[max(0, start - 40) : start])
    if distanced:
        reported_by = distanced.group(1)
    for depth, node in enumerate(chain):
        for child in node.children:
            if child.i in inside:
                continue
            if hedge is None and depth <= 2:
                modal = child.dep_ == "aux" and child.lower_ in HEDGE_MODALS
                adverb = child.dep_ == "advmod" and child.lower_ in HEDGE_ADVERBS
                if modal or adverb:
                    hedge = child
        if node.i in inside or depth == 0:
            continue
        if reported_by or node.lemma_ not in REPORTING_VERBS:
            continue
        subject = _subject(node)
        if subject is None or _names_speaker(subject, speaker):
            continue
        # "Moscow claims ..." keeps a distance whoever says it; "the Pentagon said ..." only
        # detaches the claim when the Pentagon is not the statement's own speaker.
        if node.lemma_ in DISTANCING_VERBS or speaker:
            reported_by = _subject_text(subject)
    for token in doc:
        # "according to Moscow, troops are pulling back"; but in "Stoltenberg said, according
        # to The Guardian" the source relays the speech act, not a claim the speaker keeps
        # a distance from.
        if (
            speaker
            and not reported_by
            and token.lower_ == "according"
            and token.i + 2 < len(doc)
            and doc[token.i + 1].lower_ == "to"
            and not _attributes_speech(token, speaker)
        ):
            source = doc[token.i + 2]
            if not _names_speaker(source, speaker):
                reported_by = source.text
    return Modality(hedge, reported_by)
