from spacy.tokens import Span as SpacySpan

from statements.extraction.tagger import tagged_attributions


def _doc_with(nlp, text, labelled):
    doc = nlp(text)
    doc.ents = [
        doc.char_span(text.index(piece), text.index(piece) + len(piece), label=label)
        for piece, label in labelled
    ]
    return doc


def test_tagged_spans_group_around_the_nearest_cue(nlp):
    text = '"We will win," Smith said. "And we will keep winning."'
    doc = _doc_with(
        nlp,
        text,
        [
            ('"We will win,"', "CONTENT"),
            ("Smith", "SOURCE"),
            ("said", "CUE"),
            ('"And we will keep winning."', "CONTENT"),
        ],
    )
    (att,) = tagged_attributions(doc)
    assert [text[s:e] for s, e in att.content] == ['"We will win,"', '"And we will keep winning."']
    assert text[att.source[0] : att.source[1]] == "Smith"
    assert text[att.cue[0] : att.cue[1]] == "said"


def test_content_without_a_cue_is_reported_as_an_orphan(nlp):
    text = '"And that is why we will keep fighting for it."'
    doc = _doc_with(nlp, text, [(text, "CONTENT")])
    (att,) = tagged_attributions(doc)
    assert att.cue is None and att.content == [(0, len(text))]
    assert isinstance(doc.ents[0], SpacySpan)


def test_the_shipped_tagger_runs_inside_the_shared_pipeline(nlp):
    from statements.extraction.tagger import COMPONENT, MODEL_DIR

    if (MODEL_DIR / "config.cfg").exists():
        assert nlp.pipe_names[-1] == COMPONENT
        doc = nlp("Smith said the plan would fail.")
        assert "named" in doc.spans
