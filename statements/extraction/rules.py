"""Dependency rules that turn one parsed sentence into attribution candidates.

All offsets produced here are token character offsets within the spaCy Doc;
the caller shifts them to article offsets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from .lexicon import (
    CUE_NOUNS,
    CUE_VERBS,
    HEARER_VERBS,
    OBJECT_CONTENT_VERBS,
    PREP_CONTENT,
    XCOMP_VERBS,
)
from .tagger import named_label

SUBJECT_DEPS = {"nsubj", "csubj"}
CLAUSE_DEPS = {"ccomp", "parataxis"}
EDGE_PUNCT = set(",;:-—–(")
RELATIVISERS = {"that", "which", "what", "who"}


@dataclass
class Candidate:
    cue: Token
    cue_end: int  # doc char offset (the cue may include a particle)
    speaker: tuple[int, int] | None
    speaker_head: Token | None
    content: list[tuple[int, int]]
    content_tokens: set[int] = field(default_factory=set)
    reported_via: str | None = None
    via_span: tuple[int, int] | None = None
    embedded: bool = False  # cue sits inside a relative clause on its content


def _chars(tokens) -> tuple[int, int]:
    tokens = sorted(tokens, key=lambda t: t.i)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim(tokens: list[Token]) -> list[Token]:
    tokens = sorted(tokens, key=lambda t: t.i)
    while tokens and (tokens[0].is_punct and tokens[0].text in EDGE_PUNCT or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_space or tokens[-1].is_punct and tokens[-1].text in EDGE_PUNCT | {"."}
    ):
        tokens = tokens[:-1]
    return tokens


def _subtree(token: Token, exclude: set[int] = frozenset()) -> list[Token]:
    return [t for t in token.subtree if t.i not in exclude]


def _runs(tokens: list[Token]) -> list[list[Token]]:
    """Split a token list into runs of consecutive tokens."""
    runs: list[list[Token]] = []
    for tok in sorted(tokens, key=lambda t: t.i):
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def find_speaker(cue: Token, depth: int = 0) -> Token | None:
    for child in cue.children:
        # "voters who say ..." names its source by the relative pronoun, which
        # actor resolution maps back to the noun it stands for.
        if child.dep_ in SUBJECT_DEPS and (child.lower_ not in RELATIVISERS or cue.dep_ == "relcl"):
            return child
    for child in cue.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if cue.dep_ == "acl" and cue.head.pos_ in {"NOUN", "PROPN"}:
        return cue.head  # "the former secretary of state, slamming ..."
    # "..., saying that ..." / "by arguing ..." / "and added ...": the subject of
    # the governing verb, but never across a reported clause.
    # "he is correct to note that ..." reaches the subject through the adjective too.
    climb = {"conj", "advcl", "xcomp", "pcomp", "prep", "acomp"}
    if depth < 4 and cue.dep_ in climb and cue.head != cue:
        found = find_speaker(cue.head, depth + 1)
        if found is not None:
            return found
    # The parser sometimes attaches a subject to a neighbouring noun ("... NATO
    # and Putin says ..."): take a proper noun directly before the cue.
    prev = cue.doc[cue.i - 1] if cue.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ in {"conj", "appos", "compound"}:
        return prev
    return None


def speaker_tokens(head: Token) -> list[Token]:
    # Appositive descriptions and relative clauses still name the source, but a
    # conjoined clause hanging off the subject does not.
    return _trim([t for t in head.subtree if not (t.dep_ == "punct" and t.head == head)] or [head])


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
    content = _trim(list(rest))
    if not content:
        return None
    return Candidate(
        cue=colon,
        cue_end=colon.idx + 1,
        speaker=_chars(source),
        speaker_head=source[-1],
        content=[_chars(content)],
        content_tokens={t.i for t in content},
    )


def candidates_for_sentence(sent: SpacySpan) -> list[Candidate]:
    found: list[Candidate] = []
    headline = _colon_headline(sent)
    if headline is not None:
        found.append(headline)
    for tok in sent:
        if tok.lower_ == "according":
            cand = _according_to(tok, sent)
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
        cand = _verb_candidate(tok, sent)
        if cand:
            found.append(cand)
    return found


def _evidential(cue: Token) -> Candidate | None:
    """ "The strategy appears to be premised on ...": an inference with no named source,
    whose content is the clause around the verb."""
    subject = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in cue.children if c.dep_ in {"xcomp", "acomp", "attr", "ccomp"}), None)
    if subject is None or comp is None or subject.pos_ == "PRON" and subject.lower_ == "it":
        return None
    runs = [_trim(list(subject.subtree)), _trim(list(comp.subtree))]
    if not all(runs):
        return None
    return Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=None,
        speaker_head=None,
        content=[_chars(r) for r in runs],
        content_tokens={t.i for r in runs for t in r},
    )


def _noun_candidate(cue: Token) -> Candidate | None:
    """ "his claim that the vote was rigged": content is the clause, source the possessor."""
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
    content = _trim(list(clause.subtree))
    owner = next((c for c in cue.children if c.dep_ == "poss"), None)
    spk = speaker_tokens(owner) if owner is not None else []
    if not content:
        return None
    return Candidate(
        cue=cue,
        cue_end=cue.idx + len(cue.text),
        speaker=_chars(spk) if spk else None,
        speaker_head=owner,
        content=[_chars(content)],
        content_tokens={t.i for t in content},
    )


def _reporting_tail(cue: Token) -> bool:
    """'"Russia is massing troops," Stoltenberg said.' with the verb parsed under the quote,
    or 'The plan, Smith said, will fail.' with the report set off by commas inside it."""
    if cue.dep_ not in {"parataxis", "ccomp"} or cue.head.i == cue.i:
        return False
    if cue.i < cue.head.i and not _set_off(cue):
        return False
    deps = {c.dep_ for c in cue.children}
    return bool(deps & SUBJECT_DEPS) and not deps & {"dobj", "ccomp", "xcomp", "attr"}


def _set_off(cue: Token) -> bool:
    """The cue's clause stands between commas or dashes inside the sentence (the
    parser hangs the commas on the cue or leaves them just outside its clause)."""
    doc = cue.doc
    first, last = cue.left_edge.i, cue.right_edge.i
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


def _verb_candidate(cue: Token, sent: SpacySpan) -> Candidate | None:
    speaker = find_speaker(cue)
    spk_tokens = speaker_tokens(speaker) if speaker is not None else []
    spk_ids = {t.i for t in spk_tokens}
    embedded = False
    content_tokens: list[Token] = []
    for child in _content_children(cue, speaker):
        child_ids = {t.i for t in child.subtree}
        if child.i < cue.i and speaker is not None and speaker.i in child_ids:
            # The subject was parsed inside a preceding clause ("X has expressed
            # concern and Putin says ..."): that clause is not what was said.
            continue
        content_tokens.extend(_subtree(child, spk_ids | {cue.i}))
    if not content_tokens and _reporting_tail(cue):
        # '"Russia is massing troops," Stoltenberg said.' parsed with the
        # report verb hanging off the quoted clause.
        cue_ids = {t.i for t in cue.subtree}
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
    content_tokens = _trim(content_tokens)
    if not content_tokens:
        return None
    runs = [_trim(r) for r in _runs(content_tokens)]
    segments = [_chars(r) for r in runs if r and any(not t.is_punct for t in r)]
    if not segments:
        return None
    return Candidate(
        cue=cue,
        cue_end=cue_end,
        speaker=_chars(spk_tokens) if spk_tokens else None,
        speaker_head=speaker,
        content=segments,
        content_tokens={t.i for t in content_tokens},
        embedded=embedded,
    )


def _according_to(tok: Token, sent: SpacySpan) -> Candidate | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
        to = tok.doc[tok.i + 1]
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    src = speaker_tokens(pobj)
    phrase_ids = {t.i for t in tok.subtree} | {to.i} | {t.i for t in src}
    rest = [t for t in sent if t.i not in phrase_ids]
    content_tokens = _trim(rest)
    if not content_tokens:
        return None
    segments = [_chars(r) for r in (_trim(r) for r in _runs(content_tokens)) if r]
    return Candidate(
        cue=tok,
        cue_end=to.idx + len(to.text),
        speaker=_chars(src),
        speaker_head=pobj,
        content=segments,
        content_tokens={t.i for t in content_tokens},
        via_span=_chars(src),
    )
