"""Combine rule and tagger candidates, and apply PolNeAR's one-attribution-per-token view."""

from __future__ import annotations

from .drafts import Draft, inside, jaccard_segments, merge_segments, overlap
from .lexicon import SPEECH_VERBS
from .quotes import SPEAKER_LABEL, QuoteGroup
from .rules import Candidate, find_speaker, speaker_tokens
from .tagger import tagged_attributions

# Every setting below was checked again with the averaged, 10-epoch listening tagger
# (trained on train articles whose index mod 5 is not 0, scored on the other fifth,
# F1 0.715): REQUIRE_AGREEMENT True 0.710, AGREED_CONTENT "tagger" 0.711 and "rule"
# 0.707, DROP_NESTED False 0.708; AGREEMENT 0.1 or 0.35 and FILL_FROM_SUBJECT False
# changed nothing. So each kept its value. Checked again with the tagger that reads
# features.py, seeds 0 and 1 (F1 0.723 and 0.717): REQUIRE_AGREEMENT True 0.719 and
# 0.714, AGREED_CONTENT "tagger" 0.722 and 0.716, DROP_NESTED False 0.717 and 0.710;
# AGREEMENT 0.1 or 0.35 within 0.001. Kept again. With the width-128, depth-3 tagger
# (F1 0.7263, speaker 0.9285): REQUIRE_AGREEMENT True 0.7247 (speaker 0.9314),
# AGREED_CONTENT "tagger" 0.7250, DROP_NESTED False 0.7194. Kept again.
AGREEMENT = 0.2  # content Jaccard above which a rule and a tagger candidate are one
# Whether rule candidates with a non-speech cue ("believes", "showed", "wants") need
# the tagger to agree. Cross-validated on train (tagger trained on 4/5, scored on the
# held-out 1/5, snapshots after 3 to 6 epochs): keeping them raised content F1 by
# 0.005 to 0.014 (recall +0.02 to +0.04) at a cost of 0.003 to 0.007 speaker accuracy.
REQUIRE_AGREEMENT = False
DROP_NESTED = True
# Whose content a rule and tagger candidate that agree keep: "rule", "tagger",
# "union", or "cue": the tagger's when both marked the same cue, else the rule's (when
# they agree only on content, the tagger's content often belongs to a report nested
# in or next to the rule's). Same cross-validation: "cue" beat "tagger" by 0.003 to
# 0.005 F1 at every snapshot; "rule" won speaker accuracy but lost F1 on the
# better-trained snapshots.
AGREED_CONTENT = "cue"


def tagged_drafts(doc, offset: int, para: int, previous: list[Draft]) -> list[Draft]:
    out: list[Draft] = []
    # A transcript label opening the paragraph ('"WALLACE: ...') starts a new turn.
    turn = SPEAKER_LABEL.match(doc.text) is not None
    for att in tagged_attributions(doc):
        if att.cue_token is None:
            # A content with no cue of its own continues the last attribution when
            # it opens the paragraph (multi-paragraph quote).
            host = (out or previous or [None])[-1]
            if host is not None and att.content[0][0] == 0 and host.para >= para - 1 and not turn:
                host.segments = merge_segments(
                    host.segments + [(s + offset, e + offset) for s, e in att.content]
                )
                continue
            # Elsewhere it is kept only when the parse shows what governs it. On dev,
            # 13 such statements were added and 11 matched an annotated one; whole
            # sentences without a cue (transcript answers, rhetorical questions)
            # matched one time in four, so they stay out.
            draft = _governed_content(doc, att, offset, para)
            if draft is not None:
                out.append(draft)
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


def _governed_content(doc, att, offset: int, para: int) -> Draft | None:
    """A content the tagger marked without a cue is still an attribution when the
    parse shows what governs it: the word outside the content that its root hangs
    from ("They may also illustrate [the decline ...]") is the cue."""
    s, e = att.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    cue = root.head
    if span.start <= cue.i < span.end or cue.sent != root.sent:
        return None
    if cue.pos_ not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}:
        return None
    cand = Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=None,
        speaker_head=None,
        content=sorted(att.content),
        content_tokens={t.i for t in span},
    )
    cand.speaker, cand.speaker_head = _parsed_speaker(cue, 0, outside=cand.content_tokens)
    draft = Draft(cand, offset, para)
    draft.origin = "tagger"
    return draft


def _parsed_speaker(cue, offset: int, outside: set[int] | frozenset[int] = frozenset()):
    """(article char range, head token) of the cue's subject in the parse, or (None, None)
    when it has none or it lies in the tokens given as outside."""
    head = find_speaker(cue)
    if head is None or head.i in outside:
        return None, None
    toks = speaker_tokens(head)
    return (toks[0].idx + offset, toks[-1].idx + len(toks[-1].text) + offset), head


def merge_sources(rules: list[Draft], tagged: list[Draft]) -> list[Draft]:
    """Rules give speaker, cue and date; the tagger adds what the rules missed.

    A rule candidate the tagger also found keeps its speaker, cue and date and takes
    the tagger's content boundaries when both marked the same cue (see AGREED_CONTENT
    and _agreed_segments; origin "both"), and the tagger's source if the parse gave it
    none. One it did not find is kept too (see REQUIRE_AGREEMENT). A tagger candidate
    no rule found is added, less any segment that belongs to an embedded report, with
    a speaker taken from the dependency parse when the tagger marked no source.
    """
    if not tagged:
        return rules
    out = []
    used: set[int] = set()
    # Only a tagger candidate whose cue or content reaches the rule's can agree with
    # it; checking just those keeps this linear in practice on long articles.
    extents = [(t, _extent(t)) for t in tagged]
    for rule in rules:
        lo, hi = _extent(rule)
        near = [t for t, (s, e) in extents if s < hi and lo < e or overlap(rule.cue, t.cue)]
        best = max(near, key=lambda t, rule=rule: _agreement(rule, t), default=None)
        if best is not None and _agreement(rule, best) > AGREEMENT:
            used.add(id(best))
            rule.origin = "both"
            if rule.speaker is None and best.speaker is not None:
                # The parse found no subject ("..., the senator's aides said"
                # attached elsewhere) but the tagger marked the source.
                rule.speaker = best.speaker
                if best.cand.cue.doc is rule.cand.cue.doc:
                    rule.cand.speaker_head = best.cand.speaker_head
            if AGREED_CONTENT == "tagger" or (
                AGREED_CONTENT == "cue" and overlap(rule.cue, best.cue)
            ):
                rule.segments = _agreed_segments(rule, best)
            elif AGREED_CONTENT == "union":
                rule.segments = merge_segments(rule.segments + best.segments)
            out.append(rule)
        elif not REQUIRE_AGREEMENT or _core_cue(rule):
            out.append(rule)
    for t in tagged:
        if id(t) in used:
            continue
        t.segments = _without_embedded_reports(t, rules)
        if t.speaker is None:
            # t.cue starts at the tagged cue span, which may begin before its root
            # token, so the paragraph offset is the one to shift by.
            speaker, head = _parsed_speaker(t.cand.cue, t.offset)
            if head is not None:
                t.speaker, t.cand.speaker_head = speaker, head
        out.append(t)
    return out


def _agreed_segments(rule: Draft, tagged: Draft) -> list[tuple[int, int]]:
    """The content a rule takes from the tagger candidate that marked the same cue.

    Where both describe one content the tagger's boundaries are the better ones. When
    none of its segments meets the rule's content, the tagger has marked something
    else (the speaker, or the object of a nearby verb), so the rule's content stands.
    A tagger segment in the cue's own sentence that misses the rule's content belongs
    to another clause ("... a reference to Trump, but Obama said he was not speaking
    only about Trump"); segments in other sentences continue a quotation. On the
    held-out fifth of train this raised F1 by 0.004 and speaker accuracy by 0.005.
    """
    if not rule.segments:
        return list(tagged.segments)
    shared = [t for t in tagged.segments if any(overlap(t, r) for r in rule.segments)]
    if not shared:
        return list(rule.segments)
    sentence = rule.cand.cue.sent
    lo, hi = sentence.start_char + rule.offset, sentence.end_char + rule.offset
    return [t for t in tagged.segments if t in shared or not lo <= t[0] < hi]


def _without_embedded_reports(tagged: Draft, rules: list[Draft]) -> list[tuple[int, int]]:
    """A tagger candidate's segments, less any holding a report embedded in a noun
    phrase, its cue and speaker both ("Kyiv warned of an attack, a claim that the
    Kremlin denied"): that is the Kremlin's statement, not part of Kyiv's. A candidate
    keeps its only segment. On dev this changed one statement; on the held-out fifth
    of train, none."""
    if len(tagged.segments) < 2:
        return tagged.segments
    kept = [
        seg
        for seg in tagged.segments
        if not any(
            r.cand is not None
            and r.cand.embedded
            and r.speaker is not None
            and seg[0] <= r.cue[0] < seg[1]
            and seg[0] <= r.speaker[0] < seg[1]
            for r in rules
        )
    ]
    return kept or tagged.segments


def _extent(draft: Draft) -> tuple[int, int]:
    if not draft.segments:
        return draft.cue
    return min(s for s, _ in draft.segments), max(e for _, e in draft.segments)


def _agreement(rule: Draft, tagged: Draft) -> float:
    """How surely a rule and a tagger candidate are one attribution: the same cue, or
    much the same content, unless the rule's cue lies inside the tagger's content
    (a verb inside a quotation is what was said, not the report of it)."""
    if overlap(rule.cue, tagged.cue):
        return 1.0
    if inside(rule.cue[0], tagged.segments):
        return 0.0
    return jaccard_segments(tagged.segments, rule.segments)


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
            host = by_cue.get((id(cand.cue.doc), cand.cue.head.i)) or _reporting_host(draft, drafts)
            if host is not None and host is not draft and host.cand.via_span is None:
                host.reported_via = text[draft.speaker[0] : draft.speaker[1]]
                host.segments = [
                    seg for seg in host.segments if overlap(seg, draft.speaker) == 0
                ] or host.segments
                continue
        kept.append(draft)
    return kept


def drop_overlapping(drafts: list[Draft], share: float = 0.5) -> list[Draft]:
    """PolNeAR gives each token at most one attribution, so two statements whose
    contents mostly overlap are one statement found twice (rules and tagger, a
    quote and its split part). The longer content wins: on the train split it was
    the matching one about four times as often as the shorter. An embedded report
    ("a notion that Moscow dismissed") is a statement inside another one by design,
    so it neither yields nor takes room."""

    def chars(d: Draft) -> int:
        return sum(e - s for s, e in d.segments)

    kept: list[Draft] = []
    embedded = [d for d in drafts if d.cand is not None and d.cand.embedded and d.host is None]
    for d in sorted((d for d in drafts if d not in embedded), key=lambda d: -chars(d)):
        taken = sum(overlap(seg, other) for k in kept for seg in d.segments for other in k.segments)
        if taken <= share * chars(d):
            kept.append(d)
            continue
        winner = max(kept, key=lambda k: sum(overlap(a, b) for a in d.segments for b in k.segments))
        if winner.speaker is None and d.speaker is not None and winner.cue == d.cue:
            winner.speaker = d.speaker
            if winner.cand is not None and d.cand is not None:
                winner.cand.speaker_head = d.cand.speaker_head
        # Cue-less quotes that continued the dropped statement now continue the winner.
        for other in drafts:
            if other.host is d:
                other.host = None if other is winner else (winner.host or winner)
    return [d for d in drafts if d in kept or d in embedded]


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


FILL_FROM_SUBJECT = True


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
        elif FILL_FROM_SUBJECT:
            subject = next(
                (c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None
            )
            if subject is not None and subject.i != cue.i:
                toks = speaker_tokens(subject)
                start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
                if outside(start, end):
                    found = (start, end, subject)
        if found is not None:
            d.speaker = (found[0] + d.offset, found[1] + d.offset)
            d.cand.speaker_head = found[2]
