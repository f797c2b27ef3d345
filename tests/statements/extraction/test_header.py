from datetime import date

from statements.extraction import extract_statements, parse_article_header


def test_it_recognises_a_dateline_from_any_agency_so_its_date_is_not_the_date_said():
    text = (
        "Feb. 16 (Wire) -- Russia's defense ministry said on Tuesday that some units have "
        "begun to return to their bases after drills near the border.\n"
    )

    header = parse_article_header(text)
    [statement] = extract_statements(text, published=date(2022, 2, 16))

    assert (0, len("Feb. 16 (Wire) -- ")) in header.boilerplate
    assert statement.said_on == date(2022, 2, 15)
    assert statement.date_text == "on Tuesday"


def test_a_parenthesis_inside_a_sentence_is_not_a_dateline():
    text = "Officials (including the minister) -- and others -- said on Monday that talks go on."

    assert parse_article_header(text).boilerplate == []
