from datetime import date

import pytest

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


def test_a_place_in_capitals_before_a_dash_is_a_dateline_not_a_speaker():
    text = (
        "KYIV ― Dmytro Kuleba and Oleksii Reznikov, two of the ministers who met the "
        "delegation in Brussels last month, made an impassioned call for more air defence "
        "on Wednesday.\n"
    )

    header = parse_article_header(text)
    [statement] = extract_statements(text, published=date(2022, 2, 16))

    assert (0, len("KYIV ― ")) in header.boilerplate
    assert "KYIV" not in statement.speaker.text
    assert "ministers" in statement.speaker.text


def test_a_capitalised_word_inside_a_line_or_a_short_one_is_not_a_dateline():
    for line in (
        "Russia said on Tuesday - a day after the drills - that troops were leaving.",
        "US - Russia talks ended on Monday without agreement, the ministry said.",
    ):
        assert parse_article_header(line + "\n").boilerplate == [], line


def test_a_parenthesis_inside_a_sentence_is_not_a_dateline():
    text = "Officials (including the minister) -- and others -- said on Monday that talks go on."

    assert parse_article_header(text).boilerplate == []


def test_newsroom_notes_are_boilerplate_but_sentences_about_them_are_not():
    from statements.extraction.header import is_boilerplate_line

    for note in (
        "Editor’s note: Donald Trump regularly incites political violence.",
        "Correction: An earlier version of this story misspelled a name.",
        "Contributing: Jane Doe in Washington",
        '"Follow Pam Key on Twitter @pamkeyNEN."',
        "This article has been revised to reflect the following correction: An earlier "
        "version of this article misstated the figure.",
    ):
        assert is_boilerplate_line(note), note
    for sentence in (
        "Corrections officers said the prison was full.",
        "Updated figures show the economy grew, the minister said.",
        "Note: the senator said he would vote against the bill.",
        "This article has shown, the senator said, how little the agency knew.",
    ):
        assert not is_boilerplate_line(sentence), sentence


def test_an_editors_note_yields_no_statement(extract):
    text = (
        "Smith said the plan would fail.\n\n"
        "Editor’s note: Donald Trump regularly incites political violence and has "
        "repeatedly pledged to ban all Muslims from entering the U.S.\n"
    )
    assert [st.content.text for st in extract(text)] == ["the plan would fail"]


def test_a_dateline_naming_several_places_is_not_part_of_the_speaker(extract):
    text = (
        "KYIV/MOSCOW, Feb 16 (Reuters) - Ukraine's foreign minister said on Tuesday that "
        "Russia had not pulled back.\n\n"
        "LONDON/WASHINGTON — British officials said the buildup continued.\n"
    )

    header = parse_article_header(text)
    statements = extract(text)

    assert (0, len("KYIV/MOSCOW, Feb 16 (Reuters) - ")) in header.boilerplate
    assert [s.speaker.text for s in statements] == [
        "Ukraine's foreign minister",
        "British officials",
    ]
    assert statements[0].said_on == date(2022, 2, 15)


def test_photo_credits_and_links_to_other_stories_are_boilerplate():
    from statements.extraction.header import is_boilerplate_line

    for line in (
        "U.S. President Joe Biden speaks about Russia in the East Room of the White House, "
        "February 15, 2022. REUTERS/Leah Millis",
        "Russian tanks are loaded onto railway platforms. Russian Defence Ministry/Handout "
        "via REUTERS",
        "Putin meets Macron in Moscow on Monday. (Sputnik/Kremlin via AP)",
        "Photo: Russian President Vladimir Putin says Moscow wants diplomacy.",
        "READ MORE: Putin says he wants to avoid war",
        "Related: Kremlin says troops are leaving Crimea",
        "[Video: FULL SPEECH: President Obama at the Black Caucus Foundation]",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "(Reporting by Jane Doe in Moscow; Editing by Mark Heinrich)",
    ):
        assert is_boilerplate_line(line), line
    for sentence in (
        "The minister said the plan (and/or the budget) would fail.",
        "Related talks in Geneva ended on Monday, the ministry said.",
        "Reporting from Kyiv, she said the city was calm.",
        "The photo shows troops leaving, the ministry said via Reuters.",
    ):
        assert not is_boilerplate_line(sentence), sentence


def test_headlines_listed_under_a_heading_are_not_statements(extract):
    text = (
        "The Kremlin said the West was in the grip of hysteria.\n\n"
        "Most Popular\n"
        "Biden says invasion still possible\n"
        "Zelenskiy calls for calm\n\n"
        "Kuleba said on Tuesday that diplomacy was working.\n"
    )

    statements = extract(text)

    assert [s.speaker.text for s in statements] == ["The Kremlin", "Kuleba"]


BYLINE_PAGES = {
    "a time stamp under the byline": (
        "NATO says Russia still building up troops\n"
        "By JANE DOE and JOHN ROE\n"
        "Published 10:32 AM EST Feb 16, 2022\n\n"
        "Ukraine's foreign minister said on Tuesday that Russia had not pulled back.\n",
        "JANE DOE and JOHN ROE",
        [("NATO", None), ("Ukraine's foreign minister", date(2022, 2, 15))],
    ),
    # As copied from the BBC: the outlet, a date under its label, credits, a caption.
    "credits and a caption under the byline": (
        "Ukraine crisis: Russia says troops returning to base\n\n"
        "By Paul Kirby\n"
        "BBC News\n\n"
        "Published\n"
        "16 February 2022\n\n"
        "Share\n\n"
        "IMAGE SOURCE,REUTERS\n"
        "Image caption,\n"
        "Russian tanks were shown leaving Crimea on a train\n\n"
        "Nato Secretary General Jens Stoltenberg said on Tuesday: "
        '"We have not seen any de-escalation on the ground."\n',
        "Paul Kirby",
        [("Russia", None), ("Nato Secretary General Jens Stoltenberg", date(2022, 2, 15))],
    ),
}


@pytest.mark.parametrize("page", BYLINE_PAGES)
def test_the_lines_under_a_byline_date_the_article_and_are_no_statements(extract, page):
    text, author, expected = BYLINE_PAGES[page]

    header = parse_article_header(text)
    statements = extract(text, published=None)

    assert header.author == author
    assert header.published == date(2022, 2, 16)
    assert [(s.speaker.text, s.said_on) for s in statements] == expected


def test_a_transcript_turn_labelled_video_is_not_a_link():
    from statements.extraction.header import is_boilerplate_line

    assert not is_boilerplate_line(
        '"VIDEO: Hillary and Obama all told me it was a video when they knew it was not.'
    )


def test_a_broadcasters_dateline_without_a_dash_is_not_part_of_the_speaker(extract):
    text = (
        "Kyiv, Ukraine (CNN)Russia's defense ministry said Tuesday that some troops were "
        "returning to their bases.\n\n"
        "Moscow (CNN) Kremlin spokesman Dmitry Peskov said on Wednesday that the West was "
        'gripped by "hysteria."\n'
    )

    statements = extract(text)

    assert [s.speaker.text for s in statements] == [
        "Russia's defense ministry",
        "Kremlin spokesman Dmitry Peskov",
    ]


def test_an_abbreviation_in_parentheses_inside_a_sentence_is_not_a_dateline():
    for line in (
        "The North Atlantic Treaty Organization (NATO) said on Monday that talks go on.",
        "Officials at the Organization for Security and Co-operation in Europe (OSCE) said "
        "on Monday that monitors saw shelling.",
    ):
        assert parse_article_header(line + "\n").boilerplate == [], line


def test_a_captions_date_is_the_photos_not_the_articles():
    text = (
        "NATO says Russia is still building up\n\n"
        "Ukrainian servicemen walk in a trench near Zolote on January 17, 2022. "
        "(Photo by ANATOLII STEPANOV/AFP via Getty Images)\n\n"
        "Last modified on Wed 16 Feb 2022 09.12 GMT\n\n"
        "NATO's chief said on Wednesday that Russia continued the buildup.\n"
    )

    header = parse_article_header(text)

    assert header.published == date(2022, 2, 16)
    stamp = text.index("Last modified")
    assert (stamp, text.index("\n", stamp)) in header.boilerplate


def test_a_dateline_naming_its_agency_between_slashes_is_not_part_of_the_story(extract):
    text = (
        "MOSCOW, February 16. /TASS/. Units of the Southern Military District are "
        "returning to their bases, the Russian Defense Ministry said on Tuesday.\n"
    )

    header = parse_article_header(text)
    [statement] = extract(text)

    assert (0, len("MOSCOW, February 16. /TASS/. ")) in header.boilerplate
    assert statement.content.text.startswith("Units of the Southern Military District")
    assert statement.said_on == date(2022, 2, 15)
