"""Quotations set off with single marks, as British news writes them (quotes.py)."""

from statements.extraction.quotes import find_quotes
from statements.extraction.text_utils import paragraphs

from .support import only_statement_about


def _quotations(text):
    return [
        [text[s:e] for s, e in group.segments]
        for group in find_quotes(text, list(paragraphs(text)))
    ]


def test_an_article_quoting_with_single_marks_has_quotations():
    text = (
        "\u2018Russia continues the military buildup,\u2019 Stoltenberg said.\n\n"
        "Calderon called the wall \u2018stupid\u2019, officials said.\n"
    )
    assert _quotations(text) == [
        ["\u2018Russia continues the military buildup,\u2019"],
        ["\u2018stupid\u2019"],
    ]


def test_an_apostrophe_closes_no_single_mark_quotation():
    text = (
        "\u2018We don\u2019t accept the ministers\u2019 claims about the drills,\u2019 "
        "Kuleba said.\n"
    )
    assert _quotations(text) == [
        ["\u2018We don\u2019t accept the ministers\u2019 claims about the drills,\u2019"]
    ]


def test_a_single_mark_quotation_runs_on_into_a_paragraph_reopening_it():
    text = (
        "Stoltenberg said: \u2018We have not seen any withdrawal.\n\n"
        "\u2018On the contrary, the buildup continues.\u2019\n"
    )
    assert _quotations(text) == [
        [
            "\u2018We have not seen any withdrawal.",
            "\u2018On the contrary, the buildup continues.\u2019",
        ]
    ]


def test_an_opening_mark_inside_a_sentence_left_open_is_no_quotation():
    # An apostrophe set the wrong way round.
    assert _quotations("The band played hits from the \u201890s, Scholz said.\n") == []


def test_where_double_marks_quote_single_marks_are_no_quotations():
    # US style: single marks set off headline words and quotes within quotes.
    text = "Trump: Clinton \u2018Not Fit\u2019 to Lead\n\n\u201cShe is not fit,\u201d Trump said.\n"
    assert _quotations(text) == [["\u201cShe is not fit,\u201d"]]


def test_a_single_mark_quotation_is_a_direct_quote_joined_around_its_attribution(extract):
    text = (
        "\u2018Russia continues the military buildup,\u2019 Stoltenberg told reporters. "
        "\u2018We have not seen any withdrawal.\u2019\n"
    )
    st = only_statement_about(extract(text), "military buildup")
    assert st.actor == "Jens Stoltenberg"
    assert st.kind == "direct_quote"
    assert [text[a:b] for a, b in st.segments] == [
        "\u2018Russia continues the military buildup,\u2019",
        "\u2018We have not seen any withdrawal.\u2019",
    ]


def test_straight_single_marks_quote_as_curly_ones_do(extract):
    # Typed on a keyboard, British quotation marks are straight; the parser read
    # "'Troops are moving away,' Truss told the BBC" with no report in it at all.
    text = (
        "'Troops are moving away,' Truss told the BBC. 'That is not what we see.'\n\n"
        "Johnson said it was 'deeply concerning' that Russia's troops hadn't left.\n"
    )

    truss, johnson = extract(text)

    assert (truss.speaker.text, truss.kind) == ("Truss", "direct_quote")
    # The statement keeps the article's own marks.
    assert [text[s:e] for s, e in truss.segments] == [
        "'Troops are moving away,'",
        "'That is not what we see.'",
    ]
    assert johnson.content.text == ("it was 'deeply concerning' that Russia's troops hadn't left")
