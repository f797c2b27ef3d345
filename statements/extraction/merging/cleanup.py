"""PolNeAR's one-attribution-per-token view: nested, duplicated and speakerless drafts."""

from __future__ import annotations

from ..drafts import Draft, DraftsByPlace, inside, jaccard_segments, overlap, reach, without
from ..lexicon import SPEECH_VERBS
from ..quotes import CLOSING_TOKENS, QuoteGroup
from ..rules import speaker_tokens
from ..rules.tokens import chars
from . import settings


def drop_nested(drafts: list[Draft], groups: list[QuoteGroup]) -> list[Draft]:
    """A cue inside someone else's words belongs to that statement: "I think" inside a
    quote, "he believes" inside a paraphrase of him. Only a newly named source inside
    another statement's content starts a statement of its own."""

    def in_quote(d: Draft) -> bool:
        return any(inside(d.cue[0], g.segments) for g in groups)

    def speaker_head(d: Draft):
        return d.cand.speaker_head if d.cand else None

    def speaking_inside(d: Draft) -> bool:
        head = speaker_head(d)
        return in_quote(d) and head is not None and head.lower_ in {"i", "we", "you", "me", "us"}

    # Those go first, so they cannot host anyone: "you know" inside '"When we're trading,
    # you know, traitors," he said' may be given a content running over "he said".
    hosts = [d for d in drafts if not speaking_inside(d)]
    places = DraftsByPlace([o for o in hosts if not o.turn])
    kept = []
    for d in hosts:
        at = d.cue[0]
        outer = [o for o in places.meeting(at, at + 1) if o is not d and inside(at, o.segments)]
        if outer:
            head = speaker_head(d)
            if in_quote(d) or head is None or head.pos_ == "PRON":
                continue
        kept.append(d)
    return kept


def fold_reported_via(drafts: list[Draft], text: str) -> list[Draft]:
    """'..., Stoltenberg said, according to The Guardian': one statement, via the paper.

    Only a report of speech folds. "The campaign sought proposals, according to
    sources" is the sources' statement about what the campaign did; folded, it would
    make the campaign the speaker."""
    by_cue = {(id(d.cand.cue.doc), d.cand.cue.i): d for d in drafts if d.cand}
    kept = []
    for draft in drafts:
        cand = draft.cand
        if cand is not None and cand.via_span is not None:
            host = by_cue.get((id(cand.cue.doc), cand.cue.head.i)) or _reporting_host(draft, drafts)
            if (
                host is not None
                and host is not draft
                and host.cand.via_span is None
                and host.cand.cue.lemma_.lower() in SPEECH_VERBS
            ):
                host.reported_via = text[draft.speaker[0] : draft.speaker[1]]
                # "said, according to The Guardian, that ...": the words naming the
                # paper are not what was said.
                phrase = (min(draft.cue[0], draft.speaker[0]), max(draft.cue[1], draft.speaker[1]))
                host.segments = without(host.segments, phrase, text) or host.segments
                continue
        kept.append(draft)
    return kept


# How much of a transcript turn a report inside it must cover to be the turn itself.
SAME_AS_TURN = 0.8


def drop_overlapping(drafts: list[Draft], share: float = 0.5) -> list[Draft]:
    """PolNeAR gives each token at most one attribution, so two statements whose
    contents mostly overlap are one statement found twice (rules and tagger, a
    quote and its split part). The longer content wins: on the train split it was
    the matching one about four times as often as the shorter. An embedded report
    ("a notion that Moscow dismissed") is a statement inside another one by design,
    so it neither yields nor takes room."""

    def chars(d: Draft) -> int:
        return sum(e - s for s, e in d.segments)

    kept = DraftsByPlace()
    kept_ids: set[int] = set()
    # A transcript turn holds the reports made in it the same way; only the turn
    # found again ('"Do you really see ...?"' read as a report by "you") yields to it.
    turns = [d for d in drafts if d.turn]
    embedded = {
        id(d) for d in drafts if d.turn or d.cand is not None and d.cand.embedded and d.host is None
    }
    for d in sorted((d for d in drafts if id(d) not in embedded), key=lambda d: -chars(d)):
        if any(jaccard_segments(d.segments, t.segments) >= SAME_AS_TURN for t in turns):
            continue
        # Only kept drafts that reach d's words can overlap them.
        near = kept.meeting(*reach(d))
        taken = sum(overlap(seg, other) for k in near for seg in d.segments for other in k.segments)
        if taken <= share * chars(d):
            kept.add(d)
            kept_ids.add(id(d))
            continue
        winner = max(near, key=lambda k: sum(overlap(a, b) for a in d.segments for b in k.segments))
        if winner.speaker is None and d.speaker is not None and winner.cue == d.cue:
            winner.speaker = d.speaker
            if winner.cand is not None and d.cand is not None:
                winner.cand.speaker_head = d.cand.speaker_head
        # Cue-less quotes that continued the dropped statement now continue the winner.
        for other in drafts:
            if other.host is d:
                other.host = None if other is winner else (winner.host or winner)
    return [d for d in drafts if id(d) in kept_ids or id(d) in embedded]


def one_per_content(drafts: list[Draft]) -> list[Draft]:
    """One statement per span of words. A report embedded in a noun phrase can be given
    the whole phrase as its content, the very words its host took ("discuss the test,
    which state news media claimed ..."), and an article stores one statement per span.
    The host stays: its cue lies outside those words. On the 12 articles of train and
    dev with such a pair, keeping the host lost no match (347) and no right speaker
    (320) of keeping both; keeping the embedded report lost 8 right speakers."""
    by_words: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        by_words.setdefault((d.segments[0][0], d.segments[-1][1]), []).append(d)
    kept = set()
    for (start, end), same in by_words.items():
        hosts = [d for d in same if not start <= d.cue[0] < end]
        kept.add(id((hosts or same)[0]))
    return [d for d in drafts if id(d) in kept]


def _reporting_host(via: Draft, drafts: list[Draft]) -> Draft | None:
    """ "Russia has moved troops, Stoltenberg said, according to The Guardian" is often
    parsed with "according" on the reported verb: the host is then the earlier report
    in the same sentence whose content holds that verb."""
    according = via.cand.cue
    for d in drafts:
        cand = d.cand
        if cand is None or d is via or cand.via_span is not None or cand.speaker_head is None:
            continue
        if cand.cue.doc is not according.doc or cand.cue.sent != according.sent:
            continue
        if cand.cue.i < according.i and according.head.i in cand.content_tokens:
            return d
    return None


def fill_missing_speakers(drafts: list[Draft]) -> None:
    """A statement whose cue has no subject in the parse ("Schilling, through a
    spokeswoman, declined to comment") takes a source the tagger marked in the same
    sentence, else the subject of the sentence, unless that lies in the content."""
    for d in drafts:
        if d.speaker is not None or d.cand is None or d.host is not None:
            continue
        cue = d.cand.cue
        sent = cue.sent

        def outside(start: int, end: int, d=d) -> bool:
            return not any(overlap((start + d.offset, end + d.offset), seg) for seg in d.segments)

        found = None
        sources = [
            e for e in cue.doc.ents
            if e.label_ == "SOURCE" and e.sent == sent and outside(e.start_char, e.end_char)
        ]  # fmt: skip
        if sources:
            best = min(sources, key=lambda e, cue=cue: abs(e.root.i - cue.i))
            found = (best.start_char, best.end_char, best.root)
        elif settings.FILL_FROM_SUBJECT:
            subject = next(
                (c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            if subject is not None and subject.i != cue.i:
                start, end = chars(speaker_tokens(subject))
                if outside(start, end):
                    found = (start, end, subject)
        if found is not None:
            d.speaker = (found[0] + d.offset, found[1] + d.offset)
            d.cand.speaker_head = found[2]


def cut_speakers_out(drafts: list[Draft], text: str) -> list[Draft]:
    """PolNeAR gives each token one role, so a quotation never runs on over its own
    source; the tagger sometimes does ('"...," Stoltenberg, the alliance chief, said').
    Cut the speaker, and what follows it, off the segment that ends in that quotation."""
    for d in drafts:
        if d.speaker is None:
            continue
        s0 = d.speaker[0]
        segments = []
        for a, b in d.segments:
            before = text[a:s0].rstrip(" ,\n") if a < s0 < b else ""
            segments.append((a, a + len(before)) if before.endswith(CLOSING_TOKENS) else (a, b))
        d.segments = segments
    return drafts
