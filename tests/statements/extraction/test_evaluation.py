from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from statements.extraction.evaluation import annotator_agreement, parse_brat, score_article
from statements.extraction.types import ExtractedStatement, Span

TEXT = 'Smith said that taxes will rise. "We will fight," Jones said, "and win."'
ANN = "\n".join(
    [
        "T1\tSource 0 5\tSmith",
        "T2\tCue 6 10\tsaid",
        "T3\tContent 11 31\tthat taxes will rise",
        "T4\tAttribution 6 10\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        'T5\tContent 33 49;61 71\t"We will fight," "and win."',
        "T6\tSource 50 55\tJones",
        "T7\tCue 56 60\tsaid",
        "T8\tAttribution 56 60\tsaid",
        "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6",
        "#1\tAnnotatorNotes T5\ta note",
    ]
)


def _st(speaker, content_segments):
    start, end = content_segments[0][0], content_segments[-1][1]
    return ExtractedStatement(
        speaker=Span(TEXT[speaker[0] : speaker[1]], *speaker) if speaker else None,
        cue=Span("said", 6, 10),
        content=Span(TEXT[start:end], start, end),
        segments=content_segments,
        kind="paraphrase",
    )


def test_it_parses_discontinuous_brat_spans():
    gold = parse_brat(ANN)
    assert len(gold) == 2
    assert gold[1].content == [(33, 49), (61, 71)]
    assert gold[1].source == [(50, 55)]


def test_a_prediction_matches_when_content_jaccard_is_at_least_half():
    gold = parse_brat(ANN)
    predicted = [_st((0, 5), [(16, 31)]), _st((50, 55), [(33, 49), (61, 71)])]
    score = score_article(TEXT, gold, predicted)
    assert score.matched == 2
    assert score.precision == 1.0 and score.recall == 1.0
    assert score.speaker_accuracy == 1.0


def test_a_low_overlap_prediction_does_not_match_and_costs_precision():
    gold = parse_brat(ANN)
    predicted = [_st((0, 5), [(11, 17)]), _st(None, [(33, 49), (61, 71)])]
    score = score_article(TEXT, gold, predicted)
    assert score.matched == 1
    assert score.precision == 0.5 and score.recall == 0.5
    assert score.speaker_pairs == 1 and score.speaker_correct == 0


def test_matching_is_one_to_one_best_first():
    gold = parse_brat(ANN)
    predicted = [_st((0, 5), [(11, 31)]), _st((0, 5), [(11, 31)])]
    score = score_article(TEXT, gold, predicted)
    assert score.matched == 1 and score.predicted == 2


def test_speaker_text_containment_counts_as_correct():
    gold = parse_brat(ANN)
    stmt = _st((0, 5), [(11, 31)])
    stmt.speaker = Span("Smith", 500, 505)
    assert score_article(TEXT, gold, [stmt]).speaker_correct == 1


def _corpus(root, articles):
    """A PolNeAR-style split: {stem: [annotation, ...]}, each article with TEXT."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for stem, anns in articles.items():
        (root / "text" / f"{stem}.txt").write_text(TEXT, encoding="utf-8")
        for annotator, ann in zip(("a1", "b2"), anns, strict=False):
            (root / "attributions" / f"{stem}_{annotator}.ann").write_text(ann, encoding="utf-8")
    return root


def _two_annotator_corpus(tmp_path, second_ann):
    return _corpus(tmp_path, {"article": [ANN, second_ann], "single": [ANN]})


def test_agreement_scores_a_second_annotator_against_the_first(tmp_path):
    # The second annotator marked Smith's report only, with a shorter content and
    # "Smith" as a different source span.
    second = "\n".join(
        [
            "T1\tSource 0 5\tSmith",
            "T2\tCue 6 10\tsaid",
            "T3\tContent 16 31\ttaxes will rise",
            "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1",
        ]
    )
    score = annotator_agreement(_two_annotator_corpus(tmp_path, second))
    # Only the doubly annotated article counts, read against its first annotation.
    assert score.articles == 1
    assert (score.gold, score.predicted, score.matched) == (2, 1, 1)
    assert score.recall == 0.5 and score.precision == 1.0
    assert score.speaker_accuracy == 1.0


def test_agreement_is_perfect_between_identical_annotations(tmp_path):
    score = annotator_agreement(_two_annotator_corpus(tmp_path, ANN))
    assert score.f1 == 1.0 and score.speaker_accuracy == 1.0


def test_the_agreement_command_prints_the_ceiling(tmp_path):
    out = StringIO()
    call_command(
        "eval_extraction", str(_two_annotator_corpus(tmp_path, ANN)), "--agreement", stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == "annotator agreement over 1 second annotations"
    assert "f1=1.000" in lines[2]


def test_the_agreement_command_refuses_a_split_with_single_annotations(tmp_path):
    corpus = _corpus(tmp_path, {"single": [ANN]})
    with pytest.raises(CommandError, match="two annotations"):
        call_command("eval_extraction", str(corpus), "--agreement")


def test_a_fold_holds_out_every_nth_article_and_trains_on_the_rest(tmp_path):
    from statements.extraction.evaluation import Fold, corpus_files

    corpus = _corpus(tmp_path, {name: [ANN] for name in ("a", "b", "c", "d", "e")})
    fold = Fold.parse("1/2")
    held_out = corpus_files(corpus, articles=fold.held_out)
    training = corpus_files(corpus, articles=fold.training)
    assert [text.stem for text, _ann in held_out] == ["b", "d"]
    assert [text.stem for text, _ann in training] == ["a", "c", "e"]


@pytest.mark.parametrize("value", ["5/5", "-1/5", "0/1", "two/5", "1"])
def test_a_fold_must_be_k_of_n(tmp_path, value):
    corpus = _corpus(tmp_path, {"a": [ANN], "b": [ANN]})
    with pytest.raises(CommandError, match="fold"):
        call_command("eval_extraction", str(corpus), "--fold", value)


def test_a_fold_tagger_never_replaces_the_shipped_one(tmp_path):
    corpus = _corpus(tmp_path, {"a": [ANN], "b": [ANN]})
    with pytest.raises(CommandError, match="--output"):
        call_command("train_extraction", str(corpus), "--fold", "0/2")


def test_eval_extraction_refuses_a_model_directory_without_a_tagger(tmp_path):
    corpus = _corpus(tmp_path / "corpus", {"a": [ANN]})
    with pytest.raises(CommandError, match="no tagger saved"):
        call_command("eval_extraction", str(corpus), "--model", str(tmp_path / "missing"))


def test_a_fold_tagger_is_trained_without_its_fold_and_scored_on_it(tmp_path):
    corpus = _corpus(tmp_path / "corpus", {"a": [ANN], "b": [ANN], "c": [ANN]})
    model = tmp_path / "model"
    trained = StringIO()
    call_command(
        "train_extraction", str(corpus), "--fold", "1/3", "--output", str(model),
        "--epochs", "1", stdout=trained,
    )  # fmt: skip
    # Two training articles of one paragraph each: "b" is held out.
    assert trained.getvalue().splitlines()[0] == "2 paragraphs"
    scored = StringIO()
    call_command(
        "eval_extraction", str(corpus), "--fold", "1/3", "--model", str(model), stdout=scored
    )
    assert scored.getvalue().splitlines()[0].startswith("articles=1 gold=2 ")
