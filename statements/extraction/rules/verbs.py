"""Reporting verbs: the content and source each governs."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .content import (
    content_children,
    inside_what_was_said,
    joined_reports,
    lent_reports,
    lent_subjects,
    opening_words,
    reporting_tail,
    writers_clause_before,
)
from .misparses import FINITE_TAGS, named_after_quote
from .speakers import find_speaker, speaker_tokens
from .tokens import (
    RELATIVISERS,
    SUBJECT_DEPS,
    Candidate,
    chars,
    consecutive_runs,
    subtree_without,
    trim,
)


def _cue_end(cue: Token) -> int:
    end = cue.idx + len(cue.text)
    for child in cue.children:
        if child.dep_ == "prt" and child.i == cue.i + 1:
            end = child.idx + len(child.text)
    return end


def _subject_parsed_as_clause(cue: Token, sent: SpacySpan) -> tuple[Token | None, list[Token]]:
    """A subject with a long description ("Jeffrey Salkin, a rabbi helping to organize
    the boycott, said he ...", "Sanders, who sits at zero endorsements, said ...") is
    sometimes parsed as a clause complementing the verb. A verb has one complement,
    so when the verb has no subject and a complement on each side, the one opening the
    sentence is the subject: (head, words), or (None, []) when there is none. (Parsed
    as a clause modifying the verb, find_speaker takes the name alone.)"""
    before = [
        c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i and c.left_edge.i == sent.start
    ]
    if not before or not any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return None, []
    clause = before[0]
    # Only a name opening the sentence and set off by a comma, as a description or a
    # relative clause follows it. A real clause there ("Mr. Trump's temperament, a
    # subject of deep anxiety, came under scrutiny, ...") is not a speaker.
    doc = cue.doc
    head = next(
        (
            c
            for c in clause.children
            if c.dep_ in SUBJECT_DEPS
            and c.left_edge.i == sent.start
            # The tagger reads some names as plural nouns ("Sanders").
            and c.pos_ in {"PROPN", "NOUN"}
            and c.text[:1].isupper()
        ),
        None,
    )
    if head is None or head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
        return None, []
    words = trim(list(clause.subtree))
    return (head, words) if words else (None, [])


def _name_set_off_before(cue: Token, sent: SpacySpan) -> tuple[Token | None, list[Token]]:
    """'Schilling, through a spokeswoman, declined ...', 'In a message to Clinton, Tanden,
    head of the center, recounted ...': a sentence whose verb the parser left without
    any subject, and which opens with a name set off by commas (after at most an
    opening phrase and its comma, or one adverb), names its speaker there. Only the
    root verb, and only a capitalised name of up to four words. (head, words) or
    (None, [])."""
    finite = FINITE_TAGS | {"MD"}
    if cue.dep_ != "ROOT" or not (
        cue.tag_ in finite or any(c.dep_ == "aux" and c.tag_ in finite for c in cue.children)
    ):
        return None, []
    doc = cue.doc
    i = sent.start
    if doc[i].pos_ == "ADV" and i + 1 < cue.i:
        i += 1  # "Now Sembler, who ..."
    starts = [i] + [t.i + 1 for t in doc[i : cue.i] if t.text == ","]
    for start in starts:
        end = start
        while end < cue.i and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if not start < end <= start + 4 or end >= cue.i or doc[end].text != ",":
            continue
        words = list(doc[start:end])
        if any(t.pos_ == "PRON" or t.is_stop for t in words):
            continue
        return words[-1], words
    return None, []


def verb_candidate(cue: Token, sent: SpacySpan) -> Candidate | None:
    speaker = find_speaker(cue)
    spk_tokens = speaker_tokens(speaker) if speaker is not None else []
    if speaker is not None and cue.dep_ == "relcl" and speaker == cue.head:
        # A name the parser made the head of the report itself (see find_speaker).
        in_report = {t.i for t in cue.subtree}
        spk_tokens = trim([t for t in spk_tokens if t.i not in in_report])
    if speaker is None:
        speaker, spk_tokens = _subject_parsed_as_clause(cue, sent)
    if speaker is None:
        speaker, spk_tokens = _name_set_off_before(cue, sent)
    spk_ids = {t.i for t in spk_tokens}
    embedded = False
    content_tokens: list[Token] = []
    reports = lent_reports(cue)
    lent = lent_subjects(cue, reports)
    children = content_children(cue, speaker)
    for child in children:
        child_ids = {t.i for t in child.subtree}
        if (
            child.i < cue.i
            and speaker is not None
            and speaker.i in child_ids
            and speaker != named_after_quote(cue)
        ):
            # The subject was parsed inside a preceding clause ("X has expressed
            # concern and Putin says ..."): that clause is not what was said. A name
            # hung on the quotation it follows is not, and is cut out of it.
            continue
        if child.i < cue.i and writers_clause_before(child, cue, spk_tokens, children):
            continue
        if child.i in reports:
            continue  # a report of its own, whose subject the parser put in this one
        left_out = spk_ids | {cue.i} | joined_reports(child) | lent
        content_tokens.extend(subtree_without(child, left_out))
    if not content_tokens and reporting_tail(cue):
        # '"Russia is massing troops," Stoltenberg said.' parsed with the
        # report verb hanging off the quoted clause.
        cue_ids = {t.i for t in cue.subtree} - opening_words(cue)
        content_tokens = [t for t in cue.head.subtree if t.i not in cue_ids and t.sent == sent]
    if not content_tokens and cue.dep_ in {"relcl", "acl"} and cue.head.pos_ in {"NOUN", "PRON"}:
        has_object = any(c.dep_ in {"dobj", "ccomp"} and c.lower_ not in RELATIVISERS
                         for c in cue.children)  # fmt: skip
        # Only a clause with a subject of its own reports on the noun ("a notion
        # that Moscow dismissed"); "plans to attack" merely describes it.
        own_subject = any(c.dep_ in SUBJECT_DEPS | {"agent"} for c in cue.children)
        if not has_object and own_subject:
            # "a notion that Moscow dismissed": the noun phrase is the content.
            content_tokens = list(cue.head.subtree)
            embedded = True
    cue_end = _cue_end(cue)
    if len(children) == 1 and children[0].dep_ == "prep" and 0 < children[0].i - cue.i <= 2:
        # "referring to X": the preposition is part of the cue, X is the content.
        prep = children[0]
        cue_end = prep.idx + len(prep.text)
        content_tokens = [t for t in content_tokens if t.i != prep.i]
    content_tokens = trim(content_tokens)
    if not content_tokens:
        return None
    runs = [trim(r) for r in consecutive_runs(content_tokens)]
    segments = [chars(r) for r in runs if r and any(not t.is_punct for t in r)]
    if not segments:
        return None
    return Candidate(
        cue=cue,
        cue_end=cue_end,
        speaker=chars(spk_tokens) if spk_tokens else None,
        speaker_head=speaker,
        content=segments,
        content_tokens={t.i for t in content_tokens},
        embedded=embedded,
        set_off_inside=inside_what_was_said(cue),
    )
