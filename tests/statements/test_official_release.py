"""A first-party release from an official channel: its words are its actor's statements."""

import pytest

from sources.models import Article, Source, SourceItem
from sources.parsing import RawArticle
from sources.services import article_ingest, article_process
from statements.models import Statement
from tests.factories import ActorFactory

# One paragraph per line, as a release's page gives them.
RELEASE = "\n\n".join(
    [
        "NATO Secretary General welcomes Finland's decision on membership",
        "Brussels, 12 May 2022",
        "NATO welcomes the statement by the President and Prime Minister of Finland on "
        "applying for membership without delay.",
        "Finland is one of NATO's closest partners and a mature democracy. The Alliance "
        "stands ready to support Finland through an accession process that would be smooth "
        "and swift.",
        '"Finland would join as a strong and capable Ally," the Secretary General said.',
        "Sauli Niinisto, the President of Finland, said that Helsinki would take the final "
        "decision within days.",
        "For further information, contact the NATO Press Office at press@hq.nato.int.",
    ]
)


@pytest.fixture
def release(db):
    nato = ActorFactory(name="NATO", kind="alliance")
    source = Source.objects.create(url="https://nato.example/releases.rss", official_actor=nato)
    article, _ = article_ingest(
        raw=RawArticle(text=RELEASE, url="https://nato.example/news/1", title="Release")
    )
    SourceItem.objects.create(
        source=source, guid="1", guid_hash="1" * 64, link=article.url, article=article
    )
    return nato, article


def test_an_official_release_yields_its_actors_statements_without_said(release):
    nato, article = release

    result = article_process(article_id=article.pk)

    assert result.status == Article.Status.DONE
    own = {s.content for s in Statement.objects.filter(article=article, actor=nato)}
    assert any(c.startswith("NATO welcomes the statement by the President") for c in own)
    assert any(c.startswith("Finland is one of NATO's closest partners") for c in own)
    assert any(c.startswith("The Alliance stands ready to support Finland") for c in own)
    # Someone the release quotes by name keeps their own statement.
    niinisto = Statement.objects.get(article=article, content__contains="final decision")
    assert niinisto.actor != nato
    # Contact lines and the headline are nobody's claim.
    assert not any("Press Office" in c or "welcomes Finland's decision" in c for c in own)
    dated = Statement.objects.filter(article=article, actor=nato, said_on__isnull=False)
    assert dated.exists()


def test_the_same_text_from_an_unofficial_source_gets_no_such_statements(db):
    nato = ActorFactory(name="NATO", kind="alliance")
    article, _ = article_ingest(raw=RawArticle(text=RELEASE, url="https://blog.example/1"))

    article_process(article_id=article.pk)

    own = Statement.objects.filter(article=article, actor=nato)
    assert not own.filter(content__startswith="Finland is one of NATO's closest partners").exists()


def test_a_stance_in_a_release_is_not_mistaken_for_a_report_of_speech():
    from statements.extraction.official import reports_speech

    assert [reports_speech(c) for c in ("said", "announced", "denies", "told reporters")] == [
        True
    ] * 4
    assert not any(reports_speech(c) for c in ("welcomes", "stands ready to support", "believes"))
