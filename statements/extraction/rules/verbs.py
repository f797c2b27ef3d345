"""Reporting verbs: which verbs are cues, and the content and source each governs."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lexicon import CUE_VERBS, HEARER_VERBS, OBJECT_CONTENT_VERBS, PREP_CONTENT, XCOMP_VERBS
from ..tagger import named_label
from .misparses import FINITE_TAGS, named_after_quote, subject_read_as_object_conjunct
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

NON_REPORTING = frozenset(
    ["be", "have", "make", "do", "get", "seem", "appear", "mean", "ensure", "guarantee"]
)


def is_cue(token: Token) -> bool:
    if token.pos_ not in {"VERB", "AUX"} or token.dep_ in {"amod", "compound", "aux", "auxpass"}:
        return False
    if token.lemma_.lower() in CUE_VERBS:
        return True
    # Any verb whose subject introduces a "that" clause reports that subject's
    # words or stance ("hinted that", "signalled that"), whatever the verb.
    if token.lemma_.lower() in NON_REPORTING:
        return False
    has_subject = any(c.dep_ == "nsubj" for c in token.children)
    return has_subject and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in token.children
    )


def _content_children(cue: Token, speaker: Token | None) -> list[Token]:
    lemma = cue.lemma_.lower()
    children = []
    ccomps = [c for c in cue.children if c.dep_ == "ccomp"]
    for child in cue.children:
        if speaker is not None and child.i == speaker.i:
            continue
        if child.dep_ == "ccomp" or child.dep_ == "xcomp" and lemma in XCOMP_VERBS:
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


def _joined_reports(clause: Token) -> set[int]:
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
        out.update(t.i for t in conj.subtree)
        i = conj.left_edge.i - 1
        while i > clause.left_edge.i and clause.doc[i].dep_ in {"cc", "punct"}:
            out.add(i)
            i -= 1
    return out


def lent_subjects(cue: Token) -> set[int]:
    """Words of a later verb's subject that the parser joined to this verb's object
    ("Stoltenberg praised the allies and [Russia's defense ministry] said ..."; see
    subject_read_as_object_conjunct), with the "and" before them: not what was said."""
    out: set[int] = set()
    for verb in cue.rights:
        # A clause of what was said may be a report of its own, the parser having
        # hung it on this one ("said they're convinced ... and Democrats accused").
        if verb.dep_ != "conj" and not (verb.dep_ == "ccomp" and is_cue(verb)):
            continue
        if (noun := subject_read_as_object_conjunct(verb)) is None:
            continue
        out.update(t.i for t in noun.subtree)
        i = noun.left_edge.i - 1
        while i > cue.i and cue.doc[i].dep_ in {"cc", "punct"}:
            out.add(i)
            i -= 1
    return out


def _colon_between(child: Token, cue: Token, spk_tokens: list[Token]) -> bool:
    """A clause before a colon or semicolon that the report follows ("The news set off
    fireworks on Friday: Republicans said ..."): the writer's words, not the report's."""
    end = min([cue.i] + [t.i for t in spk_tokens])
    return any(t.text in {":", ";"} for t in cue.doc[child.right_edge.i : end])


def _reporting_tail(cue: Token) -> bool:
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


def _inside_what_was_said(cue: Token) -> bool:
    """'If it's just a few delegates, the campaign said, it may not bother': a report
    set off by commas that the parser hangs on the verb of what was said after it."""
    return cue.dep_ in {"parataxis", "ccomp"} and cue.i < cue.head.i and _set_off(cue)


def _opening_words(cue: Token) -> set[int]:
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
    marks = {",", "—", "–", "--"}
    before = doc[first].text in marks or first > 0 and doc[first - 1].text in marks
    after = doc[last].text in marks or last + 1 < len(doc) and doc[last + 1].text in marks
    return before and after and first > cue.sent.start


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
    lent = lent_subjects(cue)
    for child in _content_children(cue, speaker):
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
        if child.i < cue.i and _colon_between(child, cue, spk_tokens):
            continue
        if child.dep_ == "ccomp" and is_cue(child) and subject_read_as_object_conjunct(child):
            continue  # a report of its own, whose subject the parser put in this one
        left_out = spk_ids | {cue.i} | _joined_reports(child) | lent
        content_tokens.extend(subtree_without(child, left_out))
    if not content_tokens and _reporting_tail(cue):
        # '"Russia is massing troops," Stoltenberg said.' parsed with the
        # report verb hanging off the quoted clause.
        cue_ids = {t.i for t in cue.subtree} - _opening_words(cue)
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
    children = _content_children(cue, speaker)
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
        set_off_inside=_inside_what_was_said(cue),
    )
