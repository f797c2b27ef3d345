"""Quotations belong to the report that introduces them with a colon or signs them after."""

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
            (
                "“If she gets to pick her judges, nothing you can do, folks,” Trump said before "
                "adding: “Though the Second Amendment people, maybe there is.”"
            ),
            "Second Amendment",
            "Trump",
            "adding:",
            id="the verb right before the colon, though the parse hangs it on the one above",
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


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Allies see no pullback - Jens Stoltenberg: “Russia continues the military buildup.”",
            "Jens Stoltenberg",
        ),
        ("More from Stoltenberg: “Russia continues the military buildup.”", "Stoltenberg"),
    ],
)
def test_a_name_set_off_before_a_colon_gives_the_quotation_its_speaker(extract, text, speaker):
    # Poll roundups name each quoted analyst this way, with no verb; the parser hangs
    # the colon on the verb before the dash ("see").
    st = only_statement_about(extract(text), "military buildup")
    assert (st.speaker.text, st.cue.text) == (speaker, ":")
    assert st.actor == "Jens Stoltenberg"


def test_how_someone_spoke_before_a_colon_gives_them_the_quotation(extract):
    text = (
        '"There is no de-escalation," said Stoltenberg.\n\n'
        'The Russian foreign minister was blunt: "We will not be intimidated."\n\n'
        'Peskov was emphatic: "There will be no invasion."\n'
    )

    statements = extract(text)

    # The minister's words went to Stoltenberg before, as a continuation of his.
    assert [(s.speaker.text, s.content.text) for s in statements[1:]] == [
        ("The Russian foreign minister", '"We will not be intimidated."'),
        ("Peskov", '"There will be no invasion."'),
    ]
    assert statements[2].actor == "Dmitry Peskov"


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


def test_a_quote_closing_on_a_comma_goes_to_the_attribution_after_it(extract):
    # The tagger runs "other allies were also not satisfied" on into the quotation's
    # first sentence; Scholz signs the quotation after its closing comma.
    text = (
        "Beyond Washington, other allies were also not satisfied with Mr. Putin's "
        "response. ''Russia should withdraw its troops, not move them. There is no place "
        "for war in Europe, or anywhere,'' German Chancellor Olaf Scholz said on Twitter."
    )
    statements = extract(text)
    quote = only_statement_about(statements, "withdraw its troops")
    assert (quote.speaker.text, quote.cue.text) == ("German Chancellor Olaf Scholz", "said")
    assert quote.content.text.endswith("or anywhere,''")
    allies = only_statement_about(statements, "Putin's response")
    assert allies.content.text == "Mr. Putin's response"


def test_a_quote_ending_its_sentence_is_not_the_next_reports(extract):
    # The parse runs the quotation's last sentence on into the next report; its
    # speaker's words follow the verb, so the quotation is not signed by it.
    text = (
        '"It is a sad day," Stoltenberg told reporters outside the summit. "This is the '
        "consequence of the buildup. The troops are not leaving. That has no place in "
        "Europe.\" Ukraine's foreign minister said he would have asked for more sanctions, "
        "according to press reports."
    )
    told, said = extract(text)
    assert told.speaker.text == "Stoltenberg"
    assert told.content.text.endswith('That has no place in Europe."')
    assert said.speaker.text == "Ukraine's foreign minister"
    assert said.content.text == "he would have asked for more sanctions"


def test_a_report_taking_in_a_whole_quotation_before_it_keeps_it(extract):
    text = (
        '"Russia continues the military buildup. We see no sign of withdrawal." '
        "Stoltenberg told reporters that the alliance would stay calm."
    )
    (told,) = extract(text)
    assert told.speaker.text == "Stoltenberg"
    assert told.content.text.startswith('"Russia continues the military buildup.')


def test_a_quote_closing_on_a_comma_is_taken_from_a_cue_before_it(nlp):
    from statements.extraction.drafts import Draft
    from statements.extraction.quote_attach import attach_quotes
    from statements.extraction.quotes import find_quotes
    from statements.extraction.rules import Candidate

    text = 'The allies were not satisfied. "Russia must withdraw, not rotate," Scholz said.'
    doc = nlp(text)

    def draft(cue, speaker, content):
        cue_tok = next(t for t in doc if t.text == cue)
        head = next(t for t in doc if t.text == speaker)
        spans = [(text.index(c), text.index(c) + len(c)) for c in content]
        span = (head.idx, head.idx + len(head.text))
        return Draft(Candidate(cue_tok, cue_tok.idx + len(cue), span, head, spans), 0, 0)

    earlier = draft("satisfied", "allies", ["Russia must withdraw"])
    signer = draft("said", "Scholz", ["not rotate"])
    kept = attach_quotes([earlier, signer], find_quotes(text, [(0, len(text))]), text)
    assert kept == [signer]
    assert [text[s:e] for s, e in signer.segments] == ['"Russia must withdraw, not rotate,"']


def test_a_quote_after_a_colon_is_taken_from_a_report_before_it(nlp):
    from statements.extraction.colon_quotes import colon_introduced
    from statements.extraction.drafts import Draft
    from statements.extraction.quotes import find_quotes
    from statements.extraction.rules import Candidate

    text = (
        'Kuleba said both men are "partners," but he added a warning about Scholz: '
        '"You never have to guess where he stands."'
    )
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    quote = '"You never have to guess where he stands."'
    start = text.index(quote)
    # The tagger grouped the quotation with "said", the report before the colon.
    earlier = Draft(
        Candidate(said, said.idx + 4, (0, 6), doc[0], [(start, start + len(quote))]), 0, 0
    )
    paras = [(0, len(text))]
    drafts = colon_introduced([earlier], find_quotes(text, paras), text, paras, [doc])
    assert [text[d.cue[0] : d.cue[1]] for d in drafts] == ["added"]
    assert [text[s:e] for s, e in drafts[0].segments] == [quote]


def test_a_quote_after_a_colon_stays_in_the_report_that_holds_its_verb(nlp):
    from statements.extraction.colon_quotes import colon_introduced
    from statements.extraction.drafts import Draft
    from statements.extraction.quotes import find_quotes
    from statements.extraction.rules import Candidate

    text = 'Scholz said he replied: "We will not be rushed."'
    doc = nlp(text)
    said = next(t for t in doc if t.text == "said")
    outer = Draft(Candidate(said, said.idx + 4, (0, 6), doc[0], [(12, len(text))]), 0, 0)
    paras = [(0, len(text))]
    drafts = colon_introduced([outer], find_quotes(text, paras), text, paras, [doc])
    # "he replied" is reported by Scholz's "said", which keeps its whole content.
    assert outer in drafts
    assert [text[s:e] for s, e in outer.segments] == ['he replied: "We will not be rushed."']


def test_a_split_quote_continues_past_a_report_hung_on_its_verb(extract):
    text = (
        "“The troops are leaving,” Peskov said, adding that the drills had ended on "
        "schedule. “They will be home by Friday.”"
    )
    statements = extract(text)
    said = only_statement_about(statements, "troops are leaving")
    assert [text[s:e] for s, e in said.segments] == [
        "“The troops are leaving,”",
        "“They will be home by Friday.”",
    ]
    (adding,) = [s for s in statements if s.cue.text == "adding"]
    assert [text[s:e] for s, e in adding.segments] == ["that the drills had ended on schedule"]


def test_a_split_quote_does_not_continue_past_another_speakers_report(extract):
    text = (
        "“The troops are leaving,” Peskov said. NATO officials said the drills had not "
        "ended. “They will be home by Friday.”"
    )
    said = only_statement_about(extract(text), "troops are leaving")
    assert "home by Friday" not in said.content.text


@pytest.mark.parametrize(
    "text",
    [
        # The parse hangs the first part on "said" as a condition, outside its report,
        # and reads a report of its own in it ("nominees want").
        "“If the last three nominees want to skip it,” Robinson said, “why would brands go?”",
        "“When the drills end,” said Lavrov, “the troops will go home.”",
    ],
)
def test_a_split_quote_opening_on_a_condition_is_one_statement(extract, text):
    (statement,) = extract(text)
    assert statement.speaker.text in {"Robinson", "Lavrov"}
    first, second = text.split("”", 1)[0] + "”", text.rsplit("“", 1)[1]
    assert [text[s:e] for s, e in statement.segments] == [first, "“" + second]


@pytest.mark.parametrize(
    ("text", "said_words", "quoted_before"),
    [
        # Other words between the quotation and the report.
        (
            "“Marco! Marco!,” the crowd chanted as the senator said the race was “close.”",
            "the race was",
            "Marco",
        ),
        # A phrase quoted inside the sentence, not its opening.
        (
            "Welcoming the “constructive talks,” Lavrov said, “The troops will go home.”",
            "troops will go home",
            "constructive",
        ),
    ],
)
def test_a_quotation_that_does_not_open_the_attributed_sentence_stays_out_of_it(
    extract, text, said_words, quoted_before
):
    said = only_statement_about(extract(text), said_words)
    assert quoted_before not in said.content.text
