"""Dependency rules that turn one parsed sentence into attribution candidates.

Reporting verbs are in verbs.py (which verbs report in cues.py, what they govern
in content.py, their subjects in speakers.py); this module adds the other ways news
attributes words (headline labels, "according to", "his claim that", "appears to")
and runs every rule over a sentence.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..lexicon import CUE_NOUNS, FINDING_NOUNS
from .cues import is_cue
from .speakers import noun_source, speaker_tokens
from .tokens import Candidate, chars, consecutive_runs, object_of, trim
from .verbs import verb_candidate


def candidates_for_sentence(sent: SpacySpan) -> list[Candidate]:
    found = _rule_candidates(sent)
    headline = _colon_headline(sent)
    if headline is None:
        return found
    # "Ukraine crisis: Russia says troops are leaving": the words after the colon are
    # a report of their own, and the label is its topic, not a source.
    after = headline.content[0][0]
    if any(c.speaker and c.speaker[0] == after for c in found):
        return found
    return [headline, *found]


def _rule_candidates(sent: SpacySpan) -> list[Candidate]:
    found: list[Candidate] = []
    for tok in sent:
        if tok.lower_ == "according":
            cand = _according_to(tok, sent)
            if cand:
                found.append(cand)
            continue
        if tok.lower_ == "in":
            cand = _in_finding(tok, sent)
            if cand:
                found.append(cand)
            continue
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in CUE_NOUNS:
            cand = _noun_candidate(tok)
            if cand:
                found.append(cand)
            continue
        if tok.lemma_.lower() in {"seem", "appear"} and tok.pos_ in {"VERB", "AUX"}:
            cand = _evidential(tok)
            if cand:
                found.append(cand)
            continue
        if not is_cue(tok):
            continue
        cand = verb_candidate(tok, sent)
        if cand:
            found.append(cand)
    return found


def _colon_headline(sent: SpacySpan) -> Candidate | None:
    """Headline style "Paul Ryan: FBI decision defies explanation"."""
    colon = next((t for t in sent[:7] if t.text == ":"), None)
    if colon is None or colon.i == sent.start or sent.end - colon.i < 4:
        return None
    source = [t for t in sent if t.i < colon.i and not (t.is_punct or t.is_space)]
    if not any(t.pos_ == "PROPN" for t in source) or any(t.pos_ in {"VERB", "AUX"} for t in source):
        return None
    # A label opening its paragraph is a transcript turn: the words run on to the
    # paragraph's end, over several sentences.
    opens = all(t.is_punct or t.is_space for t in sent.doc[: sent.start])
    rest = sent.doc[colon.i + 1 :] if opens else sent[colon.i + 1 - sent.start :]
    content = trim(list(rest))
    if not content:
        return None
    return Candidate(
        cue=colon,
        cue_end=colon.idx + 1,
        speaker=chars(source),
        speaker_head=source[-1],
        content=[chars(content)],
        content_tokens={t.i for t in content},
    )


def _evidential(cue: Token) -> Candidate | None:
    """ "The strategy appears to be premised on ...": an inference with no named source,
    whose content is the clause around the verb."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in cue.children if c.dep_ in {"xcomp", "acomp", "attr", "ccomp"}), None)
    if subject is None or comp is None or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None
    runs = [trim(list(subject.subtree)), trim(list(comp.subtree))]
    if not all(runs):
        return None
    return Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=None,
        speaker_head=None,
        content=[chars(r) for r in runs],
        content_tokens={t.i for r in runs for t in r},
    )


def _noun_candidate(cue: Token) -> Candidate | None:
    """ "his claim that the vote was rigged", "criticism from rivals that ...": content is
    the clause, source the possessor or the object of "from" or "by"."""
    clause = next(
        (
            c
            for c in cue.children
            if c.dep_ in {"acl", "ccomp", "relcl"}
            and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    content = trim(list(clause.subtree))
    owner = noun_source(cue)
    spk = speaker_tokens(owner) if owner is not None else []
    if not content:
        return None
    return Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=chars(spk) if spk else None,
        speaker_head=owner,
        content=[chars(content)],
        content_tokens={t.i for t in content},
    )


def _in_finding(tok: Token, sent: SpacySpan) -> Candidate | None:
    """ "In the latest poll, Clinton leads Trump by 5 points": the poll reports the
    clause the phrase modifies, as with "according to". PolNeAR marks these, the
    reporting verb of the clause included ("In a poll, 40 percent said ...")."""
    pobj = object_of(tok)
    verb = tok.head
    if pobj is None or pobj.lemma_.lower() not in FINDING_NOUNS:
        return None
    # One named measurement; "rising in the polls" is an idiom, not a report.
    if pobj.tag_ != "NN" or not any(c.dep_ in {"det", "poss"} for c in pobj.children):
        return None
    if tok.dep_ != "prep" or verb.pos_ not in {"VERB", "AUX"}:
        return None
    # What the poll found is a clause with a subject, not a modifier ("voters surveyed
    # in the poll", "a lead that shrank from 58 percent in the last poll").
    if verb.dep_ in {"relcl", "acl", "advcl", "pcomp", "amod", "xcomp"}:
        return None
    if not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children):
        return None
    phrase_ids = {t.i for t in tok.subtree}
    content = [t for t in verb.subtree if t.i not in phrase_ids and t.sent == sent]
    return _sourced_by_phrase(tok, tok.idx + len(tok.text), pobj, content, via=False)


def _according_to(tok: Token, sent: SpacySpan) -> Candidate | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    if to is None:
        return None
    pobj = object_of(to)
    if pobj is None:
        return None
    phrase_ids = {t.i for t in tok.subtree} | {to.i} | {t.i for t in speaker_tokens(pobj)}
    rest = [t for t in sent if t.i not in phrase_ids]
    return _sourced_by_phrase(tok, to.idx + len(to.text), pobj, rest, via=True)


def _sourced_by_phrase(
    cue: Token, cue_end: int, source: Token, words: list[Token], *, via: bool
) -> Candidate | None:
    """A report whose source is the object of the cue's phrase ("according to NATO",
    "in the latest poll") and whose content is the given words; with via, the source
    may also be a channel that fold_reported_via hands to a speech verb."""
    content_tokens = trim(words)
    if not content_tokens:
        return None
    src = chars(speaker_tokens(source))
    return Candidate(
        cue=cue,
        cue_end=cue_end,
        speaker=src,
        speaker_head=source,
        content=[chars(r) for r in (trim(r) for r in consecutive_runs(content_tokens)) if r],
        content_tokens={t.i for t in content_tokens},
        via_span=src if via else None,
    )
