import json

from statements.extraction.benchmark import as_one_document, load_bare, run_benchmark
from statements.extraction.serialise import statement_to_dict
from statements.extraction.tagger import COMPONENT


def test_jsonl_rows_carry_offsets_segments_and_iso_dates(extract):
    text = '"Diplomacy is still possible," Blinken said on Tuesday. "But time is running out."'
    (row,) = [statement_to_dict(s, file="a.txt") for s in extract(text)]
    assert row["file"] == "a.txt"
    assert row["actor"] == "Antony Blinken"
    assert row["said_on"] == "2022-02-15" and row["date_precision"] == "day"
    assert row["content"]["segments"] == [[0, 30], [56, 82]]
    assert text[row["cue"]["start"] : row["cue"]["end"]] == row["cue"]["text"] == "said"
    json.dumps(row)


def test_the_benchmark_compares_extraction_with_the_bare_spacy_model(nlp, seed_text):
    bare = load_bare()
    result = run_benchmark([seed_text, seed_text], nlp=nlp, bare=bare)
    assert result.files == 2 and result.words > 0
    assert result.pipe_wps > 0 and result.extract_wps > 0
    assert result.statements > 0 and result.peak_rss_mb > 0
    # The baseline is the plain model: none of our components run in it.
    assert COMPONENT not in result.bare_pipes and "stash_named_entities" not in result.bare_pipes
    assert COMPONENT in result.extract_pipes
    assert set(result.bare_pipes) <= set(result.extract_pipes)
    # Both multiply matrices the same way, so the ratio measures only our components.
    assert result.bare_matmul == result.extract_matmul == "numpy"


def test_the_benchmark_can_read_its_texts_as_one_long_article(nlp, seed_text):
    (document,) = as_one_document([seed_text, "Lavrov denied it."], copies=2)
    assert document.count(seed_text) == 2 and document.count("Lavrov denied it.") == 2
    result = run_benchmark([document], nlp=nlp, bare=load_bare())
    assert result.files == 1
    assert result.words == 2 * (len(seed_text.split()) + 3)


def test_extraction_multiplies_matrices_through_numpy_not_blis(nlp):
    assert {nlp.get_pipe(name).model.ops.use_blis for name in ("parser", COMPONENT)} == {False}
