"""Drafts from the trained tagger's spans, with speakers from the parse where it marked none."""

from __future__ import annotations

from ..drafts import Draft, merge_segments
from ..lexicon import CUE_VERBS, SPEECH_VERBS
from ..quotes import QUOTE_MARK, SPEAKER_LABEL
from ..rules import Candidate, find_speaker, lent_subjects, speaker_tokens
from ..rules.tokens import chars
from ..tagger import tagged_attributions


def tagged_drafts(
    doc, offset: int, para: int, previous: list[Draft], text: str | None = None
) -> list[Draft]:
    """text is the paragraph's (doc.text), when the caller has it: Doc.text joins every
    token anew on each read."""
    text = doc.text if text is None else text
    out: list[Draft] = []
    # A transcript label opening the paragraph ('"WALLACE: ...') starts a new turn.
    turn = SPEAKER_LABEL.match(text) is not None
    for att in tagged_attributions(doc, text):
        if att.cue_token is None:
            # A content with no cue of its own continues the last attribution when
            # it opens the paragraph (multi-paragraph quote).
            host = (out or previous or [None])[-1]
            if (
                host is not None
                and att.content[0][0] == 0
                and host.para >= para - 1
                and not turn
                and QUOTE_MARK.match(text)
            ):
                host.segments = merge_segments(
                    host.segments + [(s + offset, e + offset) for s, e in att.content]
                )
                continue
            # Elsewhere it is kept only when the parse shows what governs it. On dev,
            # 13 such statements were added and 11 matched an annotated one; whole
            # sentences without a cue (transcript answers, rhetorical questions)
            # matched one time in four, so they stay out.
            draft = governed_content(doc, att, offset, para)
            if draft is not None:
                out.append(draft)
            continue
        cue = doc[att.cue_token]
        content = without_lent_subject(doc, cue, with_phrase_completed(doc, sorted(att.content)))
        content_ids = {
            t.i for s, e in content for t in doc.char_span(s, e, alignment_mode="expand")
        }
        cand = Candidate(
            cue=cue,
            cue_end=att.cue[1],
            speaker=att.source,
            speaker_head=doc[att.source_head] if att.source_head is not None else None,
            content=content,
            content_tokens=content_ids,
        )
        draft = Draft(cand, offset, para)
        draft.cue = (att.cue[0] + offset, att.cue[1] + offset)
        draft.origin = "tagger"
        out.append(draft)
    return out


# Part-of-speech tags of words opening a relative clause (which, who, whose, when).
RELATIVE_TAGS = frozenset(["WDT", "WP", "WP$", "WRB"])


def _completion(end):
    """(opening word, head) of the phrase a content ending on this token leaves
    unfinished, if any: the relative clause it opens ("four cases in which"), or the
    object of a preposition ("super PACs, including")."""
    if end.tag_ in RELATIVE_TAGS:
        opener, clause = end, end.head
        if clause.dep_ == "prep" and clause.i < end.i:  # "in which" hangs from its preposition
            opener, clause = clause, clause.head
        if clause.i > end.i and clause.dep_ in {"relcl", "advcl", "acl"}:
            return opener, clause
        return None
    if end.dep_ == "prep":
        obj = next((c for c in end.rights if c.dep_ in {"pobj", "pcomp"}), None)
        # "as he did two years ago by | announcing the release of ...": a report of
        # its own, which the tagger rightly left out.
        if obj is None or obj.dep_ == "pcomp" and obj.lemma_.lower() in CUE_VERBS:
            return None
        return end, obj
    return None


def _reports_speech(phrase) -> bool:
    # "the 2000 election, when the state stated that 12,000 voters were ex-cons":
    # the state's report is a statement of its own, which the longer content would
    # swallow.
    return any(
        t.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "ccomp" for c in t.children)
        for t in phrase.subtree
    )


def with_phrase_completed(doc, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content never ends inside a phrase the parse shows running on. The tagger
    stops there when the rest holds a cue of its own ("in which Kaine defended") or
    a name it takes for a source, but PolNeAR keeps the phrase in what was said, as
    the reading does."""
    last = doc.char_span(*content[-1], alignment_mode="expand")
    if last is None or len(last) == 0:
        return content
    end = last[-1]
    while end.is_punct and end.i > last.start:
        end = doc[end.i - 1]
    found = _completion(end)
    if found is None:
        return content
    opener, phrase = found
    # A relative pronoun alone ("which", "who") is a content of its own in PolNeAR.
    if opener.i <= last.start or phrase.sent != end.sent or _reports_speech(phrase):
        return content
    tail = doc[phrase.right_edge.i]
    while tail.is_punct and tail.i > phrase.i:
        tail = doc[tail.i - 1]
    return [*content[:-1], (content[-1][0], tail.idx + len(tail.text))]


def without_lent_subject(doc, cue, content: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A content ends before the subject of the next verb that the parser joined to
    the cue's object ("praised the allies [and Russia's defense ministry] said ...")."""
    lent = lent_subjects(cue)
    if not lent:
        return content
    start, end = content[-1]
    first = doc[min(lent)]
    if not start < first.idx < end:
        return content
    kept = doc.char_span(start, first.idx, alignment_mode="contract")
    if kept is None or len(kept) == 0:
        return content
    return [*content[:-1], (start, kept[-1].idx + len(kept[-1].text))]


def governed_content(doc, att, offset: int, para: int) -> Draft | None:
    """A content the tagger marked without a cue is still an attribution when the
    parse shows what governs it: the word outside the content that its root hangs
    from ("They may also illustrate [the decline ...]") is the cue."""
    s, e = att.content[0]
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    root = span.root
    cue = root.head
    if span.start <= cue.i < span.end or cue.sent != root.sent:
        return None
    if cue.pos_ not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN"}:
        return None
    cand = Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=None,
        speaker_head=None,
        content=sorted(att.content),
        content_tokens={t.i for t in span},
    )
    cand.speaker, cand.speaker_head = parsed_speaker(cue, 0, outside=cand.content_tokens)
    draft = Draft(cand, offset, para)
    draft.origin = "tagger"
    return draft


def parsed_speaker(cue, offset: int, outside: set[int] | frozenset[int] = frozenset()):
    """(article char range, head token) of the cue's subject in the parse, or (None, None)
    when it has none or it lies in the tokens given as outside."""
    head = find_speaker(cue)
    if head is None or head.i in outside:
        return None, None
    start, end = chars(speaker_tokens(head))
    return (start + offset, end + offset), head
