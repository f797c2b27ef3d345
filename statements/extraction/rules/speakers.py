"""The source of a report: the cue's subject in the parse, and its words."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CUE_VERBS, FEELING_VERBS, HEARER_VERBS, SPEECH_VERBS
from .misparses import (
    name_closing_opening_phrase,
    name_parsed_as_root,
    name_read_as_adverb,
    name_read_as_modal,
    named_after_quote,
    opening_phrase_name_words,
    person_shown,
    quoted_title_after,
    subject_of_listed_verb,
    subject_read_as_apposition,
    subject_read_as_conjunct,
    subject_read_as_object_after_quote,
    subject_read_as_object_conjunct,
    what_there_was,
)
from .phrases import absolute_subject, named_before_gerund, noun_source, verb_carrying
from .tokens import RELATIVISERS, SUBJECT_DEPS, object_of, trim

FLOATING_QUANTIFIERS = frozenset(["both", "all", "each"])

# Verbs whose object is who then acts: "led Priebus to declare", "left many to wonder".
OBJECT_CONTROL = frozenset(
    [
        "lead",
        "drive",
        "prompt",
        "leave",
        "cause",
        "force",
        "push",
        "allow",
        "permit",
        "encourage",
        "inspire",
        "convince",
        "persuade",
        "compel",
        "press",
        "spur",
        "ask",
        "urge",
        "invite",
        "tell",
        "get",
    ]
)


def find_speaker(cue: Token, depth: int = 0, adjunct: bool = False) -> Token | None:
    # "voters who say ..." names its source by the relative pronoun, which actor
    # resolution maps back to the noun it stands for.
    subjects = [
        c
        for c in cue.children
        if c.dep_ in SUBJECT_DEPS
        and (c.lower_ not in RELATIVISERS or cue.dep_ == "relcl")
        and not quoted_title_after(c, cue)
    ]
    if len(subjects) > 1:
        # "Sanders called on Snyder to resign": a second subject after one of the
        # verb's prepositions is that preposition's object. "Party figures — ... —
        # both suggested": a floating "both" only points back at the subject.
        subjects = [
            s
            for s in subjects
            if not _after_own_preposition(s, cue)
            and not (s.lower_ in FLOATING_QUANTIFIERS and not list(s.children))
        ] or subjects
    if subjects:
        # Two subjects are a misparse ('"..., nothing you can do folks," Trump said'
        # takes "nothing" from the quotation as well): the one nearest the verb.
        return min(subjects, key=lambda c: abs(c.i - cue.i))
    for child in cue.children:
        if name_read_as_modal(child, cue) or name_read_as_adverb(child, cue):
            return child
    passive = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in CUE_VERBS for c in cue.children
    ):
        # "Mr. Trump was prompted to say ...", a cue the tagger marked as a whole.
        return passive
    lemma = cue.lemma_.lower()
    # "While he's said he'll fight ...", "She's told reporters ...": "'s" is "has",
    # read as a passive "is". A hearer verb is active only with its hearer after it
    # ("he's told that ..." is told).
    if (
        passive is not None
        and lemma in SPEECH_VERBS
        and _has_contracted(cue)
        and (lemma not in HEARER_VERBS or any(c.dep_ == "dobj" for c in cue.children))
    ):
        return passive
    if lemma in FEELING_VERBS:
        if passive is not None:
            return passive  # "Officials were alarmed by the reports that ..."
    elif adjunct and (subject := passive or _passive_conjunct_subject(cue)) is not None:
        # "Silverman was booed by supporters after telling them ...": a participle
        # hung on a passive verb is done by its subject, not by its agent.
        return subject
    else:
        for child in cue.children:
            if child.dep_ == "agent" and (agent := object_of(child)) is not None:
                return agent
    if cue.pos_ == "NOUN" and (source := noun_source(cue)) is not None:
        return source
    if cue.dep_ == "xcomp" and cue.i > cue.head.i:
        # "The victory led Priebus to declare ...", "Mr. Loeb was allowed to speak
        # out ...": the object of a verb of making someone act, or the passive subject
        # of the verb above, does it. Not the object of "used the lunch to complain"
        # or "spent the weekend saying".
        controls = cue.head.lemma_.lower() in OBJECT_CONTROL
        controller = next(
            (
                c
                for c in cue.head.children
                if c.i < cue.i and (c.dep_ == "nsubjpass" or c.dep_ == "dobj" and controls)
            ),
            None,
        )
        if controller is not None and controller.lower_ not in RELATIVISERS:
            return controller
    if (shown := person_shown(cue)) is not None:
        return shown
    if (listed := subject_of_listed_verb(cue)) is not None:
        return listed
    if (apposed := subject_read_as_apposition(cue)) is not None:
        return apposed
    if (joined := subject_read_as_conjunct(cue)) is not None:
        return joined
    if (joined := subject_read_as_object_conjunct(cue)) is not None:
        return joined
    if (inverted := subject_read_as_object_after_quote(cue)) is not None:
        return inverted
    if (root := name_parsed_as_root(cue)) is not None:
        return root
    if (there := what_there_was(cue)) is not None:
        return there
    if (opening := name_closing_opening_phrase(cue)) is not None:
        return opening
    if cue.dep_ == "acl" and cue.head.pos_ in {"NOUN", "PROPN"}:
        verb = verb_carrying(cue.head)
        if depth < 4 and verb is not None and (found := find_speaker(verb, depth + 1)):
            return found
        return cue.head  # "the former secretary of state, slamming ..."
    if (shared := _passive_conjunct_subject(cue)) is not None:
        return shared
    if (absolute := absolute_subject(cue)) is not None:
        return absolute
    if (named := named_before_gerund(cue)) is not None:
        return named
    # "..., saying that ..." / "by arguing ..." / "and added ...": the subject of
    # the governing verb, but never across a reported clause.
    # "he is correct to note that ..." reaches the subject through the adjective too.
    climb = {"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"}
    named = named_after_quote(cue) if cue.dep_ in climb else None
    if named is not None and _governor(cue).i < named.i:
        # '"We were wrong," Ramos, 58, told AFP': the parser joins "told" to the
        # quotation's verb, whose subject is the quotation's own "we".
        return named
    if depth < 4 and cue.dep_ in climb and cue.head != cue:
        participle = adjunct or cue.tag_ == "VBG" and cue.dep_ in {"advcl", "pcomp"}
        found = find_speaker(_governor(cue), depth + 1, adjunct=participle)
        if found is not None:
            return found
    if depth == 0 or cue.dep_ == "ROOT":
        # "Trump further summed up Clinton as 'terrible,' denounced her record and said
        # ..." parses the opening verb as a clause modifying the next, which is left
        # without a subject: the subject opening the sentence is the speaker's.
        for child in cue.children:
            if child.dep_ == "advcl" and child.i < cue.i:
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.left_edge.i == cue.sent.start:
                    return subject
    if (named := named_after_quote(cue)) is not None:
        return named
    # The parser sometimes attaches a subject to a neighbouring noun ("... NATO
    # and Putin says ..."): take a proper noun directly before the cue.
    prev = cue.doc[cue.i - 1] if cue.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ in {"conj", "appos", "compound"}:
        return prev
    return None


def _after_own_preposition(subject: Token, cue: Token) -> bool:
    return subject.i > cue.i and any(
        c.dep_ == "prep" and cue.i < c.i < subject.left_edge.i for c in cue.children
    )


def _has_contracted(cue: Token) -> bool:
    """True when the verb's only passive auxiliary is a contracted "'s" and no
    infinitive follows ("it's said to be" is a real passive)."""
    aux = [c for c in cue.children if c.dep_ == "auxpass"]
    if len(aux) != 1 or aux[0].lower_ not in {"'s", "’s"}:
        return False
    return not any(c.dep_ == "xcomp" for c in cue.children)


def speaker_tokens(head: Token) -> list[Token]:
    # Appositive descriptions and relative clauses still name the source, but a
    # conjoined clause hanging off the subject does not.
    if (name := opening_phrase_name_words(head)) is not None:
        return name
    return trim([t for t in head.subtree if not (t.dep_ == "punct" and t.head == head)] or [head])


def _governor(cue: Token) -> Token:
    """The verb a report without a subject shares its speaker with.

    The parser often hangs a trailing participle or a conjoined verb on the last verb
    of the reported clause before it ("Carson said he saw no need ..., telling
    Stephanopoulos that ...", "Ms. Khan said Mr. Trump was ignorant and criticized
    him"), whose subject is the reported one. When that verb is the complement of a
    reporting verb, the report goes with the reporting verb. On the held-out fifth of
    train this made 15 more matched speakers right (9 participles, 6 conjoined verbs)
    with the same matches.
    """
    head = cue.head
    participle = cue.dep_ == "advcl" and cue.tag_ == "VBG"
    before = cue.doc[cue.i - 2] if cue.i >= 2 and cue.doc[cue.i - 1].text == "," else None
    if (
        participle
        and before is not None
        and before.lemma_.lower() in CUE_VERBS
        and before.pos_ == "VERB"
        and before.i < head.i
    ):
        # '"...," Sanders said, going on to say that ...' where the parser hung the
        # participle on a later verb: it continues the report it follows.
        return before
    if participle or cue.dep_ == "conj":
        # Up through the reported clause, however deep the participle hangs in it ("...
        # said Clinton will have to choose whose side she's on, saying, ...").
        clause = head
        while clause.dep_ in {"xcomp", "conj", "advcl"} and clause.head != clause:
            clause = clause.head
        if (
            clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in CUE_VERBS
            and clause.head.pos_ in {"VERB", "AUX"}
        ):
            return clause.head
    return head


def _passive_conjunct_subject(cue: Token) -> Token | None:
    """ "Borders, who are drawn to his message and feel that ...", "He was criticized by
    rivals and said ...": a verb joined by "and" to a passive one shares its subject.
    Not when the passive verb is itself what someone said ("De Blasio said the move
    was made by Bratton and said ...": see _governor)."""
    head = cue.head
    if cue.dep_ != "conj" or head.pos_ not in {"VERB", "AUX"} or _governor(cue) != head:
        return None
    if not any(c.dep_ == "cc" and head.i < c.i < cue.i for c in head.children):
        return None
    shared = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    if shared is None or shared.lower_ in RELATIVISERS and head.dep_ != "relcl":
        return None
    return shared
