import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from statements.models import Actor
from statements.selectors.search import HIGHLIGHT_START, HIGHLIGHT_STOP, search_actors
from statements.templatetags.dashboard import search_headline
from tests.factories import ActorAliasFactory, ActorFactory, StatementFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("statements:search")


def _get(client, q, **extra):
    return client.get(SEARCH, {"q": q, **extra})


def test_full_text_finds_word_forms_and_highlights_them(client):
    hit = StatementFactory(content="Some of the soldiers have begun to return to their bases.")
    StatementFactory(content="Talks on gas transit continue in Vienna.")
    response = _get(client, "returning soldier")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<mark class="hl-search">soldiers</mark>' in html
    assert '<mark class="hl-search">return</mark>' in html
    assert "gas transit" not in html
    assert reverse("statements:actor_detail", args=[hit.actor.slug]) in html
    assert HIGHLIGHT_START not in html and HIGHLIGHT_STOP not in html


def test_websearch_syntax_quotes_and_negation(client):
    StatementFactory(content="Troops will pull back from the border.")
    StatementFactory(content="Troops will stay at the border.")
    html = _get(client, '"pull back" -stay').content.decode()
    assert "1 statement match" in html
    assert "stay at the border" not in html


def test_best_match_first(client):
    StatementFactory(content="The buildup is a concern, an official said.")
    best = StatementFactory(content="Buildup, buildup and more buildup along the buildup line.")
    html = _get(client, "buildup").content.decode()
    first = re.search(r'class="words">(.*?)</blockquote>', html, re.S).group(1)
    assert "along the" in first and best.content.startswith("Buildup")


def test_markup_in_statements_is_escaped_in_headlines(client):
    StatementFactory(content="Officials said <script>alert(1)</script> buildup <b>bold</b>")
    html = _get(client, "buildup").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;bold" in html  # the excerpt may trim trailing punctuation
    assert "<b>" not in html


def test_headline_filter_escapes_before_marking():
    raw = f"a <img src=x onerror=alert(1)> {HIGHLIGHT_START}<b>{HIGHLIGHT_STOP} {HIGHLIGHT_START}x"
    out = str(search_headline(raw))
    assert out == (
        'a &lt;img src=x onerror=alert(1)&gt; <mark class="hl-search">&lt;b&gt;</mark> x'
    )
    assert str(search_headline(None)) == ""


def test_markers_typed_by_the_user_are_removed(client):
    StatementFactory(content="Troops buildup continues.")
    response = _get(client, f"{HIGHLIGHT_START}buildup{HIGHLIGHT_STOP}")
    assert response.status_code == 200
    assert "1 statement match" in response.content.decode()


def test_actor_names_and_aliases_match_with_typos(client):
    jens = ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    ActorAliasFactory(actor=jens, text="NATO chief")
    mod = ActorFactory(name="Russian Defense Ministry", slug="russian-mod")
    ActorAliasFactory(actor=mod, text="Kremlin defence officials")
    ActorFactory(name="Antony Blinken", slug="antony-blinken")
    assert [a.slug for a in search_actors("stoltenburg")] == ["jens-stoltenberg"]
    assert [a.slug for a in search_actors("nato chief")] == ["jens-stoltenberg"]
    assert [a.slug for a in search_actors("Kremlin")] == ["russian-mod"]
    html = _get(client, "Stoltenberg").content.decode()
    assert 'href="/actors/jens-stoltenberg/"' in html
    assert "antony-blinken" not in html


@pytest.mark.parametrize("q", ["", "   ", HIGHLIGHT_START])
def test_empty_query_asks_for_words(client, q):
    response = _get(client, q)
    assert response.status_code == 200
    assert "Type a few words to search for." in response.content.decode()


def test_no_query_shows_the_form(client):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_over_long_query_is_refused_with_a_message(client):
    response = _get(client, "x" * 201)
    assert response.status_code == 400
    assert "too long" in response.content.decode()
    assert _get(client, "x" * 200).status_code == 200


@pytest.mark.parametrize("q", ["a\x00b", "'", "!!!", "&|:*", "the", "<>", "\\"])
def test_odd_queries_never_fail(client, q):
    assert _get(client, q).status_code in (200, 400)


def test_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    StatementFactory(content="Troops buildup near the border.")
    with CaptureQueriesContext(connection) as ctx:
        assert _get(client, "buildup").status_code == 200
    few = len(ctx)
    for i in range(30):
        StatementFactory(content=f"Another buildup report number {i}.")
        ActorFactory(name=f"Buildup Watcher {i}")
    with django_assert_max_num_queries(few):
        html = _get(client, "buildup").content.decode()
    assert "31 statements match" in html
    assert few <= 4


def test_sqlite_style_fallback_uses_substring_matching(client, monkeypatch):
    from statements.selectors import search as selectors

    monkeypatch.setattr(selectors, "_is_postgres", lambda: False)
    actor = ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    StatementFactory(actor=actor, content="Russia continues the military <b>buildup</b>.")
    html = _get(client, "military").content.decode()
    assert '<mark class="hl-phrase">military</mark>' in html
    assert "&lt;b&gt;buildup&lt;/b&gt;" in html
    assert 'href="/actors/jens-stoltenberg/"' not in _get(client, "Blinken").content.decode()
    assert 'href="/actors/jens-stoltenberg/"' in _get(client, "stoltenberg").content.decode()


def test_search_queries_can_use_the_gin_indexes():
    from statements.selectors.search import search_statements

    StatementFactory(content="Troops buildup near the border.")
    ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search_statements("buildup").explain()
    assert "statement_content_fts" in plan
    plan = Actor.objects.filter(name__trigram_word_similar="stoltenberg").explain()
    assert "actor_name_trgm" in plan


def test_only_the_newest_matches_are_ranked_and_the_total_is_told(client, monkeypatch):
    from statements.selectors import search as search_selectors

    monkeypatch.setattr(search_selectors, "RANK_WINDOW", 3)
    places = ["Avdiivka", "Bakhmut", "Chernihiv", "Donetsk", "Enerhodar"]
    for day, place in enumerate(places, 1):
        StatementFactory(content=f"Troops pulling back near {place}", said_on=dt.date(2022, 2, day))
    html = _get(client, "pulling").content.decode()
    assert "5 statements match" in html and "the newest 3 are shown" in html
    shown = [place for place in places if place in html]
    assert shown == ["Chernihiv", "Donetsk", "Enerhodar"]


def _dated(place, day, words="Troops pulling back"):
    return StatementFactory(
        content=f"{words} near {place}", said_on=dt.date(2022, 2, day) if day else None
    )


@pytest.fixture
def small_windows(monkeypatch):
    """Windows, rank and count limits of a few rows, so the corpus can stay small."""
    from statements.selectors import search as search_selectors

    monkeypatch.setattr(search_selectors, "RANK_WINDOW", 2)
    monkeypatch.setattr(search_selectors, "COUNT_LIMIT", 3)
    monkeypatch.setattr(search_selectors, "PROBE_DAYS", (2,))


def _shown(html, places):
    return [place for place in places if place in html]


def test_a_common_words_newest_matches_are_found_in_the_newest_statements(client, small_windows):
    places = ["Avdiivka", "Bakhmut", "Chernihiv", "Donetsk", "Enerhodar"]
    _dated("Undated", None)
    for day, place in enumerate(places, 1):
        _dated(place, day, words="Talks on grain" if place == "Chernihiv" else "Troops pulling")
    # The last two days before the newest (the window) hold two matches: the rank
    # window's worth.
    with CaptureQueriesContext(connection) as ctx:
        html = _get(client, "pulling").content.decode()
    assert "3 or more statements match" in html and "the newest 2 are shown" in html
    assert _shown(html, [*places, "Undated"]) == ["Donetsk", "Enerhodar"]
    # The window starts at a literal date, so the planner can read the date index with
    # the GIN index (as a subquery it read every match and filtered them by date).
    window = [q["sql"] for q in ctx.captured_queries if "'2022-02-03'" in q["sql"]]
    assert window and all("OFFSET" not in sql for sql in window)


def test_a_window_holding_too_few_matches_falls_back_to_all_statements(client, small_windows):
    places = ["Avdiivka", "Bakhmut", "Chernihiv", "Donetsk", "Enerhodar"]
    _dated("Undated", None)
    for day, place in enumerate(places, 1):
        talks = place in ("Chernihiv", "Donetsk")
        _dated(place, day, words="Talks on grain" if talks else "Troops pulling")
    # The window (3 to 5 February) holds one match: the newest two come from all.
    html = _get(client, "pulling").content.decode()
    assert "3 or more statements match" in html
    assert _shown(html, [*places, "Undated"]) == ["Bakhmut", "Enerhodar"]


def test_statements_without_a_date_come_after_dated_ones_and_are_still_found(client, small_windows):
    _dated("Undated", None)
    _dated("Avdiivka", 1)
    _dated("Bakhmut", 2, words="Talks on grain")
    html = _get(client, "pulling").content.decode()
    assert "2 statements match" in html and "or more" not in html
    assert _shown(html, ["Avdiivka", "Bakhmut", "Undated"]) == ["Avdiivka", "Undated"]


def test_edited_words_are_searched_at_once(client):
    statement = StatementFactory(content="Troops stay at the border.")
    statement.content = "Troops return to their bases."
    statement.save()
    assert "No statements match." in _get(client, "border").content.decode()
    assert "1 statement match" in _get(client, "bases").content.decode()


def test_actor_substrings_match_but_like_wildcards_are_literal():
    ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    ActorFactory(name="Ministry 50 Percent", slug="ministry-50")
    ActorFactory(name="Alpha Beta", slug="alpha-beta")
    assert [a.slug for a in search_actors("toltenb")] == ["jens-stoltenberg"]
    # Unescaped, ILIKE would read % and _ as wildcards and match these.
    assert search_actors("M%y") == []
    assert search_actors("a_b") == []
    assert [a.slug for a in search_actors("a b")] == ["alpha-beta"]


def test_actor_search_can_use_the_trigram_indexes_for_names_and_aliases():
    ActorAliasFactory(actor=ActorFactory(name="Jens Stoltenberg"), text="NATO chief")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # Migration 0010: word similarity priced so the planner prefers the indexes.
        cursor.execute(
            "SELECT procost FROM pg_proc WHERE proname = 'word_similarity_commutator_op'"
        )
        assert cursor.fetchone()[0] == 100
    from statements.selectors.search import search_actors as selector

    with CaptureQueriesContext(connection) as ctx:
        selector("stoltenberg")
    (sql,) = [q["sql"] for q in ctx.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "actor_name_trgm" in plan and "actoralias_text_trgm" in plan
    # Only the outer scan over the matched ids' hash may remain.
    assert "Seq Scan on statements_actor u0" not in plan
    assert "Seq Scan on statements_actoralias" not in plan
