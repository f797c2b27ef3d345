"""How extraction parses an article (statements/extraction/pipeline.py)."""

from statements.extraction import pipeline, text_utils
from statements.extraction.pipeline import batches, sections


def test_a_batch_stops_at_its_size_or_its_characters(monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_BATCH_CHARS", 10)
    jobs = ["aaaa", "bbbb", "cc", "dddddddddddd", "e", "f", "g"]
    assert list(batches(jobs, size=3)) == [
        ["aaaa", "bbbb", "cc"],
        ["dddddddddddd"],  # longer than a batch alone: parsed on its own
        ["e", "f", "g"],
    ]


def test_a_paragraph_too_long_to_parse_at_once_still_gives_its_statements(extract, monkeypatch):
    lines = [
        "NATO Secretary-General Jens Stoltenberg said Russia continues the military buildup.",
        "The Russian defense ministry said some units were returning to their bases.",
        '"We have not seen any withdrawal," Stoltenberg told reporters in Brussels.',
        "Ukrainian officials said they had seen no sign of a pullback on the border.",
    ]
    monkeypatch.setattr(text_utils, "MAX_PARAGRAPH_CHARS", 170)
    one_line = extract(" ".join(lines))
    monkeypatch.setattr(text_utils, "MAX_PARAGRAPH_CHARS", 10_000)
    by_lines = extract("\n".join(lines))
    assert len(by_lines) == 4
    assert [(s.actor, s.content.text) for s in one_line] == [
        (s.actor, s.content.text) for s in by_lines
    ]


def test_an_article_is_cut_into_sections_of_whole_paragraphs(monkeypatch):
    monkeypatch.setattr(pipeline, "MAX_SECTION_CHARS", 100)
    paras = [(0, 40), (41, 90), (91, 150), (151, 400), (401, 420)]
    assert list(sections(paras)) == [
        [(0, 40), (41, 90)],
        [(91, 150)],
        [(151, 400)],  # longer than a section alone: a section of its own
        [(401, 420)],
    ]


def test_a_long_article_assembled_in_sections_keeps_every_statement(extract, monkeypatch):
    text = (
        "NATO says Russia continues buildup\n\n"
        "NATO Secretary-General Jens Stoltenberg said Russia continues the military buildup.\n"
        "The Russian defense ministry said some units were returning to their bases.\n"
        '"We have not seen any withdrawal," Stoltenberg told reporters in Brussels.\n'
        "Ukrainian officials said they had seen no sign of a pullback on the border.\n"
    )
    whole = extract(text)
    monkeypatch.setattr(pipeline, "MAX_SECTION_CHARS", 160)
    cut = extract(text)
    assert len(whole) == 5  # the headline's claim, and one per paragraph
    assert [(s.actor, s.content.text, s.content.start) for s in cut] == [
        (s.actor, s.content.text, s.content.start) for s in whole
    ]
