"""Tie quotation marks to statements: split quotes and cue-less continuation quotes."""

from __future__ import annotations

from bisect import bisect_right

from .drafts import Draft, inside, merge_segments, outside_of, overlap
from .lexicon import CUE_NOUNS, CUE_VERBS, SPEECH_VERBS
from .merging.tagged import parsed_speaker
from .quotes import QuoteGroup
from .rules import Candidate


def _words(segment: tuple[int, int]) -> tuple[int, int]:
    """A quotation segment without its marks (at most two characters each: '' or ``).

    The sentence splitter often leaves an opening mark at the end of the sentence
    before ('But Mr. Comey painted a different picture. \'\'Hostile actors ...,\'\' he
    said.'), where the tagger marks it as part of that sentence's content. Holding the
    mark is not holding the quotation.
    """
    start, end = segment
    return (start + 2, end - 2) if end - start > 4 else segment


def _paragraph_at(starts: list[int], pos: int) -> int:
    """Index of the paragraph (by start offsets, in order) that pos falls in; -1 before all."""
    return bisect_right(starts, pos) - 1


def _start(group: QuoteGroup) -> int:
    return group.start


def _end(group: QuoteGroup) -> int:
    return group.end


def _opens_split_quote(draft, drafts, text: str, before: QuoteGroup, after: QuoteGroup) -> bool:
    """True when a quotation closing on a comma and the next one, which this statement
    takes, have only its speaker and cue between them ('"A," he said, "B."'), and the
    first opens a sentence: 'Remarking upon his "empathy," Starr said, "..."' quotes a
    phrase of its own."""
    if not text[before.start : before.end].rstrip("\"'\u201d\u2019 ").endswith(","):
        return False
    opening = text[: before.start].rstrip(" \t")
    if opening and opening[-1] not in ".!?\n:":
        return False
    start, end = before.end, after.start
    if draft.speaker is None or not start <= min(draft.speaker[0], draft.cue[0]):
        return False
    if max(draft.speaker[1], draft.cue[1]) > end:
        return False
    rest = [
        ch
        for i, ch in enumerate(text[start:end], start)
        if not (inside(i, [draft.speaker, draft.cue]))
    ]
    return all(ch in " ," for ch in rest)


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
    if not text[group.start : group.end].rstrip("\"'\u201d\u2019 ").endswith(","):
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
    if not text[group.start : group.end].rstrip("\"'\u201d\u2019 ").endswith("."):
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
        before = text[:q_start].rstrip(" \t")
        if before and before[-1] not in ".!?\n:":
            continue
        words = sum(len(text[s:e].split()) for s, e in group.segments)
        if words < 4:
            continue
        para = max(_paragraph_at(starts, q_start), 0)
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


def colon_introduced(
    drafts: list[Draft], groups: list[QuoteGroup], text: str, paras, para_docs
) -> list[Draft]:
    """drafts with each quotation that a report introduces with a colon given to it:
    'He replied: "The bigger the turnout, the better I feel."', also when the quotation
    opens the next paragraph ('Cruz continued:'). With no content of its own before
    the quotation the verb yielded no statement, and the quotation went to the
    previous speaker as a continuation, or to a verb inside it.
    """
    starts = [s for s, _ in paras]
    by_cue = {(d.offset, d.cand.cue.i): d for d in drafts if d.cand is not None}
    added = []
    owners: list[tuple[Draft, list[tuple[int, int]]]] = []
    for group in groups:
        colon = group.start - 1
        while colon >= 0 and text[colon].isspace():
            colon -= 1
        if colon < 0 or text[colon] != ":":
            continue
        index = _paragraph_at(starts, colon)
        if index < 0 or paras[index][1] <= colon:
            continue
        offset, doc = paras[index][0], para_docs[index]
        token = doc.char_span(colon - offset, colon - offset + 1, alignment_mode="expand")
        if token is None or not len(token):
            continue
        quote = list(group.segments)
        # A name set off right before the colon is who the quotation is from, though
        # the parser hangs the colon on a verb before the name ("Pollsters agree").
        named = _name_introducing(token[0])
        if named is not None:
            speaker = (named.start_char, named.end_char)
            draft = _quotation_draft(token[0], speaker, named[-1], offset, index, quote)
            added.append(draft)
            owners.append((draft, quote))
            continue
        cue = _introducing_verb(token[0])
        if cue is None:
            continue
        draft = by_cue.get((offset, cue.i))
        if draft is not None:
            # Its own words end at the colon: "Cruz called them on it:".
            if not any(overlap(seg, q) for seg in draft.segments for q in quote):
                draft.segments = quote
            owners.append((draft, quote))
            continue
        speaker, head = parsed_speaker(cue, 0)
        draft = _quotation_draft(cue, speaker, head, offset, index, quote)
        added.append(draft)
        owners.append((draft, quote))
    # The quotation is the introducing verb's alone: a report before the colon that
    # reached into it ('Reid said both are "non-entities," but he gave the Texan a
    # back-handed compliment: "..."', grouped by the tagger with "said") gives it up.
    kept = []
    for d in drafts + added:
        for owner, quote in owners:
            nested = inside(owner.cue[0], d.segments)  # "X said he replied:"
            if d is not owner and d.cue[0] < quote[0][0] and not nested:
                d.segments = outside_of(d.segments, quote)
        if d.segments:
            kept.append(d)
    return kept


def _name_introducing(colon):
    """The name a colon gives a quotation to without a verb, in roundups that set it
    off with a dash or "from": 'Pollsters agree - Carl Bialik: "..."', 'More from
    Jones: "..."'. Up to five words of names (and "and"), or None."""
    doc = colon.doc
    i = colon.i - 1
    while (
        i >= colon.sent.start
        and colon.i - i <= 5
        and (doc[i].pos_ == "PROPN" or doc[i].lower_ == "and" and i < colon.i - 1)
    ):
        i -= 1
    first = i + 1
    if first == colon.i or doc[first].pos_ != "PROPN":
        return None
    if i >= colon.sent.start and doc[i].text not in {"-", "–", "—", "from"}:
        return None
    return doc[first : colon.i]


def _quotation_draft(cue, speaker, head, offset: int, index: int, quote) -> Draft:
    """A draft for a quotation a colon introduces, whose cue yielded no statement."""
    cand = Candidate(
        cue=cue, cue_end=cue.idx + len(cue.text), speaker=speaker, speaker_head=head, content=[]
    )
    draft = Draft(cand, offset, index)
    draft.segments = quote
    return draft


def _introducing_verb(colon):
    """The reporting verb the colon closes: the one it hangs from, or the nearest above
    it ("When asked why, Sembler responded in a text message:" parses with "asked" at
    the root, but the colon hangs from "responded")."""
    before = colon.doc[colon.i - 1] if colon.i > colon.sent.start else None
    if (
        before is not None
        and before.pos_ == "VERB"
        and before.lemma_.lower() in SPEECH_VERBS
        and colon.head in before.ancestors
    ):
        # '"...," Trump said before adding: "..."': the parse hangs the colon on
        # "said", but the verb it closes is the one right before it.
        return before
    for token in [colon.head, *colon.head.ancestors]:
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        # "Clinton released the following statement:" reports through its object.
        if token.lemma_.lower() in CUE_VERBS or any(
            c.dep_ == "dobj" and c.lemma_.lower() in CUE_NOUNS for c in token.children
        ):
            return token
    return None
