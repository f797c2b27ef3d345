"""How extraction parses an article (statements/extraction/pipeline.py)."""

from statements.extraction import pipeline, text_utils
from statements.extraction.pipeline import batches


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
