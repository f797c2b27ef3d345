"""The synthetic corpus: its rows hang together, the command loads them once, and the
page benchmark runs on them (tiny sizes: the real runs are for the command line)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.models import Article
from statements import synthetic
from statements.models import Actor, Contradiction, Statement
from tests.factories import ContradictionFactory


def test_the_same_seed_builds_the_same_corpus_and_another_seed_does_not():
    sizes = synthetic.Sizes.for_statements(2000)
    first, again = synthetic.build(sizes, seed=3), synthetic.build(sizes, seed=3)
    assert first.statements == again.statements
    assert first.contradictions == again.contradictions
    assert synthetic.build(sizes, seed=4).statements != first.statements


def test_built_rows_are_consistent():
    sizes = synthetic.Sizes.for_statements(3000)
    corpus = synthetic.build(sizes, seed=1, first_ids={"statements": 501})
    assert len(corpus.statements) == 3000
    assert corpus.statements[0][0] == 501
    texts = {a[0]: a[7] for a in corpus.articles}
    for s in corpus.statements[:300]:
        assert texts[s[2]][s[7] : s[8]] == s[4], "offsets point at the claim's words"
    said = {s[0]: (s[10], s[1], s[14]) for s in corpus.statements}
    windows = {t[0]: t[9] for t in corpus.topics}
    kinds = set()
    for c in corpus.contradictions:
        _id, a, b, event, topic, kind = c[:6]
        kinds.add(kind)
        if kind == "event":
            assert b is None and event is not None
            continue
        assert a < b and said[a][2] == said[b][2] == topic
        if kind == "reversal":
            assert said[a][1] == said[b][1]
        else:
            assert abs((said[a][0] - said[b][0]).days) <= windows[topic]
    assert {"opposite_direction", "reversal", "event"} <= kinds
    pairs = [(c[1], c[2], c[3]) for c in corpus.contradictions]
    assert len(pairs) == len(set(pairs))


@pytest.mark.django_db
def test_seed_synthetic_loads_once_and_reset_replaces_only_synthetic_rows():
    real = ContradictionFactory()
    out = io.StringIO()
    call_command("seed_synthetic", statements=400, stdout=out)
    assert "Seeded" in out.getvalue()
    synthetic_statements = Statement.objects.filter(article__url__startswith=synthetic.URL_PREFIX)
    assert synthetic_statements.count() == 400
    assert Contradiction.objects.count() > 1
    assert Actor.objects.filter(slug__startswith="syn-", parent__isnull=False).exists()
    article = Article.objects.filter(url__startswith=synthetic.URL_PREFIX).first()
    claim = article.statements.first()
    assert article.text[claim.content_start : claim.content_end] == claim.content
    with pytest.raises(CommandError, match="already loaded"):
        call_command("seed_synthetic", statements=400, stdout=io.StringIO())
    call_command("seed_synthetic", statements=200, reset=True, stdout=io.StringIO())
    assert synthetic_statements.count() == 200
    assert Contradiction.objects.filter(pk=real.pk).exists()
    # New rows still get fresh ids after the COPY moved the sequences on.
    assert (
        ContradictionFactory().pk > Contradiction.objects.exclude(pk=real.pk).order_by("-pk")[1].pk
    )


@pytest.mark.django_db
@pytest.mark.parametrize("count", [0, -5])
def test_seed_synthetic_refuses_silly_sizes(count):
    with pytest.raises(CommandError, match="between"):
        call_command("seed_synthetic", statements=count, stdout=io.StringIO())


@pytest.mark.django_db
def test_benchmark_pages_prints_times_and_query_counts_for_each_page():
    call_command("seed_synthetic", statements=300, stdout=io.StringIO())
    out = io.StringIO()
    call_command("benchmark_pages", runs=2, sample=1, stdout=out, stderr=io.StringIO())
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("statements=300 ")
    rows = {line[:34].strip(): line[34:].split() for line in lines[2:-1]}
    for page in ("overview", "contradiction detail", "topic (busiest)", "actor (sample)"):
        p50, p95, _max, queries = rows[page]
        assert 0 < float(p50) <= float(p95)
        assert int(queries.split("/")[-1]) > 0
    assert lines[-1].startswith("pages within target:")


@pytest.mark.django_db
def test_benchmark_pages_needs_data():
    with pytest.raises(CommandError, match="seed_synthetic"):
        call_command("benchmark_pages", runs=1, stdout=io.StringIO())


def test_sizes_scale_with_statements():
    sizes = synthetic.Sizes.for_statements(1_000_000)
    assert (sizes.actors, sizes.topics, sizes.contradictions) == (4000, 200, 100_000)
