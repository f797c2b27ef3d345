"""Tie quotation marks to statements: split quotes and cue-less continuation quotes
(colon_quotes.py gives quotations that a colon introduces)."""

from __future__ import annotations

from bisect import bisect_right

from .drafts import Draft, inside, merge_segments, outside_of, overlap
from .quotes import QuoteGroup, opens_sentence


def _words(segment: tuple[int, int]) -> tuple[int, int]:
    """A quotation segment without its marks (at most two characters each: '' or ``).

    The sentence splitter often leaves an opening mark at the end of the sentence
    before ('But Mr. Comey painted a different picture. \'\'Hostile actors ...,\'\' he
    said.'), where the tagger marks it as part of that sentence's content. Holding the
    mark is not holding the quotation.
    """
    start, end = segment
    return (start + 2, end - 2) if end - start > 4 else segment


def paragraph_at(starts: list[int], pos: int) -> int:
    """Index of the paragraph (by start offsets, in order) that pos falls in; -1 before all."""
    return bisect_right(starts, pos) - 1


def _start(group: QuoteGroup) -> int:
    return group.start


def _end(group: QuoteGroup) -> int:
    return group.end


def _closes_on(group: QuoteGroup, text: str, mark: str) -> bool:
    """True when the quotation's words end on mark, before its closing quotation marks."""
    return text[group.start : group.end].rstrip("\"'\u201d\u2019 ").endswith(mark)


def _opens_split_quote(draft, drafts, text: str, before: QuoteGroup, after: QuoteGroup) -> bool:
    """True when a quotation closing on a comma and the next one, which this statement
    takes, have only its speaker and cue between them ('"A," he said, "B."'), and the
    first opens a sentence: 'Remarking upon his "empathy," Starr said, "..."' quotes a
    phrase of its own."""
    if not _closes_on(before, text, ",") or not opens_sentence(text, before.start):
        return False
    start, end = before.end, after.start
    if draft.speaker is None or not start <= min(draft.speaker[0], draft.cue[0]):
        return False
    if max(draft.speaker[1], draft.cue[1]) > end:
        return False
    pos = start
    for s, e in merge_segments([draft.speaker, draft.cue]):
        if text[pos:s].strip(" ,"):
            return False
        pos = e
    return not text[pos:end].strip(" ,")


def _only_attribution_between(draft, drafts, text: str, start: int, nxt: QuoteGroup) -> bool:
    """True when just this statement's attribution separates two quotes in a paragraph."""
    between = text[start : nxt.start].rstrip()
    if "\n" in between or not between.endswith((".", ":", ",")):
        return False
    # Reports hung on this one's verb are its speaker's own ('"A," she said, adding
    # that ... "B."', '"A," he told Reuters when asked if ... "B."'), unless one of
    # them introduces the quotation ('"A," Trump said before adding: "B."').
    own = [] if between.endswith(":") else [d for d in drafts if _hung_on(d, draft)]
    if any(d is not draft and start <= d.cue[0] < nxt.start and d not in own for d in drafts):
        return False
    # '"A," he said. "B," he added.': the next quote has an attribution of its own
    # (a report made inside that quote is part of it and does not count).
    return not any(
        overlap(seg, q)
        for d in drafts
        if d is not draft and not inside(d.cue[0], nxt.segments) and d not in own
        for seg in d.segments
        for q in nxt.segments
    )


def _hung_on(report: Draft, draft: Draft) -> bool:
    """True when report's cue lies under draft's cue in the parse."""
    if report.cand is None or draft.cand is None:
        return False
    cue = draft.cand.cue
    return report.cand.cue.doc is cue.doc and cue.is_ancestor(report.cand.cue)


def _claims(draft: Draft, group: QuoteGroup) -> bool:
    # A cue inside a quotation is part of what was said, not what frames it, so it
    # never claims the whole quotation.
    return any(
        overlap(seg, _words(q)) for seg in draft.segments for q in group.segments
    ) and not inside(draft.cue[0], group.segments)


def _signed_after(group: QuoteGroup, drafts: list[Draft], text: str) -> bool:
    """'"..., not defend them. There is no place for racism,\'\' Jeb Bush said': a
    quotation closing on a comma is attributed by the words after it, so a cue
    before it (the tagger's "other Republicans were also not satisfied") does not
    take it, when a draft with a cue after it claims it too."""
    if not _closes_on(group, text, ","):
        return False
    return any(
        d.cue[0] >= group.end and "\n" not in text[group.end : d.cue[0]] and _claims(d, group)
        for d in drafts
    )


def _ended_before(draft: Draft, group: QuoteGroup, text: str) -> bool:
    """'"A," Cruz told reporters. "B. That has no place in a political campaign." Ohio
    Gov. John Kasich said he would have fired ...': the parse runs the quotation's last
    sentence on into the next report, which has words of its own after its verb. A
    quotation ending on a full stop is not that report's when it took in only the
    closing sentences."""
    if group.end > draft.cue[0] or not any(s >= draft.cue[1] for s, _e in draft.segments):
        return False
    if not _closes_on(group, text, "."):
        return False
    # A report taking in the whole quotation is signed by it ('"A. B." Smith said that').
    first = _words(min(group.segments))[0]
    return not any(s <= first < e for s, e in draft.segments)


def attach_quotes(drafts: list[Draft], groups: list[QuoteGroup], text: str) -> list[Draft]:
    """Give each draft the whole of every quotation its content reaches into; return
    the drafts, less those whose content was only a quotation signed by another."""
    signed = [g for g in groups if _signed_after(g, drafts, text)]
    kept = []
    for draft in drafts:
        for group in signed:
            if draft.cue[1] <= group.start and _claims(draft, group):
                draft.segments = outside_of(draft.segments, group.segments)
        for group in groups:
            if _ended_before(draft, group, text) and _claims(draft, group):
                draft.segments = outside_of(draft.segments, group.segments)
        if not draft.segments:
            continue
        kept.append(draft)
        hits = [g for g in groups if _claims(draft, g)]
        if not hits:
            continue
        cue_start = draft.cue[0]
        segments = list(draft.segments)
        for group in hits:
            segments.extend(group.segments)
        # '"If A," he said, "B."': the parse hangs a first part that is a condition or
        # a time on the verb, outside the report's content, which only reaches B.
        first = min(hits, key=_start)
        if first.start >= draft.cue[1]:
            before = max((g for g in groups if g.end <= draft.cue[0]), key=_end, default=None)
            if before is not None and _opens_split_quote(draft, drafts, text, before, first):
                segments.extend(before.segments)
                hits.append(before)
        # Split quote: '"A," he said. "B."' continues after the attribution.
        last = max(hits, key=_end)
        if last.end <= cue_start:
            nxt = min((g for g in groups if g.start >= draft.cue[1]), key=_start, default=None)
            if nxt is not None and _only_attribution_between(draft, drafts, text, last.end, nxt):
                segments.extend(nxt.segments)
                hits.append(nxt)
                for hung in drafts:
                    if _hung_on(hung, draft):  # 'adding that ...' gives it up
                        hung.segments = outside_of(hung.segments, nxt.segments) or hung.segments
        draft.segments = merge_segments(segments)
        total = sum(e - s for s, e in draft.segments) or 1
        quoted = sum(overlap(seg, q) for seg in draft.segments for g in hits
                     for q in g.segments)  # fmt: skip
        draft.quoted = quoted / total
    return kept


def cueless_quotes(
    drafts: list[Draft], groups: list[QuoteGroup], text: str, paras: list[tuple[int, int]]
) -> list[Draft]:
    """Quotes that carry no cue of their own continue the previous speaker."""
    starts = [s for s, _ in paras]
    extra = []
    for group in groups:
        # A report made inside the quotation does not attribute the quotation itself.
        claimed = [d for d in drafts if not inside(d.cue[0], group.segments)]
        if any(
            overlap(seg, _words(q)) for d in claimed for seg in d.segments for q in group.segments
        ):
            continue
        q_start = group.start
        if not opens_sentence(text, q_start):
            continue
        words = sum(len(text[s:e].split()) for s, e in group.segments)
        if words < 4:
            continue
        para = max(paragraph_at(starts, q_start), 0)
        previous = [d for d in drafts + extra if d.cue[0] < q_start and d.para >= para - 2]
        if not previous:
            continue
        host = max(previous, key=lambda d: d.cue[0])
        while host.host is not None:
            host = host.host
        draft = Draft(None, 0, para)
        draft.cue, draft.speaker, draft.cand = host.cue, host.speaker, host.cand
        draft.segments = list(group.segments)
        draft.quoted = 1.0
        draft.confidence = 0.55
        draft.host = host
        extra.append(draft)
    return extra
