from statements.extraction.tagger import COMPONENT, MODEL_DIR, add_tagger, tagged_attributions
from statements.extraction.training import build_examples

TEXT = 'Smith said the plan would fail.\n\n"We will win," Jones told reporters.\n'
ANN = "\n".join(
    [
        "T1\tSource 0 5\tSmith",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 30\tthe plan would fail",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        'T4\tContent 33 47\t"We will win,"',
        "T5\tSource 48 53\tJones",
        "T6\tCue 54 58\ttold",
        "E2\tAttribution:T6 Content:T4 Cue:T6 Source:T5",
    ]
)


def _corpus(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "article.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "article_a1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_training_paragraphs_carry_the_base_pipelines_token_vectors(tmp_path, nlp):
    # The tagger reads the base tok2vec's output; trained on docs without it, it
    # would learn from zeros and see real vectors only at extraction time.
    examples = build_examples(_corpus(tmp_path), nlp)
    assert len(examples) == 2
    first = examples[0]
    assert first.predicted.tensor.shape == (len(first.predicted), 96)
    assert first.predicted[1].lemma_ == "say"
    assert [(e.text, e.label_) for e in first.reference.ents] == [
        ("Smith", "SOURCE"),
        ("said", "CUE"),
        ("the plan would fail", "CONTENT"),
    ]


def test_training_learns_every_annotation_while_scoring_reads_the_first(tmp_path, nlp):
    from statements.extraction.evaluation import corpus_files

    corpus = _corpus(tmp_path)
    # A second annotator who saw only the first attribution.
    second = "\n".join(ANN.splitlines()[:4])
    (corpus / "attributions" / "article_b2.ann").write_text(second, encoding="utf-8")

    assert [ann.name for _text, ann in corpus_files(corpus)] == ["article_a1.ann"]
    examples = build_examples(corpus, nlp)
    assert len(examples) == 4
    told = [[e.text for e in ex.reference.ents] for ex in examples if "Jones" in ex.reference.text]
    assert sorted(told) == [[], ['"We will win,"', "Jones", "told"]]


def test_the_shipped_tagger_listens_to_the_base_tok2vec(nlp):
    if (MODEL_DIR / "config.cfg").exists():
        assert COMPONENT in nlp.get_pipe("tok2vec").listener_map


def test_the_shipped_tagger_finds_a_plain_reported_statement(nlp):
    if not (MODEL_DIR / "config.cfg").exists():
        return
    text = "The senator said on Tuesday that the bill would lower taxes for most families."
    (att,) = tagged_attributions(nlp(text))
    assert text[att.cue[0] : att.cue[1]] == "said"
    assert text[att.source[0] : att.source[1]] == "The senator"
    assert any("the bill would lower taxes" in text[s:e] for s, e in att.content)


def test_a_pipeline_without_a_tok2vec_gets_no_tagger():
    import spacy

    # With nothing to listen to, the tagger would read zero vectors and mark noise.
    blank = spacy.blank("en")
    assert COMPONENT not in add_tagger(blank).pipe_names


def test_a_trained_tagger_can_be_sourced_into_a_fresh_base_pipeline(tmp_path):
    import spacy

    from statements.extraction.pipeline import MODEL_NAME
    from statements.extraction.training import train

    output = train(_corpus(tmp_path / "corpus"), tmp_path / "model", epochs=1, log=lambda _m: None)
    nlp = add_tagger(spacy.load(MODEL_NAME), model_dir=output)
    assert nlp.pipe_names[-1] == COMPONENT
    assert COMPONENT in nlp.get_pipe("tok2vec").listener_map
    assert "named" in nlp("Smith said the plan would fail.").spans
