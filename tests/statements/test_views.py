import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from statements.models import Contradiction
from tests.factories import (
    ActorAliasFactory,
    ActorFactory,
    ActorRoleFactory,
    ArticleFactory,
    ContradictionFactory,
    EventFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures another test left in the cache are recounted at a cost of one more query
    # (caching.remember_growing): each test starts from none, so its counts are its own.
    cache.clear()


OVERVIEW = reverse("statements:overview")
ARTICLE_TEXT = (
    "Feb. 16 (UPI) -- An opening paragraph about the crisis.\n\n"
    "Russia's defense ministry had said Tuesday that some of the soldiers have begun to "
    "return to their bases, officials added.\n\n"
    "A closing paragraph that is not part of the claim."
)


def _statement_in_article(content, text=ARTICLE_TEXT, **kwargs):
    article = ArticleFactory(text=text, author="Clyde Hughes")
    start = text.index(content)
    return StatementFactory(
        article=article,
        content=content,
        content_start=start,
        content_end=start + len(content),
        **kwargs,
    )


def _detail_url(contradiction):
    return reverse("statements:contradiction_detail", args=[contradiction.pk])


def _shown(response):
    """Ids of the contradictions a page lists (the overview: its newest list), in order."""
    html = response.content.decode()
    if 'id="results"' in html:
        html = html.split('id="results"', 1)[1].split('class="top"', 1)[0]
    ids = re.findall(r'href="/contradictions/(\d+)/"', html)
    return list(dict.fromkeys(int(i) for i in ids))


def _query_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


# --- Overview ---------------------------------------------------------------


def test_overview_lists_contradictions_newest_first_with_both_claims(client):
    older = ContradictionFactory()
    newer = ContradictionFactory()
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    assert _shown(response) == [newer.pk, older.pk]
    html = response.content.decode()
    text = re.sub(r"<[^>]+>", "", html)
    assert '<mark class="hl-phrase">continues the military buildup</mark>' in html
    for statement in (newer.statement_a, newer.statement_b):
        assert statement.content in text
        assert reverse("statements:actor_detail", args=[statement.actor.slug]) in html
        assert statement.article.outlet.name in html
        assert f'href="{statement.article.url}"' in html
    assert '<meta name="viewport"' in html


def test_overview_shows_date_only_as_precise_as_known(client):
    ContradictionFactory(
        statement_a=StatementFactory(said_on=dt.date(2022, 2, 16), date_precision="week"),
        statement_b=StatementFactory(said_on=None, date_precision="unknown"),
    )
    ContradictionFactory(
        statement_a=StatementFactory(said_on=dt.date(2022, 2, 15)),
        statement_b=StatementFactory(said_on=dt.date(2022, 3, 9), date_precision="month"),
    )
    html = client.get(OVERVIEW).content.decode()
    assert "week of 14 Feb 2022" in html
    assert "date unknown" in html
    assert "15 Feb 2022" in html
    assert "Mar 2022" in html and "9 Mar 2022" not in html


def test_overview_never_links_a_non_web_url(client):
    article = ArticleFactory(url="javascript:alert(1)", title="Sneaky")
    ContradictionFactory(statement_a=StatementFactory(article=article))
    html = client.get(OVERVIEW).content.decode()
    assert "Sneaky" in html
    assert "javascript:alert" not in html


def test_overview_filters_by_topic_actor_status_and_date(client):
    gas = TopicFactory(name="Gas transit", slug="gas-transit")
    actor = ActorFactory(name="Jens Stoltenberg")
    on_gas = ContradictionFactory(topic=gas)
    by_actor = ContradictionFactory(statement_b=StatementFactory(actor=actor))
    confirmed = ContradictionFactory(status=Contradiction.Status.CONFIRMED)
    in_2021 = ContradictionFactory(
        statement_a=StatementFactory(said_on=dt.date(2021, 5, 1)),
        statement_b=StatementFactory(said_on=dt.date(2021, 5, 2)),
    )
    cases = {
        f"topic={gas.pk}": [on_gas.pk],
        f"actor={actor.slug}": [by_actor.pk],
        "status=confirmed": [confirmed.pk],
        "date_from=2021-01-01&date_to=2021-12-31": [in_2021.pk],
    }
    for query, expected in cases.items():
        response = client.get(f"{OVERVIEW}?{query}")
        assert response.status_code == 200
        assert _shown(response) == expected, query


def test_overview_filters_survive_pagination(client):
    confirmed = [ContradictionFactory(status="confirmed") for _ in range(23)]
    ContradictionFactory.create_batch(3)
    first = client.get(f"{OVERVIEW}?status=confirmed")
    assert len(_shown(first)) == 20
    assert "?status=confirmed&amp;page=2" in first.content.decode()
    second = client.get(f"{OVERVIEW}?status=confirmed&page=2")
    assert _shown(second) == [c.pk for c in reversed(confirmed[:3])]
    assert "?status=confirmed&amp;page=1" in second.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "actor=abc",
        "topic=1;DROP",
        "date_from=16/02/2022x",
        "date_to=2022-13-45",
        "status=bogus",
        "date_from=2022-01-01&date_to=2021-01-01",
        "page=-3",
    ],
)
def test_bad_filter_values_show_a_message_not_an_error(client, query):
    contradiction = ContradictionFactory()
    response = client.get(f"{OVERVIEW}?{query}")
    assert response.status_code == 200
    if not query.startswith("page"):
        assert "Some filters could not be used" in response.content.decode()
    assert _shown(response) == [contradiction.pk]


def test_bad_filter_is_ignored_but_good_ones_still_apply(client):
    ContradictionFactory()
    confirmed = ContradictionFactory(status="confirmed")
    response = client.get(f"{OVERVIEW}?status=confirmed&actor=abc")
    assert _shown(response) == [confirmed.pk]


def test_overview_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    ContradictionFactory()
    cold = _query_count(client, OVERVIEW)
    ContradictionFactory()
    # A new row adds one query (are the remembered figures' newest rows still there?)
    # and counts only the new rows; the page's count is the larger of the two.
    few = max(cold, _query_count(client, OVERVIEW))
    ContradictionFactory.create_batch(28)
    with django_assert_max_num_queries(few):
        assert len(_shown(client.get(OVERVIEW))) == 20
    assert few <= 11  # six when the figures are cached


def test_filtered_overview_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries
):
    ministry = ActorFactory(slug="ministry")
    spokesman = ActorFactory(slug="spokesman", parent=ministry)

    def make():
        claim = StatementFactory(actor=spokesman, said_on=dt.date(2022, 2, 15))
        return ContradictionFactory(statement_a=claim)

    outlet = make().statement_a.article.outlet
    url = (
        f"{OVERVIEW}?actor=spokesman&affiliation=ministry&outlet={outlet.pk}"
        "&date_from=2022-02-01&date_to=2022-02-28"
    )
    cold = _query_count(client, url)
    make()
    few = max(cold, _query_count(client, url))  # see the unfiltered page's test
    for _ in range(23):
        claim = StatementFactory(
            actor=spokesman, said_on=dt.date(2022, 2, 15), article__outlet=outlet
        )
        ContradictionFactory(statement_a=claim)
    with django_assert_max_num_queries(few):
        assert len(_shown(client.get(url))) == 20
    # The unfiltered page's 18, plus the actor, organisation, its members and the outlet.
    assert few <= 22


def test_overview_answers_htmx_with_the_results_fragment(client):
    contradiction = ContradictionFactory()
    response = client.get(f"{OVERVIEW}?status=detected", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert _shown(response) == [contradiction.pk]
    assert "HX-Request" in response["Vary"]


# --- Contradiction detail -----------------------------------------------------


def test_detail_highlights_claim_and_opposing_phrase_in_context(client):
    statement = _statement_in_article(
        "some of the soldiers have begun to return to their bases",
        reported_via="The Guardian",
        speaker_text="Russia's defense ministry",
        cue="had said",
    )
    contradiction = ContradictionFactory(statement_a=statement, phrase_a="return to their bases")
    html = client.get(_detail_url(contradiction)).content.decode()
    assert '<mark class="hl-claim">some of the soldiers have begun to </mark>' in html
    assert (
        '<mark class="hl-claim"><mark class="hl-phrase">return to their bases</mark></mark>' in html
    )
    assert "Russia&#x27;s defense ministry had said Tuesday that" in html
    assert "A closing paragraph" not in html
    for fact in ("The Guardian", "had said", "Clyde Hughes", escape(contradiction.explanation)):
        assert fact in html


def test_detail_escapes_markup_in_statements(client):
    payload = "<script>alert(1)</script> troops return to their bases"
    statement = _statement_in_article(payload, text=f"Intro.\n\nHe said {payload} today.")
    contradiction = ContradictionFactory(statement_a=statement, phrase_a="return to their bases")
    html = client.get(_detail_url(contradiction)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    overview = client.get(OVERVIEW).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in overview
    assert "<script>alert(1)</script>" not in overview


def test_detail_with_stale_offsets_still_shows_the_words(client):
    statement = StatementFactory(content="words no longer in the article", content_start=5000)
    contradiction = ContradictionFactory(statement_a=statement)
    response = client.get(_detail_url(contradiction))
    assert response.status_code == 200
    assert (
        '<mark class="hl-claim">words no longer in the article</mark>' in response.content.decode()
    )


def test_detail_hides_review_buttons_from_anonymous_users(client):
    contradiction = ContradictionFactory()
    html = client.get(_detail_url(contradiction)).content.decode()
    assert 'value="confirmed"' not in html
    assert "csrfmiddlewaretoken" not in html


def test_editor_confirms_from_the_detail_page(editor_client, editor):
    contradiction = ContradictionFactory()
    page = editor_client.get(_detail_url(contradiction)).content.decode()
    assert 'value="confirmed"' in page and 'value="dismissed"' in page
    assert "csrfmiddlewaretoken" in page
    response = editor_client.post(
        _detail_url(contradiction), {"status": "confirmed", "note": "Both sourced."}
    )
    assert response.status_code == 302
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.CONFIRMED
    assert contradiction.reviewer == editor
    assert contradiction.note == "Both sourced."
    after = editor_client.get(response["Location"]).content.decode()
    assert "Contradiction marked confirmed." in after


def test_editor_dismisses_through_htmx_and_gets_the_review_fragment(editor_client):
    contradiction = ContradictionFactory()
    response = editor_client.post(
        _detail_url(contradiction), {"status": "dismissed"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Contradiction marked dismissed." in html
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DISMISSED


def test_review_with_an_unknown_status_is_rejected(editor_client):
    contradiction = ContradictionFactory()
    response = editor_client.post(_detail_url(contradiction), {"status": "deleted"})
    assert response.status_code == 400
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DETECTED


def test_review_is_forbidden_for_anonymous_users_and_readers(client, reader):
    contradiction = ContradictionFactory()
    assert client.post(_detail_url(contradiction), {"status": "confirmed"}).status_code == 403
    client.force_login(reader)
    assert 'value="confirmed"' not in client.get(_detail_url(contradiction)).content.decode()
    assert client.post(_detail_url(contradiction), {"status": "confirmed"}).status_code == 403
    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DETECTED


# --- Actors and topics ------------------------------------------------------


def test_actor_page_lists_statements_in_date_order_with_contradictions(client):
    actor = ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    ActorAliasFactory(actor=actor, text="NATO chief")
    ActorRoleFactory(
        person=actor, organisation=ActorFactory(name="NATO"), start=dt.date(2014, 10, 1)
    )
    undated = StatementFactory(actor=actor, said_on=None, content="Undated remark")
    late = StatementFactory(actor=actor, said_on=dt.date(2022, 2, 16), content="Later remark")
    early = StatementFactory(actor=actor, said_on=dt.date(2022, 1, 5), content="Early remark")
    contradiction = ContradictionFactory(statement_b=late)
    html = client.get(reverse("statements:actor_detail", args=["jens-stoltenberg"])).content
    html = html.decode()
    listed = html.split('id="statements-heading"', 1)[1]
    positions = [listed.index(s.content) for s in (early, late, undated)]
    assert positions == sorted(positions)
    assert "NATO chief" in html
    assert "Secretary-General" in html and "1 Oct 2014" in html and "present" in html
    assert _detail_url(contradiction) in html
    assert "1 contradiction:" in html


def test_actor_page_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    actor = ActorFactory(slug="busy-actor")
    url = reverse("statements:actor_detail", args=["busy-actor"])
    ContradictionFactory(statement_a=StatementFactory(actor=actor))
    few = _query_count(client, url)
    for _ in range(30):
        ContradictionFactory(statement_a=StatementFactory(actor=actor))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_topic_page_shows_stances_and_labels_statements(client):
    topic = TopicFactory()
    StatementFactory(topic=topic, stance="pulling back", content="Troops return to bases")
    StatementFactory(topic=topic, stance="building up", content="More troops arrive")
    response = client.get(reverse("statements:topic_detail", args=[topic.slug]))
    html = response.content.decode()
    assert "A: pulling back" in html and "B: building up" in html
    assert "<li>return to their bases</li>" in html
    assert html.count('class="badge stance-a"') == 1
    assert html.count('class="badge stance-b"') == 1
    only_b = client.get(reverse("statements:topic_detail", args=[topic.slug]) + "?stance=b")
    listed = only_b.content.decode().split('id="statements-heading"', 1)[1]
    assert "More troops arrive" in listed
    assert "Troops return to bases" not in listed


def test_topic_page_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    topic = TopicFactory()
    url = reverse("statements:topic_detail", args=[topic.slug])
    ContradictionFactory(statement_a=StatementFactory(topic=topic))
    few = _query_count(client, url)
    for _ in range(30):
        ContradictionFactory(statement_a=StatementFactory(topic=topic, stance="pulling back"))
    with django_assert_max_num_queries(few):
        client.get(url)


def test_topic_page_counts_the_statements_of_the_stance_shown(client):
    topic = TopicFactory()
    for stance in (topic.stance_a, topic.stance_a, topic.stance_b, ""):
        StatementFactory(topic=topic, stance=stance)
    url = reverse("statements:topic_detail", args=[topic.slug])
    summaries = {
        query: re.search(
            r'class="summary">(\d+) statements?,', client.get(url + query).content.decode()
        ).group(1)
        for query in ("", "?stance=a", "?stance=b", "?stance=none")
    }
    assert summaries == {"": "4", "?stance=a": "2", "?stance=b": "1", "?stance=none": "1"}


def test_busy_topic_and_actor_pages_keep_to_a_few_queries(client, django_assert_max_num_queries):
    actor = ActorFactory(slug="busy-speaker")
    topic = TopicFactory()
    EventFactory(topic=topic)
    for i in range(12):
        a = StatementFactory(actor=actor, topic=topic, stance=topic.stance_a)
        b = StatementFactory(topic=topic, stance=topic.stance_b, said_on=dt.date(2022, 3, i + 1))
        ContradictionFactory(statement_a=a, statement_b=b, topic=topic)
        ContradictionFactory(
            statement_a=StatementFactory(actor=actor, topic=topic, stance=topic.stance_b),
            statement_b=StatementFactory(actor=actor, topic=topic, stance=topic.stance_a),
            topic=topic,
            kind=Contradiction.Kind.REVERSAL,
        )
        ContradictionFactory(
            statement_a=a, statement_b=None, event=EventFactory(topic=topic), topic=topic
        )
    # Topic: topic, cache generation, stance counts, timeline (both lanes), events,
    # propositions, a page of statements, their contradictions.
    with django_assert_max_num_queries(8):
        topic_page = client.get(reverse("statements:topic_detail", args=[topic.slug]))
    # Actor: actor, aliases, roles, generation, count, topics, contradictions, reversals,
    # their claims, a page of statements, their contradictions.
    with django_assert_max_num_queries(11):
        actor_page = client.get(reverse("statements:actor_detail", args=["busy-speaker"]))
    assert topic_page.content.decode().count('class="point point-') == 48
    html = actor_page.content.decode()
    reversals = html.split('id="reversals-heading"', 1)[1].split('id="statements-heading"')[0]
    assert len(set(re.findall(r'href="/contradictions/(\d+)/"', reversals))) == 12
    listed = html.split('id="statements-heading"', 1)[1]
    assert listed.count("2 contradictions:") == 12  # each claim against b and an event
    assert listed.count("1 contradiction:") == 24  # each side of a reversal
    assert listed.count("vs event: ") == 12


def test_index_pages_list_actors_and_topics(client):
    statement = StatementFactory(actor=ActorFactory(name="Sergei Shoigu"))
    topic = TopicFactory()
    actors = client.get(reverse("statements:actor_list")).content.decode()
    assert "Sergei Shoigu" in actors
    assert reverse("statements:actor_detail", args=[statement.actor.slug]) in actors
    topics = client.get(reverse("statements:topic_list")).content.decode()
    assert topic.name in topics


@pytest.mark.parametrize(
    "url",
    ["/contradictions/987654/", "/actors/nobody-at-all/", "/topics/no-such-topic/"],
)
def test_unknown_ids_and_slugs_are_404(client, url):
    assert client.get(url).status_code == 404
