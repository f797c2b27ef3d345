"""What governs a cue: negations and denial verbs, found on the dependency parse.

The parse bounds the scope: "we have not seen any de-escalation" negates the cue through the
verb it hangs from, while in "not pulling back but building up" the "not" stays with its own
conjunct. Without a parse, a short token window before the cue stands in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .nlp import get_nlp, has_parse

NEGATORS = frozenset({"not", "n't", "no", "never", "without", "hardly", "scarcely", "barely"})
NEGATIVE_PRONOUNS = frozenset({"none", "nobody", "nothing", "neither"})
# "no signs of a pullback" often parses with "of a pullback" hanging off the verb, beside the
# negated noun rather than under it.
EVIDENCE_NOUNS = frozenset({"sign", "evidence", "indication", "proof", "trace", "hint"})
# Negating these reports an absence of evidence now ("have not seen any withdrawal", "no
# signs of a pullback"): a denial of a fact, not of a possibility.
PERCEPTION_VERBS = frozenset({"see", "notice", "observe", "detect", "witness", "find"})
# Verbs whose negation reaches into their clause: "I don't think Russia will invade".
NEG_RAISING = frozenset(
    {"think", "believe", "expect", "see", "seem", "appear", "anticipate", "suppose", "notice"}
)
DENIAL_VERBS = frozenset(
    {
        "deny",
        "dismiss",
        "reject",
        "refute",
        "rebut",
        "debunk",
        "disavow",
        "dispute",
        "scoff",
        "ridicule",
        "doubt",
        "downplay",
    }
)
# "called the reports false", "labelled them hysteria".
CALL_VERBS = frozenset({"call", "label", "describe", "brand", "term"})
FALSITY_WORDS = frozenset(
    {
        "false",
        "fake",
        "absurd",
        "nonsense",
        "hysteria",
        "lie",
        "propaganda",
        "baseless",
        "groundless",
        "untrue",
        "fiction",
        "fantasy",
        "disinformation",
        "misinformation",
        "ridiculous",
    }
)
# Clause links a negation does not cross: adverbial and relative clauses make their own claims.
STOP_EDGES = frozenset({"advcl", "relcl", "parataxis", "appos"})
MAX_CLIMB = 8
WINDOW = 4  # tokens before a cue the fallback looks at
_WINDOW_TRANSPARENT = frozenset({"any", "yet", "a", "an", "the", "sign", "signs", "of", "seen"})
_CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "and", "--", "—", "while", "although"})


@dataclass(frozen=True)
class Governors:
    negators: tuple[Token, ...]  # negations in scope, outside the cue itself
    denial: Token | None  # a denial verb whose complement holds the cue


def _negator(child: Token) -> Token | None:
    """The negating word a child of the cue's spine contributes, if any."""
    if child.dep_ == "neg" or child.lower_ in NEGATIVE_PRONOUNS:
        return child
    if child.lower_ in NEGATORS and child.dep_ in {"det", "advmod", "preconj", "dep"}:
        return child
    # "no signs of", "no longer", "not anymore" hang the negation one level down.
    if child.lemma_ in EVIDENCE_NOUNS or child.dep_ == "advmod":
        return next((g for g in child.children if g.lower_ in {"no", "not"}), None)
    return None


def _is_falsity_call(token: Token, skip: set[int]) -> bool:
    """A verb calling the proposition false: "called the reports false", "claims ... are false"."""
    if token.lemma_ in CALL_VERBS:
        return any(c.i not in skip and c.lemma_.lower() in FALSITY_WORDS for c in token.subtree)
    return token.lemma_ == "be" and any(
        c.i not in skip and c.dep_ in {"acomp", "attr"} and c.lemma_.lower() in FALSITY_WORDS
        for c in token.children
    )


def governors(doc: Doc, tokens: Sequence[int], anchor: Token) -> Governors:
    """Negations and a denial verb governing the matched tokens, walking up their heads."""
    inside = set(tokens)
    path = set(tokens)
    negators: list[Token] = []
    denial: Token | None = None
    negation_open = True  # False once the walk leaves the clause a negation could reach
    via_conj = False  # the walk reached `node` from one of its conjuncts
    node = anchor
    for _ in range(MAX_CLIMB):
        for child in node.children:
            if child.i in path or not negation_open:
                continue
            negator = _negator(child)
            if negator is not None:
                negators.append(negator)
        if node.i not in inside:
            if negation_open and node.lower_ == "without":
                negators.append(node)
            # A conjunct is a sibling clause, not a complement: in "the talk was propaganda and
            # Russia will not invade" the second clause is not called propaganda.
            denies = node.lemma_ in DENIAL_VERBS or _is_falsity_call(node, path)
            if denial is None and denies and not via_conj:
                denial = node
        via_conj = node.dep_ == "conj"
        head = node.head
        if head.i == node.i or node.dep_ in STOP_EDGES:
            break
        if node.dep_ == "conj" and not any(
            c.dep_ == "cc" and c.lower_ in {"or", "nor"} for c in head.children
        ):
            # "not X but Y" / "X and not Y": a conjunct's negation is its own.
            negation_open = False
        if node.dep_ == "ccomp" and head.lemma_ not in NEG_RAISING:
            # "did not say that troops withdrew" reports nothing about the troops.
            negation_open = False
        path.add(node.i)
        node = head
    return Governors(tuple(negators), denial)


def window_negator(doc: Doc, first: int, reach: int = WINDOW) -> Token | None:
    """Cheap fallback: a negator just before the cue, within its clause."""
    sent_start = doc[first].sent.start if has_parse(doc) else 0
    seen = 0
    for i in range(first - 1, max(sent_start, 0) - 1, -1):
        token = doc[i]
        if token.lower_ in _CLAUSE_BREAKS:
            return None
        if token.lower_ in NEGATORS:
            following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
            return None if following == "only" else token
        if token.lower_ not in _WINDOW_TRANSPARENT and not token.is_punct:
            seen += 1
            if seen >= reach:
                return None
    return None


@lru_cache(maxsize=512)
def is_denial_cue(cue: str | None) -> bool:
    """Does a speech verb deny its content ("dismissed", "rejected", "called ... false")?"""
    if not cue or not cue.strip():
        return False
    tokens = list(get_nlp()(cue.replace("...", " ")))
    lemmas = {(t.lemma_ or t.lower_).lower() for t in tokens} | {t.lower_ for t in tokens}
    if lemmas & DENIAL_VERBS or {"denied", "dismissed", "rejected", "refuted"} & lemmas:
        return True
    return bool(lemmas & CALL_VERBS and lemmas & FALSITY_WORDS)


ANAPHOR_NOUNS = frozenset(
    {
        "notion",
        "claim",
        "report",
        "allegation",
        "idea",
        "suggestion",
        "accusation",
        "assertion",
        "assessment",
        "rumour",
        "rumor",
        "speculation",
        "prediction",
        "warning",
        "charge",
        "something",
        "view",
    }
)
ANAPHOR_PRONOUNS = frozenset({"this", "that", "it", "these", "those", "which", "so"})


def find_anaphor(doc: Doc) -> tuple[int, int] | None:
    """Character span of an anaphor standing for an earlier proposition, if the content has one."""
    for token in doc:
        if token.lemma_.lower() in ANAPHOR_NOUNS or token.lower_ in ANAPHOR_NOUNS:
            return token.left_edge.idx, token.idx + len(token)
        # A subject pronoun names an actor ("it was pulling forces back"), not a proposition.
        if token.lower_ in ANAPHOR_PRONOUNS and token.dep_ not in {"mark", "nsubj", "nsubjpass"}:
            return token.idx, token.idx + len(token)
    return None


def is_observation(negators: Sequence[Token]) -> bool:
    """Do the negations deny an observation ("not seen", "no signs of") rather than a claim?"""
    for negator in negators:
        head = negator.head
        if head.lemma_ in PERCEPTION_VERBS or head.lemma_ in EVIDENCE_NOUNS:
            return True
    return False
