"""The source of a report: the cue's subject in the parse, and its words."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CARRIER_NOUNS, CUE_VERBS
from ..quotes import CLOSING_TOKENS, OPENING_TOKENS
from .tokens import RELATIVISERS, SUBJECT_DEPS, object_of, trim

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

# Verbs whose subject takes in what the object carries: "received calls saying ...".
RECEIVING_VERBS = frozenset(["receive", "get", "obtain", "see", "watch", "hear", "read"])


def find_speaker(cue: Token, depth: int = 0) -> Token | None:
    # "voters who say ..." names its source by the relative pronoun, which actor
    # resolution maps back to the noun it stands for.
    subjects = [
        c
        for c in cue.children
        if c.dep_ in SUBJECT_DEPS
        and (c.lower_ not in RELATIVISERS or cue.dep_ == "relcl")
        and not _quoted_title_after(c, cue)
    ]
    if subjects:
        # Two subjects are a misparse ('"..., nothing you can do folks," Trump said'
        # takes "nothing" from the quotation as well): the one nearest the verb.
        return min(subjects, key=lambda c: abs(c.i - cue.i))
    for child in cue.children:
        if _name_read_as_modal(child, cue):
            return child
    passive = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in CUE_VERBS for c in cue.children
    ):
        # "Mr. Trump was prompted to say ...", a cue the tagger marked as a whole.
        return passive
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
    if (shown := _person_shown(cue)) is not None:
        return shown
    if (listed := _subject_of_listed_verb(cue)) is not None:
        return listed
    if (apposed := _subject_read_as_apposition(cue)) is not None:
        return apposed
    if (root := _name_parsed_as_root(cue)) is not None:
        return root
    if (
        cue.dep_ == "advcl"
        and cue.tag_ == "VBG"
        and any(c.dep_ == "expl" for c in cue.head.children)
        and (there := next((c for c in cue.head.children if c.dep_ == "attr"), None))
    ):
        # "There were also emails that night showing that ...": what there was.
        return there
    if cue.dep_ == "acl" and cue.head.pos_ in {"NOUN", "PROPN"}:
        verb = _verb_carrying(cue.head)
        if depth < 4 and verb is not None and (found := find_speaker(verb, depth + 1)):
            return found
        return cue.head  # "the former secretary of state, slamming ..."
    # "..., saying that ..." / "by arguing ..." / "and added ...": the subject of
    # the governing verb, but never across a reported clause.
    # "he is correct to note that ..." reaches the subject through the adjective too.
    climb = {"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"}
    if (shared := _passive_conjunct_subject(cue)) is not None:
        return shared
    if depth < 4 and cue.dep_ in climb and cue.head != cue:
        found = find_speaker(_governor(cue), depth + 1)
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


def noun_source(cue: Token) -> Token | None:
    """Who a noun cue belongs to: "his criticism of ...", "criticism from rivals",
    "suggestions by the media"."""
    for child in cue.children:
        if child.dep_ == "poss":
            return child
        if (
            child.dep_ == "prep"
            and child.lower_ in {"from", "by"}
            and (source := object_of(child)) is not None
        ):
            return source
    return None


def speaker_tokens(head: Token) -> list[Token]:
    # Appositive descriptions and relative clauses still name the source, but a
    # conjoined clause hanging off the subject does not.
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


FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP"])


def _name_parsed_as_root(cue: Token) -> Token | None:
    """ "Speaker Paul D. Ryan, the nation's highest-ranking Republican, on Tuesday
    called ...", "Khizr Khan, the father of a slain soldier, decried ...": the parser
    makes the name the root and hangs the verb, left without a subject, somewhere
    under it. A name opening the sentence with no finite verb before the cue is its
    subject."""
    root = cue.sent.root
    if cue.tag_ not in FINITE_TAGS or root.pos_ != "PROPN" or not root.is_ancestor(cue):
        return None
    between = cue.doc[root.i + 1 : cue.i]
    if any(t.tag_ in FINITE_TAGS and t.pos_ in {"VERB", "AUX"} for t in between):
        return None
    return root


def _subject_of_listed_verb(cue: Token) -> Token | None:
    """ "... was when Megyn Kelly speculated about her wardrobe, referred to her
    divisiveness and considered ...": the parser hangs a list of verbs on the clause
    above as siblings, and only the first keeps the subject. A verb right after a
    sibling of the same tense with a subject, only a comma between, shares it."""
    if cue.dep_ != "advcl" or cue.tag_ not in FINITE_TAGS:
        return None  # a trailing participle (", arguing ...") goes with the main verb
    siblings = [
        c for c in cue.head.children if c.dep_ == "advcl" and c.i < cue.i and c.tag_ == cue.tag_
    ]
    if not siblings:
        return None
    previous = max(siblings, key=lambda c: c.i)
    end = previous.right_edge.i
    while end > previous.i and cue.doc[end].is_punct:
        end -= 1  # the comma may hang on the sibling
    between = cue.doc[end + 1 : cue.left_edge.i]
    if len(between) != 1 or between[0].text != ",":
        return None
    return next((c for c in previous.children if c.dep_ in SUBJECT_DEPS and c.i < previous.i), None)


def _subject_read_as_apposition(cue: Token) -> Token | None:
    """ "In addition to the ABA, a bipartisan coalition of politicians have vouched for
    ...": the parser hangs the subject on the noun before it as an apposition and
    leaves the verb without one. The apposition ending right before the verb is it."""
    if cue.dep_ != "ROOT":
        return None
    before = [c for c in cue.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < cue.i]
    first = min([cue.i, *(c.i for c in before)])
    if first == 0:
        return None
    token = cue.doc[first - 1]
    while token.dep_ != "appos" and token.head != token and token.head.i < first:
        token = token.head
    nominal = token.pos_ in {"NOUN", "PROPN"}
    if token.dep_ == "appos" and token.right_edge.i == first - 1 and nominal:
        return token
    return None


def _name_read_as_modal(child: Token, cue: Token) -> bool:
    """ "Will urged ..." (the columnist George Will): the tagger reads the name as the
    modal "will", which cannot precede a past or third-person form."""
    if child.dep_ != "aux" or child.tag_ != "MD" or not child.text.istitle():
        return False
    if cue.tag_ in {"VBD", "VBZ"}:
        return True
    others = [c for c in cue.children if c.dep_ in {"aux", "auxpass"} and c.i != child.i]
    return cue.tag_ == "VBN" and not others


def _quoted_title_after(subject: Token, cue: Token) -> bool:
    """'..., Flynn said on Fox News's "Fox and Friends."': a name in quotation marks
    after the verb is a programme or a title, not who speaks (the parser, having hung
    Flynn on the quotation, makes it the subject)."""
    start = subject.left_edge.i
    return subject.i > cue.i and start > 0 and subject.doc[start - 1].text in OPENING_TOKENS


def named_after_quote(cue: Token) -> Token | None:
    """'"...," Flynn, a top Trump surrogate, said': the name opening the words between
    a closing quotation mark and the verb, when the parser hung it on the quotation."""
    doc = cue.doc
    i = cue.i - 1
    while i >= cue.sent.start and not (doc[i].text in CLOSING_TOKENS and doc[i].tag_ != "POS"):
        if doc[i].pos_ in {"VERB", "AUX"}:
            return None
        i -= 1
    if i < cue.sent.start or i + 1 >= cue.i or doc[i + 1].pos_ != "PROPN":
        return None
    name = doc[i + 1]
    while name.dep_ == "compound" and name.head.i == name.i + 1 and name.head.pos_ == "PROPN":
        name = name.head
    return name


def _person_shown(cue: Token) -> Token | None:
    """ "The ad uses footage of Clinton asking ...", "the video shows Putin saying ...":
    a participle right after a name that is the object of the verb, or of "of", which
    the parser hangs on the verb; the name speaks, not the verb's subject."""
    if cue.tag_ != "VBG" or cue.dep_ not in {"xcomp", "advcl"} or cue.i == 0:
        return None
    name = cue.doc[cue.i - 1]
    if name.pos_ != "PROPN":
        return None
    if name.dep_ == "dobj" and name.head == cue.head:
        return name
    if name.dep_ == "pobj" and name.head.lower_ == "of":
        return name
    return None


def _verb_carrying(noun: Token) -> Token | None:
    """The verb whose object noun is, when noun only carries the words and the verb's
    subject produced them: "issued a statement saying ...", "opened a rally blasting
    ...", "spent much of the run-up portraying ...", "shot back in an article stating
    ...". Not "received calls saying ...", nor a noun in a phrase before the verb ("in
    the release announcing it, Manafort said"). On the held-out fifth of train the
    phrase after the verb gave 2 more right speakers and no wrong ones."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in CARRIER_NOUNS:
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ == "dobj":
        noun = noun.head.head  # "much of the run-up"
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.i > noun.head.head.i:
        # "responded with a statement saying ...", "shot back in an article stating
        # ...": after the verb, the phrase says how its subject spoke. Before it ("in
        # the release announcing it, Manafort said") it only sets the scene.
        verb = noun.head.head
    elif noun.dep_ in {"dobj", "npadvmod"}:
        verb = noun.head
    else:
        return None
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() in RECEIVING_VERBS:
        return None
    return verb
