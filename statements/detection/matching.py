"""Compile cue phrases to token patterns and find them in a parsed text.

Patterns compare token forms (lowercase, lemma, plural-stripped), so one cue covers its
inflections: "build up" matches "building up", "built up" and "builds up".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from .nlp import alternatives, get_nlp, has_parse, is_skippable, sentences
from .types import TopicSpec

GAP = "..."
MAX_GAP = 5  # tokens a "..." in a cue may skip: "imminent Russian invasion"
DAY_SLOT = "{day}"
_DAY_WORD = "dayslot"  # stands in for {day} while the cue is tokenised
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
# A cue holding one of these carries its own negation ("no plans to invade"); a negation inside
# the matched tokens must then not flip it a second time.
CUE_NEGATORS = frozenset({"no", "not", "n't", "never", "without", "nor", "none"})
_MARKERS = frozenset({"mark", "aux", "auxpass", "advmod"})
EXCLUSION_REACH = 8  # tokens before a cue an exclusion may stand in, for unparsed text

Pattern = tuple[tuple[frozenset[str], ...], ...]  # segments of token form-sets


@dataclass(frozen=True)
class Cue:
    topic: str
    stance: str  # "" for an exclusion phrase
    text: str
    pattern: Pattern
    negative: bool

    @property
    def size(self) -> int:
        return sum(len(segment) for segment in self.pattern)


@dataclass(frozen=True)
class Hit:
    cue: Cue
    tokens: tuple[int, ...]  # indices of the matched (non-filler) tokens, ascending

    @property
    def first(self) -> int:
        return self.tokens[0]

    @property
    def last(self) -> int:
        return self.tokens[-1]


@dataclass(frozen=True)
class CompiledTopics:
    topics: dict[str, TopicSpec]
    index: dict[str, tuple[Cue, ...]]  # first-token form -> stance cues starting with it
    exclusion_index: dict[str, tuple[Cue, ...]]  # first-token form -> exclusion phrases


def _topics_key(topics: Sequence[TopicSpec]) -> tuple:
    # TopicSpec holds a dict and so is unhashable; key the compile cache on its content.
    return tuple(
        (t.slug, t.name, tuple((k, tuple(v)) for k, v in t.stances.items()), tuple(t.exclusions))
        for t in topics
    )


def compile_topics(topics: Sequence[TopicSpec]) -> CompiledTopics:
    compiled = _compile(_topics_key(topics))
    # The cache key ignores identity, so hand back the caller's own TopicSpec objects.
    return CompiledTopics({t.slug: t for t in topics}, compiled.index, compiled.exclusion_index)


@lru_cache(maxsize=32)
def _compile(key: tuple) -> CompiledTopics:
    entries: list[tuple[str, str, str]] = []
    for slug, _name, stances, exclusions in key:
        entries += [(slug, label, cue) for label, cues in stances for cue in cues]
        entries += [(slug, "", phrase) for phrase in exclusions]
    patterns = _patterns([text for _, _, text in entries])
    index: dict[str, list[Cue]] = defaultdict(list)
    exclusion_index: dict[str, list[Cue]] = defaultdict(list)
    for (slug, stance, text), pattern in zip(entries, patterns, strict=True):
        if not pattern or not pattern[0]:
            continue
        negative = any(form in CUE_NEGATORS for seg in pattern for forms in seg for form in forms)
        cue = Cue(slug, stance, text, pattern, negative)
        for form in pattern[0][0]:
            (index if stance else exclusion_index)[form].append(cue)
    return CompiledTopics(
        {},
        {form: tuple(cues) for form, cues in index.items()},
        {form: tuple(cues) for form, cues in exclusion_index.items()},
    )


def _patterns(texts: list[str]) -> list[Pattern]:
    parts = [[p.strip() for p in text.lower().split(GAP)] for text in texts]
    flat = [p.replace(DAY_SLOT, _DAY_WORD) for ps in parts for p in ps]
    docs = iter(get_nlp().pipe(flat))
    patterns = []
    for ps in parts:
        segments = []
        for _ in ps:
            doc = next(docs)
            seg = tuple(
                WEEKDAYS if t.lower_ == _DAY_WORD else alternatives(t)
                for t in doc
                if not is_skippable(t)
            )
            if seg:
                segments.append(seg)
        patterns.append(tuple(segments))
    return patterns


def _match_at(seq: list[tuple[int, frozenset[str]]], pos: int, pattern: Pattern) -> list[int]:
    matched: list[int] = []
    for n, segment in enumerate(pattern):
        starts = [pos] if n == 0 else range(pos, min(pos + MAX_GAP + 1, len(seq)))
        for start in starts:
            end = start + len(segment)
            if end <= len(seq) and all(segment[k] & seq[start + k][1] for k in range(len(segment))):
                matched += [seq[start + k][0] for k in range(len(segment))]
                pos = end
                break
        else:
            return []
    return matched


def _scan(doc: Doc, index: dict[str, tuple[Cue, ...]]) -> list[Hit]:
    hits = []
    for sent in sentences(doc):
        seq = [(t.i, alternatives(t)) for t in sent if not is_skippable(t)]
        for pos, (_, forms) in enumerate(seq):
            candidates = {id(c): c for form in forms for c in index.get(form, ())}
            for cue in candidates.values():
                tokens = _match_at(seq, pos, cue.pattern)
                if tokens:
                    hits.append(Hit(cue, tuple(tokens)))
    return hits


def _drop_subsumed(hits: list[Hit]) -> list[Hit]:
    # "plans to invade" inside "no plans to invade" is the same claim, read once.
    sets = [set(h.tokens) for h in hits]
    return [
        h
        for h, s in zip(hits, sets, strict=True)
        if not any(s < other for other in sets)
        and not any(s == o and g.cue.size > h.cue.size for g, o in zip(hits, sets, strict=True))
    ]


def anchor(doc: Doc, tokens: Sequence[int]) -> Token:
    """The match's highest token in the parse: where the match hangs in the sentence."""
    return min((doc[i] for i in tokens), key=lambda t: (sum(1 for _ in t.ancestors), t.i))


def _excluded(doc: Doc, hit: Hit, exclusions: list[Hit]) -> bool:
    if not exclusions:
        return False
    parsed = has_parse(doc)
    if parsed:
        root = anchor(doc, hit.tokens)
        spine = {root.i} | {t.i for t in root.ancestors}
    for ex in exclusions:
        if set(ex.tokens) & set(hit.tokens):
            return True
        if doc[ex.first].sent.start != doc[hit.first].sent.start:
            continue
        if parsed:
            # Scope by the parse: the exclusion sits on the cue's chain of heads ("enough to
            # conduct an invasion", "urged Russia to pull back") or marks a clause on it ("if
            # Russia withdraws", "troops should withdraw"); a sibling clause keeps its own.
            if any(
                i in spine or (doc[i].dep_ in _MARKERS and doc[i].head.i in spine)
                for i in ex.tokens
            ):
                return True
        elif 0 <= hit.first - ex.last <= EXCLUSION_REACH:
            return True
    return False


def find_hits(doc: Doc, compiled: CompiledTopics) -> list[Hit]:
    """Stance-cue matches in `doc` not suppressed by an exclusion of their topic."""
    hits = [h for h in _scan(doc, compiled.index) if h.cue.topic in compiled.topics]
    if not hits:
        return []
    exclusion_hits: dict[str, list[Hit]] = defaultdict(list)
    for h in _scan(doc, compiled.exclusion_index):
        exclusion_hits[h.cue.topic].append(h)
    kept = [h for h in hits if not _excluded(doc, h, exclusion_hits[h.cue.topic])]
    return _drop_subsumed(kept)
