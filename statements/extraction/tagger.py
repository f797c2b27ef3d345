"""Attribution candidates from the trained SOURCE/CUE/CONTENT tagger.

The tagger runs inside the shared spaCy pipeline (component "attribution"),
after the named-entity recogniser's entities have been moved to
doc.spans["named"], so one parse serves both the rules and the tagger.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from .quotes import paragraph_quotes

MODEL_DIR = Path(__file__).resolve().parent / "model"
COMPONENT = "attribution"
NAMED_KEY = "named"


@registry.architectures("gainsay.ListeningTok2Vec.v2")
def listening_tok2vec(
    upstream_width: int,
    width: int,
    depth: int,
    attrs: list[str],
    rows: list[int],
    embed_width: int,
    structure_width: int,
    structure_rows: int,
):
    """Token vectors for the tagger built on the base pipeline's own tok2vec.

    The base tok2vec already runs for the tagger and parser; reading its output
    (doc.tensor, through a listener) instead of embedding every token again leaves
    the tagger only small embeddings of its own: the base pipeline's tags, dependency
    labels and lemmas, and the long-range features of features.py (quotation, the
    clause's governing verb), then a few encoder layers. The base tok2vec is not
    updated.
    """
    from spacy.ml.models.tok2vec import (
        MaxoutWindowEncoder,
        MultiHashEmbed,
        build_Tok2Vec_model,
    )
    from spacy.pipeline.tok2vec import Tok2VecListener
    from thinc.api import Maxout, chain, concatenate, with_array

    from .features import StructureEmbed

    listener = Tok2VecListener(upstream_name="tok2vec", width=upstream_width)
    own = MultiHashEmbed(width=embed_width, attrs=attrs, rows=rows, include_static_vectors=False)
    structure = StructureEmbed(structure_width, structure_rows)
    mixed_width = upstream_width + embed_width + structure_width
    mixed = chain(
        concatenate(listener, own, structure),
        with_array(Maxout(width, mixed_width, nP=3, normalize=True)),
    )
    encode = MaxoutWindowEncoder(width=width, window_size=1, maxout_pieces=3, depth=depth)
    return build_Tok2Vec_model(mixed, encode)


@Language.component("stash_named_entities")
def stash_named_entities(doc: Doc) -> Doc:
    doc.spans[NAMED_KEY] = list(doc.ents)
    doc.ents = []
    return doc


def add_tagger(nlp, model_dir: Path = MODEL_DIR):
    """Add the trained tagger to nlp when a model has been shipped; return nlp.

    The tagger listens to nlp's "tok2vec" (see listening_tok2vec), so a pipeline
    without one gets no tagger rather than one reading zeros.
    """
    import spacy

    if not (Path(model_dir) / "config.cfg").exists() or COMPONENT in nlp.pipe_names:
        return nlp
    if "tok2vec" not in nlp.pipe_names:
        return nlp
    trained = spacy.load(model_dir)
    nlp.add_pipe("stash_named_entities", last=True)
    nlp.add_pipe(COMPONENT, source=trained, last=True)
    return nlp


def named_label(token) -> str:
    """Named-entity label of a token, wherever the pipeline left the entities."""
    doc = token.doc
    if NAMED_KEY in doc.spans:
        for span in doc.spans[NAMED_KEY]:
            if span.start <= token.i < span.end:
                return span.label_
        return ""
    return token.ent_type_


@dataclass
class TaggedAttribution:
    cue: tuple[int, int] | None  # doc char offsets
    source: tuple[int, int] | None
    content: list[tuple[int, int]]
    cue_token: int | None
    source_head: int | None


def _chars(span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _quoted(span, quotations: list[tuple[int, int, bool]]) -> bool:
    """True when the span opens in a quotation (or on its opening mark). A paraphrase
    that only ends on quoted words ('declared that he found Trump to be "very
    charming"', its cue missed by the tagger) is no part of a quotation running on
    from another sentence."""
    return any(s <= span.start_char < e for s, e, _closed in quotations)


def _same_quotation(span, sentence, quotations: list[tuple[int, int, bool]]) -> bool:
    """True when a quotation holding span also reaches into sentence."""
    return any(
        s < span.end_char
        and span.start_char < e
        and s < sentence.end_char
        and sentence.start_char < e
        for s, e, _closed in quotations
    )


def _gap(span, cue) -> int:
    if span.end <= cue.start:
        return cue.start - span.end
    if cue.end <= span.start:
        return span.start - cue.end
    return 0


def tagged_attributions(doc: Doc, text: str | None = None) -> list[TaggedAttribution]:
    """Group the tagger's spans in one paragraph into attributions.

    A content takes the nearest cue of its own sentence. A content in a sentence
    with no cue continues a quotation only: it joins a cue whose attribution already
    reaches the next or previous sentence, and only when it is itself quoted ('"A,"
    he said. "B."'). PolNeAR contents almost always include the cue's sentence, and
    on cross-validation over the train split a cue-less paraphrase joined to a cue
    elsewhere was mostly a different attribution whose cue the tagger missed. A
    source belongs to the nearest cue in its own sentence.
    """
    if not doc.has_annotation("ENT_IOB") or not doc.ents:
        return []
    ents = list(doc.ents)
    cues = [e for e in ents if e.label_ == "CUE"]
    # A content of punctuation alone is a quotation mark the sentence splitter left
    # on the sentence before the quotation; it says nothing.
    contents = [e for e in ents if e.label_ == "CONTENT" and any(not t.is_punct for t in e)]
    sources = [e for e in ents if e.label_ == "SOURCE"]
    # The sentence of each token, read once: Span.sent walks the tokens to find it,
    # and a paragraph of many cues and contents would walk them for every pair.
    sentence_at = [0] * len(doc)
    for i, sent in enumerate(doc.sents):
        sentence_at[sent.start : sent.end] = [i] * len(sent)

    def sent_of(span) -> int:
        return sentence_at[span.start]

    cues_in: dict[int, list] = {}
    for cue in cues:
        cues_in.setdefault(sent_of(cue), []).append(cue)
    owner: dict[int, object] = {}
    reach = {cue.start: {sent_of(cue)} for cue in cues}
    for content in contents:
        same = cues_in.get(sent_of(content), [])
        if same:
            cue = min(same, key=lambda c, content=content: _gap(content, c))
            owner[content.start] = cue
            reach[cue.start].add(sent_of(content))
    # Quotations running over several sentences join one sentence at a time.
    if text is None:
        text = doc.text  # joins every token anew on each read: callers pass it
    quotations = paragraph_quotes(text, 0, len(text))
    pending = [c for c in contents if c.start not in owner and _quoted(c, quotations)]
    while pending:
        joined = False
        for content in list(pending):
            here = sent_of(content)
            near = [c for c in cues if {here - 1, here + 1} & reach[c.start]]
            if near:
                # The attribution of a quotation split into sentences sits in one of
                # them ('"A. B," he said.'), not in the sentence before it opened.
                cue = min(
                    near,
                    key=lambda c, content=content: (
                        not _same_quotation(content, c.sent, quotations),
                        _gap(content, c),
                    ),
                )
                owner[content.start] = cue
                reach[cue.start].add(here)
                pending.remove(content)
                joined = True
        if not joined:
            break
    groups: dict[int, TaggedAttribution] = {}
    orphans: list[TaggedAttribution] = []
    for content in contents:
        cue = owner.get(content.start)
        if cue is None:
            orphans.append(TaggedAttribution(None, None, [_chars(content)], None, None))
            continue
        group = groups.setdefault(
            cue.start, TaggedAttribution(_chars(cue), None, [], cue.root.i, None)
        )
        group.content.append(_chars(content))
    # A cue that is the nearest to several sources takes the nearest of those before it
    # ("Comey's news conference, in which he laid out ...": he, not the conference),
    # else the first after it.
    nearest: dict[int, tuple[tuple[bool, int], object]] = {}
    for source in sources:
        same = cues_in.get(sent_of(source), [])
        if not same:
            continue
        cue = min(same, key=lambda c, source=source: _gap(source, c))
        rank = (source.start > cue.start, _gap(source, cue))
        if cue.start not in nearest or rank < nearest[cue.start][0]:
            nearest[cue.start] = (rank, source)
    for start, (_rank, source) in nearest.items():
        group = groups.get(start)
        if group is not None:
            group.source = _chars(source)
            group.source_head = source.root.i
    return sorted(groups.values(), key=lambda g: g.content[0]) + orphans
