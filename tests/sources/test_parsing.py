import datetime as dt
import re

import pytest

from sources.parsing import (
    IngestInputError,
    decode_bytes,
    from_html,
    from_json,
    from_plain_text,
    parse_published,
)
from tests.sources.conftest import ARTICLE_HTML


def test_it_rejects_empty_input():
    with pytest.raises(IngestInputError, match="is empty"):
        decode_bytes(b"  \n ")


def test_it_rejects_text_that_is_not_utf8():
    with pytest.raises(IngestInputError, match="not valid UTF-8"):
        decode_bytes("Déclaration du ministère".encode("latin-1"))


def test_it_rejects_binary_content():
    with pytest.raises(IngestInputError, match="binary"):
        decode_bytes(b"PK\x03\x04\x00\x00binary")


def test_it_strips_a_utf8_byte_order_mark():
    assert decode_bytes("\ufeffHello".encode()) == "Hello"


def test_it_keeps_one_kind_of_line_end_whatever_system_saved_the_file():
    windows = from_plain_text(
        "NATO warns Moscow\r\n\r\nStoltenberg said the buildup\r\ncontinues.\r\n"
    )
    old_mac = from_plain_text("NATO warns Moscow\r\rStoltenberg said the buildup\rcontinues.\r")
    assert windows.text == "NATO warns Moscow\n\nStoltenberg said the buildup\ncontinues.\n"
    assert old_mac.text == windows.text
    assert windows.title == "NATO warns Moscow"


def test_it_stores_a_word_processor_s_line_and_paragraph_breaks_as_newlines():
    article = from_plain_text(
        "NATO warns Moscow\u2029Stoltenberg said the buildup\u2028continues.\x0c"
        "Lavrov said the troops\x0bwere leaving.\x85"
    )
    assert article.text == (
        "NATO warns Moscow\n\nStoltenberg said the buildup\ncontinues.\n\n"
        "Lavrov said the troops\nwere leaving.\n"
    )
    assert article.title == "NATO warns Moscow"


def test_it_reads_a_date_as_midnight_utc():
    assert parse_published("2022-02-16") == dt.datetime(2022, 2, 16, tzinfo=dt.UTC)


def test_it_explains_an_unparseable_published_date():
    with pytest.raises(IngestInputError, match="not an ISO date"):
        parse_published("16/02/2022")


def test_it_extracts_the_main_text_and_metadata_from_html():
    article = from_html(ARTICLE_HTML.decode(), url="https://news.example/a")

    assert "return to\ntheir bases" in article.text or "return to their bases" in article.text
    assert "Copyright" not in article.text
    assert article.title == "Moscow says troops pull back"
    assert article.author == "Jane Reporter"


def test_it_says_when_html_has_no_article_text():
    with pytest.raises(IngestInputError, match="No article text"):
        from_html("<html><body><nav>Home</nav></body></html>")


def test_it_reads_json_lines_with_their_metadata():
    payload = (
        '{"url": "https://a.example/1", "title": "One", "outlet": "UPI", '
        '"published": "2022-02-16", "text": "Officials said talks continue."}\n'
        '{"title": "Two", "text": "Moscow said troops pulled back."}\n'
    )

    articles = from_json(payload, lines=True)

    assert all(not isinstance(a, IngestInputError) for a in articles)
    assert [a.title for a in articles] == ["One", "Two"]
    assert articles[0].outlet == "UPI"
    assert articles[0].published == dt.datetime(2022, 2, 16, tzinfo=dt.UTC)


def test_it_points_at_the_position_of_malformed_json():
    with pytest.raises(IngestInputError, match="Malformed JSON: .* line 1, column"):
        from_json('{"text": "unterminated')


def test_it_rejects_json_with_no_articles():
    with pytest.raises(IngestInputError, match="holds no articles"):
        from_json("[]")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("[1, 2]", "Item 1 is not a JSON object"),
        ('[{"title": "No text"}]', "Item 1 has no text"),
        ('[{"text": "Said it.", "url": 5}]', "'url' must be a string"),
    ],
)
def test_it_returns_the_error_of_each_json_item_without_what_an_article_needs(payload, message):
    first = from_json(payload)[0]

    assert isinstance(first, IngestInputError)
    assert re.search(message, str(first))


def test_flags_override_what_was_read_from_the_input():
    [article] = from_json('{"title": "From JSON", "text": "Officials said so."}', title="Flag")

    assert article.title == "Flag"
