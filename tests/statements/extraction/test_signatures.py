"""Quotations signed with a dash, as reader round-ups and fact-checks print them."""

from .support import only_statement_about


def test_each_signed_line_goes_to_its_signer(extract):
    text = (
        "Readers told us what they made of the debate.\n"
        "“He represents our greatest shame. He states things he cannot prove.” ― Sonya Herridge\n"
        "“I’m so ashamed to be an American. How did we get this low?”\u00a0― Jacklyn Ashley\u00a0\n"
    )
    statements = extract(text)
    sonya = only_statement_about(statements, "greatest shame")
    assert sonya.speaker.text == "Sonya Herridge"
    assert sonya.content.text.startswith("“He represents")
    assert sonya.content.text.endswith("cannot prove.”")
    assert sonya.cue.text == "―"
    assert sonya.kind == "direct_quote"
    # The next line's quotation is Jacklyn Ashley's, not a continuation of Sonya's,
    # and "He states" inside the quotation is part of what she said.
    assert "ashamed" not in sonya.content.text
    assert only_statement_about(statements, "ashamed").speaker.text == "Jacklyn Ashley"
    assert all(s.cue.text != "states" for s in statements)


def test_a_dash_sharing_a_token_with_the_closing_mark_still_signs(extract):
    text = "“He makes blanket statements about people he knows nothing about.”― Pamela Padilla"
    (st,) = extract(text)
    assert st.speaker.text == "Pamela Padilla"
    assert st.cue.text == "―"
    assert st.content.text.endswith("about.”")


def test_a_signature_on_its_own_line_signs_the_quotation_above(extract):
    text = (
        "The senator repeated a familiar line.\n\n"
        '"Almost all new income and wealth is going to the top 1 percent."\n\n'
        "- Bernie Sanders.\n\n"
        "The claim rests on figures from 2012."
    )
    signed = only_statement_about(extract(text), "top 1 percent")
    assert signed.speaker.text == "Bernie Sanders"
    assert signed.cue.text == "-"


def test_a_reporters_byline_after_a_quote_inside_a_sentence_signs_nothing(extract):
    text = (
        'Rajoy said he would "try to form a stable government" and insisted that his party '
        'was "still the No. 1 force in Spain."--Kim Hjelmgaard.'
    )
    statements = extract(text)
    assert statements
    assert all(s.speaker is None or "Hjelmgaard" not in s.speaker.text for s in statements)
    assert all(s.cue.text != "--" for s in statements)


def test_a_byline_under_a_paragraph_that_is_not_a_quotation_signs_nothing(extract):
    text = (
        "The measure stalled in the Senate after a similar compromise failed.\n\n"
        "- Amber Phillips.\n"
    )
    assert all(s.cue.text != "-" for s in extract(text))
