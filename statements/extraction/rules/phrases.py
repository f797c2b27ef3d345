"""Speakers a phrase names rather than a verb's subject: the owner of a noun cue, the
verb whose object carries the words, the subject of a "with" absolute."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import CARRIER_NOUNS
from ..tagger import named_label
from .tokens import object_of

GERUND_PREPOSITIONS = frozenset(["about", "over", "at", "of", "against"])

# Verbs whose subject takes in what the object carries: "received calls saying ...".
RECEIVING_VERBS = frozenset(["receive", "get", "obtain", "see", "watch", "hear", "read"])


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


def absolute_subject(cue: Token) -> Token | None:
    """ "The conversation ended with Maddow asking Clinton ...", "liberals, with about
    three in 10 saying ...": after "with", the words before the participle are who does
    it. The head of those words, or None."""
    if cue.tag_ != "VBG":
        return None
    doc = cue.doc
    start = cue.i - 1
    # At most five words, none a verb, a mark or a preposition but the "in" of "three in
    # 10": "with a smile, saying ..." and "with a smile on his face saying ..." are
    # the sentence subject's, and so is "breaking with his boss in endorsing Ryan",
    # where the "in" governs the participle itself.
    while start >= cue.sent.start and cue.i - start <= 6 and doc[start].lower_ != "with":
        if doc[start].pos_ in {"VERB", "AUX", "PUNCT", "ADP"} and (
            doc[start].lower_ != "in" or start == cue.i - 1
        ):
            return None
        start -= 1
    if start < cue.sent.start or doc[start].lower_ != "with" or start == cue.i - 1:
        return None
    words = doc[start + 1 : cue.i]
    heads = [t for t in words if not words.start <= t.head.i < words.end]
    return next((t for t in reversed(heads) if t.pos_ in {"NOUN", "PROPN", "NUM", "PRON"}), None)


def verb_carrying(noun: Token) -> Token | None:
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


def named_before_gerund(cue: Token) -> Token | None:
    """ "interviewed about Pope Francis calling Christmas a sham": a person named as
    the object of a preposition right before a participle is who does it."""
    if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "acl", "pcomp"} or cue.i == 0:
        return None
    prev = cue.doc[cue.i - 1]
    if prev.dep_ != "pobj" or prev.pos_ != "PROPN" or prev.head.lower_ not in GERUND_PREPOSITIONS:
        return None
    return prev if named_label(prev) == "PERSON" else None
