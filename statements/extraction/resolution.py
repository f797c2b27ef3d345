"""Article-level passes: who the speaker is, and when the statement was made."""

from __future__ import annotations

import re
from datetime import date

from .actors import ActorResolver, normalise
from .dates import find_date
from .lexicon import KIND_WORDS, PERSON_WORDS
from .tagger import named_label
from .types import ExtractedStatement

PERSON_PRONOUNS = {"he", "she", "him", "her", "i"}
RELATIVE = {"who", "that", "which"}
OTHER_PRONOUNS = {"they", "we", "it", "you"}
ENT_KINDS = {"PERSON": "person", "GPE": "country", "ORG": "organisation", "NORP": "government"}


# Words set off after a speaker that say more about them than who they are: "A senior
# official, speaking on condition of anonymity", "Chris Cox, who runs the NRA's
# lobbying arm", "Kuleba — who met Blinken on Monday —". PolNeAR's sources leave them
# out about as often as they take them in.
_SET_OFF_CLAUSE = re.compile(
    r"(?:,|\s*(?:—|–|--))\s*(?:who|whose|which|speaking|writing|appearing|testifying)\b.*$",
    re.I | re.S,
)


# A document names who speaks through it: "a statement from the Defense Ministry",
# "a Kremlin statement released on Tuesday".
_DOCUMENT = r"(?:statement|readout|communiqu[eé]|(?:press |news )?release|report|letter|memo)s?"
_DOCUMENT_FROM = re.compile(
    rf"^(?:a|an|the)\s+(?:[a-z]+\s+)?{_DOCUMENT}\s+(?:from|by|of|issued by|released by)"
    r"\s+(?P<source>\S.*)$",
    re.I | re.S,
)
_NAMED_DOCUMENT = re.compile(
    rf"^(?:[Aa]n?|[Tt]he)\s+(?P<source>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})\s+{_DOCUMENT}\b"
)


def speaker_core(speaker_text: str) -> str:
    """Who the speaker is, without a clause set off after the name, and the source of
    a document that speaks for them."""
    core = _SET_OFF_CLAUSE.sub("", speaker_text).strip() or speaker_text
    document = _DOCUMENT_FROM.match(core) or _NAMED_DOCUMENT.match(core)
    return document["source"].strip() if document else core


def _order(drafts) -> list[int]:
    return sorted(range(len(drafts)), key=lambda i: (drafts[i].cue[0], drafts[i].host is not None))


def guess_kind(speaker_text: str, head) -> str | None:
    words = normalise(speaker_text).split()
    if not words:
        return None
    if words[0] in PERSON_PRONOUNS:
        return "person"
    label = named_label(head) if head is not None else ""
    if label in ENT_KINDS:
        return ENT_KINDS[label]
    last = words[-1]
    if last in KIND_WORDS:
        return KIND_WORDS[last]
    if last.rstrip("s") in PERSON_WORDS or last in PERSON_WORDS:
        return "person"
    return None


def _descriptor(speaker_text: str) -> str | None:
    """Kind named by a definite description such as "the minister" or "the alliance's chief"."""
    stripped = speaker_text.strip()
    if not stripped.lower().startswith("the "):
        return None
    if any(w[:1].isupper() for w in stripped.split()[1:]):
        return None
    last = normalise(stripped).split()[-1:]
    if not last:
        return None
    word = last[0]
    if word in PERSON_WORDS:
        return "person"
    return KIND_WORDS.get(word)


def _antecedent(speaker, wanted, noun, history, mentions, resolver) -> str | None:
    """The actor a pronoun or description stands for: the latest earlier mention the
    description fits ("the chancellor" -> "German Chancellor Olaf Scholz"), else the
    latest speaker of the wanted kind, else the latest named mention of that kind."""
    before = sorted((rank, a) for pos, a, rank in mentions if pos < speaker.start)
    spoken = [(pos, a) for pos, a, k in history if k == wanted and a and pos < speaker.start]
    if noun and resolver is not None:
        recent = sorted([(rank[-1], a) for rank, a in before] + spoken, reverse=True)
        fit = next((a for _pos, a in recent if resolver.described_by(a, noun)), None)
        if fit is not None:
            return fit
    if spoken:
        return spoken[-1][1]
    if resolver is None:
        return None
    return next((a for _rank, a in reversed(before) if resolver.kind_of(a) == wanted), None)


def resolve_speakers(
    statements: list[ExtractedStatement],
    drafts,
    resolver: ActorResolver | None,
    on: date | None,
    mentions: list[tuple[int, str, tuple]] = (),
) -> None:
    """mentions: (article offset, actor, salience rank) of named entities the resolver knows."""
    history: list[tuple[int, str | None, str | None]] = []  # (offset, actor, kind)
    for i in _order(drafts):
        st, draft = statements[i], drafts[i]
        if draft.host is not None:
            host = statements[drafts.index(draft.host)]
            st.actor, st.speaker_kind = host.actor, host.speaker_kind
            continue
        if st.speaker is None:
            continue
        core = speaker_core(st.speaker.text)
        if st.speaker_name is None and core != st.speaker.text:
            # Resolution and proposed actors go by the name alone.
            st.speaker_name = core
        text = st.speaker_name or st.speaker.text
        head = draft.cand.speaker_head if draft.cand else None
        if head is not None and head.lower_ in RELATIVE and head.head.dep_ == "relcl":
            antecedent = head.head.head
            relcl = {t.i for t in head.head.subtree}
            text = " ".join(t.text for t in antecedent.subtree if t.i not in relcl)
            head = antecedent
        low = normalise(text)
        actor = kind = None
        if low in PERSON_PRONOUNS:
            kind = "person"
            actor = _antecedent(st.speaker, kind, None, history, mentions, resolver)
        elif low in OTHER_PRONOUNS:
            kind = None
        else:
            actor = resolver.resolve(text, on=on) if resolver else None
            if actor is None:
                wanted = _descriptor(text)
                if wanted:
                    kind = wanted
                    noun = normalise(text).split()[-1]
                    actor = _antecedent(st.speaker, kind, noun, history, mentions, resolver)
        if actor is not None and resolver is not None:
            kind = resolver.kind_of(actor) or kind
        st.actor = actor
        st.speaker_kind = kind or guess_kind(text, head)
        history.append((st.speaker.start, actor, st.speaker_kind))


def _inheritable(cue) -> bool:
    """Plain past reports describe the same event as an earlier dated mention."""
    if cue.lower_ == "according":
        return False
    if cue.tag_ == "VBD":
        return True
    auxes = [c for c in cue.children if c.dep_ in {"aux", "auxpass"}]
    if cue.tag_ == "VBN":
        return any(a.tag_ == "VBD" for a in auxes)
    if cue.tag_ == "VBG" and cue.dep_ in {"advcl", "conj"}:
        return _inheritable(cue.head) if cue.head is not cue else False
    return False


def _own_date_text(draft, cue_ids: set) -> str:
    cand = draft.cand
    cue = cand.cue
    excluded = set() if cand.embedded else set(cand.content_tokens)
    if cand.speaker_head is not None:
        excluded |= {t.i for t in cand.speaker_head.subtree}
    for other in cue.subtree:
        if other.i != cue.i and other.i in cue_ids:
            excluded |= {t.i for t in other.subtree}
    return " ".join(t.text for t in cue.subtree if t.i not in excluded)


def assign_dates(
    statements: list[ExtractedStatement], drafts, text: str, reference: date | None
) -> None:
    cue_ids: dict[int, set[int]] = {}
    for d in drafts:
        if d.cand is not None:
            cue_ids.setdefault(id(d.cand.cue.doc), set()).add(d.cand.cue.i)
    dated: list[tuple[int, ExtractedStatement]] = []
    own: dict[int, bool] = {}
    for i in _order(drafts):
        st, draft = statements[i], drafts[i]
        if draft.host is not None:
            host = statements[drafts.index(draft.host)]
            st.said_on, st.date_precision, st.date_text = (
                host.said_on,
                host.date_precision,
                host.date_text,
            )
            continue
        cue = draft.cand.cue
        hit = find_date(_own_date_text(draft, cue_ids.get(id(cue.doc), set())), reference)
        if hit is not None:
            st.said_on, st.date_precision, st.date_text = hit.on, hit.precision, hit.text
            own[i] = True
            dated.append((i, st))
    for i in _order(drafts):
        st, draft = statements[i], drafts[i]
        if draft.host is not None or own.get(i) or not _inheritable(draft.cand.cue):
            continue
        # Embedded reports ("a notion that Moscow dismissed") share the frame
        # of the statement whose content holds them.
        governing = [
            statements[j]
            for j, _ in dated
            if drafts[j].cand is not None
            and drafts[j].cand.cue.doc is draft.cand.cue.doc
            and draft.cand.cue.i in drafts[j].cand.content_tokens
        ]
        source = governing[-1] if governing else None
        if source is None and (st.actor or st.speaker):
            key = st.actor or normalise(st.speaker.text)
            for j, other in reversed(dated):
                if drafts[j].cue[0] >= draft.cue[0]:
                    continue
                other_key = other.actor or (
                    normalise(other.speaker.text) if other.speaker else None
                )
                if other_key == key:
                    source = other
                    break
        if source is not None:
            st.said_on, st.date_precision, st.date_text = (
                source.said_on,
                source.date_precision,
                source.date_text,
            )
            dated.append((i, st))
    for i, d in enumerate(drafts):  # cue-less quotes whose host got its date late
        if d.host is not None:
            host = statements[drafts.index(d.host)]
            statements[i].said_on = host.said_on
            statements[i].date_precision = host.date_precision
            statements[i].date_text = host.date_text
