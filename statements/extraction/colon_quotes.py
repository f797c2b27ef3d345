"""Quotations a report introduces with a colon: 'He replied: "..."'."""

from __future__ import annotations

from .drafts import Draft, inside, outside_of, overlap
from .lexicon import CUE_NOUNS, CUE_VERBS, KIND_WORDS, PERSON_WORDS, SPEECH_VERBS
from .merging.tagged import parsed_speaker
from .quote_attach import paragraph_at
from .quotes import QuoteGroup
from .rules import Candidate, speaker_tokens
from .rules.tokens import chars


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
        index = paragraph_at(starts, colon)
        if index < 0 or paras[index][1] <= colon:
            continue
        offset, doc = paras[index][0], para_docs[index]
        token = doc.char_span(colon - offset, colon - offset + 1, alignment_mode="expand")
        if token is None or not len(token):
            continue
        quote = list(group.segments)
        # Who the quotation is from, with no reporting verb: a name set off right before
        # the colon, though the parser hangs the colon on a verb before the name
        # ("Pollsters agree"), or the subject of how they spoke ("The minister was blunt").
        introduced = _name_introducing(token[0]) or _manner_of_speaking(token[0])
        if introduced is not None:
            draft = _quotation_draft(*introduced, offset, index, quote)
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
    """(cue, speaker's character range, speaker's head) of the name a colon gives a
    quotation to without a verb, in roundups that set it off with a dash or "from":
    'Pollsters agree - Carl Bialik: "..."', 'More from Jones: "..."'. Up to five
    words of names (and "and"), or None."""
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
    named = doc[first : colon.i]
    return colon, (named.start_char, named.end_char), named[-1]


# How someone spoke, said of them before a colon: 'The minister was blunt: "..."'.
MANNER_ADJECTIVES = frozenset(
    [
        "blunt", "clear", "direct", "emphatic", "adamant", "defiant", "unequivocal",
        "frank", "candid", "succinct", "terse", "firm", "categorical", "brief",
        "scathing", "unapologetic", "dismissive", "forthright", "explicit",
    ]
)  # fmt: skip


def _manner_of_speaking(colon):
    """(adjective, subject's character range, subject) when the colon closes 'SUBJECT
    was ADJECTIVE:' and the subject can speak (a name, or a noun such as "minister"
    or "ministry"); else None. "The result was clear:" names no one."""
    before = colon.doc[colon.i - 1] if colon.i > colon.sent.start else None
    if before is None or before.dep_ != "acomp" or before.lower_ not in MANNER_ADJECTIVES:
        return None
    copula = before.head
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if copula.lemma_ != "be" or subject is None:
        return None
    if subject.pos_ == "PROPN" or subject.lemma_.lower() in PERSON_WORDS | KIND_WORDS.keys():
        return before, chars(speaker_tokens(subject)), subject
    return None


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
