"""A statement while it is being assembled, and character-range helpers."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from .rules import Candidate
from .rules.tokens import EDGE_PUNCT
from .types import ExtractedStatement, Span


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def merge_segments(segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(segments):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def outside_of(
    segments: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The segments that overlap none of taken."""
    return [seg for seg in segments if not any(overlap(seg, t) for t in taken)]


def without(
    segments: list[tuple[int, int]], cut: tuple[int, int], text: str
) -> list[tuple[int, int]]:
    """The segments less the characters of cut, each piece without the spaces and
    commas that joined it to the cut words."""
    pieces = []
    for s, e in segments:
        for a, b in ((s, min(e, cut[0])), (max(s, cut[1]), e)):
            while a < b and (text[a].isspace() or text[a] in ",;"):
                a += 1
            while b > a and (text[b - 1].isspace() or text[b - 1] in ",;"):
                b -= 1
            if a < b:
                pieces.append((a, b))
    return pieces


def inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def jaccard_segments(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(overlap(x, y) for x in a for y in b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - inter
    return inter / union if union else 0.0


def reach(draft: Draft) -> tuple[int, int]:
    """From the first to the last character of a draft's cue and words."""
    ranges = [draft.cue, *draft.segments]
    return min(s for s, _ in ranges), max(e for _, e in ranges)


class DraftsByPlace:
    """Drafts found by where they lie: those whose reach meets a range, in the order
    they were added. A lookup reads only drafts starting within the longest reach
    before the range, so comparing each draft with its neighbours stays near linear
    on a long article, where comparing it with every other draft would not."""

    def __init__(self, drafts: Iterable[Draft] = ()):
        self._starts: list[int] = []
        self._entries: list[tuple[int, int, Draft]] = []  # (order added, end, draft)
        self._longest = 0
        for draft in drafts:
            self.add(draft)

    def add(self, draft: Draft) -> None:
        start, end = reach(draft)
        at = bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self._entries.insert(at, (len(self._entries), end, draft))
        self._longest = max(self._longest, end - start)

    def meeting(self, start: int, end: int) -> list[Draft]:
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        found = [(order, d) for order, e, d in self._entries[first:last] if e > start]
        return [d for _order, d in sorted(found, key=lambda pair: pair[0])]


class Draft:
    """A statement while it is assembled; becomes ExtractedStatement at the end."""

    def __init__(self, cand: Candidate | None, offset: int, para: int):
        self.para = para
        self.offset = offset  # article offset of the paragraph the candidate's doc holds
        self.cand = cand
        self.cue = (cand.cue.idx + offset, cand.cue_end + offset) if cand else (0, 0)
        self.speaker = (
            (cand.speaker[0] + offset, cand.speaker[1] + offset) if cand and cand.speaker else None
        )
        self.segments = [(s + offset, e + offset) for s, e in cand.content] if cand else []
        self.reported_via: str | None = None
        self.quoted = 0
        self.confidence = 0.7
        self.host: Draft | None = None  # for a cue-less quote: the statement it continues
        # The name the speaker goes by where the words name them otherwise: a
        # transcript's label "TAPPER" is "Jake Tapper".
        self.speaker_name: str | None = None
        # A transcript turn: the speaker's whole paragraph, which neither hosts nor
        # crowds out the reports made inside it (see transcripts.py).
        self.turn = False
        self.origin = "rules"  # "rules", "tagger", or "both" when they agree


_JOINING_WORDS = frozenset(["and", "or", "but", "in", "of", "to", "with", "for", "on", "at", "by"])
_EDGE = "".join(EDGE_PUNCT)
_WORD = re.compile(r"\S+")


def speaker_before_report(
    speaker: tuple[int, int], cue: tuple[int, int], segments: list[tuple[int, int]], text: str
) -> tuple[int, int]:
    """The speaker's words up to where the report begins. A source the parse hangs the
    report on ("an article stating that ...", "the Nevada caucuses portraying Sanders
    as ...") spans the cue and what was said; the source is only the words before."""
    start, end = speaker
    # Only when what was said starts inside it: a cue alone inside a speaker is the
    # speaker's own noun that the tagger took for a cue ("some party leaders").
    if not any(start < s < end for s, _e in segments):
        return speaker
    cut = min(s for s, _e in [cue, *segments] if start < s < end)
    words = [(m.start(), m.group()) for m in _WORD.finditer(text, start, cut)]
    # The cut can leave the word that joined the report on ("limiting damages and").
    while words and (words[-1][1].lower() in _JOINING_WORDS or not words[-1][1].strip(_EDGE)):
        words.pop()
    if not words:
        return speaker
    at, word = words[-1]
    return (start, at + len(word.rstrip(_EDGE)))


def _without_edge_marks(speaker: tuple[int, int], text: str) -> tuple[int, int] | None:
    """The speaker without the commas or dashes that set it off ("Jim Bennett, 57,"),
    which PolNeAR's sources, and so the tagger's, often take in."""
    start, end = speaker
    while start < end and (text[start].isspace() or text[start] in _EDGE):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    return (start, end) if start < end else None


def finish(draft: Draft, text: str) -> ExtractedStatement:
    start, end = draft.segments[0][0], draft.segments[-1][1]
    speaker = draft.speaker
    if speaker is not None:
        speaker = _without_edge_marks(
            speaker_before_report(speaker, draft.cue, draft.segments, text), text
        )
    kind = "direct_quote" if draft.quoted >= 0.6 else "paraphrase"
    confidence = draft.confidence + (0.1 if kind == "direct_quote" else 0.0)
    confidence += {"both": 0.15, "tagger": -0.15}.get(draft.origin, 0.0)
    if speaker is None:
        confidence -= 0.2
    return ExtractedStatement(
        speaker=Span(text[speaker[0] : speaker[1]], *speaker) if speaker else None,
        cue=Span(text[draft.cue[0] : draft.cue[1]], *draft.cue),
        content=Span(text[start:end], start, end),
        segments=list(draft.segments),
        kind=kind,
        reported_via=draft.reported_via,
        speaker_name=draft.speaker_name,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )
