"""Quotations introduced with a colon belong to the report that introduces them."""

from .support import only_statement_about


def test_a_quote_after_a_colon_is_the_introducing_speakers(extract):
    text = (
        "A reporter asked Peskov how the talks were going. "
        "He replied: “The longer they talk, the better we feel.”"
    )
    st = only_statement_about(extract(text), "the better we feel")
    assert (st.speaker.text, st.cue.text) == ("He", "replied")
    assert st.actor == "Dmitry Peskov"


def test_a_colon_at_a_paragraph_end_introduces_the_next_paragraphs_quote(extract):
    text = (
        "Peskov said Moscow had no plans to invade.\n\n"
        "Stoltenberg continued:\n\n"
        "“So far, we have not seen any de-escalation on the ground. On the contrary, "
        "it appears that Russia continues the military buildup.”"
    )
    st = only_statement_about(extract(text), "military buildup")
    assert (st.speaker.text, st.cue.text) == ("Stoltenberg", "continued")


def test_the_colon_belongs_to_the_verb_it_closes_not_the_sentence_root(extract):
    text = (
        "When asked about the drills, Stoltenberg responded in a statement: "
        "“Russia continues the military buildup.”"
    )
    st = only_statement_about(extract(text), "military buildup")
    assert (st.speaker.text, st.cue.text) == ("Stoltenberg", "responded")


def test_a_statement_released_with_a_colon_is_its_issuers(extract):
    text = (
        "Russia's defense ministry said some units were returning to their bases.\n\n"
        "NATO released the following statement:\n\n"
        "“Allies remain concerned that Russia continues the military buildup near Ukraine.”"
    )
    st = only_statement_about(extract(text), "Allies remain concerned")
    assert (st.speaker.text, st.cue.text) == ("NATO", "released")


def test_an_opening_mark_left_on_the_sentence_before_does_not_hand_it_the_quote(extract):
    # The sentence splitter leaves the opening '' on "painted ... picture.", where the
    # tagger marks it as content; the quotation is still the words of "he said".
    text = (
        "The minister spoke for ten minutes. But Mr. Peskov painted a different picture. "
        "''The troops are returning to their bases after the drills in Belarus,'' he said."
    )
    statements = extract(text)
    quote = only_statement_about(statements, "returning to their bases")
    assert (quote.speaker.text, quote.cue.text) == ("he", "said")
    painted = [s for s in statements if s.cue.text == "painted"]
    assert all("troops" not in s.content.text for s in painted)
