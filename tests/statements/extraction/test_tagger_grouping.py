import pytest
from spacy.tokens import Span as SpacySpan

from statements.extraction.tagger import tagged_attributions


def _doc_with(nlp, text, labelled):
    doc = nlp(text)
    doc.ents = [
        doc.char_span(text.index(piece), text.index(piece) + len(piece), label=label)
        for piece, label in labelled
    ]
    return doc


def test_tagged_spans_group_around_the_nearest_cue(nlp):
    text = '"We will win," Smith said. "And we will keep winning."'
    doc = _doc_with(
        nlp,
        text,
        [
            ('"We will win,"', "CONTENT"),
            ("Smith", "SOURCE"),
            ("said", "CUE"),
            ('"And we will keep winning."', "CONTENT"),
        ],
    )
    (att,) = tagged_attributions(doc)
    assert [text[s:e] for s, e in att.content] == ['"We will win,"', '"And we will keep winning."']
    assert text[att.source[0] : att.source[1]] == "Smith"
    assert text[att.cue[0] : att.cue[1]] == "said"


def test_content_without_a_cue_is_reported_as_an_orphan(nlp):
    text = '"And that is why we will keep fighting for it."'
    doc = _doc_with(nlp, text, [(text, "CONTENT")])
    (att,) = tagged_attributions(doc)
    assert att.cue is None and att.content == [(0, len(text))]
    assert isinstance(doc.ents[0], SpacySpan)


def test_the_shipped_tagger_runs_inside_the_shared_pipeline(nlp):
    from statements.extraction.tagger import COMPONENT, MODEL_DIR

    if (MODEL_DIR / "config.cfg").exists():
        assert nlp.pipe_names[-1] == COMPONENT
        doc = nlp("Smith said the plan would fail.")
        assert "named" in doc.spans


def test_a_paraphrase_in_another_sentence_does_not_join_the_cue(nlp):
    # The tagger missed the cue of the second sentence; its content is not Smith's.
    text = "Smith said the plan would fail. Democrats expect the vote to be close."
    doc = _doc_with(
        nlp,
        text,
        [
            ("Smith", "SOURCE"),
            ("said", "CUE"),
            ("the plan would fail", "CONTENT"),
            ("the vote to be close", "CONTENT"),
        ],
    )
    attributed, orphan = tagged_attributions(doc)
    assert [text[s:e] for s, e in attributed.content] == ["the plan would fail"]
    assert orphan.cue is None and [text[s:e] for s, e in orphan.content] == ["the vote to be close"]


def test_a_paraphrase_ending_on_quoted_words_does_not_join_a_cue_in_another_sentence(nlp):
    # The tagger missed "declared"; the quoted words at the end do not make the
    # paraphrase part of a quotation running on from the spokesman's sentence.
    text = (
        "His spokesman declined to comment. Adelson later declared "
        'that he found Trump to be "very charming."'
    )
    doc = _doc_with(
        nlp,
        text,
        [
            ("His spokesman", "SOURCE"),
            ("declined", "CUE"),
            ("to comment", "CONTENT"),
            ('that he found Trump to be "very charming."', "CONTENT"),
        ],
    )
    attributed, orphan = tagged_attributions(doc)
    assert [text[s:e] for s, e in attributed.content] == ["to comment"]
    assert orphan.cue is None


def test_a_quotation_runs_on_over_the_following_sentences(nlp):
    text = 'Smith said: "We will win. We will keep winning. Nobody can stop us."'
    doc = _doc_with(
        nlp,
        text,
        [
            ("Smith", "SOURCE"),
            ("said", "CUE"),
            ('"We will win.', "CONTENT"),
            ("We will keep winning.", "CONTENT"),
            ('Nobody can stop us."', "CONTENT"),
        ],
    )
    sentences = [s.text for s in doc.sents]
    assert len(sentences) >= 3, sentences
    (att,) = tagged_attributions(doc)
    assert len(att.content) == 3


def test_a_source_in_another_sentence_is_not_the_cues_source(nlp):
    text = "Smith arrived late. The talks would fail, aides said."
    doc = _doc_with(
        nlp,
        text,
        [("Smith", "SOURCE"), ("The talks would fail", "CONTENT"), ("said", "CUE")],
    )
    (att,) = tagged_attributions(doc)
    assert att.source is None


def test_an_agreed_rule_without_a_speaker_takes_the_taggers_source(nlp):
    from statements.extraction.drafts import Draft
    from statements.extraction.merging import merge_sources, tagged_drafts
    from statements.extraction.rules import Candidate

    text = "The plan will fail, the senator's aides said on Monday."
    doc = _doc_with(
        nlp,
        text,
        [
            ("The plan will fail", "CONTENT"),
            ("the senator's aides", "SOURCE"),
            ("said", "CUE"),
        ],
    )
    cue = next(t for t in doc if t.text == "said")
    content = (0, len("The plan will fail"))
    rule = Draft(Candidate(cue, cue.idx + 4, None, None, [content], set()), 0, 0)
    (merged,) = merge_sources([rule], tagged_drafts(doc, 0, 0, []))
    assert merged.origin == "both"
    assert text[merged.speaker[0] : merged.speaker[1]] == "the senator's aides"


def _merged(nlp, text, labelled):
    from statements.extraction.merging import merge_sources, tagged_drafts

    doc = _doc_with(nlp, text, labelled)
    return merge_sources(_rule_drafts(doc), tagged_drafts(doc, 0, 0, []))


def _with_cue(merged, text, cue):
    return next(d for d in merged if text[d.cue[0] : d.cue[1]] == cue)


def _rule_drafts(doc):
    from statements.extraction.drafts import Draft
    from statements.extraction.rules import candidates_for_sentence

    return [Draft(c, 0, 0) for sent in doc.sents for c in candidates_for_sentence(sent)]


def test_an_agreed_rule_takes_the_taggers_content_when_its_own_is_another_cues(nlp):
    # The parse hangs the second quotation on "said"; the tagger gives it to "adding".
    text = (
        "“If she gets to pick her judges, nothing you can do, folks,” Trump said before "
        "adding: “Though the Second Amendment people, maybe there is.”"
    )
    merged = _merged(
        nlp,
        text,
        [
            ("“If she gets to pick her judges, nothing you can do, folks,”", "CONTENT"),
            ("Trump", "SOURCE"),
            ("said", "CUE"),
            ("adding:", "CUE"),
            ("“Though the Second Amendment people, maybe there is.”", "CONTENT"),
        ],
    )
    said = _with_cue(merged, text, "said")
    assert [text[s:e] for s, e in said.segments] == [
        "“If she gets to pick her judges, nothing you can do, folks,”"
    ]
    adding = _with_cue(merged, text, "adding:")
    assert [text[s:e] for s, e in adding.segments] == [
        "“Though the Second Amendment people, maybe there is.”"
    ]


def test_a_rule_agreeing_only_on_content_keeps_its_own_content(nlp):
    text = "Jones said Smith believes the plan will fail."
    merged = _merged(
        nlp,
        text,
        [("Smith", "SOURCE"), ("believes", "CUE"), ("the plan will fail", "CONTENT")],
    )
    said = _with_cue(merged, text, "said")
    assert [text[s:e] for s, e in said.segments] == ["Smith believes the plan will fail"]
    believes = _with_cue(merged, text, "believes")
    assert [text[s:e] for s, e in believes.segments] == ["the plan will fail"]


def test_an_agreed_rule_keeps_its_content_when_the_tagger_marked_the_speaker_instead(nlp):
    text = (
        "Moves against Voice of America led to its removal from Russian stations, "
        "said Jeffrey N. Trimble, a senior official with the board that oversees it."
    )
    speaker = "Jeffrey N. Trimble, a senior official with the board that oversees it"
    merged = _merged(
        nlp,
        text,
        [("Moves against Voice of America", "SOURCE"), ("said", "CUE"), (speaker, "CONTENT")],
    )
    said = _with_cue(merged, text, "said")
    assert said.origin == "both"
    assert [text[s:e] for s, e in said.segments] == [
        "Moves against Voice of America led to its removal from Russian stations"
    ]
    assert text[said.speaker[0] : said.speaker[1]] == speaker


def test_an_agreed_rule_leaves_out_a_tagged_segment_from_another_clause(nlp):
    text = (
        "Tapper followed up with a clear reference to Donald Trump, "
        "but Obama said he was not speaking only about Trump."
    )
    merged = _merged(
        nlp,
        text,
        [
            ("Donald Trump", "CONTENT"),
            ("Obama", "SOURCE"),
            ("said", "CUE"),
            ("he was not speaking only about Trump", "CONTENT"),
        ],
    )
    said = _with_cue(merged, text, "said")
    assert [text[s:e] for s, e in said.segments] == ["he was not speaking only about Trump"]


@pytest.mark.parametrize(
    ("text", "labelled", "cue", "content"),
    [
        # The tagger's content breaks off inside a phrase: "what" hangs on "called".
        (
            "Too often, Mr. Clarke said, the debate over coal is infected with what he "
            "called tribalism.",
            [
                ("Mr. Clarke", "SOURCE"),
                ("said", "CUE"),
                ("the debate over coal is infected with what", "CONTENT"),
            ],
            "said",
            ["Too often", "the debate over coal is infected with what he called tribalism"],
        ),
        # It starts after its own subject, which the report set off by commas split off.
        (
            "The weapons his country has, Putin added, are like nuclear bombs that nobody can use.",
            [
                ("Putin", "SOURCE"),
                ("added", "CUE"),
                ("are like nuclear bombs that nobody can use", "CONTENT"),
            ],
            "added",
            ["The weapons his country has", "are like nuclear bombs that nobody can use"],
        ),
        # A whole clause stays the tagger's, without the comment the parse hung on it.
        (
            "Smith said the plan would fail, which surprised nobody in the room.",
            [("Smith", "SOURCE"), ("said", "CUE"), ("the plan would fail", "CONTENT")],
            "said",
            ["the plan would fail"],
        ),
    ],
)
def test_an_agreed_rule_keeps_its_content_where_the_taggers_breaks_off_a_phrase(
    nlp, text, labelled, cue, content
):
    said = _with_cue(_merged(nlp, text, labelled), text, cue)
    assert [text[s:e] for s, e in said.segments] == content


def test_an_agreed_rule_takes_the_taggers_quotation_in_the_next_sentence(nlp):
    text = '"We will win," Smith said. "And we will keep winning."'
    merged = _merged(
        nlp,
        text,
        [
            ('"We will win,"', "CONTENT"),
            ("Smith", "SOURCE"),
            ("said", "CUE"),
            ('"And we will keep winning."', "CONTENT"),
        ],
    )
    said = _with_cue(merged, text, "said")
    assert [text[s:e] for s, e in said.segments] == [
        '"We will win,"',
        '"And we will keep winning."',
    ]


def test_a_rule_with_a_thought_cue_stands_without_the_tagger(nlp):
    text = "Voters in Ohio believe the economy is getting worse. Smith said he would run."
    merged = _merged(nlp, text, [("Smith", "SOURCE"), ("said", "CUE"), ("he would run", "CONTENT")])
    believe = _with_cue(merged, text, "believe")
    assert [text[s:e] for s, e in believe.segments] == ["the economy is getting worse"]
    assert text[believe.speaker[0] : believe.speaker[1]] == "Voters in Ohio"


def test_a_statement_without_a_parsed_subject_takes_the_sentences_source(nlp):
    from statements.extraction.drafts import Draft
    from statements.extraction.merging import fill_missing_speakers
    from statements.extraction.rules import Candidate

    text = "Schilling, through a spokeswoman, declined to comment on the report."
    doc = _doc_with(nlp, text, [("Schilling", "SOURCE"), ("declined", "CUE")])
    cue = next(t for t in doc if t.text == "declined")
    start = text.index("to comment")
    draft = Draft(Candidate(cue, cue.idx + 8, None, None, [(start, len(text) - 1)], set()), 0, 0)
    fill_missing_speakers([draft])
    assert text[draft.speaker[0] : draft.speaker[1]] == "Schilling"


def test_a_missing_speaker_is_never_taken_from_the_content(nlp):
    from statements.extraction.drafts import Draft
    from statements.extraction.merging import fill_missing_speakers
    from statements.extraction.rules import Candidate

    text = "Voters want change, according to the poll."
    doc = _doc_with(nlp, text, [])  # the tagger marked no source here
    cue = next(t for t in doc if t.text == "according")
    draft = Draft(
        Candidate(cue, cue.idx + 9, None, None, [(0, len("Voters want change"))], set()), 0, 0
    )
    fill_missing_speakers([draft])
    assert draft.speaker is None


def test_a_tagged_content_without_a_cue_takes_the_word_that_governs_it(nlp):
    from statements.extraction.merging import tagged_drafts

    text = "They may also illustrate the decline in the power of newspapers."
    doc = _doc_with(nlp, text, [("the decline in the power of newspapers", "CONTENT")])
    (draft,) = tagged_drafts(doc, 0, 0, [])
    assert text[draft.cue[0] : draft.cue[1]] == "illustrate"
    assert text[draft.speaker[0] : draft.speaker[1]] == "They"
    assert [text[s:e] for s, e in draft.segments] == ["the decline in the power of newspapers"]


def test_a_tagged_whole_sentence_without_a_cue_is_not_a_statement(nlp):
    from statements.extraction.merging import tagged_drafts

    text = "The weather was fine. Do you think her health matters to voters?"
    doc = _doc_with(nlp, text, [("Do you think her health matters to voters?", "CONTENT")])
    assert tagged_drafts(doc, 0, 0, []) == []


def test_a_transcript_label_opening_a_paragraph_does_not_continue_the_last_turn(nlp):
    from statements.extraction.merging import tagged_drafts

    first = '"PENCE: Well, look, this is serious business.'
    doc = _doc_with(nlp, first, [("PENCE", "SOURCE"), (":", "CUE"), ("Well, look", "CONTENT")])
    (pence,) = tagged_drafts(doc, 0, 0, [])
    before = list(pence.segments)
    second = '"WALLACE: Do you really see those two as equivalent?'
    label = _doc_with(nlp, second, [('"WALLACE:', "CONTENT")])
    tagged_drafts(label, len(first) + 2, 1, [pence])
    assert pence.segments == before


@pytest.mark.parametrize(
    ("second", "continues"),
    [
        # The next paragraph reopening a quotation goes on with it.
        ('"We will not be intimidated by the drills on our border."', True),
        # One opening with the writer's words is no part of the last statement.
        ("The challenge of transparency is exemplified by this finding in the report.", False),
    ],
)
def test_a_tagged_paragraph_without_a_cue_continues_the_last_statement_only_as_a_quotation(
    nlp, second, continues
):
    from statements.extraction.merging import tagged_drafts

    first = "Stoltenberg said that Russia continues the military buildup."
    doc = _doc_with(
        nlp,
        first,
        [
            ("Stoltenberg", "SOURCE"),
            ("said", "CUE"),
            ("that Russia continues the military buildup", "CONTENT"),
        ],
    )
    (said,) = tagged_drafts(doc, 0, 0, [])
    offset = len(first) + 2
    following = _doc_with(nlp, second, [(second, "CONTENT")])
    tagged_drafts(following, offset, 1, [said])
    assert ((offset, offset + len(second)) in said.segments) is continues


def test_a_tagged_segment_holding_an_embedded_report_is_left_to_that_report(nlp):
    text = "Kyiv warned of an attack this week, a claim that the Kremlin denied."
    merged = _merged(
        nlp,
        text,
        [
            ("Kyiv", "SOURCE"),
            ("warned of", "CUE"),
            ("an attack this week", "CONTENT"),
            ("that the Kremlin denied", "CONTENT"),
        ],
    )
    warned = _with_cue(merged, text, "warned of")
    assert [text[s:e] for s, e in warned.segments] == ["an attack this week"]
    denied = _with_cue(merged, text, "denied")
    assert text[denied.speaker[0] : denied.speaker[1]] == "the Kremlin"


def test_a_quotation_split_into_sentences_joins_the_cue_inside_it_not_the_one_before(nlp):
    text = (
        "Stoltenberg seemed to recognize the weight of the moment. "
        "“Years from now, you will say that this was the turning point. "
        "This was the week the alliance stood together,” he said."
    )
    doc = _doc_with(
        nlp,
        text,
        [
            ("Stoltenberg", "SOURCE"),
            ("seemed to recognize", "CUE"),
            ("the weight of the moment", "CONTENT"),
            ("“Years from now, you will say that this was the turning point.", "CONTENT"),
            ("This was the week the alliance stood together,”", "CONTENT"),
            ("said", "CUE"),
        ],
    )
    assert len(list(doc.sents)) == 3
    seemed, said = tagged_attributions(doc)
    assert [text[s:e] for s, e in seemed.content] == ["the weight of the moment"]
    assert text[said.cue[0] : said.cue[1]] == "said"
    assert [text[s:e] for s, e in said.content] == [
        "“Years from now, you will say that this was the turning point.",
        "This was the week the alliance stood together,”",
    ]


def test_a_content_of_punctuation_alone_is_no_attribution(nlp):
    text = "But Mr. Peskov painted a different picture. ''The troops are leaving,'' he said."
    doc = _doc_with(nlp, text, [("painted", "CUE"), (". ''", "CONTENT")])
    assert tagged_attributions(doc) == []


def test_a_cue_takes_the_nearest_of_the_sources_before_it(nlp):
    # Both sources lie nearest the one cue: the relative clause's subject speaks, not
    # the press conference it describes.
    text = "Stoltenberg's press conference, in which he laid out the evidence, ended."
    doc = _doc_with(
        nlp,
        text,
        [
            ("Stoltenberg's press conference", "SOURCE"),
            ("he", "SOURCE"),
            ("laid out", "CUE"),
            ("the evidence", "CONTENT"),
        ],
    )
    (att,) = tagged_attributions(doc)
    assert text[att.source[0] : att.source[1]] == "he"


@pytest.mark.parametrize(
    "text, source, cue, tagged, expected",
    [
        (
            "The ad references four cases in which Kaine defended people accused of murder.",
            "The ad",
            "references",
            "four cases in which",
            "four cases in which Kaine defended people accused of murder",
        ),
        (
            "Aides cite the 2000 election in Florida, when Gore lost the state by 537 votes.",
            "Aides",
            "cite",
            "the 2000 election in Florida, when",
            "the 2000 election in Florida, when Gore lost the state by 537 votes",
        ),
        (
            "Bush railed against super PACs, including the one that raised $100 million.",
            "Bush",
            "railed against",
            "super PACs, including",
            "super PACs, including the one that raised $100 million",
        ),
        # Controls. A content that ends where its own clause ends stays as tagged.
        (
            "The ad references four cases, and Kaine defended people accused of murder.",
            "The ad",
            "references",
            "four cases",
            "four cases",
        ),
        # A relative pronoun alone is what was said ("..., which he called a hoax").
        (
            "Trump pointed to the report, which Smith called a hoax.",
            "Smith",
            "called",
            "which",
            "which",
        ),
        # A report after the preposition is a statement of its own.
        (
            "Putin likes surprises, as he did by announcing the release of a tycoon.",
            "Putin",
            "likes",
            "surprises, as he did by",
            "surprises, as he did by",
        ),
        # A clause reporting someone's words is their statement, not part of this one.
        (
            "Aides cite the 2000 election in Florida, when the state said it was close.",
            "Aides",
            "cite",
            "the 2000 election in Florida, when",
            "the 2000 election in Florida, when",
        ),
    ],
)
def test_a_tagged_content_never_ends_inside_a_phrase_that_runs_on(
    nlp, text, source, cue, tagged, expected
):
    from statements.extraction.merging import tagged_drafts

    doc = _doc_with(nlp, text, [(source, "SOURCE"), (cue, "CUE"), (tagged, "CONTENT")])
    (draft,) = tagged_drafts(doc, 0, 0, [])
    assert [text[s:e] for s, e in draft.segments] == [expected]


@pytest.mark.parametrize(
    ("text", "tagged", "expected"),
    [
        # The tagger marks only the words after a report set off inside them.
        (
            "If it's just a few delegates at stake, the campaign said, it may not bother.",
            "it may not bother",
            ["If it's just a few delegates at stake", "it may not bother"],
        ),
        # Control: a main verb's opening clause is not what was said.
        (
            "Writing for the Times, the campaign said that it may not bother.",
            "that it may not bother",
            ["that it may not bother"],
        ),
    ],
)
def test_an_agreed_rule_keeps_the_words_before_a_report_set_off_inside_them(
    nlp, text, tagged, expected
):
    merged = _merged(nlp, text, [("the campaign", "SOURCE"), ("said", "CUE"), (tagged, "CONTENT")])
    said = _with_cue(merged, text, "said")
    assert [text[s:e] for s, e in said.segments] == expected
