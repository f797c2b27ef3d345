"""Long-range token features for the attribution tagger.

The tagger's encoder sees a few tokens either side, but whether a token belongs
to a content depends on things further away: whether it sits inside a quotation,
and which verb governs its clause ("the complement of say"). Each token gets
those as ids for hash embeddings, computed from the parse the tagger reads anyway.
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc
from thinc.api import (
    HashEmbed,
    Maxout,
    Model,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d

from .lexicon import CUE_NOUNS, CUE_VERBS
from .quotes import paragraph_quotes

# Dependencies that open a clause of their own when a verb carries them.
CLAUSE_OPENING_DEPS = frozenset(
    [
        "ccomp",
        "xcomp",
        "advcl",
        "relcl",
        "acl",
        "parataxis",
        "conj",
        "csubj",
        "csubjpass",
        "pcomp",
        "dep",
    ]
)
COLUMNS = 5  # quotation, clause verb, governor, cue distance, cue word
_CLAUSE_IDS = frozenset(get_string_id(d) for d in CLAUSE_OPENING_DEPS)
_CUE_VERB_IDS = frozenset(get_string_id(w) for w in CUE_VERBS)
_CUE_NOUN_IDS = frozenset(get_string_id(w) for w in CUE_NOUNS)
_VERBAL = frozenset((int(VERB), int(AUX)))
_OUT, _IN, _OPEN, _MARK = range(4)
_MIX = numpy.uint64(0x9E3779B97F4A7C15)


def quote_states(doc: Doc) -> list[int]:
    """Per token: outside quotations, inside a closed one, inside an unclosed one
    (a quotation running on into the next paragraph), or a quotation mark."""
    states = [_OUT] * len(doc)
    text = doc.text  # Doc.text joins every token anew on each read
    for start, end, closed in paragraph_quotes(text, 0, len(text)):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        states[span.start : span.end] = [_IN if closed else _OPEN] * len(span)
        states[span.start] = _MARK
        if closed:
            states[span.end - 1] = _MARK
    return states


def clause_heads(heads: list[int], deps: list[int], pos: list[int]) -> list[int]:
    """Index of the verb heading each token's clause (the sentence root at the top)."""
    clause = [-1] * len(heads)
    for i in range(len(heads)):
        path = []
        current = i
        while clause[current] < 0:
            if heads[current] == current or (
                deps[current] in _CLAUSE_IDS and pos[current] in _VERBAL
            ):
                clause[current] = current
                break
            path.append(current)
            current = heads[current]
        for j in path:
            clause[j] = clause[current]
    return clause


def feature_ids(doc: Doc) -> numpy.ndarray:
    """(tokens, COLUMNS) ids; each column has an embedding table of its own."""
    n = len(doc)
    array = doc.to_array([HEAD, DEP, POS, LEMMA])
    heads = (numpy.arange(n) + array[:, 0].astype("int64")).tolist()
    deps, pos, lemmas = array[:, 1].tolist(), array[:, 2].tolist(), array[:, 3].tolist()
    clause = clause_heads(heads, deps, pos)
    # Clause levels up to the nearest cue verb above the token's clause, and on which
    # side of it the token lies. The clause's own verb does not count: "back" and
    # "continue" are cues in the lexicon and head plenty of reported clauses.
    cue_above: dict[int, tuple[int, int] | None] = {}
    distance = [0] * n
    for i in range(n):
        head = clause[i]
        if head not in cue_above:
            found, level, current = None, 0, head
            while heads[current] != current and level < 4:
                current = clause[heads[current]]
                level += 1
                if lemmas[current] in _CUE_VERB_IDS and pos[current] in _VERBAL:
                    found = (level, current)
                    break
            cue_above[head] = found
        found = cue_above[head]
        distance[i] = 0 if found is None else 2 * found[0] + (i > found[1])
    clause_at = numpy.asarray(clause, dtype="int64")
    governor_at = numpy.asarray(heads, dtype="int64")[clause_at]
    ids = numpy.empty((n, COLUMNS), dtype="uint64")
    ids[:, 0] = quote_states(doc)
    ids[:, 1] = array[clause_at, 3]
    with numpy.errstate(over="ignore"):
        governed = array[clause_at, 1] * _MIX + array[governor_at, 3]
    ids[:, 2] = numpy.where(governor_at == clause_at, 1, governed)
    ids[:, 3] = distance
    ids[:, 4] = [
        (2 if lemma in _CUE_VERB_IDS else 1 if lemma in _CUE_NOUN_IDS else 0) * 1000 + tag
        for lemma, tag in zip(lemmas, pos, strict=True)
    ]
    return ids


def StructureFeatures() -> Model[list[Doc], list[Ints2d]]:
    def forward(model, docs, is_train):
        features = [model.ops.asarray2i(feature_ids(doc), dtype="uint64") for doc in docs]
        return features, lambda d_features: []

    return Model("structure_features", forward)


def StructureEmbed(width: int, rows: int) -> Model[list[Doc], list[Floats2d]]:
    """Hash embeddings of the feature ids, mixed into one vector per token."""
    embeddings = [
        HashEmbed(width, rows, column=i, seed=101 + i, dropout=0.0) for i in range(COLUMNS)
    ]
    return chain(
        StructureFeatures(),
        list2ragged(),
        with_array(concatenate(*embeddings)),
        with_array(Maxout(width, width * COLUMNS, nP=3, dropout=0.0, normalize=True)),
        ragged2list(),
    )
