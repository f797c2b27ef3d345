"""spaCy's attribute ruler, with its patterns found by dictionary look-up.

en_core_web_sm's attribute ruler maps tags to coarse parts of speech and fixes
lemmas and morphology with 179 Matcher patterns. The Matcher tries every pattern
at every token, which cost about a sixth of the whole pipeline's time on PolNeAR
dev, as much as the attribution tagger itself. Nearly all of those patterns are a
single token with exact values (TAG "NN", LOWER in a list), so each pattern is
filed here under one of its exact values and a token is checked only against the
patterns filed under its own tag, lowercase form, dependency or space flag, or
against the few that have no exact value. Matches are applied as AttributeRuler
applies them (ordered by pattern, a later pattern overriding an earlier one), so
every token ends with the same attributes; tests/statements/extraction/
test_attribute_ruler.py compares the two on real sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id

# Matcher keys this ruler reads, as columns of Doc.to_array: strings become hashes,
# so every comparison but a regular expression is between integers.
KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "POS")
COLUMN = {key: i for i, key in enumerate(KEYS)}
# Keys a pattern is filed under, most selective first.
ANCHORS = ("LOWER", "TAG", "DEP", "IS_SPACE")


class UnsupportedPattern(ValueError):
    """A Matcher pattern this ruler cannot evaluate exactly (operators, other keys)."""


def _id(key: str, value) -> int:
    return int(value) if key == "IS_SPACE" else get_string_id(value)


def _predicate(key: str, spec):
    if key not in COLUMN:
        raise UnsupportedPattern(key)
    col = COLUMN[key]
    if not isinstance(spec, dict):
        wanted = _id(key, spec)
        return lambda row, strings: row[col] == wanted
    if len(spec) != 1:
        raise UnsupportedPattern(spec)
    ((op, arg),) = spec.items()
    if op == "IN":
        allowed = frozenset(_id(key, v) for v in arg)
        return lambda row, strings: row[col] in allowed
    if op == "NOT_IN":
        banned = frozenset(_id(key, v) for v in arg)
        return lambda row, strings: row[col] not in banned
    if op == "REGEX" and key != "IS_SPACE":
        regex = re.compile(arg)
        return lambda row, strings: regex.search(strings[row[col]]) is not None
    raise UnsupportedPattern(spec)


def _token_test(token_pattern: dict):
    tests = [_predicate(key, spec) for key, spec in token_pattern.items()]
    if not tests:
        return _always
    if len(tests) == 1:
        return tests[0]
    return lambda row, strings: all(test(row, strings) for test in tests)


def _always(row, strings) -> bool:
    return True


def _without(token_pattern: dict, column: int) -> dict:
    return {key: spec for key, spec in token_pattern.items() if COLUMN.get(key) != column}


def _anchor(token_pattern: dict) -> tuple[int, list[int]] | None:
    """The column and exact values to file a pattern under, if it has any."""
    for key in ANCHORS:
        spec = token_pattern.get(key)
        if spec is None:
            continue
        if not isinstance(spec, dict):
            return COLUMN[key], [_id(key, spec)]
        if set(spec) == {"IN"}:
            return COLUMN[key], [_id(key, v) for v in spec["IN"]]
    return None


class IndexedAttributeRuler(AttributeRuler):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._file_nothing()

    def clear(self) -> None:
        super().clear()
        self._file_nothing()

    def _file_nothing(self) -> None:
        # One dictionary per anchor column: value -> [(pattern id, length, token tests)].
        self._filed: dict[int, dict[int, list]] = {COLUMN[k]: defaultdict(list) for k in ANCHORS}
        self._unfiled: list[tuple[int, list]] = []

    def add(self, patterns, attrs, index: int = 0) -> None:
        attr_id = len(self.attrs)
        filed = []
        for pattern in patterns:
            if any("OP" in token_pattern for token_pattern in pattern):
                raise UnsupportedPattern(pattern)
            anchor = _anchor(pattern[0])
            # The anchor's own condition holds for every token filed under it.
            first = pattern[0] if anchor is None else _without(pattern[0], anchor[0])
            tests = [_token_test(tp) for tp in [first, *pattern[1:]]]
            filed.append((anchor, (attr_id, len(pattern), tests)))
        super().add(patterns, attrs, index)
        for anchor, entry in filed:
            if anchor is None:
                self._unfiled.append(entry)
                continue
            col, values = anchor
            for value in values:
                self._filed[col][value].append(entry)

    def match(self, doc):
        rows = doc.to_array(list(KEYS)).tolist()
        strings = doc.vocab.strings
        anchors = [(col, filed) for col, filed in self._filed.items() if filed]
        unfiled = self._unfiled
        n = len(rows)
        found = set()
        for start, row in enumerate(rows):
            candidates = unfiled
            for col, filed in anchors:
                hits = filed.get(row[col])
                if hits:
                    candidates = candidates + hits
            for attr_id, length, tests in candidates:
                end = start + length
                if end <= n and all(test(rows[start + k], strings) for k, test in enumerate(tests)):
                    found.add((attr_id, start, end))
        return [(attr_id, strings[str(attr_id)], s, e) for attr_id, s, e in sorted(found)]


@Language.factory("indexed_attribute_ruler", default_config={"validate": False})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool):
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate)


def index_attribute_ruler(nlp, name: str = "attribute_ruler"):
    """Replace nlp's attribute ruler by an IndexedAttributeRuler with the same
    patterns; leave it as it is when a pattern is one this ruler cannot evaluate."""
    if name not in nlp.pipe_names:
        return nlp
    original = nlp.get_pipe(name)
    if isinstance(original, IndexedAttributeRuler):
        return nlp
    indexed = IndexedAttributeRuler(nlp.vocab, name)
    try:
        indexed.add_patterns(original.patterns)
    except UnsupportedPattern:
        return nlp
    nlp.replace_pipe(name, "indexed_attribute_ruler")
    replaced = nlp.get_pipe(name)
    replaced.clear()
    replaced.add_patterns(original.patterns)
    return nlp
