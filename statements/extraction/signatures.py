"""Quotations signed with a dash: '"We are not leaving." ― Maria Lopez'.

Reader round-ups, debate fact-checks and pull quotes print the quotation first and
the speaker after a dash, on the same line or on a line of its own. There is no
reporting verb for the rules or the parse to find, so without this the quotation
falls to whatever verb it contains ("He states ...") and to the wrong speaker.
"""

from __future__ import annotations

import re

from .drafts import Draft, outside_of, overlap
from .quotes import QuoteGroup
from .rules import Candidate

# Up to six capitalised words, with the particles of Spanish, Dutch, German and
# Arabic names, then an optional Twitter handle and a closing full stop or comma.
NAME = r"[A-Z][\w.'’-]*(?:[^\S\n]+(?:[A-Z][\w.'’-]*|de|del|da|di|van|von|la|le|bin|al|y)){0,5}"
SIGNATURE = re.compile(
    rf"(?P<dash>―|—|–|--|-)[^\S\n]*(?P<name>{NAME})(?:[^\S\n]*\(@\w+\))?[.,]?[^\S\n]*$"
)


def _quote_ending(groups: list[QuoteGroup], start: int, end: int) -> QuoteGroup | None:
    """The quotation that fills the text from start to end (its last paragraph's part)."""
    for group in groups:
        s, e = group.segments[-1]
        if s == start and end - 1 <= e <= end:
            return group
    return None


def with_signed_quotes(
    drafts: list[Draft], text: str, paras: list[tuple[int, int]], para_docs, groups
) -> list[Draft]:
    """drafts with the signed quotations added in front, where they win ties in
    drop_overlapping. A signed quotation is its signer's alone: a candidate built on
    the dash goes (the tagger marks it as a cue and runs its content on into the next
    line's quotation), and one that ran its content on into the quotation from the
    paragraph before keeps the rest. Reports inside the quotation are left to
    drop_nested."""
    signed = signed_quotes(text, paras, para_docs, groups)
    if not signed:
        return drafts
    quoted = [seg for s in signed for seg in s.segments]
    kept = []
    for d in drafts:
        if any(overlap(d.cue, s.cue) for s in signed):
            continue
        if not any(seg[0] <= d.cue[0] < seg[1] for seg in quoted):
            rest = outside_of(d.segments, quoted)
            if not rest:
                continue
            d.segments = rest
        kept.append(d)
    return signed + kept


def signed_quotes(
    text: str, paras: list[tuple[int, int]], para_docs, groups: list[QuoteGroup]
) -> list[Draft]:
    """Statements whose speaker signs a quotation after a dash.

    Only a quotation that is all its line says (or all the line before a signature
    standing alone) counts: a dash and a name after a quote inside a sentence is as
    often a reporter's byline ('... "still the No. 1 force in Spain."--Kim Hjelmgaard.'),
    and on the train split a signed tweet was annotated as a statement 4 times in 14.
    """
    found = []
    for index, ((start, end), doc) in enumerate(zip(paras, para_docs, strict=True)):
        m = SIGNATURE.search(text, start, end)
        if m is None:
            continue
        before = text[start : m.start()].rstrip()
        if before:
            group = _quote_ending(groups, start, start + len(before))
        elif index > 0:
            group = _quote_ending(groups, *paras[index - 1])
        else:
            group = None
        if group is None:
            continue
        draft = _draft(doc, start, index, m, group)
        if draft is not None:
            found.append(draft)
    return found


def _name_end(m: re.Match) -> int:
    """End of the name, less a full stop that closes the line ("- Bernie Sanders.")
    rather than an initial ("- John A.")."""
    name = m.group("name")
    if name.endswith(".") and len(name.split()[-1]) > 2:
        return m.end("name") - 1
    return m.end("name")


def _draft(doc, offset: int, para: int, m: re.Match, group: QuoteGroup) -> Draft | None:
    name_end = _name_end(m)
    dash = doc.char_span(m.start("dash") - offset, m.end("dash") - offset, alignment_mode="expand")
    name = doc.char_span(m.start("name") - offset, name_end - offset, alignment_mode="expand")
    if not dash or not name:
        return None
    inside = [(s - offset, e - offset) for s, e in group.segments if s >= offset]
    tokens = {t.i for s, e in inside for t in doc.char_span(s, e, alignment_mode="expand") or []}
    cand = Candidate(
        cue=dash[0],
        cue_end=m.end("dash") - offset,
        speaker=(m.start("name") - offset, name_end - offset),
        speaker_head=name.root,
        content=inside,
        content_tokens=tokens,
    )
    draft = Draft(cand, offset, para)
    # The dash may share a token with the closing quotation mark ('.”―'); the cue is
    # the dash alone, outside the quotation.
    draft.cue = (m.start("dash"), m.end("dash"))
    draft.segments = list(group.segments)
    draft.quoted = 1.0
    return draft
