"""Which words report: the verbs that are cues."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CUE_VERBS

NON_REPORTING = frozenset(
    ["be", "have", "make", "do", "get", "seem", "appear", "mean", "ensure", "guarantee"]
)


def is_cue(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"} or token.dep_ in {"amod", "compound", "aux", "auxpass"}:
        return False
    if token.lemma_.lower() in CUE_VERBS:
        return True
    # Any verb whose subject introduces a "that" clause reports that subject's
    # words or stance ("hinted that", "signalled that"), whatever the verb.
    if token.lemma_.lower() in NON_REPORTING:
        return False
    has_subject = any(c.dep_ == "nsubj" for c in token.children)
    return has_subject and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )
