"""eval_contradictions: gold articles into a scratch database, scored, real data untouched."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from statements.detection.gold import Flag, score
from statements.models import Statement

GOLD = Path(__file__).parent / "data" / "eval" / "gold.json"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_scores_a_multi_article_gold_file_without_touching_the_real_data():
    before = Statement.objects.count()
    out = StringIO()

    call_command("eval_contradictions", str(GOLD), stdout=out)

    text = out.getvalue()
    assert "Recall of gold contradictions: 7/7 = 1.00" in text
    assert "False positives among not_contradictions: 0/13" in text
    assert "Claims held against later events: 3/3" in text
    # Headlines restating their bodies are not flagged twice, and the strongest flags come
    # first: each of the top ten is a gold pair.
    precision = next(line for line in text.splitlines() if line.startswith("Precision of the top"))
    assert precision.startswith("Precision of the top 10 flags: 10/10"), precision
    assert Statement.objects.count() == before


def test_it_refuses_a_gold_file_whose_articles_are_missing(tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text('{"articles": [{"file": "absent.txt"}], "statements": []}')
    with pytest.raises(CommandError, match="Article file not found"):
        call_command("eval_contradictions", str(gold))


def test_it_refuses_a_statement_without_its_file_when_there_are_several_articles(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("Officials said talks continue.")
    gold = tmp_path / "gold.json"
    gold.write_text(
        '{"articles": [{"file": "a.txt"}, {"file": "b.txt"}],'
        ' "statements": [{"id": "S1", "phrase": "talks continue"}]}'
    )
    with pytest.raises(CommandError, match="must name its file"):
        call_command("eval_contradictions", str(gold))


def test_a_gold_contradiction_is_recalled_by_any_of_its_pairs():
    gold = {
        "contradictions": [{"id": "C1", "between": ["S3", ["S1", "S2"]]}],
        "not_contradictions": [{"between": ["S9", "S13"]}],
    }
    flags = [
        Flag(frozenset({"S2"}), frozenset({"S3"}), 0.9, "denial"),
        Flag(frozenset({"S9"}), frozenset({"S13"}), 0.5, "denial"),
        Flag(frozenset(), frozenset({"S3"}), 0.95, "opposite_direction"),
    ]
    report = score(gold, flags)
    assert report.recalled == ["C1"]
    assert report.false_positives == [("S13", "S9")]
    assert [real for _, real in report.top] == [False, True, False]
    assert report.top_precision == pytest.approx(1 / 3)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_detection_benchmark_runs_on_a_small_record():
    out = StringIO()
    call_command(
        "benchmark_detection", "--statements", "400", "--topics", "4", "--sample", "20", stdout=out
    )
    text = out.getvalue()
    assert "Filled 400 statements" in text
    assert "Detection (read window + compare, no writes) over 20 statements: p50" in text
    assert "Detection with storage (service call: writes, history, proposition links)" in text
    assert "Index" in text  # the plan of the window query
    assert "second (idempotent) run" in text and "'created': 0, 'updated': 0" in text
