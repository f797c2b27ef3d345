from statements.extraction.drafts import Draft
from statements.extraction.merging import drop_nested
from statements.extraction.quotes import find_quotes
from statements.extraction.rules import Candidate

from .support import NORTH_KOREA


def _draft(doc, cue, speaker, contents):
    text = doc.text
    cue_token = next(t for t in doc if t.text == cue)
    head = next(t for t in doc if t.text == speaker)
    spans = [(text.index(piece), text.index(piece) + len(piece)) for piece in contents]
    candidate = Candidate(
        cue_token, cue_token.idx + len(cue), (head.idx, head.idx + len(speaker)), head, spans
    )
    return Draft(candidate, 0, 0)


def test_a_filler_inside_a_quote_does_not_swallow_the_attribution_after_it(nlp):
    text = '"When we are trading, you know, promises for troops," he said. "We are paying for it."'
    doc = nlp(text)
    # The tagger can give "you know" a content running over "he said"; that filler
    # is dropped as words inside the quote, so it must not make "he said" nested too.
    filler = _draft(doc, "know", "you", ['"When we are trading', '," he said'])
    said = _draft(
        doc, "said", "he", ['"When we are trading, you know, promises for troops,"', '"We are']
    )
    kept = drop_nested([filler, said], find_quotes(text, [(0, len(text))]))
    assert kept == [said]


def test_a_pronoun_report_inside_a_paraphrase_stays_with_its_host(nlp):
    text = "Lavrov said he believes the talks will go on."
    doc = nlp(text)
    outer = _draft(doc, "said", "Lavrov", ["he believes the talks will go on"])
    inner = _draft(doc, "believes", "he", ["the talks will go on"])
    kept = drop_nested([outer, inner], find_quotes(text, [(0, len(text))]))
    assert kept == [outer]


def test_two_reports_given_the_very_same_words_become_one_statement_of_the_host(extract):
    statements = extract(NORTH_KOREA)
    spans = [(s.content.start, s.content.end) for s in statements]
    assert len(spans) == len(set(spans))
    (test_words,) = [s for s in statements if s.content.text.startswith("the test")]
    content = test_words.content
    assert not content.start <= test_words.cue.start < content.end
