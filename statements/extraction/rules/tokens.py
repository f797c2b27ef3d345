"""What every rule shares: the candidate they produce and token-run helpers.

Offsets are token character offsets within the spaCy Doc; the caller shifts them
to article offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

SUBJECT_DEPS = {"nsubj", "csubj"}
CLAUSE_DEPS = {"ccomp", "parataxis"}
EDGE_PUNCT = set(",;:-—–(")
RELATIVISERS = {"that", "which", "what", "who"}


@dataclass
class Candidate:
    cue: Token
    cue_end: int  # doc char offset (the cue may include a particle)
    speaker: tuple[int, int] | None
    speaker_head: Token | None
    content: list[tuple[int, int]]
    content_tokens: set[int] = field(default_factory=set)
    reported_via: str | None = None
    via_span: tuple[int, int] | None = None
    embedded: bool = False  # cue sits inside a relative clause on its content
    set_off_inside: bool = False  # "The plan, Smith said, will fail": the report splits it


def chars(tokens) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def trim(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and tokens[0].text in EDGE_PUNCT or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text in EDGE_PUNCT | {"."}
    ):
        tokens = tokens[:-1]
    return tokens


def subtree_without(token: Token, exclude: set[int] = frozenset()) -> list[Token]:
    return [t for t in token.subtree if t.i not in exclude]


def object_of(preposition: Token) -> Token | None:
    """The object of a preposition ("by [the ministry]", "according to [NATO]")."""
    return next((c for c in preposition.children if c.dep_ == "pobj"), None)


def consecutive_runs(tokens: list[Token]) -> list[list[Token]]:
    """Split a token list into runs of consecutive tokens."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs
