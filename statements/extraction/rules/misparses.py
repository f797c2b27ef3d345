"""Where the parser puts a report's subject somewhere other than on its verb.

Each function recognises one misparse seen in news text and returns the token that
is really the subject, or None; find_speaker (speakers.py) tries them in turn.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import known_adverbs
from ..quotes import CLOSING_TOKENS, OPENING_TOKENS
from ..tagger import NAMED_KEY, named_label
from .tokens import SUBJECT_DEPS

FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP"])


def name_read_as_modal(child: Token, cue: Token) -> bool:
    """ "Will urged ..." (the columnist George Will): the tagger reads the name as the
    modal "will", which cannot precede a past or third-person form."""
    if child.dep_ != "aux" or child.tag_ != "MD" or not child.text.istitle():
        return False
    if cue.tag_ in {"VBD", "VBZ"}:
        return True
    others = [c for c in cue.children if c.dep_ in {"aux", "auxpass"} and c.i != child.i]
    return cue.tag_ == "VBN" and not others


def name_read_as_adverb(child: Token, cue: Token) -> bool:
    """ "Connolly argued ...", '"...," said Skelly': the tagger reads a surname ending
    in -ly as an adverb; a capitalised adverb that is no English adverb is the name.
    "But Bill Skelly, a longtime RNC data operative, vouched ..." keeps the name's tag
    and still hangs it on the verb as an adverb."""
    if child.dep_ != "advmod" or not child.text.istitle():
        return False
    if child.tag_ == "RB":
        adverbs = known_adverbs()  # empty without the base model's tables: then no guess
        return bool(adverbs) and child.lower_ not in adverbs
    return child.pos_ == "PROPN" and child.i < cue.i


def quoted_title_after(subject: Token, cue: Token) -> bool:
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


def person_shown(cue: Token) -> Token | None:
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


def name_parsed_as_root(cue: Token) -> Token | None:
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


def name_closing_opening_phrase(cue: Token) -> Token | None:
    """ "At a news conference in Brussels Stoltenberg said ...": with no comma after
    the opening phrase, the parser reads the name as the last object in it ("in
    Brussels Stoltenberg") and leaves the verb without a subject. A proper noun right
    before a finite verb, ending a prepositional phrase before the verb that hangs on
    it (through any phrases nested in it), is the subject."""
    # A conjoined verb shares the first verb's subject ("... but on Tuesday wrote").
    if cue.i == 0 or cue.tag_ not in FINITE_TAGS or cue.dep_ == "conj":
        return None
    name = cue.doc[cue.i - 1]
    if name.pos_ != "PROPN" or name.dep_ != "pobj" or named_label(name) in {"DATE", "TIME"}:
        return None
    phrase = name.head
    while phrase.head.i < cue.i and phrase.dep_ in {"prep", "pobj"} and phrase.head != cue:
        phrase = phrase.head
    if phrase.dep_ != "prep" or phrase.head != cue:
        return None
    return name


def opening_phrase_name_words(head: Token) -> list[Token] | None:
    """The words of a name found by name_closing_opening_phrase: the person the
    named-entity recogniser marks ending on it, else the name's last word alone, as
    the words before it ("with Reuters Lavrov", "of the Washington Post Trump")
    belong to the phrase."""
    doc = head.doc
    if head.i + 1 >= len(doc) or name_closing_opening_phrase(doc[head.i + 1]) != head:
        return None
    entities = doc.spans.get(NAMED_KEY, doc.ents)
    person = next(
        (e for e in entities if e.label_ == "PERSON" and e.end == head.i + 1 and e.start < head.i),
        None,
    )
    return list(person) if person is not None else [head]


def subject_of_listed_verb(cue: Token) -> Token | None:
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


def _verb_group_start(cue: Token) -> int:
    """Index of the first word of the verb with its auxiliaries and negation before it
    ("have not vouched"): what ends just before it is where a subject would be."""
    before = [c.i for c in cue.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < cue.i]
    return min([cue.i, *before])


def subject_read_as_apposition(cue: Token) -> Token | None:
    """ "In addition to the ABA, a bipartisan coalition of politicians have vouched for
    ...": the parser hangs the subject on the noun before it as an apposition and
    leaves the verb without one. The apposition ending right before the verb is it.
    Also for a verb the parser joined to the clause before ("It was no accident —
    Buck, a spokesman, told ..."), which would lend the verb that clause's subject."""
    if cue.dep_ not in {"ROOT", "conj"}:
        return None
    first = _verb_group_start(cue)
    if first == 0:
        return None
    token = cue.doc[first - 1]
    while token.dep_ != "appos" and token.head != token and token.head.i < first:
        token = token.head
    nominal = token.pos_ in {"NOUN", "PROPN"}
    if token.dep_ == "appos" and token.right_edge.i == first - 1 and nominal:
        return token
    return None


def subject_read_as_conjunct(cue: Token) -> Token | None:
    """ "Through real-time analytics, reporters and editors know how many ...": the
    parser joins the subject to the noun ending the opening phrase, as a conjunct,
    and leaves the verb without one. The conjunct after the comma is the subject."""
    if cue.dep_ != "ROOT":
        return None
    first = _verb_group_start(cue)
    doc = cue.doc
    token = doc[first - 1] if first > 0 else None
    while token is not None and token.dep_ == "conj" and token.head.i < token.i:
        opens = token.left_edge.i > 0 and doc[token.left_edge.i - 1].text == ","
        if opens and token.pos_ in {"NOUN", "PROPN"} and _in_opening_phrase(token.head, cue):
            return token
        token = token.head
    return None


def subject_read_as_object_conjunct(cue: Token) -> Token | None:
    """ "Trump has not talked about Zika and his campaign did not respond ...": the
    parser joins the second clause's subject to the first clause's object, as a
    conjunct, and the verb to the first verb, which lends it the wrong subject. A
    noun right before a finite verb, with "and" or "but" before it, is the verb's
    subject. The parser may instead hang the verb on the first verb as a second
    clause of what was said ("Republicans said they're convinced the department
    mishandled the investigation and Democrats accused the GOP of ...")."""
    if cue.dep_ not in {"conj", "ccomp"} or cue.head.i > cue.i:
        return None
    if any(c.dep_ in SUBJECT_DEPS | {"nsubjpass", "expl"} for c in cue.children):
        return None
    aux = [c for c in cue.children if c.dep_ in {"aux", "auxpass"} and c.i < cue.i]
    if cue.tag_ not in FINITE_TAGS and not any(a.tag_ in FINITE_TAGS | {"MD"} for a in aux):
        return None
    first = _verb_group_start(cue)
    doc = cue.doc
    noun = doc[first - 1] if first > 0 else None
    if noun is None or noun.dep_ != "conj" or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    # Joined to a word of the first verb's object, not to the first verb itself.
    if noun.head.i > noun.i or noun.head == cue.head or cue.head not in noun.head.ancestors:
        return None
    before = noun.left_edge.i - 1
    if before < 0 or doc[before].dep_ != "cc" or doc[before].lower_ not in {"and", "but"}:
        return None
    return noun


def _in_opening_phrase(token: Token, cue: Token) -> bool:
    """True when token lies in a prepositional phrase before the cue that hangs on it."""
    while token.head != token and token.i < cue.i:
        if token.dep_ == "prep" and token.head == cue:
            return True
        token = token.head
    return False


def subject_read_as_object_after_quote(cue: Token) -> Token | None:
    """'"...," added Gowdy.', '"...," read one.': after a quotation the subject follows
    the verb, and the parser sometimes takes it for the object. A verb right after
    the closing mark whose object closes the sentence has no other object to have;
    a participle there has ('"...," answering questions about her career.')."""
    if cue.tag_ in {"VBG", "VBN"}:
        return None
    doc = cue.doc
    i = cue.i - 1
    while i >= cue.sent.start and doc[i].is_space:
        i -= 1
    if i < cue.sent.start or doc[i].text not in CLOSING_TOKENS:
        return None
    obj = next((c for c in cue.children if c.dep_ == "dobj" and c.left_edge.i == cue.i + 1), None)
    if obj is None:
        return None
    end = obj.right_edge.i + 1
    if end < cue.sent.end and not doc[end].is_punct:
        return None
    return obj


def what_there_was(cue: Token) -> Token | None:
    """ "There were also emails that night showing that ...": the participle hangs on
    "were", whose subject is the empty "there"; what there was speaks."""
    if cue.dep_ != "advcl" or cue.tag_ != "VBG":
        return None
    if not any(c.dep_ == "expl" for c in cue.head.children):
        return None
    return next((c for c in cue.head.children if c.dep_ == "attr"), None)
