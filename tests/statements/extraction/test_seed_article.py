"""The seed article: an analyst's 15 statements, written out here so tests need no ../shared."""

from datetime import date

from statements.extraction.seedcheck import score_seed

EXPECTED = [  # (id, actor, said_on, phrase inside the content)
    ("S1", "Jens Stoltenberg", "2022-02-16", "Russia is still building up troop numbers along its border with Ukraine"),  # noqa: E501
    ("S2", "Jens Stoltenberg", "2022-02-16", "Moscow has shown no signs yet of a pullback"),
    ("S3", "Ministry of Defence of the Russian Federation", "2022-02-15", "have begun to return to their bases"),  # noqa: E501
    ("S4", "Jens Stoltenberg", "2022-02-16", "So far we have not seen any de-escalation on the ground"),  # noqa: E501
    ("S5", "Jens Stoltenberg", "2022-02-16", "it appears that Russia continues the military buildup"),  # noqa: E501
    ("S6", "Jens Stoltenberg", "2022-02-16", "NATO anticipates dialogue between Russia and Europe will continue"),  # noqa: E501
    ("S7", "Jens Stoltenberg", "2022-02-16", "they have increased the number of troops and more troops are on their way"),  # noqa: E501
    ("S8", "Jens Stoltenberg", "2022-02-16", "he didn't know how many troops Russia now has on the Ukrainian border"),  # noqa: E501
    ("S9", "Jens Stoltenberg", "2022-02-16", 'they have enough to conduct a "full-fledged" invasion'),  # noqa: E501
    ("S10", "Joe Biden", "2022-02-15", "echoed in an address on Tuesday"),
    ("S11", "Ukrainian government", "2022-02-14", "Russia may launch its invasion on Wednesday"),
    ("S12", "Russian government", "2022-02-14", "a notion that Moscow dismissed"),
    ("S13", "Russian government", None, "there are no plans to invade Ukraine"),
    ("S14", "Jens Stoltenberg", "2022-02-16", "Vladimir Putin sincerely wants to find a diplomatic solution"),  # noqa: E501
    ("S15", "Vladimir Putin", None, "Russia's security concerns aren't being taken seriously by the West"),  # noqa: E501
]  # fmt: skip


def _expected():
    return [
        {"id": i, "actor": actor, "said_on": said_on, "phrase": phrase}
        for i, actor, said_on, phrase in EXPECTED
    ]


def test_it_finds_at_least_14_of_the_15_seed_statements(seed_statements):
    result = score_seed(seed_statements, _expected())
    assert result["matched"] >= 14, result["missed"]


def test_it_produces_no_statements_from_photo_captions(seed_text, seed_statements):
    caption_ends = [seed_text.index("UPI Photo/File"), seed_text.index("Photo by Oleksandr")]
    for statement in seed_statements:
        for end in caption_ends:
            paragraph_start = seed_text.rfind("\n", 0, end) + 1
            assert not paragraph_start <= statement.cue.start <= end


def test_it_folds_according_to_into_reported_via(seed_statements):
    quote = next(s for s in seed_statements if "de-escalation on the ground" in s.content.text)
    assert quote.actor == "Jens Stoltenberg"
    assert quote.reported_via == "The Guardian"
    assert quote.kind == "direct_quote"
    assert not any(s.speaker and s.speaker.text == "The Guardian" for s in seed_statements)


def test_it_attributes_a_cueless_quote_paragraph_to_the_previous_speaker(seed_statements):
    follow_on = next(
        s for s in seed_statements if "Russia continues the military" in s.content.text
    )
    assert follow_on.actor == "Jens Stoltenberg"
    assert follow_on.kind == "direct_quote"
    assert follow_on.said_on == date(2022, 2, 16)


def test_every_span_indexes_the_text_it_came_from(seed_text, seed_statements):
    for statement in seed_statements:
        for span in (statement.cue, statement.content, statement.speaker):
            if span is not None:
                assert seed_text[span.start : span.end] == span.text
        for start, end in statement.segments:
            assert statement.content.start <= start < end <= statement.content.end


def test_present_perfect_and_present_reports_get_no_date(seed_statements):
    no_plans = next(s for s in seed_statements if "no plans to invade" in s.content.text)
    assert no_plans.said_on is None and no_plans.date_precision == "unknown"
    putin = next(s for s in seed_statements if "security concerns" in s.content.text)
    assert putin.said_on is None


def test_the_seed_check_without_its_paths_prints_usage_instead_of_a_traceback(capsys):
    from statements.extraction.seedcheck import main

    assert main([]) == 2
    assert "usage: python -m statements.extraction.seedcheck ARTICLE GOLD_JSON" in (
        capsys.readouterr().out
    )
