"""Combine rule and tagger candidates, and apply PolNeAR's one-attribution-per-token view."""

from __future__ import annotations

from .drafts import Draft, jaccard_segments, merge_segments, overlap
from .lexicon import SPEECH_VERBS
from .quotes import QuoteGroup
from .rules import Candidate, find_speaker, speaker_tokens
from .tagger import tagged_attributions

AGREEMENT = 0.2  # content Jaccard above which a rule and a tagger candidate are one
REQUIRE_AGREEMENT = True  # non-speech rule cues need the tagger to agree
DROP_NESTED = True


def tagged_drafts(doc, offset: int, para: int, previous: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    for att in tagged_attributions(doc):
        if att.cue_token is None:
            # A content with no cue in its paragraph continues the last
            # attribution when it opens the paragraph (multi-paragraph quote).
            host = (out or previous or [None])[-1]
            if host is not None and att.content[0][0] == 0 and host.para >= para - 1:
                host.segments = merge_segments(
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
        draft = Draft(cand, offset, para)
        draft.cue = (att.cue[0] + offset, att.cue[1] + offset)
        draft.origin = "tagger"
        out.append(draft)
    return out


def merge_sources(rules: list[Draft], tagged: list[Draft]) -> list[Draft]:
    """Rules give speaker, cue and date; the tagger adds what the rules missed.

    A rule candidate the tagger also found is kept as is (origin "both"). One it
    did not find survives only if its cue is a speech verb: on PolNeAR's train
    split, thought, evidence and stance cues found by rules alone were much less
    reliable than speech verbs. A tagger candidate no rule found is added, with a speaker
    taken from the dependency parse when the tagger marked no source.
    """
    if not tagged:
        return rules
    out = []
    used: set[int] = set()
    for rule in rules:
        best = max(tagged, key=lambda t, rule=rule: jaccard_segments(t.segments, rule.segments))
        if jaccard_segments(best.segments, rule.segments) > AGREEMENT:
            used.add(id(best))
            rule.origin = "both"
            out.append(rule)
        elif not REQUIRE_AGREEMENT or _core_cue(rule):
            out.append(rule)
    for t in tagged:
        if id(t) in used:
            continue
        if t.speaker is None:
            head = find_speaker(t.cand.cue)
            if head is not None:
                toks = speaker_tokens(head)
                offset = t.cue[0] - t.cand.cue.idx
                t.speaker = (toks[0].idx + offset, toks[-1].idx + len(toks[-1].text) + offset)
                t.cand.speaker_head = head
        out.append(t)
    return out


def _core_cue(draft: Draft) -> bool:
    """Speech verbs are reliable cues on their own; thoughts, evidence and stances
    need the tagger to agree before they count."""
    cue = draft.cand.cue
    return cue.lower_ in {"according", ":"} or cue.lemma_.lower() in SPEECH_VERBS


def drop_nested(drafts: list[Draft], groups: list[QuoteGroup]) -> list[Draft]:
    """A cue inside someone else's words belongs to that statement: "I think" inside a
    quote, "he believes" inside a paraphrase of him. Only a newly named source inside
    another statement's content starts a statement of its own."""
    kept = []
    for d in drafts:
        in_quote = any(s <= d.cue[0] < e for g in groups for s, e in g.segments)
        head = d.cand.speaker_head if d.cand else None
        first_person = head is not None and head.lower_ in {"i", "we", "you", "me", "us"}
        if in_quote and first_person:
            continue
        outer = [o for o in drafts if o is not d and any(s <= d.cue[0] < e for s, e in o.segments)]
        if outer:
            pronoun = head is None or head.pos_ == "PRON"
            if in_quote or pronoun:
                continue
        kept.append(d)
    return kept


def fold_reported_via(drafts: list[Draft], text: str) -> list[Draft]:
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
                    seg for seg in host.segments if overlap(seg, draft.speaker) == 0
                ] or host.segments
                continue
        kept.append(draft)
    return kept
