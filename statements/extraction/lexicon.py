"""Cue vocabulary.

PolNeAR-style attribution covers speech, writing, and stated or inferred
mental states, so the verb list is broader than "say" verbs.
"""

from functools import cache


def _words(block: str) -> list[str]:
    return block.split()


SPEECH_VERBS = frozenset(
    _words(
        """
    say tell add note state claim warn dismiss deny insist argue announce confirm report
    write tweet post ask explain suggest acknowledge declare accuse admit reveal predict
    promise pledge vow respond reply recall conclude contend assert maintain stress
    emphasize emphasise observe complain charge allege testify comment remark mention boast
    joke quip muse speculate signal threaten demand caution assure reiterate repeat echo
    counter retort concede propose urge criticize criticise praise question reject describe
    call blame blast attack slam accuse defend lament announce disclose estimate indicate
    insist recommend advise acknowledge vow swear tout hint imply brag inform instruct order
    instruct predict contend calculate characterize label brand dub continue
    remind shout yell chant plead email voice outline detail recount recite clarify
    articulate interject proclaim utter opine pronounce profess preach elaborate reaffirm
    retweet forecast allude
        """
    )
)
COGNITION_VERBS = frozenset(
    _words(
        """
    believe think know feel hope fear expect worry doubt wonder agree disagree consider
    suspect assume understand realize realise recognize recognise acknowledge see find want
    plan intend seek refuse decline wish prefer
        """
    )
)
EVIDENCE_VERBS = frozenset(["show", "find", "reveal", "suggest", "indicate", "conclude"])
# Stance verbs: PolNeAR counts endorsing or opposing something as attributing a
# position to the subject.
STANCE_VERBS = frozenset(
    _words(
        """
    support endorse oppose back favor favour cite denounce mock decry applaud welcome
    quote highlight portray request challenge answer express remember refer point talk
    speak discuss rail vote focus comment complain condemn advocate deem credit assail
    attribute congratulate invoke disavow dispute chide rebut vouch bemoan rebuke hail
    liken lash lambast deride rebuff repudiate ridicule herald trumpet lecture envision
        """
    )
)
# Verbs whose content is the object of a particular preposition ("referring to X");
# the preposition then belongs to the cue.
PREP_CONTENT = {
    "refer": {"to"}, "point": {"to"}, "talk": {"about"}, "speak": {"about", "of"},
    "rail": {"against"}, "vote": {"for"}, "call": {"for", "on"}, "ask": {"about", "for"},
    "warn": {"of", "about", "against"}, "complain": {"about"}, "worry": {"about"},
    "focus": {"on"}, "comment": {"on"}, "agree": {"with"}, "hope": {"for"},
    "criticize": {"for"}, "accuse": {"of"}, "blame": {"for"}, "praise": {"for"},
    "credit": {"for", "with"}, "congratulate": {"on", "for"}, "allude": {"to"},
    "attribute": {"to"}, "vouch": {"for"}, "elaborate": {"on"}, "lash": {"at"},
    "chide": {"for"}, "rebuke": {"for"}, "hail": {"as"}, "liken": {"to"},
}  # fmt: skip
CUE_VERBS = SPEECH_VERBS | COGNITION_VERBS | EVIDENCE_VERBS | STANCE_VERBS

# Verbs whose direct object is the person addressed, not what was said.
HEARER_VERBS = frozenset(
    ["tell", "ask", "assure", "warn", "inform", "remind", "urge", "advise", "instruct", "order"]
)
# Verbs of feeling whose passive "by" phrase is what caused the feeling, not who
# feels it: "authorities worried by the rise in hate speech", "alarmed by the reports".
FEELING_VERBS = frozenset(
    _words(
        """
    worry concern alarm trouble anger frustrate disturb upset surprise shock frighten
    scare dismay disappoint encourage reassure outrage offend impress please bother
    puzzle confuse excite thrill annoy irritate horrify embarrass amuse anguish sadden
    hearten unnerve rattle baffle stun appal appall disgust infuriate enrage delight
        """
    )
)
# Verbs whose object alone carries the attributed content ("denied the claims").
OBJECT_CONTENT_VERBS = frozenset(
    _words(
        """
    dismiss deny confirm announce reject criticize criticise praise question blame blast
    attack slam defend describe call echo propose demand predict reveal disclose repeat
    reiterate want seek estimate mention acknowledge admit recommend tout label brand dub
    endorse support oppose back favor favour cite denounce mock decry applaud welcome
    quote highlight portray request challenge answer express remember discuss point
    condemn advocate assail disavow dispute rebut bemoan rebuke hail lambast deride rebuff
    repudiate ridicule herald trumpet invoke reaffirm outline detail recount recite voice
    envision forecast
        """
    )
)
# Verbs that take their content as an infinitive ("wants to win", "vowed to fight").
XCOMP_VERBS = frozenset(
    _words(
        """
    want plan intend seek refuse decline promise pledge vow threaten hope expect agree wish
    prefer urge ask tell order warn advise call appear seem
        """
    )
)
PERSON_WORDS = frozenset(
    _words(
        """
    he she him her i we you minister chief president spokesman spokeswoman spokesperson
    secretary official leader general director chairman chairwoman ambassador envoy senator
    governor mayor candidate prime chancellor commander adviser advisor aide analyst expert
    professor lawyer attorney representative congressman congresswoman
        """
    )
)
KIND_WORDS = {
    "alliance": "alliance",
    "ministry": "government_body",
    "department": "government_body",
    "agency": "government_body",
    "pentagon": "government_body",
    "government": "government",
    "administration": "government",
    "kremlin": "government",
    "officials": "government",
    "military": "military",
    "army": "military",
    "forces": "military",
    "troops": "military",
    "organization": "organisation",
    "organisation": "organisation",
    "campaign": "organisation",
    "committee": "organisation",
    "party": "organisation",
    "newspaper": "organisation",
}
# What carries words, or the occasion or time of saying them: a report hung on one of
# these as the object of a verb ("issued a statement saying ...", "mounted a campaign to
# condemn ...", "has 373 days left to define ...", "had no trouble breaking with ...")
# is the verb's subject's.
CARRIER_NOUNS = frozenset(
    _words(
        """
    statement email letter note story article post tweet message memo release speech
    rally event interview campaign effort bid moment day time week month year run-up
    record ad video footage clip column editorial remark comment appearance address
    hearing conference session call meeting chance opportunity opening trouble difficulty
        """
    )
)
PRONOUNS = frozenset(["he", "she", "him", "her", "his", "i", "we", "they", "it"])
# Measurements whose findings a sentence reports with "in": "In the latest poll,
# Clinton leads Trump by 5 points".
FINDING_NOUNS = frozenset(["poll", "survey", "census", "tally"])

# Nouns that carry attributed content in a clause: "his claim that ...".
CUE_NOUNS = frozenset(
    _words(
        """
    claim belief view statement assertion argument promise pledge suggestion warning
    allegation announcement insistence accusation charge comment remark admission
    prediction assurance vow threat demand proposal complaint contention conclusion
    position fear hope concern expectation criticism message testimony report
        """
    )
)


@cache
def known_adverbs() -> frozenset[str]:
    """The English adverbs of the base model's lemmatizer tables (WordNet's index and
    its irregular forms). They tell a name the parser read as an adverb ("Connolly
    argued ...") from a real one ("Clearly, ..."), which a capital cannot."""
    import spacy
    from spacy.lookups import Lookups

    from .pipeline import MODEL_NAME

    folder = next(spacy.util.get_package_path(MODEL_NAME).glob("*/lemmatizer/lookups"), None)
    if folder is None:  # a base model without lemmatizer tables: no adverbs known
        return frozenset()
    lookups = Lookups().from_disk(folder)
    irregular = lookups.get_table("lemma_exc").get("adv", {})
    return frozenset(lookups.get_table("lemma_index")["adv"]) | frozenset(irregular)
