from spacy.strings import get_string_id

from statements.extraction.features import COLUMNS, feature_ids, quote_states

QUOTE, CLAUSE, GOVERNOR, CUE_DISTANCE, CUE_WORD = range(COLUMNS)


def _rows(nlp, text):
    doc = nlp(text)
    ids = feature_ids(doc)
    assert ids.shape == (len(doc), COLUMNS)
    return doc, {token.text: ids[token.i] for token in doc}


def test_quote_states_tell_marks_inside_and_outside_apart(nlp):
    doc = nlp('"We will win," Smith said.')
    states = quote_states(doc)
    words = [t.text for t in doc]
    mark, inside, outside = states[0], states[words.index("will")], states[words.index("Smith")]
    assert len({mark, inside, outside}) == 3
    assert states[words.index("We")] == inside
    assert states[words.index("said")] == outside


def test_a_quotation_left_open_is_told_from_a_closed_one(nlp):
    closed = quote_states(nlp('"We will win," Smith said.'))
    left_open = quote_states(nlp('Smith said: "We will win and we will keep'))
    assert left_open[-1] not in set(closed)


def test_tokens_of_a_reported_clause_carry_its_verb_and_the_cue_governing_it(nlp):
    doc, rows = _rows(nlp, "Smith said that the plan would fail.")
    assert rows["plan"][CLAUSE] == get_string_id("fail")
    assert rows["plan"][CLAUSE] == rows["would"][CLAUSE]
    # Same governor for the whole reported clause, another for the main clause.
    assert rows["plan"][GOVERNOR] == rows["would"][GOVERNOR]
    assert rows["plan"][GOVERNOR] != rows["Smith"][GOVERNOR]
    # One clause level below a cue verb, after it; the main clause has no cue above it.
    assert rows["plan"][CUE_DISTANCE] != rows["Smith"][CUE_DISTANCE]
    assert rows["Smith"][CUE_DISTANCE] == 0


def test_the_clause_before_a_trailing_cue_is_told_from_the_one_after_a_leading_cue(nlp):
    _, before = _rows(nlp, "The plan would fail, Smith said.")
    _, after = _rows(nlp, "Smith said the plan would fail.")
    assert before["plan"][CUE_DISTANCE] != after["plan"][CUE_DISTANCE]


def test_cue_words_are_marked_whatever_clause_they_sit_in(nlp):
    _, rows = _rows(nlp, "His claim was that officials denied the budget cuts.")
    assert rows["claim"][CUE_WORD] != rows["budget"][CUE_WORD]
    assert rows["denied"][CUE_WORD] != rows["officials"][CUE_WORD]
