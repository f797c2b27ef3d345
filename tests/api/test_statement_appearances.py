"""The API shows where each statement's words appeared: in the detail, and in lists on request."""

import csv
import datetime as dt
import io

import orjson

from statements.selectors.api import statement_detail
from statements.serializers import StatementDetailSerializer
from tests.factories import statement_carried_by

FEB = dt.datetime(2022, 2, 15, 9, 10, tzinfo=dt.UTC)


def test_a_statement_detail_lists_its_appearances_earliest_first(api_client, db):
    # Recorded in the order seen; the Tass copy was published earlier than the wire's.
    statement = statement_carried_by(
        ("Wire", FEB + dt.timedelta(hours=3)), ("Tass", FEB), ("Gazette", None)
    )

    body = api_client.get(f"/api/v1/statements/{statement.pk}/").json()

    appearances = body["appearances"]
    assert [a["outlet"] for a in appearances] == ["Tass", "Wire", "Gazette"]
    assert appearances[0]["published_at"] == "2022-02-15T09:10:00Z"
    assert body["first_seen_at"] == "2022-02-15T09:10:00Z"
    assert (body["appearance_count"], body["outlet_count"]) == (3, 3)
    for appearance in appearances:
        article = statement.appearances.get(pk=appearance["id"]).article
        assert appearance["article"]["id"] == article.pk
        assert appearance["article"]["outlet"] == appearance["outlet"]
        start, end = appearance["content_start"], appearance["content_end"]
        assert article.text[start:end] == appearance["content"]
        assert appearance["seen_at"]


def test_the_detail_costs_the_same_queries_however_many_appearances(
    api_client, db, django_assert_max_num_queries
):
    few = statement_carried_by(("A", FEB), ("B", FEB))
    many = statement_carried_by(*[(f"Outlet {n}", FEB) for n in range(12)], words="Other words")

    with django_assert_max_num_queries(3):
        assert len(api_client.get(f"/api/v1/statements/{few.pk}/").json()["appearances"]) == 2
    with django_assert_max_num_queries(3):
        assert len(api_client.get(f"/api/v1/statements/{many.pk}/").json()["appearances"]) == 12


def test_lists_embed_appearances_on_request_as_the_detail_shows_them(
    api_client, db, django_assert_max_num_queries
):
    statements = [
        statement_carried_by(("A", FEB), ("B", FEB + dt.timedelta(days=1)), words=f"Words {n}")
        for n in range(5)
    ]

    plain = api_client.get("/api/v1/statements/").json()["results"]
    assert all("appearances" not in row for row in plain)

    with django_assert_max_num_queries(3):
        embedded = api_client.get("/api/v1/statements/", {"embed": "appearances"}).json()
    rows = {row["id"]: row for row in embedded["results"]}
    assert set(rows) == {s.pk for s in statements}
    for statement in statements:
        expected = StatementDetailSerializer(statement_detail().get(pk=statement.pk)).data
        # As rendered to JSON (dates as text), both ways.
        expected = orjson.loads(orjson.dumps(expected, option=orjson.OPT_UTC_Z))
        assert rows[statement.pk]["appearances"] == expected["appearances"]
        assert [a["outlet"] for a in rows[statement.pk]["appearances"]] == ["A", "B"]


def test_embedded_appearances_fit_in_one_csv_column(api_client, db):
    statement_carried_by(("Wire", FEB), ("Tass", FEB))

    response = api_client.get("/api/v1/statements/", {"embed": "appearances", "format": "csv"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    appearances = orjson.loads(rows[0]["appearances"])
    assert [a["outlet"] for a in appearances] == ["Wire", "Tass"]


def test_an_unknown_embed_is_a_400_naming_the_choices(api_client, db):
    response = api_client.get("/api/v1/statements/", {"embed": "everything"})

    assert response.status_code == 400
    assert "appearances" in response.json()["embed"][0]


def test_json_ld_gives_every_appearance_as_a_news_article(api_client, db):
    statement = statement_carried_by(("Wire", FEB), ("Tass", FEB + dt.timedelta(hours=1)))

    doc = api_client.get(f"/api/v1/statements/{statement.pk}/", {"format": "jsonld"}).json()

    publishers = [a["publisher"]["name"] for a in doc["appearance"]]
    assert publishers == ["Wire", "Tass"]
    assert {a["@type"] for a in doc["appearance"]} == {"NewsArticle"}


def test_the_schema_documents_appearances_and_the_embed_option(api_client, db):
    import yaml

    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    assert "appearances" in components["StatementDetail"]["required"]
    assert set(components["StatementAppearance"]["properties"]) >= {
        "article",
        "outlet",
        "content_start",
        "content_end",
        "published_at",
        "seen_at",
    }
    listed = components["StatementListItem"]
    assert "appearances" in listed["properties"]
    assert "appearances" not in listed["required"]
    parameters = schema["paths"]["/api/v1/statements/"]["get"]["parameters"]
    embed = next(p for p in parameters if p["name"] == "embed")
    assert embed["schema"]["enum"] == ["appearances"]
