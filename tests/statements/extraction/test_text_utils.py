"""Paragraphs of an article's text (statements/extraction/text_utils.py)."""

import pytest

from statements.extraction import text_utils
from statements.extraction.text_utils import (
    paragraph_text,
    paragraphs,
    reading_text,
    within_limit,
)

WRAPPED = (
    "NATO says Russia continues buildup near Ukraine\n"
    "By John Smith\n"
    "Feb. 16, 2022\n"
    "\n"
    "NATO Secretary-General Jens Stoltenberg said on Wednesday that Russia\n"
    "continues the military buildup along the border with Ukraine, despite\n"
    "claims from Moscow that troops were returning to their bases.\n"
    "\n"
    "The Russian defense ministry said some units had completed their\n"
    "exercises and were heading back to their garrisons. Officials said\n"
    "Moscow wanted talks.\n"
)


def _texts(text):
    return [text[start:end] for start, end in paragraphs(text)]


def test_each_line_of_a_web_article_is_a_paragraph():
    text = (
        "Russia says troops pull back\n"
        "Stoltenberg said Russia continues the buildup.\n"
        "Lavrov denied it.\n"
    )
    assert _texts(text) == [
        "Russia says troops pull back",
        "Stoltenberg said Russia continues the buildup.",
        "Lavrov denied it.",
    ]


@pytest.mark.parametrize(
    ("text", "first_ends"),
    [
        (
            "Obama, who has denounced the attack as both an act of terrorism and a hate\n"
            "crime, reiterated his frustration over the easy availability of guns in America "
            "and the failure of Congress to pass any gun control measures in more than two "
            "decades.\nThe massacre put pressure on Congress to act.\n",
            "in more than two decades.",
        ),
        (
            "Tanks, field hospitals and what the ministry in Moscow has for weeks called its\n"
            '"purely defensive" exercises were seen near Belgorod on Thursday, about 40 miles '
            "from the frontier with Ukraine, by reporters on the road to Kharkiv.\n"
            "Lavrov denied it.\n",
            "on the road to Kharkiv.",
        ),
    ],
    ids=["bare", "quoted"],
)
def test_a_line_break_before_a_lowercase_word_quoted_or_not_is_inside_a_sentence(text, first_ends):
    paras = _texts(text)
    assert len(paras) == 2
    assert paras[0].endswith(first_ends)


def test_a_word_processor_s_manual_line_break_inside_a_sentence_is_inside_it():
    text = (
        "Stoltenberg said on Wednesday that Russia\u2028continues the buildup.\u2029"
        "Lavrov said the troops\x0bwere leaving\n\x0cthe ministry's page two began.\n"
    )
    paras = list(paragraphs(text))
    assert [text[s:e] for s, e in paras][:2] == [
        "Stoltenberg said on Wednesday that Russia\u2028continues the buildup.",
        "Lavrov said the troops\x0bwere leaving",
    ]
    assert len(paras) == 3  # a page break ends a paragraph, whatever follows it
    assert paragraph_text(text, *paras[1]) == "Lavrov said the troops were leaving"


def test_a_sentence_ended_on_a_line_is_not_continued_by_a_lowercase_line():
    text = '"We will not back down."\nthe minister said nothing more.\n'
    assert len(_texts(text)) == 2


def test_hard_wrapped_paragraphs_are_joined_but_heading_lines_are_not():
    assert _texts(WRAPPED) == [
        "NATO says Russia continues buildup near Ukraine",
        "By John Smith",
        "Feb. 16, 2022",
        WRAPPED[WRAPPED.index("NATO Secretary") : WRAPPED.index("bases.") + 6],
        WRAPPED[WRAPPED.index("The Russian") : WRAPPED.index("talks.") + 6],
    ]


def test_a_short_line_before_a_capital_is_not_wrapped_into_the_next():
    # Wrapped text, but "Officials said" would have left room for "Moscow": the
    # line ended there on purpose (a list, a signature).
    text = (
        "The ministry said some units had completed their exercises and\n"
        "were heading back to their garrisons near the border with Ukraine\n"
        "Officials said\n"
        "Moscow wanted talks.\n"
    )
    assert _texts(text)[-1] == "Moscow wanted talks."


def test_a_paragraph_reads_as_one_line_at_the_same_offsets():
    (start, end), *_ = [p for p in paragraphs(WRAPPED) if WRAPPED[p[0]] == "N"][1:]
    read = paragraph_text(WRAPPED, start, end)
    assert "\n" not in read
    assert len(read) == end - start
    assert read.index("continues") == WRAPPED[start:end].index("continues")


def test_the_rules_read_breaks_inside_a_paragraph_as_spaces_and_keep_those_between():
    paras = list(paragraphs(WRAPPED))
    read = reading_text(WRAPPED, paras)
    assert len(read) == len(WRAPPED)
    assert [read[s:e] for s, e in paras] == [paragraph_text(WRAPPED, s, e) for s, e in paras]
    # Headings, byline and paragraphs still end on their own line breaks.
    between = [
        i for i, c in enumerate(WRAPPED) if c == "\n" and not any(s <= i < e for s, e in paras)
    ]
    assert [i for i, c in enumerate(read) if c == "\n"] == between
    assert "Russia\ncontinues" in WRAPPED
    assert "Russia continues" in read


# Wrapped at 72 columns: the third line broke before the quotation because its first
# word did not fit, in the middle of a sentence that quotes no one.
WRAPPED_PHRASE = (
    "Jens Stoltenberg said on Wednesday that Russia continues the military\n"
    "buildup near the border with Ukraine. On Thursday morning, dozens of new\n"
    "tanks, artillery pieces, field hospitals and several other pieces of the\n"
    '"heaviest equipment the Russian army owns" were seen near Belgorod,\n'
    "about 40 miles from the frontier, by reporters on the road to Kharkiv.\n"
)


def test_a_quotation_wrapped_onto_a_new_line_mid_sentence_is_not_the_last_speaker_s(extract):
    statements = extract(WRAPPED_PHRASE)
    (report,) = statements
    assert report.actor == "Jens Stoltenberg"
    assert report.content.text.endswith("border with Ukraine")
    assert not any("heaviest" in s.content.text for s in statements)


def test_a_quotation_opening_a_wrapped_paragraph_still_continues_the_last_speaker(extract):
    text = (
        "Jens Stoltenberg said on Wednesday that Russia continues the military\n"
        "buildup near the border with Ukraine, despite claims of a withdrawal.\n"
        '"We have not seen any withdrawal of troops or of heavy equipment so far,\n'
        'and we remain concerned about the scale of the buildup near Belgorod."\n'
    )
    (report,) = extract(text)
    assert report.actor == "Jens Stoltenberg"
    assert report.kind == "direct_quote"
    assert report.content.text.endswith('the buildup near Belgorod."')


def test_it_extracts_a_report_broken_over_lines_of_a_hard_wrapped_text(extract):
    statements = extract(WRAPPED)
    (report,) = [s for s in statements if s.cue.text == "said" and "Russia" in s.content.text]
    assert report.actor == "Jens Stoltenberg"
    assert report.content.text.startswith("that Russia")
    assert "military buildup along the border with Ukraine" in report.content.text


SENTENCES = " ".join(f"Officials said on day {n} that the troops stayed." for n in range(1, 9))


def _pieces(text, limit, monkeypatch):
    monkeypatch.setattr(text_utils, "MAX_PARAGRAPH_CHARS", limit)
    return [text[s:e] for s, e in within_limit(text, [(0, len(text))])]


def test_a_paragraph_past_the_limit_is_cut_after_the_last_sentence_that_fits(monkeypatch):
    pieces = _pieces(SENTENCES, 120, monkeypatch)
    assert len(pieces) == 4
    assert all(len(p) <= 120 and p.endswith("stayed.") for p in pieces)
    assert " ".join(pieces) == SENTENCES


def test_a_paragraph_without_a_sentence_end_that_fits_is_cut_at_a_space(monkeypatch):
    text = "tanks " * 30 + "moved."
    pieces = _pieces(text, 50, monkeypatch)
    assert all(len(p) <= 50 and p.strip() == p for p in pieces)
    assert " ".join(pieces) == text


def test_a_word_longer_than_the_limit_is_cut_at_the_limit(monkeypatch):
    assert _pieces("x" * 25, 10, monkeypatch) == ["x" * 10, "x" * 10, "x" * 5]


def test_paragraphs_within_the_limit_are_kept_as_they_are():
    paras = list(paragraphs(WRAPPED))
    assert within_limit(WRAPPED, paras) == paras
