from datetime import date

from statements.extraction import ActorEntry, ActorResolver, RoleEntry, parse_article_header
from statements.extraction.dates import find_date


def test_it_reads_the_seed_header(seed_text):
    header = parse_article_header(seed_text)
    assert header.title.startswith("NATO chief says Russia")
    assert header.author == "Clyde Hughes"
    assert header.published == date(2022, 2, 16)
    assert header.dateline_date == date(2022, 2, 16)
    # The line under the byline is the lead photo's caption ("... UPI Photo/File"):
    # the story starts with the dateline.
    assert seed_text[header.body_start :].startswith("Feb. 16 (UPI) -- NATO Secretary-General")
    caption = seed_text.index("NATO chief Jens Stoltenberg said")
    assert any(start == caption for start, _ in header.boilerplate)


def test_a_header_without_byline_or_date_is_tolerated():
    header = parse_article_header("Just a title line\n\nSome text said someone.")
    assert header.author is None and header.published is None
    assert header.title == "Just a title line"


def test_weekdays_resolve_to_the_latest_such_day_on_or_before_publication():
    wednesday = date(2022, 2, 16)
    assert find_date("on Tuesday", wednesday).on == date(2022, 2, 15)
    assert find_date("on Wednesday", wednesday).on == wednesday
    assert find_date("Thursday", wednesday).on == date(2022, 2, 10)


def test_relative_and_explicit_dates():
    ref = date(2022, 2, 16)
    assert find_date("yesterday", ref).on == date(2022, 2, 15)
    assert find_date("today", ref).on == ref
    assert find_date("last week", ref).precision == "week"
    hit = find_date("last month", ref)
    assert (hit.on, hit.precision) == (date(2022, 1, 1), "month")
    assert find_date("on Feb. 14", ref).on == date(2022, 2, 14)
    assert find_date("on February 14, 2022", ref).on == date(2022, 2, 14)
    assert find_date("on Dec. 30", ref).on == date(2021, 12, 30)


def test_days_weeks_and_months_ago_weekends_and_months_named_alone():
    wednesday = date(2022, 2, 16)
    cases = {
        "two days ago": (date(2022, 2, 14), "day"),
        "a week ago": (date(2022, 2, 9), "week"),
        "3 weeks ago": (date(2022, 1, 26), "week"),
        "two months ago": (date(2021, 12, 1), "month"),
        "over the weekend": (date(2022, 2, 12), "week"),
        "in January": (date(2022, 1, 1), "month"),
        "in late December": (date(2021, 12, 1), "month"),
        "in January 2021": (date(2021, 1, 1), "month"),
    }
    for words, expected in cases.items():
        hit = find_date(words, wednesday)
        assert (hit.on, hit.precision, hit.text) == (*expected, words), words
    # Said on a Sunday, "last weekend" is the one before.
    assert find_date("last weekend", date(2022, 2, 20)).on == date(2022, 2, 12)
    # A month is named alone, not the verb: "in may".
    assert find_date("they said in may", wednesday) is None
    # A month later than the reference was last year's, never the future.
    assert find_date("in March", wednesday).on == date(2021, 3, 1)


def test_a_statement_dated_a_week_ago_does_not_take_its_speakers_earlier_date(extract):
    text = (
        "Lavrov said late Tuesday that talks could continue.\n\n"
        "Lavrov said a week ago that Russia was being ignored.\n"
    )
    assert [(s.said_on, s.date_text) for s in extract(text)] == [
        (date(2022, 2, 15), "late Tuesday"),
        (date(2022, 2, 9), "a week ago"),
    ]


def test_it_resolves_aliases_possessives_and_determiners(resolver):
    assert resolver.resolve("Russia's defense ministry") == (
        "Ministry of Defence of the Russian Federation"
    )
    assert resolver.resolve("Russian Defence Ministry") == (
        "Ministry of Defence of the Russian Federation"
    )
    assert resolver.resolve("the Kremlin") == "Russian government"
    assert resolver.resolve("Zelenskiy") == "Volodymyr Zelenskyy"
    assert resolver.resolve("Ukrainian President Volodymyr Zelenskyy") == "Volodymyr Zelenskyy"
    assert resolver.resolve("a bystander") is None


def test_a_role_title_resolves_to_whoever_held_it_on_the_date(resolver):
    assert resolver.resolve("NATO Secretary-General", on=date(2020, 5, 1)) == "Jens Stoltenberg"
    assert resolver.resolve("NATO Secretary-General", on=date(2025, 5, 1)) == "Mark Rutte"
    assert resolver.resolve("NATO chief", on=date(2025, 5, 1)) == "Mark Rutte"


def test_fuzzy_matching_is_conservative():
    resolver = ActorResolver(
        [ActorEntry("Dmytro Kuleba", "person", ("Kuleba",), (RoleEntry("Foreign Minister", "X"),))]
    )
    assert resolver.resolve("Dmytro Kuleb") == "Dmytro Kuleba"
    assert resolver.resolve("Dmitri Medvedev") is None


def test_the_catalogue_covers_every_seed_actor_alias(resolver):
    seed_aliases = {
        "Jens Stoltenberg": [
            "Stoltenberg", "NATO chief", "NATO Secretary-General Jens Stoltenberg",
        ],
        "Ministry of Defence of the Russian Federation": [
            "Russia's defense ministry", "Moscow's defense ministry",
            "Russian Defense Ministry", "Russian MoD",
        ],
        "Russian government": ["Moscow", "Russian officials", "the Kremlin"],
        "Vladimir Putin": ["Putin", "Russian President Vladimir Putin"],
        "Ukrainian government": ["Ukrainian officials", "Kyiv"],
        "Joe Biden": ["Biden", "U.S. President Joe Biden"],
    }  # fmt: skip
    on = date(2022, 2, 16)
    for name, aliases in seed_aliases.items():
        for alias in aliases:
            assert resolver.resolve(alias, on=on) == name, alias
