import csv
import io

import orjson

from tests.factories import ArticleFactory, ContradictionFactory, OutletFactory, StatementFactory


def test_json_is_rendered_by_orjson(api_client, db):
    StatementFactory()

    response = api_client.get("/api/v1/statements/")

    assert response["Content-Type"] == "application/json"
    assert orjson.loads(response.content)["results"][0]["said_on"] == "2022-02-16"


def test_csv_lists_flatten_nested_objects_and_neutralise_formulas(api_client, db):
    StatementFactory(content='=HYPERLINK("http://evil")', speaker_text="@admin")

    response = api_client.get("/api/v1/statements/", {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["content"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["speaker_text"] == "'@admin"
    assert rows[0]["actor.slug"]


def test_csv_errors_are_still_readable(api_client, db):
    response = api_client.get("/api/v1/statements/", {"format": "csv", "kind": "rumour"})

    assert response.status_code == 400
    assert "kind" in response.content.decode()


def test_a_statement_as_json_ld_is_a_schema_org_claim(api_client, db):
    statement = StatementFactory(article=ArticleFactory(outlet=OutletFactory(name="Reuters")))

    response = api_client.get(
        f"/api/v1/statements/{statement.pk}/", HTTP_ACCEPT="application/ld+json"
    )

    assert response["Content-Type"].startswith("application/ld+json")
    claim = orjson.loads(response.content)
    assert claim["@context"] == "https://schema.org"
    assert claim["@type"] == "Claim"
    assert claim["text"] == statement.content
    assert claim["author"] == {
        "@type": "Person",
        "name": statement.actor.name,
        "identifier": statement.actor.slug,
    }
    assert claim["datePublished"] == "2022-02-16"
    assert claim["appearance"]["url"] == statement.article.url
    assert claim["appearance"]["publisher"]["name"] == "Reuters"


def test_a_statement_list_as_json_ld_is_an_item_list_of_claims(api_client, db):
    StatementFactory.create_batch(2)

    doc = orjson.loads(api_client.get("/api/v1/statements/", {"format": "jsonld"}).content)

    assert doc["@type"] == "ItemList"
    assert [c["@type"] for c in doc["itemListElement"]] == ["Claim", "Claim"]


def test_a_contradiction_as_json_ld_is_a_pair_of_claims_with_the_kind(api_client, db):
    contradiction = ContradictionFactory()

    doc = orjson.loads(
        api_client.get(f"/api/v1/contradictions/{contradiction.pk}/", {"format": "jsonld"}).content
    )

    assert doc["additionalType"] == "opposite_direction"
    assert [c["@type"] for c in doc["itemListElement"]] == ["Claim", "Claim"]
    texts = {c["text"] for c in doc["itemListElement"]}
    assert texts == {contradiction.statement_a.content, contradiction.statement_b.content}


def test_json_ld_errors_stay_plain(api_client, db):
    response = api_client.get("/api/v1/statements/999999/", {"format": "jsonld"})

    assert response.status_code == 404
    assert "detail" in orjson.loads(response.content)


def test_errors_are_json_whatever_format_was_asked(api_client, db):
    as_csv = api_client.get("/api/v1/statements/", {"format": "csv", "kind": "rumour"})
    as_jsonld = api_client.get("/api/v1/statements/999999/", HTTP_ACCEPT="application/ld+json")

    for response in (as_csv, as_jsonld):
        assert response["Content-Type"] == "application/json"
    assert list(orjson.loads(as_csv.content)) == ["kind"]
    assert "detail" in orjson.loads(as_jsonld.content)


def test_a_write_answers_json_even_when_csv_is_accepted(editor_api_client):
    statement = StatementFactory()

    response = editor_api_client.patch(
        f"/api/v1/statements/{statement.pk}/",
        {"content": "Corrected words"},
        format="json",
        HTTP_ACCEPT="text/csv, application/ld+json",
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert orjson.loads(response.content)["content"] == "Corrected words"
