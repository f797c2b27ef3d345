"""The cases issue #3 lists, each on sentences in the style of the wire copy Gainsay reads."""

from datetime import date

from statements.extraction import extract_statements

from .support import only_statement_about


def test_nested_reporting_keeps_the_speaker_and_names_the_paper(extract):
    text = (
        "Russia has moved more troops to the border, Stoltenberg said, according to The Guardian."
    )
    (st,) = extract(text)
    assert st.actor == "Jens Stoltenberg"
    assert st.reported_via == "The Guardian"
    assert st.content.text == "Russia has moved more troops to the border"


def test_the_paper_named_between_the_verb_and_what_was_said_is_not_part_of_it(extract):
    for text, said_on in (
        ("Stoltenberg said, according to The Guardian, that Russia was building up.", None),
        # Set off after a date, the that-clause parses as an adverbial clause.
        (
            "Stoltenberg said on Monday, according to The Guardian, that Russia was building up.",
            date(2022, 2, 14),
        ),
        (
            "Stoltenberg said last week, according to The Guardian, that Russia was building up.",
            date(2022, 2, 7),
        ),
    ):
        (st,) = extract(text)
        assert (st.actor, st.reported_via) == ("Jens Stoltenberg", "The Guardian"), text
        assert st.content.text == "that Russia was building up", text
        assert st.said_on == said_on, text


def test_a_title_and_name_speaker_resolves_to_the_person(extract):
    text = (
        "NATO Secretary-General Jens Stoltenberg said on Wednesday that Russia was still "
        "building up troops."
    )
    (st,) = extract(text)
    assert st.speaker.text == "NATO Secretary-General Jens Stoltenberg"
    assert st.actor == "Jens Stoltenberg"
    assert (st.said_on, st.date_precision) == (date(2022, 2, 16), "day")


def test_an_organisation_and_a_capital_resolve_to_their_institutions(extract):
    ministry = only_statement_about(
        extract("Russia's defense ministry said yesterday that some units were returning."),
        "units were returning",
    )
    assert ministry.actor == "Ministry of Defence of the Russian Federation"
    assert (ministry.said_on, ministry.date_text) == (date(2022, 2, 15), "yesterday")
    moscow = only_statement_about(
        extract("Moscow has denied that it plans to invade Ukraine."), "invade"
    )
    assert moscow.actor == "Russian government"


def test_a_named_speaker_after_the_quote_with_a_title(extract):
    (st,) = extract('"We see no de-escalation," said NATO Secretary-General Jens Stoltenberg.')
    assert st.actor == "Jens Stoltenberg"
    assert st.kind == "direct_quote"
    assert st.content.text == '"We see no de-escalation,"'


def test_a_named_speaker_between_the_quote_and_the_verb_with_a_programme_after(extract):
    # The parser hangs the name on the quotation and makes the programme's title the
    # subject of "said"; the tagger runs the quotation on over the name.
    text = (
        "\u201cThere is a deep disconnect between this government and frankly our "
        "military,\u201d Stoltenberg, the alliance chief, said Thursday morning on "
        "CNN\u2019s \u201cState of the Union.\u201d"
    )
    (st,) = extract(text)
    assert st.speaker.text == "Stoltenberg, the alliance chief"
    assert st.actor == "Jens Stoltenberg"
    assert st.content.text.endswith("our military,\u201d")


def test_a_description_resolves_to_the_mention_it_fits(extract):
    text = (
        "Scholz met Putin in Moscow on Tuesday. The chancellor said that a war in Europe "
        "had become unthinkable for his generation."
    )
    st = only_statement_about(extract(text), "unthinkable")
    # The span is the mention in the sentence (what PolNeAR marks as Source);
    # the actor is who it stands for.
    assert st.speaker.text == "The chancellor"
    assert st.actor == "Olaf Scholz"


def test_the_alliances_chief_resolves_through_the_role_words(extract):
    text = (
        "Jens Stoltenberg spoke in Brussels on Wednesday. "
        "The alliance's chief said that NATO would not be intimidated."
    )
    st = only_statement_about(extract(text), "intimidated")
    assert st.actor == "Jens Stoltenberg"


def test_a_pronoun_with_no_earlier_speaker_takes_the_named_subject(extract):
    text = (
        "Russian President Vladimir Putin met Scholz on Tuesday.\n\n"
        "He said that Russia did not want a war."
    )
    st = only_statement_about(extract(text), "did not want a war")
    assert st.speaker.text == "He"
    assert st.actor == "Vladimir Putin"


def test_a_second_attributed_quote_is_not_folded_into_the_first(extract):
    text = '"The key is not to panic," Zelensky said on Monday. "We are ready," he added.'
    statements = extract(text)
    first, second = (
        only_statement_about(statements, "panic"),
        only_statement_about(statements, "We are ready"),
    )
    assert [text[a:b] for a, b in first.segments] == ['"The key is not to panic,"']
    assert second.cue.text == "added" and second.speaker.text == "he"
    assert second.actor == "Volodymyr Zelenskyy"


def test_a_split_quote_is_one_statement_even_when_the_speaker_was_introduced(extract):
    text = (
        "His spokesman, Dmitry Peskov, struck a similar tune. "
        '"This is a hysteria," Peskov said. "Nobody is going to attack anyone."'
    )
    statements = [s for s in extract(text) if "hysteria" in s.content.text]
    assert len(statements) == 1
    assert "Nobody is going to attack anyone" in statements[0].content.text
    assert statements[0].actor == "Dmitry Peskov"


def test_a_verb_inside_a_quote_does_not_take_the_quote(extract):
    text = (
        "“Cruz is the candidate who can keep the Democratic voters with us,” Viguerie says.\n\n"
        "“Voters consistently reject establishment Republicans. George W. Bush got half a "
        "million fewer votes than Al Gore in 2000,” he points out."
    )
    st = only_statement_about(extract(text), "George W. Bush got")
    assert st.cue.text == "points out"
    assert st.speaker.text == "he"
    assert st.content.text.startswith("“Voters consistently reject")


def test_a_cueless_quote_paragraph_continues_the_last_speaker(extract):
    text = (
        "Stoltenberg said on Wednesday that NATO was ready.\n\n"
        '"Russia still has time to step back from the brink. We will see."'
    )
    st = only_statement_about(extract(text), "step back from the brink")
    assert st.actor == "Jens Stoltenberg"
    assert st.kind == "direct_quote"
    assert st.said_on == date(2022, 2, 16)


def test_last_month_and_explicit_dates_keep_their_precision(extract):
    month = only_statement_about(
        extract("British officials said last month that an invasion could come at any time."),
        "invasion",
    )
    assert (month.said_on, month.date_precision) == (date(2022, 1, 1), "month")
    day = only_statement_about(
        extract("Ukrainian Foreign Minister Dmytro Kuleba said on Feb. 14 that Kyiv would wait."),
        "Kyiv would wait",
    )
    assert (day.actor, day.said_on, day.date_precision) == (
        "Dmytro Kuleba",
        date(2022, 2, 14),
        "day",
    )


def test_a_statement_without_a_date_says_its_date_is_unknown(extract):
    st = only_statement_about(
        extract("Lavrov has said that Russia has no plans to attack."), "no plans"
    )
    assert st.said_on is None and st.date_precision == "unknown"


def test_a_clause_describing_a_noun_is_not_a_report(extract):
    statements = extract("Lavrov has said that Russia has no plans to attack.")
    assert [s.cue.text for s in statements] == ["said"]


def test_navigation_bylines_and_captions_are_not_statements(resolver, nlp):
    text = (
        "Trending\n\n"
        "By Clyde Hughes\n\n"
        '"We will defend every inch," Biden said at the White House. UPI Photo/File\n\n'
        "Feb. 16 (UPI) -- Kuleba said on Tuesday that diplomacy was working.\n"
    )
    statements = extract_statements(text, published=date(2022, 2, 16), resolver=resolver, nlp=nlp)
    assert [(s.actor, s.said_on) for s in statements] == [("Dmytro Kuleba", date(2022, 2, 15))]


def test_the_subject_of_a_reported_clause_is_never_taken_for_a_speaker(extract):
    text = (
        "The foreign ministry said on Monday that talks on border section 2 will continue "
        "next week in Geneva."
    )
    statements = extract(text)
    assert [(s.speaker.text, s.content.text) for s in statements] == [
        ("The foreign ministry", "that talks on border section 2 will continue next week in Geneva")
    ]


def test_each_transcript_turn_is_its_speakers_statement(extract):
    # News transcripts open every turn with a quotation mark and close none, so the
    # quotation never ends; the next label still starts another speaker's words.
    text = (
        "Partial transcript as follows:\n\n"
        "\"WALLACE: Let's start with the debate. Why would Trump do that?\n\n"
        '"PENCE: Well, look, this is serious business. The American people have a choice.\n\n'
        '"WALLACE: Do you really see those two as equivalent?\n'
    )
    statements = extract(text)
    assert {st.kind for st in statements} == {"direct_quote"}
    turns = [(st.speaker.text, st.content.text) for st in statements]
    assert turns == [
        ("WALLACE", "Let's start with the debate. Why would Trump do that?"),
        ("PENCE", "Well, look, this is serious business. The American people have a choice."),
        ("WALLACE", "Do you really see those two as equivalent?"),
    ]
