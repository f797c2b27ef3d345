"""What was said: the words of a reporting verb's clause that are its content, and
the parser's misreadings that put other words there."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import (
    HEARER_VERBS,
    OBJECT_CONTENT_VERBS,
    PREP_CONTENT,
    SPEECH_VERBS,
    XCOMP_VERBS,
)
from ..tagger import named_label
from .cues import is_cue
from .misparses import subject_read_as_object_conjunct
from .tokens import RELATIVISERS, SUBJECT_DEPS

DASHES = frozenset(["—", "–", "--"])


def content_children(cue: Token, speaker: Token | None) -> list[Token]:
    lemma = cue.lemma_.lower()
    children = []
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    for child in cue.children:
        if speaker is not None and child.i == speaker.i:
            continue
        if child.dep_ == "ccomp" or child.dep_ == "xcomp" and lemma in XCOMP_VERBS:
            children.append(child)
        elif child.dep_ == "advcl" and child.i > cue.i and _opened_by_that(child):
            # "Zelensky said last week, according to Interfax, that he would not
            # panic": with words set off between them, the parser may hang the
            # that-clause on the verb as an adverbial clause.
            children.append(child)
        elif child.dep_ in {"dobj", "oprd"} and lemma in OBJECT_CONTENT_VERBS:
            if lemma in HEARER_VERBS and ccomps:
                continue
            if child.lower_ in RELATIVISERS:
                continue
            children.append(child)
        elif child.dep_ == "prep" and child.lower_ in PREP_CONTENT.get(lemma, ()):
            if any(named_label(c) in {"DATE", "TIME"} for c in child.subtree):
                continue
            children.append(child)
    return children


def _opened_by_that(clause: Token) -> bool:
    """A clause whose only conjunction is "that" ("so that" and "now that" are no
    reports)."""
    marks = [c for c in clause.children if c.dep_ == "mark" or c.i < clause.i and c.lower_ == "so"]
    return [m.lower_ for m in marks] == ["that"]


def joined_reports(clause: Token) -> set[int]:
    """Tokens of reports joined to a reported clause: in "Obama emphasized that the
    reforms were not complete, and rights groups warned that ...", the parser makes
    "warned" a conjunct of "were", but the groups' report is not Obama's. A conjunct
    that is a cue with a subject of its own goes, with the comma and "and" before it.
    One opened by "that" is still what was said ("said that X and that NATO warned Y")."""
    out: set[int] = set()
    for conj in clause.subtree:
        if conj.dep_ != "conj" or conj.pos_ not in {"VERB", "AUX"} or not is_cue(conj):
            continue
        deps = {c.dep_ for c in conj.children}
        if not deps & {"nsubj", "nsubjpass"} or "mark" in deps:
            continue
        out |= _with_joining_words(conj, clause.left_edge.i)
    return out


def lent_reports(cue: Token) -> dict[int, Token]:
    """Later reports whose subject the parser joined to this verb's object ("Stoltenberg
    praised the allies and [Russia's defense ministry] said ..."; see
    subject_read_as_object_conjunct): each verb's index, with that subject."""
    reports = {}
    for verb in cue.rights:
        # A clause of what was said may be a report of its own, the parser having
        # hung it on this one ("said they're convinced ... and Democrats accused").
        if verb.dep_ != "conj" and not (verb.dep_ == "ccomp" and is_cue(verb)):
            continue
        if (noun := subject_read_as_object_conjunct(verb)) is not None:
            reports[verb.i] = noun
    return reports


def lent_subjects(cue: Token, reports: dict[int, Token] | None = None) -> set[int]:
    """Words of the subjects of lent_reports (given, or found for cue), with the "and"
    before them: not what was said."""
    out: set[int] = set()
    for noun in (lent_reports(cue) if reports is None else reports).values():
        out |= _with_joining_words(noun, cue.i)
    return out


def _with_joining_words(node: Token, stop: int) -> set[int]:
    """node's words with the "and" and commas that join it on, back to (not into)
    token stop."""
    out = {t.i for t in node.subtree}
    i = node.left_edge.i - 1
    while i > stop and node.doc[i].dep_ in {"cc", "punct"}:
        out.add(i)
        i -= 1
    return out


def writers_clause_before(
    child: Token, cue: Token, spk_tokens: list[Token], children: list[Token]
) -> bool:
    """A clause before a colon or semicolon that the report follows ("The news set off
    fireworks on Friday: Republicans said ..."): the writer's words, not the report's.
    Before a dash only when what was said follows the verb ("It was no accident —
    Buck told Reuters that ..."), since a dash also sets off the words reported
    ('"Troops are pulling back" — Lavrov said')."""
    end = min([cue.i] + [t.i for t in spk_tokens])
    between = {t.text for t in cue.doc[child.right_edge.i : end]}
    if between & {":", ";"}:
        return True
    return bool(between & DASHES) and (
        any(c.i > cue.i for c in children) or cue.lemma_.lower() not in SPEECH_VERBS
    )


def reporting_tail(cue: Token) -> bool:
    """'"Russia is massing troops," Stoltenberg said.' with the verb parsed under the quote,
    or 'The plan, Smith said, will fail.' with the report set off by commas inside it."""
    if cue.dep_ not in {"parataxis", "ccomp"} or cue.head.i == cue.i:
        return False
    if cue.i < cue.head.i and not _set_off(cue):
        return False
    if cue.i > cue.head.i and not _after_a_break(cue):
        # "Lavrov said the talks would continue": a verb of what was said, not a
        # report of the words before it.
        return False
    deps = {c.dep_ for c in cue.children}
    # A clause opened by "that" or "whether" is what someone said, not who said it:
    # in "Lavrov said on Monday that talks would continue", "continue" hangs on "said".
    if "mark" in deps:
        return False
    return bool(deps & SUBJECT_DEPS) and not deps & {"dobj", "ccomp", "xcomp", "attr"}


def _after_a_break(cue: Token) -> bool:
    """A comma, dash or quotation mark ends the words before the report's clause."""
    doc = cue.doc
    first = min([cue.i] + [c.left_edge.i for c in cue.children if c.i < cue.i])
    return doc[first].is_punct or first > 0 and doc[first - 1].is_punct


def inside_what_was_said(cue: Token) -> bool:
    """'If it's just a few delegates, the campaign said, it may not bother': a report
    set off by commas that the parser hangs on the verb of what was said after it."""
    return cue.dep_ in {"parataxis", "ccomp"} and cue.i < cue.head.i and _set_off(cue)


def opening_words(cue: Token) -> set[int]:
    """Words before the subject of a report set off inside what was said, which the
    parser hung on the report, leaving the verb after it without a subject: "Putting
    the show together, Butz said, allowed him to ..." is the show's doing, not how
    Butz said it."""
    if cue.i > cue.head.i or any(c.dep_ in SUBJECT_DEPS for c in cue.head.children):
        return set()
    subject = min((c.left_edge.i for c in cue.children if c.dep_ in SUBJECT_DEPS), default=cue.i)
    # Only the subject the verb after the report lacks: a noun phrase or a gerund
    # ("Putting the show together"), not a participle describing it ("Bound
    # together by 2,000 years of exchanges, the two nations, Xi said, now have").
    return {
        t.i
        for c in cue.children
        if c.i < subject and (c.pos_ in {"NOUN", "PROPN", "PRON"} or c.tag_ == "VBG")
        for t in c.subtree
    }


def _set_off(cue: Token) -> bool:
    """The cue's clause stands between commas or dashes inside the sentence (the
    parser hangs the commas on the cue or leaves them just outside its clause)."""
    doc = cue.doc
    # From its subject: the parser may hang words of what was said before it on the
    # report ("If China can build a Great Wall, he observed, ...").
    first = min((c.left_edge.i for c in cue.children if c.dep_ in SUBJECT_DEPS), default=cue.i)
    last = cue.right_edge.i
    marks = {",", *DASHES}
    before = doc[first].text in marks or first > 0 and doc[first - 1].text in marks
    after = doc[last].text in marks or last + 1 < len(doc) and doc[last + 1].text in marks
    return before and after and first > cue.sent.start
