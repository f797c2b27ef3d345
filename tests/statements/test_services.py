import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from statements.models import Contradiction, Statement
from statements.services import (
    contradiction_review,
    contradictions_detect_all,
    contradictions_detect_for_statement,
    statement_create,
    statement_update,
    statements_extract_for_article,
)
from tests.factories import ActorFactory, ArticleFactory, TopicFactory
from tests.statements.extraction.support import NORTH_KOREA

TEXT = (
    "Russia's defense ministry said on Tuesday that troops have begun to return to their bases. "
    "NATO Secretary-General Jens Stoltenberg said on Wednesday that Russia continues the "
    "military buildup."
)


@pytest.fixture
def topic(db):
    return TopicFactory()


@pytest.fixture
def article(db):
    return ArticleFactory(text=TEXT, published_at=dt.datetime(2022, 2, 16, tzinfo=dt.UTC))


def _create(article, actor, content, said_on="2022-02-16"):
    return statement_create(
        article=article,
        actor=actor,
        content=content,
        said_on=dt.date.fromisoformat(said_on),
        date_precision="day",
    )


def test_an_editor_statement_is_classified_and_compared_with_its_topic(topic, article):
    moscow, nato = ActorFactory(name="Moscow MoD"), ActorFactory(name="NATO chief")

    pullback = _create(article, moscow, "troops have begun to return to their bases", "2022-02-15")
    buildup = _create(article, nato, "Russia continues the military buildup")

    assert (pullback.topic, pullback.stance) == (topic, "pulling back")
    assert (buildup.topic, buildup.stance) == (topic, "building up")
    contradiction = Contradiction.objects.get()
    assert {contradiction.statement_a, contradiction.statement_b} == {pullback, buildup}
    assert contradiction.statement_a_id < contradiction.statement_b_id


def test_it_locates_an_editor_statement_in_the_article(topic, article):
    statement = _create(article, ActorFactory(), "Russia continues the military buildup")

    assert TEXT[statement.content_start : statement.content_end] == statement.content


def test_it_rejects_a_statement_without_words(article):
    with pytest.raises(ValidationError, match="needs its words"):
        statement_create(article=article, content="  ")


def test_it_rejects_a_stance_the_topic_does_not_have(topic, article):
    with pytest.raises(ValidationError, match="Stance must be"):
        statement_create(article=article, content="x", topic=topic, stance="sideways")


def test_a_dismissed_pair_is_never_proposed_again(topic, article, editor):
    a = _create(article, ActorFactory(name="A"), "troops return to their bases", "2022-02-15")
    b = _create(article, ActorFactory(name="B"), "Russia continues the military buildup")
    contradiction = Contradiction.objects.get()

    contradiction_review(contradiction=contradiction, status="dismissed", user=editor, note="no")
    contradictions_detect_for_statement(statement=a)
    contradictions_detect_all()

    contradiction.refresh_from_db()
    assert contradiction.status == Contradiction.Status.DISMISSED
    assert contradiction.reviewer == editor
    assert Contradiction.objects.count() == 1
    assert b.pk in (contradiction.statement_a_id, contradiction.statement_b_id)


def test_review_is_kept_in_history_with_the_reviewer(topic, article, editor):
    _create(article, ActorFactory(name="A"), "troops return to their bases", "2022-02-15")
    _create(article, ActorFactory(name="B"), "Russia continues the military buildup")
    contradiction = Contradiction.objects.get()

    contradiction_review(contradiction=contradiction, status="confirmed", user=editor)

    latest = contradiction.history.first()
    assert latest.status == "confirmed"
    assert latest.history_user == editor


def test_review_rejects_an_unknown_status(topic, article, editor):
    _create(article, ActorFactory(name="A"), "troops return to their bases", "2022-02-15")
    _create(article, ActorFactory(name="B"), "Russia continues the military buildup")

    with pytest.raises(ValidationError, match="Status must be"):
        contradiction_review(contradiction=Contradiction.objects.get(), status="maybe", user=editor)


def test_full_redetection_is_idempotent(topic, article):
    _create(article, ActorFactory(name="A"), "troops return to their bases", "2022-02-15")
    _create(article, ActorFactory(name="B"), "Russia continues the military buildup")
    before = list(Contradiction.objects.values_list("pk", "statement_a", "statement_b", "score"))

    call_command("detect_contradictions", "--all")
    call_command("detect_contradictions", "--all")

    after = list(Contradiction.objects.values_list("pk", "statement_a", "statement_b", "score"))
    assert after == before


def test_a_correction_withdraws_an_unreviewed_detection_that_no_longer_holds(topic, article):
    a = _create(article, ActorFactory(name="A"), "troops return to their bases", "2022-02-15")
    _create(article, ActorFactory(name="B"), "Russia continues the military buildup")

    statement_update(statement=a, stance="building up")

    assert Contradiction.objects.count() == 0


def test_reextraction_never_overwrites_an_editors_correction(db, article):
    call_command("load_seeds", no_articles=True)
    statements_extract_for_article(article=article)
    statement = article.statements.order_by("pk").first()
    statement_update(statement=statement, content="As corrected by an editor")
    count = article.statements.count()

    statements_extract_for_article(article=article)

    statement.refresh_from_db()
    assert statement.content == "As corrected by an editor"
    assert statement.review_status == Statement.Review.CORRECTED
    assert article.statements.count() == count


def test_it_stores_an_article_where_two_reports_were_given_the_same_words(db):
    # An embedded report can come out of extraction with its host's words, and an
    # article holds one statement per span: the whole extraction used to fail on it.
    call_command("load_seeds", no_articles=True)
    article = ArticleFactory(text=NORTH_KOREA)

    stored, _conflicts = statements_extract_for_article(article=article)

    assert stored
    assert article.statements.filter(content__startswith="the test, which").count() == 1


def test_an_unknown_speaker_becomes_a_proposed_actor(db):
    call_command("load_seeds", no_articles=True)
    article = ArticleFactory(
        text="Acme Widgets spokesman Zed Quorble said on Monday that the factory will reopen."
    )

    statements_extract_for_article(article=article)

    statement = article.statements.get()
    assert statement.actor is not None
    assert statement.actor.status == "proposed"
    assert "Quorble" in statement.actor.name


def test_a_proposed_actor_is_named_without_the_clause_set_off_after_the_speaker(db):
    call_command("load_seeds", no_articles=True)
    article = ArticleFactory(
        text=(
            "An Acme Widgets spokesman, speaking on condition of anonymity, said on Monday "
            "that the factory will reopen.\n\n"
            "Zed Quorble, who runs the plant in Ohio, said the workers would be hired back.\n"
        )
    )

    statements_extract_for_article(article=article)

    assert [s.actor.name for s in article.statements.order_by("content_start")] == [
        "An Acme Widgets spokesman",
        "Zed Quorble",
    ]
    # The statement keeps the article's words for its speaker.
    assert article.statements.filter(speaker_text__contains="who runs the plant").exists()


def test_a_transcript_turn_proposes_the_person_its_label_stands_for(db):
    call_command("load_seeds", no_articles=True)
    article = ArticleFactory(
        text=(
            "Radio host Zed Quorble interviewed the mayor on Monday.\n\n"
            "QUORBLE: Will the factory reopen this year?\n\n"
            "MAYOR: We expect it to reopen in the spring.\n\n"
            "Q: And the workers?\n\n"
            "A: They will all be hired back.\n"
        )
    )

    statements_extract_for_article(article=article)

    by_label = {s.speaker_text: s for s in article.statements.all()}
    assert by_label["QUORBLE"].actor.name == "Zed Quorble"
    assert by_label["QUORBLE"].actor.status == "proposed"
    # A single letter names nobody: the answer is stored without an actor.
    assert by_label["A"].actor is None


def test_a_transcripts_question_label_proposes_no_actor(db):
    call_command("load_seeds", no_articles=True)
    article = ArticleFactory(
        text=(
            "News conference following the talks\n\n"
            "Question: Mr Mayor, will the factory reopen this year?\n\n"
            "Zed Quorble: We expect it to reopen in the spring, and we will hire everyone.\n\n"
            "Question: And the workers, will they come back?\n\n"
            "Zed Quorble: They will all be hired back by the summer.\n"
        )
    )

    statements_extract_for_article(article=article)

    turns = article.statements.filter(cue=":")
    assert sorted({(s.speaker_text, s.actor.name if s.actor else None) for s in turns}) == [
        ("Question", None),
        ("Zed Quorble", "Zed Quorble"),
    ]


def test_an_actor_is_found_by_its_own_name_once_created(db):
    from statements.services import actor_create, actor_resolver_build

    actor_create(name="Oleksii Danilov", kind="person", aliases=["Danilov"])

    resolver = actor_resolver_build()
    assert resolver.resolve("Oleksii Danilov") == "Oleksii Danilov"
    assert resolver.resolve("Danilov") == "Oleksii Danilov"


def test_it_refuses_an_alias_that_already_names_another_actor(db):
    from statements.services import actor_create

    actor_create(name="NATO", kind="alliance", aliases=["the alliance"])

    with pytest.raises(ValidationError, match="already names 'NATO'"):
        actor_create(name="OSCE", kind="organisation", aliases=["The Alliance"])


def test_renaming_an_actor_keeps_the_old_name_as_an_alias(db):
    from statements.services import actor_create, actor_update

    actor = actor_create(name="Dmitry Medvedev")
    actor_update(actor=actor, name="Dmitry A. Medvedev")

    assert set(actor.aliases.values_list("text", flat=True)) == {
        "Dmitry Medvedev",
        "Dmitry A. Medvedev",
    }


def test_a_topic_needs_two_different_stances(db):
    from statements.services import topic_create

    with pytest.raises(ValidationError, match="must differ"):
        topic_create(name="Sanctions", stance_a="for", stance_b="For")
