"""Interview transcripts: each labelled paragraph is its speaker's statement."""

from statements.extraction.text_utils import paragraphs
from statements.extraction.transcripts import transcript_turns

TRANSCRIPT = (
    "TAPPER: And obviously, you're supporting Donald Trump. Some Americans are skeptical.\n\n"
    "FALLIN: Well, I think the whole nation needs to work together. People are scared.\n"
)


def _turns(nlp, text):
    paras = list(paragraphs(text))
    docs = [nlp(text[s:e]) for s, e in paras]
    return [
        (text[d.speaker[0] : d.speaker[1]], [text[s:e] for s, e in d.segments])
        for d in transcript_turns(text, paras, docs)
    ]


def test_each_labelled_paragraph_is_a_turn_of_its_labels_speaker(nlp):
    assert _turns(nlp, TRANSCRIPT) == [
        (
            "TAPPER",
            ["And obviously, you're supporting Donald Trump. Some Americans are skeptical."],
        ),
        ("FALLIN", ["Well, I think the whole nation needs to work together. People are scared."]),
    ]


def test_question_and_answer_labels_are_turns(nlp):
    text = "Q: How did things go for you?\n\nA: I felt really helpless and hopeless.\n"
    assert _turns(nlp, text) == [
        ("Q", ["How did things go for you?"]),
        ("A", ["I felt really helpless and hopeless."]),
    ]


def test_a_lone_label_is_a_headline_not_a_transcript(nlp):
    text = "FIX IS IN: PBS Moderators Ignore Scandals.\n\nRAMOS: Did you lie to them?\n"
    assert _turns(nlp, text) == []
    text = "UPDATE: The vote was delayed.\n\nCORRECTION: An earlier version misstated it.\n"
    assert _turns(nlp, text) == []


def test_a_transcript_turn_is_a_direct_quote_and_the_reports_in_it_stay(extract):
    statements = extract(TRANSCRIPT)
    turns = [(s.speaker.text, s.kind) for s in statements if s.cue.text == ":"]
    assert turns == [("TAPPER", "direct_quote"), ("FALLIN", "direct_quote")]
    (thought,) = [s for s in statements if s.cue.text == "think"]
    assert thought.content.text == "the whole nation needs to work together"


def test_a_label_resolves_to_the_person_the_article_names(extract):
    text = (
        "CNN's Jake Tapper spoke with Ukrainian Foreign Minister Dmytro Kuleba on Sunday.\n\n"
        "TAPPER: Is Russia pulling back its troops?\n\n"
        "KULEBA: We have not seen any withdrawal on the ground.\n"
    )
    turns = [s for s in extract(text) if s.cue.text == ":"]
    assert [(s.speaker.text, s.speaker_name) for s in turns] == [
        ("TAPPER", "Jake Tapper"),
        ("KULEBA", "Dmytro Kuleba"),
    ]
    assert turns[1].actor == "Dmytro Kuleba"


def test_a_headline_naming_its_source_before_a_colon_is_its_claim(extract):
    text = (
        "Stoltenberg: Russia Continues the Military Buildup Near Ukraine.\n\n"
        "NATO's chief spoke in Brussels on Wednesday.\n"
    )
    (claim,) = [s for s in extract(text) if s.cue.text == ":"]
    assert claim.speaker.text == "Stoltenberg"
    assert claim.content.text == "Russia Continues the Military Buildup Near Ukraine."
    assert claim.actor == "Jens Stoltenberg"


def test_a_headline_whose_words_after_the_colon_are_a_report_is_that_reports(extract):
    # The label is the story's topic; the speaker is the one who says.
    text = (
        "Ukraine crisis: Russia says troops are returning to base\n\n"
        "NATO's chief spoke in Brussels on Wednesday.\n"
    )
    statements = extract(text)
    assert [(s.speaker.text, s.content.text) for s in statements] == [
        ("Russia", "troops are returning to base")
    ]
    assert statements[0].actor == "Russian government"


def test_a_label_opening_a_paragraph_is_a_topic_when_a_report_follows_it(extract):
    text = (
        "Success on Signature Issue: Mr. Ban focused on climate change as a signature "
        "issue shortly after assuming his post.\n"
    )
    [statement] = extract(text)
    assert statement.speaker.text == "Mr. Ban"
    assert statement.content.text.startswith("climate change as a signature issue")


def test_a_headline_label_that_is_no_name_is_no_source(extract):
    for title in ("The Latest: Russia says troops return to bases.", "Update: Talks resume."):
        text = f"{title}\n\nNATO's chief spoke in Brussels on Wednesday.\n"
        assert [s for s in extract(text) if s.cue.text == ":"] == []


def test_only_the_headline_is_read_as_a_headline(nlp):
    from statements.extraction.header import parse_article_header
    from statements.extraction.transcripts import headline_claim

    text = "NATO chiefs met in Brussels.\n\nStoltenberg: a name in the body, not a title.\n"
    paras = list(paragraphs(text))
    title = parse_article_header(text).title
    assert headline_claim(text, title, paras[1:], [nlp(text[s:e]) for s, e in paras[1:]]) == []


def test_an_official_transcript_labels_its_speakers_by_name(extract):
    text = (
        "News conference following Russian-German talks\n\n"
        "Question: Mr President, will there be a war in Europe?\n\n"
        "Vladimir Putin: As for the war in Europe, we do not want it. That is why we put "
        "forward our proposals.\n\n"
        "Olaf Scholz (retranslated): For my generation, war in Europe has become "
        "unthinkable. We must make sure it stays that way.\n\n"
        "Question: Are troops being withdrawn?\n\n"
        "Vladimir Putin: Yes, partially. The drills are over, and some units are "
        "returning.\n"
    )

    # The parser takes "):" for one token, the cue of Scholz's turn.
    turns = [s for s in extract(text) if s.cue.text.endswith(":")]

    assert [(s.speaker.text, s.actor) for s in turns] == [
        ("Question", None),
        ("Vladimir Putin", "Vladimir Putin"),
        ("Olaf Scholz", "Olaf Scholz"),
        ("Question", None),
        ("Vladimir Putin", "Vladimir Putin"),
    ]
    assert turns[1].content.text == (
        "As for the war in Europe, we do not want it. That is why we put forward our proposals."
    )
    assert all(s.kind == "direct_quote" for s in turns)


def test_names_before_figures_in_a_list_are_no_transcript(extract):
    text = (
        "The latest delegate count after Tuesday's primaries.\n\n"
        "Hillary Clinton: 1,769.\n\n"
        "Bernie Sanders: 1,501.\n"
    )

    assert [s for s in extract(text) if s.cue.text == ":"] == []
