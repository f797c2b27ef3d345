"""The analyst dashboard in a real browser: navigation, htmx filtering, exports, search,
and hostile statement text that must show as text and never run."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.factories import ActorFactory, ContradictionFactory, StatementFactory, TopicFactory

# serialized_rollback restores the editors group (a data migration) after each flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def data():
    troops = TopicFactory()
    gas = TopicFactory(name="Gas transit through Ukraine", slug="gas-transit")
    mod = ActorFactory(name="Russian Defense Ministry", slug="russian-mod")
    jens = ActorFactory(name="Jens Stoltenberg", slug="jens-stoltenberg")
    posture = ContradictionFactory(
        topic=troops,
        statement_a=StatementFactory(
            actor=mod, content="Some units return to their bases after the drills " + SCRIPT
        ),
        statement_b=StatementFactory(
            actor=jens, content="Russia continues the military buildup " + IMG
        ),
    )
    transit = ContradictionFactory(
        topic=gas,
        statement_a=StatementFactory(content="Gas transit will continue as agreed."),
        statement_b=StatementFactory(content="Gas transit will stop next year."),
        phrase_a="continue",
        phrase_b="stop",
    )
    return {"posture": posture, "transit": transit, "mod": mod, "gas": gas}


def _hostile_text_shown_not_run(page):
    expect(page.get_by_text(SCRIPT).first).to_be_visible()
    expect(page.get_by_text(IMG).first).to_be_visible()
    assert page.locator("main script").count() == 0
    assert page.locator("main img").count() == 0


def test_overview_filter_and_side_by_side(page, data):
    page.goto("/")
    expect(page.get_by_role("heading", name="Contradictions", level=1)).to_be_visible()
    expect(page.locator("article.contradiction")).to_have_count(2)
    _hostile_text_shown_not_run(page)

    # Filtering goes through htmx: the results swap in place and the URL follows.
    page.get_by_label("Topic", exact=True).select_option(label="Gas transit through Ukraine")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(rf"topic={data['gas'].pk}"))
    expect(page.locator("article.contradiction")).to_have_count(1)
    expect(page.get_by_text("Gas transit will stop next year.")).to_be_visible()
    expect(page.get_by_text("1 contradiction match these filters")).to_be_visible()

    page.get_by_label("Topic", exact=True).select_option(label="Any topic")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("article.contradiction")).to_have_count(2)
    page.locator("#results").get_by_role("link", name=f"#{data['posture'].pk} ·").click()
    expect(page).to_have_url(re.compile(rf"/contradictions/{data['posture'].pk}/$"))
    expect(page.locator(".claim")).to_have_count(2)
    _hostile_text_shown_not_run(page)
    page.problems.assert_none()


def test_actor_page(page, data):
    page.goto("/")
    page.get_by_role("link", name="Russian Defense Ministry").first.click()
    expect(page).to_have_url(re.compile(r"/actors/russian-mod/$"))
    expect(page.get_by_role("heading", name="Russian Defense Ministry", level=1)).to_be_visible()
    expect(page.get_by_text(SCRIPT).first).to_be_visible()
    feed = page.get_by_role("link", name=re.compile("Atom feed of contradictions involving"))
    response = page.request.get(feed.get_attribute("href"))
    assert response.ok and "<feed" in response.text()
    page.problems.assert_none()


def test_export_csv_download(page, data):
    page.goto(f"/?topic={data['gas'].pk}")
    with page.expect_download() as info:
        page.get_by_role("link", name="CSV").click()
    download = info.value
    assert download.suggested_filename == "gainsay-contradictions.csv"
    with open(download.path(), encoding="utf-8") as fh:
        rows = list(csv.DictReader(io.StringIO(fh.read())))
    assert [int(r["id"]) for r in rows] == [data["transit"].pk]
    page.problems.assert_none()


def test_search(page, data):
    page.goto("/")
    page.get_by_role("link", name="Search").click()
    page.get_by_label("Search").fill("military buildup")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search\?q=military\+buildup"))
    expect(page.locator("mark.hl-search").first).to_have_text(re.compile("military", re.I))
    expect(page.get_by_text("1 statement match")).to_be_visible()
    # Actors by name, with a typo.
    page.get_by_label("Search").fill("Stoltenburg")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".actor-matches a")).to_have_text(["Jens Stoltenberg"])
    # Hostile statements found by search are text, too.
    page.get_by_label("Search").fill("drills")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("alert(1)")).to_be_visible()
    assert page.locator("main script").count() == 0
    # An over-long query is a message, not an error page.
    page.goto("/search?q=" + "x" * 201)
    expect(page.get_by_role("alert")).to_contain_text("too long")
    assert page.problems.dialogs == [] and page.problems.page_errors == []
