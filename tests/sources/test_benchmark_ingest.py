import pytest
from django.core.management import CommandError, call_command

from sources.models import Article, Source


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ingest_benchmark_polls_with_two_workers_and_cleans_up(capsys):
    call_command("benchmark_ingest", feeds=2, items=2, workers=2)

    out = capsys.readouterr().out
    assert "2 polls, 4 articles" in out
    assert "0 failed" in out
    assert "polls per minute" in out and "articles per minute" in out
    assert "Bare spaCy nlp.pipe" in out
    assert not Source.objects.exists() and not Article.objects.exists()


def test_the_ingest_benchmark_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("benchmark_ingest", feeds=0)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ingest_benchmark_leaves_the_fetch_safeguards_as_they_were():
    from django.conf import settings

    call_command("benchmark_ingest", feeds=1, items=1, workers=1)

    assert not getattr(settings, "GAINSAY_FETCH_ALLOW_PRIVATE", False)
    assert settings.GAINSAY_FETCH_RESPECT_ROBOTS
