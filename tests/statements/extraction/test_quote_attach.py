"""Quotations introduced with a colon belong to the report that introduces them."""

import pytest

from .support import only_statement_about


def test_a_quote_after_a_colon_is_the_introducing_speakers(extract):
    text = (
        "A reporter asked Peskov how the talks were going. "
        "He replied: “The longer they talk, the better we feel.”"
    )
    st = only_statement_about(extract(text), "the better we feel")
    assert (st.speaker.text, st.cue.text) == ("He", "replied")
    assert st.actor == "Dmitry Peskov"


@pytest.mark.parametrize(
    ("text", "phrase", "speaker", "cue"),
    [
        pytest.param(
            "Peskov said Moscow had no plans to invade.\n\n"
            "Stoltenberg continued:\n\n"
            "“So far, we have not seen any de-escalation on the ground. On the contrary, "
            "it appears that Russia continues the military buildup.”",
            "military buildup",
            "Stoltenberg",
            "continued",
            id="the colon ends the paragraph before the quotation",
        ),
        pytest.param(
            "When asked about the drills, Stoltenberg responded in a statement: "
            "“Russia continues the military buildup.”",
            "military buildup",
            "Stoltenberg",
            "responded",
            id="the verb the colon hangs from, not the sentence root",
        ),
        pytest.param(
            "Russia's defense ministry said some units were returning to their bases.\n\n"
            "NATO released the following statement:\n\n"
            "“Allies remain concerned that Russia continues the military buildup near Ukraine.”",
            "Allies remain concerned",
            "NATO",
            "released",
            id="a verb whose object is a statement",
        ),
    ],
)
def test_a_colon_gives_the_quotation_to_the_verb_it_closes(extract, text, phrase, speaker, cue):
    st = only_statement_about(extract(text), phrase)
    assert (st.speaker.text, st.cue.text) == (speaker, cue)


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
