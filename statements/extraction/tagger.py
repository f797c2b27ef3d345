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

MODEL_DIR = Path(__file__).resolve().parent / "model"
COMPONENT = "attribution"
NAMED_KEY = "named"


@Language.component("stash_named_entities")
def stash_named_entities(doc: Doc) -> Doc:
    doc.spans[NAMED_KEY] = list(doc.ents)
    doc.ents = []
    return doc


def add_tagger(nlp, model_dir: Path = MODEL_DIR):
    """Add the trained tagger to nlp when a model has been shipped; return nlp."""
    import spacy

    if not (Path(model_dir) / "config.cfg").exists() or COMPONENT in nlp.pipe_names:
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


def tagged_attributions(doc: Doc) -> list[TaggedAttribution]:
    """Group the tagger's spans in one paragraph into attributions (nearest cue wins)."""
    if not doc.has_annotation("ENT_IOB") or not doc.ents:
        return []
    ents = list(doc.ents)
    cues = [e for e in ents if e.label_ == "CUE"]
    contents = [e for e in ents if e.label_ == "CONTENT"]
    sources = [e for e in ents if e.label_ == "SOURCE"]

    def distance(span, cue):
        if span.end <= cue.start:
            gap = cue.start - span.end
        elif cue.end <= span.start:
            gap = span.start - cue.end
        else:
            gap = 0
        # Prefer a cue in the same sentence.
        return (span.sent.start != cue.sent.start, gap)

    groups: dict[int, TaggedAttribution] = {}
    orphans: list[TaggedAttribution] = []
    for content in contents:
        if not cues:
            orphans.append(TaggedAttribution(None, None, [_chars(content)], None, None))
            continue
        cue = min(cues, key=lambda c, content=content: distance(content, c))
        group = groups.setdefault(
            cue.start, TaggedAttribution(_chars(cue), None, [], cue.root.i, None)
        )
        group.content.append(_chars(content))
    for source in sources:
        if not cues:
            continue
        cue = min(cues, key=lambda c, source=source: distance(source, c))
        group = groups.get(cue.start)
        if group is not None and group.source is None:
            group.source = _chars(source)
            group.source_head = source.root.i
    return sorted(groups.values(), key=lambda g: g.content[0]) + orphans
