"""The indexed attribute ruler leaves every token as en_core_web_sm's own ruler does."""

import pytest
import spacy

from statements.extraction.attribute_ruler import (
    IndexedAttributeRuler,
    UnsupportedPattern,
    index_attribute_ruler,
)
from statements.extraction.pipeline import MODEL_NAME

# Real news sentences, plus the spoken forms that en_core_web_sm's multi-token and
# regular-expression patterns exist for ("gonna", "ain't", "y'all", "nothin'").
SENTENCES = [
    "Russia's defense ministry said on Tuesday that some troops were returning to their bases.",
    "NATO Secretary-General Jens Stoltenberg said Russia continues the military buildup.",
    "There is no sign of de-escalation, and there are more troops, not fewer.",
    "Y'all gonna hear it from me: I ain't backing down, c'mon, let's go.",
    "Nothin' has changed, he said, and we've gotta stay ready; it isn't over.",
    "Which of them did it? That is what I asked him, and he gave it to me.",
    "I do think they did, but do you? She has, and he had done so before.",
]


def _attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(MODEL_NAME), index_attribute_ruler(spacy.load(MODEL_NAME))


def test_it_replaces_the_ruler_in_place(pipelines):
    plain, indexed = pipelines
    assert indexed.pipe_names == plain.pipe_names
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert len(indexed.get_pipe("attribute_ruler").patterns) == len(
        plain.get_pipe("attribute_ruler").patterns
    )


@pytest.mark.parametrize("sentence", SENTENCES)
def test_it_sets_the_same_attributes_as_spacys_ruler(pipelines, sentence):
    plain, indexed = pipelines
    assert _attributes(indexed(sentence)) == _attributes(plain(sentence))


def test_it_finds_the_same_matches_as_spacys_ruler(pipelines):
    plain, indexed = pipelines
    text = " ".join(SENTENCES)
    with plain.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = plain(text)
    ours = indexed.get_pipe("attribute_ruler").match(doc)
    theirs = plain.get_pipe("attribute_ruler").match(doc)
    assert [(a, s, e) for a, _m, s, e in ours] == [(a, s, e) for a, _m, s, e in theirs]
    # Multi-token patterns matched too, not only the single-token tag map.
    assert any(e - s > 1 for _a, _m, s, e in ours)


def test_a_later_pattern_overrides_an_earlier_one():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("indexed_attribute_ruler")
    ruler.add([[{"LOWER": "troops"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["troops", "tanks"]}}]], {"LEMMA": "second"})
    doc = nlp("troops and tanks")
    assert [t.lemma_ for t in doc] == ["second", "", "second"]


def test_operators_it_cannot_evaluate_are_refused():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("indexed_attribute_ruler")
    with pytest.raises(UnsupportedPattern):
        ruler.add([[{"LOWER": "said", "OP": "?"}]], {"LEMMA": "say"})
    with pytest.raises(UnsupportedPattern):
        ruler.add([[{"LENGTH": {">=": 3}}]], {"LEMMA": "x"})


def test_a_pipeline_with_such_patterns_keeps_spacys_ruler():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "said", "OP": "+"}]], {"LEMMA": "say"})
    index_attribute_ruler(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert nlp("said")[0].lemma_ == "say"
