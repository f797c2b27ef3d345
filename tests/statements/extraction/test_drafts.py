from statements.extraction.drafts import Draft, DraftsByPlace, finish, speaker_before_report


def _at(text, piece):
    start = text.index(piece)
    return start, start + len(piece)


def test_a_speaker_running_over_what_was_said_stops_before_the_report():
    # The parse can hang the report on its own source, whose words then run on over
    # the cue and the content: "a statement ... stating that ...".
    text = "It posted a statement on its website, stating that the troops were leaving."
    speaker = (text.index("a statement"), text.index(" were leaving"))
    cut = speaker_before_report(
        speaker, _at(text, "stating"), [_at(text, "that the troops were leaving")], text
    )
    assert text[cut[0] : cut[1]] == "a statement on its website"


def test_a_speaker_holding_only_the_cue_is_kept_whole():
    # A noun of the speaker's own that the tagger took for the cue is no report.
    text = "Some party leaders see that Kyiv deserves support."
    speaker = _at(text, "Some party leaders")
    kept = speaker_before_report(
        speaker, _at(text, "leaders"), [_at(text, "that Kyiv deserves support")], text
    )
    assert kept == speaker


def test_a_speaker_before_the_report_is_unchanged():
    text = "Stoltenberg said that the buildup continues."
    speaker = _at(text, "Stoltenberg")
    assert (
        speaker_before_report(
            speaker, _at(text, "said"), [_at(text, "that the buildup continues")], text
        )
        == speaker
    )


def test_a_cut_speaker_does_not_end_on_the_word_that_joined_the_report():
    text = "Rulings restricting class actions, limiting damages and requiring arbitration."
    speaker = (0, len(text) - 1)
    cut = speaker_before_report(speaker, _at(text, "requiring"), [_at(text, "arbitration")], text)
    assert text[cut[0] : cut[1]] == "Rulings restricting class actions, limiting damages"


def _draft(text, speaker, cue, content):
    draft = Draft(None, 0, 0)
    draft.speaker = speaker
    draft.cue = _at(text, cue)
    draft.segments = [_at(text, content)]
    return draft


def test_the_marks_setting_a_speaker_off_are_not_part_of_it():
    # PolNeAR's sources take in the commas and dashes around an apposition, and so
    # does the tagger trained on them.
    text = "The cable networks — MSNBC, CNN and Fox News — said the debate drew records."
    speaker = (0, text.index("said"))
    statement = finish(_draft(text, speaker, "said", "the debate drew records"), text)
    assert statement.speaker.text == "The cable networks — MSNBC, CNN and Fox News"


def test_a_speaker_of_marks_alone_is_no_speaker():
    text = "Jim Bennett, 57, said the vote was rigged."
    speaker = _at(text, ", ")
    statement = finish(_draft(text, speaker, "said", "the vote was rigged"), text)
    assert statement.speaker is None


def _placed(cue, *segments):
    draft = Draft(None, 0, 0)
    draft.cue, draft.segments = cue, list(segments)
    return draft


def test_drafts_by_place_finds_those_reaching_a_range_in_the_order_added():
    later = _placed((500, 504), (505, 540))
    long_quote = _placed((10, 14), (15, 480))  # opens far before the range, runs into it
    elsewhere = _placed((900, 904), (905, 950))
    cue_only = _placed((440, 445), (600, 620))  # its words lie after, its cue inside
    places = DraftsByPlace([later, long_quote, elsewhere])
    places.add(cue_only)
    assert places.meeting(450, 520) == [later, long_quote, cue_only]
    assert places.meeting(480, 500) == [cue_only]  # both ends are exclusive
    assert places.meeting(0, 10) == []
