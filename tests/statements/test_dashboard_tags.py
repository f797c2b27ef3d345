"""The dashboard's template tags that replaced per-row includes and {% url %} calls."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse

from statements.templatetags.dashboard import claim, claims, detail_url, seen
from tests.factories import ContradictionFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "arg"),
    [
        ("statements:contradiction_detail", 7),
        ("statements:statement_detail", 1234567),
        ("statements:actor_detail", "jens-stoltenberg"),
        ("statements:topic_detail", "troops_2022"),
        ("statements:ingest_job", 0),
    ],
)
def test_detail_urls_are_what_reverse_gives(name, arg):
    assert detail_url(name, arg) == reverse(name, args=[arg])


def test_detail_urls_reverse_each_route_once(monkeypatch):
    from statements.templatetags import dashboard

    detail_url("statements:actor_detail", "warm-up")
    detail_url("statements:statement_detail", 1)

    def no_reverse(*args, **kwargs):
        raise AssertionError("reverse() called again")

    monkeypatch.setattr(dashboard, "reverse", no_reverse)
    assert detail_url("statements:actor_detail", "jens-stoltenberg") == "/actors/jens-stoltenberg/"
    assert detail_url("statements:actor_detail", "2022") == "/actors/2022/"
    assert detail_url("statements:statement_detail", 42) == "/statements/42/"


def test_detail_urls_follow_the_script_prefix():
    from django.urls import set_script_prefix

    set_script_prefix("/gainsay/")
    try:
        assert detail_url("statements:statement_detail", 5) == "/gainsay/statements/5/"
    finally:
        set_script_prefix("/")
    assert detail_url("statements:statement_detail", 5) == "/statements/5/"


def test_odd_arguments_get_djangos_own_answer():
    # Not a plain slug or a non-negative int: reverse() decides, as {% url %} would.
    with pytest.raises(NoReverseMatch):
        detail_url("statements:actor_detail", "not a slug/../x")
    with pytest.raises(NoReverseMatch):
        detail_url("statements:statement_detail", -1)
    assert detail_url("statements:statement_detail", "12") == "/statements/12/"
    with pytest.raises(NoReverseMatch):
        detail_url("statements:overview", 1)  # no argument at all


@override_settings(TIME_ZONE="Europe/Berlin")
def test_seen_says_when_and_where_in_local_time():
    s = StatementFactory.build(
        first_seen_at=dt.datetime(2022, 2, 15, 9, 10, tzinfo=dt.UTC),
        outlet_count=2,
        appearance_count=3,
    )
    assert str(seen(s)) == (
        '<p class="seen">First seen <time datetime="2022-02-15T10:10:00+01:00">'
        "15 Feb 2022, 10:10</time> · 2 outlets (3 appearances)</p>"
    )
    s.outlet_count = s.appearance_count = 1
    assert str(seen(s)).endswith("· 1 outlet</p>")
    s.first_seen_at = None
    assert str(seen(s)) == ""


def test_claims_are_both_statements_or_the_one_an_event_contradicts():
    c = ContradictionFactory(phrase_a="pull back", phrase_b="build up")
    assert claims(c) == [(c.statement_a, "pull back", "A"), (c.statement_b, "build up", "B")]
    c.statement_b = None
    assert claims(c) == [(c.statement_a, "pull back", "A")]


def test_rows_escape_the_words_of_both_claims(client):
    c = ContradictionFactory(
        statement_a=StatementFactory(content="<script>alert(1)</script> troops return"),
        statement_b=StatementFactory(content="<img src=x onerror=alert(1)> buildup"),
    )
    html = client.get(reverse("statements:actor_detail", args=[c.statement_a.actor.slug]))
    body = html.content.decode()
    assert "<script>alert(1)" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert f'href="/contradictions/{c.pk}/"' in body


@pytest.mark.django_db
def test_a_claim_escapes_its_text_and_marks_the_opposing_phrase():
    statement = StatementFactory(
        actor=None,
        speaker_text='<img src=x onerror="alert(1)">',
        content="Troops <b>pull back</b> from the border",
        said_on=dt.date(2022, 2, 16),
    )
    html = str(claim(statement, "from the border", "B"))
    assert html.startswith('<section class="claim claim-b" aria-label="Claim B">')
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    assert "&lt;b&gt;pull back&lt;/b&gt;" in html
    assert '<mark class="hl-phrase">from the border</mark>' in html
    assert '<time datetime="2022-02-16">16 Feb 2022</time> · Paraphrase' in html
