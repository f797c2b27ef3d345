"""One statement, many appearances: wire copies merged, editors' splits and merges kept."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q

from sources.parsing import RawArticle, parse_published
from sources.services import article_ingest, article_process
from statements.models import Contradiction, Statement, StatementAppearance
from statements.services import (
    actors_load_catalogue,
    statement_appearance_split,
    statements_extract_for_article,
    statements_merge,
    topics_load_catalogue,
)
from statements.services.appearances import normalise, same_remark

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "wire_copies.json").read_text())


@pytest.fixture
def catalogue(db):
    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)


def ingest(item):
    article, _ = article_ingest(
        raw=RawArticle(
            text=item["text"],
            url=item["url"],
            outlet=item["outlet"],
            title=item["title"],
            published=parse_published(item["published"]),
        )
    )
    article_process(article_id=article.pk)
    return article


def statements_with(actor, words):
    return Statement.objects.filter(actor__name=actor, content__contains=words)


@pytest.fixture
def wire(catalogue):
    return [ingest(item) for item in FIXTURE["articles"]]


def test_normalising_ignores_quote_marks_case_and_punctuation():
    assert normalise("\u201cTroops are  returning,\u201d") == normalise('"troops are returning"')
    assert same_remark("russia will pull back its troops", "russia will pull back troops")
    assert same_remark(
        "some of its troops were returning to their bases after exercises",
        "some of its troops were returning to their bases after exercises a move welcomed "
        "by markets",
    )
    assert not same_remark("we will not invade", "we will not invade ukraine or any other country")
    assert not same_remark(
        "troops are returning to their bases", "troops are moving toward the border"
    )
    # One digit apart, but another fact.
    assert not same_remark(
        "talks on border section 1 continue", "talks on border section 2 continue"
    )


def test_wire_copies_merge_into_the_hand_counted_statements(wire):
    for expected in FIXTURE["expected"]["merged_statements"]:
        found = statements_with(expected["actor"], expected["words"])
        assert found.count() == 1, expected
        statement = found.get()
        assert statement.appearance_count == expected["appearances"], expected
        assert statement.appearances.count() == expected["appearances"], expected
        assert statement.outlet_count == expected["outlets"], expected
        # The statement stays on its first appearance's article.
        assert statement.article.outlet.name == expected["first_outlet"]
        first = statement.appearances.order_by("published_at").first()
        assert statement.first_seen_at == first.published_at

    # Each appearance keeps its article, outlet and offsets.
    peskov = statements_with("Dmitry Peskov", "Troops are returning").get()
    for appearance in peskov.appearances.select_related("article"):
        text = appearance.article.text
        assert text[appearance.content_start : appearance.content_end] == appearance.content
        assert appearance.outlet_id == appearance.article.outlet_id
    assert peskov.first_seen_at == dt.datetime(2022, 2, 15, 9, 10, tzinfo=dt.UTC)

    # A conflict with a merged statement is one row.
    buildup = statements_with("Jens Stoltenberg", "military buildup").get()
    pair = Q(statement_a=peskov, statement_b=buildup) | Q(statement_a=buildup, statement_b=peskov)
    assert Contradiction.objects.filter(pair).count() == 1
    # Without merging there would be one row per outlet carrying the quote: every
    # conflict of Peskov's goes through the one statement, once per other statement.
    involving = Contradiction.objects.filter(Q(statement_a=peskov) | Q(statement_b=peskov))
    by_actor = Q(statement_a__actor__name="Dmitry Peskov") | Q(
        statement_b__actor__name="Dmitry Peskov"
    )
    assert Contradiction.objects.filter(by_actor).count() == involving.count() >= 1
    others = [c.statement_a_id + c.statement_b_id - peskov.pk for c in involving]
    assert len(others) == len(set(others))

    # Extracting the copies again changes nothing.
    before = sorted(StatementAppearance.objects.values_list("statement_id", "article_id"))
    for article in wire:
        statements_extract_for_article(article=article)
    after = sorted(StatementAppearance.objects.values_list("statement_id", "article_id"))
    assert after == before
    assert Contradiction.objects.filter(by_actor).count() == involving.count()


def test_the_same_words_from_another_actor_are_not_merged(catalogue):
    text = (
        "Kremlin spokesman Dmitry Peskov said the talks had been useful and would continue.\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba said the talks had been useful and would "
        "continue."
    )
    ingest(
        {
            "text": text,
            "url": "https://x.example/1",
            "outlet": "X",
            "title": "",
            "published": "2022-02-15",
        }
    )
    other = text.replace("useful", "very useful")
    ingest(
        {
            "text": other,
            "url": "https://y.example/1",
            "outlet": "Y",
            "title": "",
            "published": "2022-02-16",
        }
    )
    assert statements_with("Dmitry Peskov", "talks").count() == 1
    assert statements_with("Dmytro Kuleba", "talks").count() == 1
    assert statements_with("Dmitry Peskov", "talks").get().appearance_count == 2


def test_an_editors_split_is_kept_when_the_article_is_extracted_again(wire, django_user_model):
    editor = django_user_model.objects.create(username="ed")
    peskov = statements_with("Dmitry Peskov", "Troops are returning").get()
    gazette = peskov.appearances.get(outlet__name="Evening Gazette")

    split = statement_appearance_split(appearance=gazette, user=editor)

    peskov.refresh_from_db()
    assert (peskov.appearance_count, split.appearance_count) == (2, 1)
    assert split.article_id == gazette.article_id
    assert split.actor_id == peskov.actor_id
    # Later ingests do not merge the pair again, whichever article is extracted again.
    statements_extract_for_article(article=gazette.article)
    statements_extract_for_article(article=peskov.article)
    assert statements_with("Dmitry Peskov", "Troops are returning").count() == 2
    peskov.refresh_from_db()
    assert peskov.appearance_count == 2

    # The first appearance is the statement itself: it cannot be split off.
    first = peskov.appearances.get(article=peskov.article)
    with pytest.raises(ValidationError, match="first appearance"):
        statement_appearance_split(appearance=first)


def test_an_editors_merge_of_a_missed_duplicate_is_kept(wire):
    headline = statements_with("Russian government", "drills over, troops going home").get()
    remark = statements_with("Russian government", "troops were returning").get()

    kept = statements_merge(keep=remark, other=headline)

    assert not Statement.objects.filter(pk=headline.pk).exists()
    kept.refresh_from_db()
    assert kept.appearance_count == 4
    statements_extract_for_article(article=headline.article)
    assert not statements_with("Russian government", "drills over, troops going home").exists()
    kept.refresh_from_db()
    assert kept.appearance_count == 4
    with pytest.raises(ValidationError, match="itself"):
        statements_merge(keep=kept, other=kept)


def test_first_seen_and_outlets_are_shown_in_the_api_and_the_dashboard(wire, client):
    from django.urls import reverse

    peskov = statements_with("Dmitry Peskov", "Troops are returning").get()

    body = client.get(f"/api/v1/statements/{peskov.pk}/").json()
    assert body["first_seen_at"].startswith("2022-02-15T09:10")
    assert (body["outlet_count"], body["appearance_count"]) == (3, 3)

    html = client.get(reverse("statements:actor_detail", args=[peskov.actor.slug])).content
    assert "First seen" in html.decode()
    assert "15 Feb 2022, 09:10" in html.decode()
    assert "3 outlets" in html.decode()
