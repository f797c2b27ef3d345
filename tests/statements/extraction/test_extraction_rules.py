from datetime import date

import pytest

from .support import speaker_of


def _one(statements, phrase):
    hits = [s for s in statements if phrase in s.content.text]
    assert hits, [s.content.text for s in statements]
    return hits[0]


def test_it_extracts_a_paraphrase_with_that(extract):
    (st,) = extract("The minister said on Monday that the talks had failed.")
    assert st.speaker.text == "The minister"
    assert st.cue.text == "said"
    assert st.content.text == "that the talks had failed"
    assert st.kind == "paraphrase"
    assert st.said_on == date(2022, 2, 14)


def test_it_extracts_a_paraphrase_without_that(extract):
    st = _one(extract("Lavrov told reporters the West was ignoring Russia's demands."), "West")
    assert st.actor == "Sergei Lavrov"
    assert "the West was ignoring Russia's demands" in st.content.text
    assert "reporters" not in st.content.text


def test_it_finds_the_speaker_after_the_quote(extract):
    st = _one(extract('"We will not back down," said Zelensky.'), "back down")
    assert st.actor == "Volodymyr Zelenskyy"
    assert st.kind == "direct_quote"


def test_it_joins_a_quote_split_around_the_attribution(extract):
    text = '"Diplomacy is still possible," Blinken said. "But time is running out."'
    (st,) = [s for s in extract(text) if s.actor == "Antony Blinken"]
    assert len(st.segments) == 2
    assert [text[a:b] for a, b in st.segments] == [
        '"Diplomacy is still possible,"',
        '"But time is running out."',
    ]


def test_it_continues_a_quote_over_several_paragraphs(extract):
    text = (
        'Scholz said: "Germany stands with its partners.\n\n'
        '"We are prepared to impose sanctions if Russia invades."\n'
    )
    st = _one(extract(text), "Germany stands")
    assert st.actor == "Olaf Scholz"
    assert len(st.segments) == 2
    assert "impose sanctions" in text[st.segments[1][0] : st.segments[1][1]]


def _quotations(paragraph_texts):
    from statements.extraction.quotes import find_quotes

    text, paras = "", []
    for para in paragraph_texts:
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{para}" if text else para
        paras.append((start, len(text)))
    return [[text[s:e] for s, e in group.segments] for group in find_quotes(text, paras)]


@pytest.mark.parametrize("mark, close", [('"', '"'), ("\u201c", "\u201d")])
def test_a_quote_continues_into_a_paragraph_reopening_it_with_the_same_mark(mark, close):
    found = _quotations([f"{mark}Russia is pulling back.", f"{mark}We will respond.{close}"])
    assert found == [[f"{mark}Russia is pulling back.", f"{mark}We will respond.{close}"]]


def test_a_paragraph_opening_with_another_mark_is_a_quotation_of_its_own(extract):
    # A scraped block quote opens each paragraph with a straight mark; the
    # typographic quote after it is the next speaker's, not a continuation.
    first, second = '"Melanie was anxious.', "\u201cIt never crossed my mind,\u201d she said."
    assert _quotations([first, second]) == [[first], ["\u201cIt never crossed my mind,\u201d"]]
    st = _one(extract(f"{first}\n\n{second}"), "never crossed")
    assert st.content.text == "\u201cIt never crossed my mind,\u201d"


def test_an_opening_mark_ending_a_word_closes_the_open_quotation(extract):
    # A typing slip common in scraped news: the closing mark typed as an opening one.
    text = (
        "\u201cThe drills are over,\u201c said Dmitry Peskov. \u201cThe troops will return.\u201d"
    )
    assert _quotations([text]) == [
        ["\u201cThe drills are over,\u201c"],
        ["\u201cThe troops will return.\u201d"],
    ]
    st = _one(extract(text), "drills are over")
    assert st.speaker.text == "Dmitry Peskov"
    # Control: an opening mark that starts a word still opens a quotation.
    assert _quotations(["He said \u201cno\u201d and \u201cnever\u201d."]) == [
        ["\u201cno\u201d"],
        ["\u201cnever\u201d"],
    ]


def test_it_resolves_he_to_the_previous_named_speaker(extract):
    text = (
        "Jens Stoltenberg said on Wednesday that NATO was ready to talk.\n\n"
        "He added that allies would keep troops in the east."
    )
    st = _one(extract(text), "allies would keep troops")
    assert st.speaker.text == "He"
    assert st.actor == "Jens Stoltenberg"
    assert st.said_on == date(2022, 2, 16)


def test_it_resolves_a_descriptor_to_the_previous_person(extract):
    text = (
        "Russian Foreign Minister Sergei Lavrov said on Tuesday that the proposals were late.\n\n"
        "The minister also warned that Moscow would respond."
    )
    st = _one(extract(text), "Moscow would respond")
    assert st.actor == "Sergei Lavrov"


def test_it_reads_according_to_as_the_source(extract):
    st = _one(extract("Troops were moving west, according to Ukrainian officials."), "moving west")
    assert st.actor == "Ukrainian government"
    assert "according" not in st.content.text


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The campaign sought proposals from data firms, according to sources familiar "
            "with the talks.",
            "The campaign sought proposals from data firms",
        ),
        (
            "Moscow plans to keep its troops in Belarus, according to NATO officials.",
            "Moscow plans to keep its troops in Belarus",
        ),
    ],
)
def test_according_to_after_a_deed_is_the_source_not_a_reporting_channel(extract, text, content):
    # Only a report of speech ("Stoltenberg said, according to The Guardian") folds
    # "according to" into reported_via; what someone did or plans is the source's claim.
    st = _one(extract(text), content)
    assert st.content.text == content
    assert st.speaker.text == text[text.index("according to") + len("according to ") : -1]
    assert st.reported_via is None


def test_it_treats_a_relative_clause_report_as_a_statement(extract):
    text = "Kyiv warned of an attack this week, a claim that the Kremlin denied."
    st = _one(extract(text), "a claim that the Kremlin denied")
    assert st.actor == "Russian government"
    assert st.cue.text == "denied"


@pytest.mark.parametrize(
    "text",
    [
        "The drills set off another round of alarm on Wednesday: NATO said Russia "
        "continues the military buildup.",
        "The announcement brought little relief in Kyiv: Ukrainian officials said they "
        "had seen no sign of a withdrawal.",
    ],
)
def test_a_clause_before_a_colon_is_not_what_the_report_after_it_said(extract, text):
    # The parser hangs the clause before the colon on "said" as what was said.
    (said,) = extract(text)
    assert said.content.text == text.split(" said ", 1)[1].rstrip(".")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "The talks were not a failure — Lavrov said on Monday that they would continue.",
            "that they would continue",
        ),
        (
            "Kyiv was not reassured — satellite images showed Russian troops massing near "
            "the border.",
            "Russian troops massing near the border",
        ),
        (
            "The ministry is not worried — it expects the troops to return to their bases.",
            "the troops to return to their bases",
        ),
    ],
)
def test_a_clause_before_a_dash_is_not_what_a_report_after_it_said(extract, text, content):
    (report,) = extract(text)
    assert report.content.text == content


@pytest.mark.parametrize(
    "text",
    [
        "“Russia continues the military buildup” — Stoltenberg said on Wednesday.",
        "Russia continues the military buildup — Stoltenberg said on Wednesday.",
    ],
)
def test_words_a_dash_sets_off_before_said_are_what_was_said(nlp, text):
    # Nothing follows "said", so the words before the dash are its report; the rule
    # itself finds them, without help from quotation matching.
    from statements.extraction.rules import candidates_for_sentence

    (sent,) = nlp(text).sents
    (report,) = candidates_for_sentence(sent)
    (segment,) = report.content
    assert text[slice(*segment)].strip("“”") == text.split(" — ")[0].strip("“”")


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Lavrov said the talks would continue.", "the talks would continue"),
        ('"The talks will continue," Lavrov said.', '"The talks will continue,"'),
        ("The talks will continue, Lavrov said.", "The talks will continue"),
    ],
)
def test_a_reporting_verb_in_what_was_said_is_no_report_of_its_own(extract, text, content):
    # "continue" can report ("continued to insist"), but after "said" with nothing
    # setting it off it is only part of what Lavrov said.
    (said,) = extract(text)
    assert (said.speaker.text, said.cue.text, said.content.text) == ("Lavrov", "said", content)


def test_it_ignores_sentences_without_a_speech_cue(extract):
    assert extract("Tanks rolled across the bridge on Tuesday morning.") == []


def test_earlier_this_week_sets_a_week_precision_date(extract):
    st = _one(extract("Kyiv said earlier this week that an invasion was possible."), "invasion")
    assert st.said_on == date(2022, 2, 14)
    assert st.date_precision == "week"
    assert st.date_text == "earlier this week"


def test_a_cue_inside_a_quote_is_part_of_the_quote(extract):
    text = '"I think the sanctions will work," Blinken said on Tuesday.'
    statements = extract(text)
    assert [s.actor for s in statements] == ["Antony Blinken"]
    assert statements[0].content.text == '"I think the sanctions will work,"'


def test_a_relative_pronoun_speaker_resolves_through_its_noun(extract):
    st = _one(
        extract("Ukrainian officials, who said on Monday that talks had stalled, left."), "stalled"
    )
    assert st.speaker.text == "who"
    assert st.actor == "Ukrainian government"


def test_a_verb_in_a_that_clause_does_not_report_the_sentence_around_it(extract):
    statements = extract("Lavrov said on Monday that talks would continue.")
    assert [(s.speaker.text, s.cue.text, s.content.text) for s in statements] == [
        ("Lavrov", "said", "that talks would continue")
    ]


def test_rules_read_stance_and_speech_verbs_beyond_say(nlp):
    # Verbs that PolNeAR's train split marks as cues in about half their uses or more.
    from statements.extraction.rules import candidates_for_sentence

    cases = {
        "The senator condemned the decision to close the base.": "the decision to close the base",
        "Clinton disavowed the remarks of her former adviser.": "the remarks of her former adviser",
        "The governor rebuffed calls for a special session.": "calls for a special session",
        "He credited the new sheriff for the drop in crime.": "for the drop in crime",
    }
    for sentence, content in cases.items():
        doc = nlp(sentence)
        found = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
        assert [sentence[s:e] for c in found for s, e in c.content] == [content], sentence


@pytest.mark.parametrize(
    ("sentence", "source", "content"),
    [
        (
            "In the latest poll, Clinton leads Trump by five points.",
            "the latest poll",
            "Clinton leads Trump by five points",
        ),
        (
            "Clinton led Trump 47 percent to 39 percent among young voters in a "
            "Washington Post-ABC News poll.",
            "a Washington Post-ABC News poll",
            "Clinton led Trump 47 percent to 39 percent among young voters",
        ),
        # An idiom, and a modifier, report nothing.
        ("Trump rose sharply in the polls.", None, None),
        ("Voters surveyed in the poll were angry about the economy.", None, None),
    ],
)
def test_rules_read_a_poll_as_the_source_of_what_it_found(nlp, sentence, source, content):
    from statements.extraction.rules import candidates_for_sentence

    doc = nlp(sentence)
    found = [c for sent in doc.sents for c in candidates_for_sentence(sent) if c.cue.lower_ == "in"]
    if source is None:
        assert found == []
        return
    (poll,) = found
    assert sentence[poll.speaker[0] : poll.speaker[1]] == source
    assert [sentence[s:e] for s, e in poll.content] == [content]


@pytest.mark.parametrize(
    ("sentence", "content"),
    [
        # The parser joins the rights groups' report to Obama's clause as a conjunct.
        (
            "Obama emphasized that Burma's reforms were not complete, and human rights "
            "groups warned that the administration was relinquishing leverage.",
            "that Burma's reforms were not complete",
        ),
        # A conjunct that reports nothing is part of what was said, and so is a
        # report opened by "that", which the reporting verb governs too.
        (
            "Obama emphasized that prices had risen and wages had fallen.",
            "that prices had risen and wages had fallen",
        ),
        (
            "Obama emphasized that the troops would leave and that NATO had warned of a buildup.",
            "that the troops would leave and that NATO had warned of a buildup",
        ),
    ],
)
def test_a_report_joined_to_what_was_said_is_not_part_of_it(nlp, sentence, content):
    from statements.extraction.rules import candidates_for_sentence

    doc = nlp(sentence)
    found = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
    (emphasized,) = [c for c in found if c.cue.text == "emphasized"]
    assert [sentence[s:e] for s, e in emphasized.content] == [content]


def test_rules_read_a_report_set_off_by_commas_inside_what_was_said(nlp):
    from statements.extraction.rules import candidates_for_sentence

    cases = {
        "The plan, Smith said, will fail.": ("Smith", ["The plan", "will fail"]),
        "The museum, Mr. Bush said, celebrated several of his heroes.": (
            "Mr. Bush",
            ["The museum", "celebrated several of his heroes"],
        ),
    }
    for sentence, (speaker, content) in cases.items():
        doc = nlp(sentence)
        (found,) = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
        assert sentence[found.speaker[0] : found.speaker[1]] == speaker
        assert [sentence[s:e] for s, e in found.content] == content


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "Stoltenberg said he saw no sign of a pullback, telling reporters that Russia "
            "continues the military buildup.",
            "telling",
            "Stoltenberg",
        ),
        (
            "Most of the allies have already said they would send more troops, while "
            "stressing that the alliance remains defensive.",
            "stressing",
            "Most of the allies",
        ),
        (
            "Peskov said the drills were routine and denied that Russia plans to invade.",
            "denied",
            "Peskov",
        ),
        (
            "Even a top NATO official said Berlin will have to choose whose side it is on, "
            "saying, \u201cAt some point, it is going to have to choose.\u201d",
            "saying",
            "Even a top NATO official",
        ),
    ],
)
def test_a_trailing_or_conjoined_report_takes_the_reporting_verbs_speaker(
    nlp, sentence, cue, speaker
):
    # The parser hangs ", telling ..." and "and denied ..." on the reported clause's
    # verb, whose subject ("he", "they", "the drills") is not who is speaking; a
    # participle may hang deeper still ("saying" under "will have to choose").
    assert speaker_of(nlp, sentence, cue) == speaker


def test_a_participle_after_the_reporting_verb_continues_its_report(nlp):
    # The parser hangs ", going on to say ..." on the root it finds further on, a verb
    # of the quotation ("young Ukrainians do not want"), whose subject is not speaking.
    sentence = (
        '"This is reckless," Kuleba said, going on to say that the country has spent '
        '"eight years fighting for its borders and all that, to have that debate again, '
        'young Ukrainians do not want to hear it."'
    )
    assert speaker_of(nlp, sentence, "say") == "Kuleba"


def test_a_participle_after_a_shown_name_takes_the_name(nlp):
    # Parsed as a complement of "uses", whose subject is the ad, not who is asking.
    sentence = (
        "The new ad uses footage of Olaf Scholz asking, "
        "\u201cWhy aren\u2019t we further ahead?\u201d"
    )
    assert speaker_of(nlp, sentence, "asking") == "Olaf Scholz"


def test_a_name_parsed_as_the_root_is_the_subject_of_the_verb_after_it(nlp):
    # The parser makes "Stoltenberg" the root and "called" a relative clause on it.
    sentence = (
        "Stoltenberg, the alliance's top civilian official, on Wednesday called Russia's "
        "claims of a pullback ''propaganda.''"
    )
    assert speaker_of(nlp, sentence, "called") == (
        "Stoltenberg, the alliance's top civilian official"
    )


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        # The name is read as an apposition to the opening phrase's "Macron".
        (
            "In a letter to Macron, Stoltenberg, head of the alliance, recounted a "
            "conversation he had at a dinner.",
            "recounted",
            "Stoltenberg",
        ),
        # The relative clause is read as the main clause, with the name its subject.
        (
            "Now Vershbow, who helped lead fundraising for a pro-Kyiv super PAC, has agreed "
            "to serve as a vice chairman of the fund.",
            "agreed",
            "Vershbow",
        ),
    ],
)
def test_a_name_set_off_by_commas_is_the_speaker_of_a_verb_left_without_one(
    nlp, sentence, cue, speaker
):
    assert speaker_of(nlp, sentence, cue) == speaker


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "Kuleba issued a statement saying Russia had not pulled back its troops.",
            "saying",
            "Kuleba",
        ),
        (
            "Stoltenberg unleashed a series of tweets criticizing the Kremlin's claims.",
            "criticizing",
            "Stoltenberg",
        ),
        (
            "Lavrov has mounted a public campaign to condemn NATO for the drills.",
            "condemn",
            "Lavrov",
        ),
        (
            "The ministry responded on Friday with a statement on its website stating "
            "that the troops were returning to their bases.",
            "stating",
            "The ministry",
        ),
        (
            "Pence, on the other hand, had no trouble breaking with his potential future "
            "boss in endorsing Ryan.",
            "endorsing",
            "Pence",
        ),
    ],
)
def test_a_report_hung_on_what_carries_it_is_the_subjects(nlp, sentence, cue, speaker):
    # The statement, the tweets and the campaign carry the words; who issued them speaks.
    assert speaker_of(nlp, sentence, cue) == speaker


def test_a_described_subject_misparsed_as_a_clause_is_still_the_speaker(nlp):
    from statements.extraction.rules import candidates_for_sentence

    # The parser reads the name and its relative clause as a clause of its own
    # hanging from "said", which then has no subject.
    sentence = (
        "Peskov, meanwhile, who has zero such endorsements, said that fact speaks "
        "volumes about the West."
    )
    doc = nlp(sentence)
    found = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
    (said,) = [c for c in found if c.cue.text == "said"]
    assert sentence[said.speaker[0] : said.speaker[1]] == (
        "Peskov, meanwhile, who has zero such endorsements"
    )
    assert said.speaker_head.text == "Peskov"
    assert [sentence[s:e] for s, e in said.content] == ["that fact speaks volumes about the West"]


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "The satellite images led Stoltenberg to declare that Russia continues the "
            "military buildup.",
            "declare",
            "Stoltenberg",
        ),
        (
            "The abrupt announcement left many analysts to wonder whether the troops were leaving.",
            "wonder",
            "many analysts",
        ),
        ("Mr. Peskov was allowed to speak about the drills on Tuesday.", "speak", "Mr. Peskov"),
        (
            "Ayotte used a closed-door lunch to complain that the drills were a threat.",
            "complain",
            "Ayotte",
        ),
    ],
)
def test_a_report_someone_was_made_or_allowed_to_make_is_theirs(nlp, sentence, cue, speaker):
    # Only verbs of making someone act hand the report to their object (not "used").
    assert speaker_of(nlp, sentence, cue) == speaker


def test_a_noun_cue_names_its_source_by_possessive_from_or_by(nlp):
    from statements.extraction.rules import find_speaker

    cases = {
        "The Kremlin's denial came within hours.": ("denial", "Kremlin"),
        "The criticism from NATO allies was sharp.": ("criticism", "allies"),
        "Recent suggestions by the news media were wrong.": ("suggestions", "media"),
        "The criticism was sharp.": ("criticism", None),
    }
    for sentence, (cue, speaker) in cases.items():
        doc = nlp(sentence)
        (token,) = [t for t in doc if t.text == cue]
        found = find_speaker(token)
        assert (found.text if found is not None else None) == speaker, sentence


def test_verbs_left_without_a_subject_take_the_one_opening_the_sentence(nlp):
    # "summed up" is parsed as a clause modifying "denounced", which, like "said"
    # conjoined to it, then has no subject of its own.
    sentence = (
        "Trump further summed up Clinton as “terrible,” denounced her record at the State "
        "Department and said she should not lead the talks."
    )
    assert speaker_of(nlp, sentence, "denounced") == "Trump"
    assert speaker_of(nlp, sentence, "said") == "Trump"


def test_of_two_subjects_the_parser_gave_a_verb_the_nearest_is_the_speaker(nlp):
    from spacy.tokens import Doc

    from statements.extraction.rules import find_speaker

    # As parsed: '"..., nothing you can do, folks," Peskov said.' with "nothing",
    # from inside the quotation, as a second subject of "said".
    words = ["Nothing", "you", "can", "do", ",", "Peskov", "said", "."]
    heads = [6, 3, 3, 0, 6, 6, 6, 6]
    deps = ["nsubj", "nsubj", "aux", "relcl", "punct", "nsubj", "ROOT", "punct"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps)
    assert find_speaker(doc[6]).text == "Peskov"


def test_a_noun_cue_with_a_that_clause_names_its_source_by_from_or_by(nlp):
    # "criticism from allies that ..." is the allies' claim, not Putin's, who faced it.
    sentence = "Putin has faced criticism from allies that the invasion was a mistake."
    assert speaker_of(nlp, sentence, "criticism") == "allies"


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            "The envoy was recalled by Kyiv and said that the talks had collapsed.",
            "said",
            "The envoy",
        ),
        (
            "Diplomats, who were briefed by the ministry and believe that the drills "
            "will end, stayed.",
            "believe",
            "who",
        ),
        (
            "De Blasio said the move was made by Bratton and said that the city was safe.",
            "said",
            "De Blasio",
        ),
    ],
)
def test_a_verb_joined_to_a_passive_one_shares_its_subject_not_its_agent(
    nlp, sentence, cue, speaker
):
    # Unless the passive verb is itself reported (De Blasio's second "said").
    from statements.extraction.rules import candidates_for_sentence

    doc = nlp(sentence)
    found = [c for sent in doc.sents for c in candidates_for_sentence(sent)]
    reports = [c for c in found if c.cue.text == cue]
    assert reports
    assert all(sentence[c.speaker[0] : c.speaker[1]] == speaker for c in reports)


def test_a_passive_cue_with_a_report_after_it_is_its_subjects(nlp):
    # The tagger marks "was prompted to say" as one cue, rooted on "prompted".
    from statements.extraction.rules import find_speaker

    doc = nlp("After the talks, Mr. Lavrov was prompted to say that the West had ignored Moscow.")
    (prompted,) = [t for t in doc if t.text == "prompted"]
    assert find_speaker(prompted).text == "Lavrov"


@pytest.mark.parametrize(
    ("sentence", "cue", "speaker"),
    [
        (
            # A list of verbs the parser hangs on the clause above as siblings.
            "The only time Kyiv came up was when Lavrov complained about the drills, "
            "referred to the sanctions and suggested that talks could resume.",
            "referred",
            "Lavrov",
        ),
        (
            # The subject hung on the noun before it as an apposition.
            "In addition to NATO, a bipartisan coalition of senators and former envoys "
            "have vouched for Kyiv's request.",
            "vouched",
            "a bipartisan coalition of senators and former envoys",
        ),
        (
            # The same after a dash, with the verb joined to the clause before it,
            # which would lend it "it".
            "And it wasn’t a one-off or an accident — Oana Lungescu, a spokeswoman for "
            "NATO, told Reuters that the alliance had been warned.",
            "told",
            "Oana Lungescu, a spokeswoman for NATO",
        ),
    ],
)
def test_a_subject_the_parser_hung_elsewhere_is_still_the_speaker(nlp, sentence, cue, speaker):
    assert speaker_of(nlp, sentence, cue) == speaker


def test_a_name_parsed_as_the_root_speaks_for_a_verb_hung_under_it(nlp):
    # The parse the model gives "Khizr Khan, the father of a slain soldier,<nbsp>decried
    # Trump's calls ...": the name is the root and the verb a modifier of its object.
    from spacy.tokens import Doc

    from statements.extraction.rules import find_speaker

    words = ["Taras", "Koval", ",", "the", "father", ",", "decried", "Putin", "'s", "calls", "."]
    heads = [1, 1, 1, 4, 1, 1, 9, 9, 7, 4, 1]
    deps = ["compound", "ROOT", "punct", "det", "appos", "punct"]
    deps += ["amod", "poss", "case", "appos", "punct"]
    tags = ["NNP", "NNP", ",", "DT", "NN", ",", "VBD", "NNP", "POS", "NNS", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB", "PROPN", "PART"]
    pos += ["NOUN", "PUNCT"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)
    assert find_speaker(doc[6]).text == "Koval"


def test_what_there_was_speaks_for_a_participle_after_it(nlp):
    from statements.extraction.rules import find_speaker

    doc = nlp("There were also cables that night showing that the ministry knew the troops stayed.")
    (showing,) = [t for t in doc if t.text == "showing"]
    assert find_speaker(showing).text == "cables"


def test_a_report_set_off_inside_what_was_said_leaves_its_subject_in_it(nlp):
    from statements.extraction.rules import candidates_for_sentence

    text = "Putting the show together, Butz said, allowed him to get in touch with himself."
    doc = nlp(text)
    (said,) = [c for s in doc.sents for c in candidates_for_sentence(s) if c.cue.text == "said"]
    assert [text[s:e] for s, e in said.content] == [
        "Putting the show together",
        "allowed him to get in touch with himself",
    ]
