"""The seed article, end to end: what a careful analyst records from it must be found."""

import pytest
from django.core.management import call_command

from statements.models import Contradiction, Statement

STOLTENBERG = "Jens Stoltenberg"
RUSSIAN_MOD = "Ministry of Defence of the Russian Federation"
RUSSIAN_GOV = "Russian government"
UKRAINIAN_GOV = "Ukrainian government"

# (actor, a verbatim phrase inside the statement) from the analyst's record of the article.
BUILDUP_SIDE = [
    (STOLTENBERG, "Russia is still building up troop numbers along its border with Ukraine"),
    (STOLTENBERG, "Moscow has shown no signs yet of a pullback"),
    (STOLTENBERG, "So far we have not seen any de-escalation on the ground"),
    (STOLTENBERG, "it appears that Russia continues the military buildup"),
    (STOLTENBERG, "they have increased the number of troops and more troops are on their way"),
]
PULLBACK = (RUSSIAN_MOD, "have begun to return to their bases")
INVASION_WARNING = (UKRAINIAN_GOV, "Russia may launch its invasion on Wednesday")
DENIALS = [(RUSSIAN_GOV, "a notion that Moscow dismissed"), (RUSSIAN_GOV, "no plans to invade")]
NOT_CONTRADICTIONS = [
    ("they have enough to conduct", "there are no plans to invade Ukraine"),
    ("echoed in an address on Tuesday", "there are no plans to invade Ukraine"),
    (
        "Vladimir Putin sincerely wants to find a diplomatic solution",
        "continues the military buildup",
    ),
    ("NATO anticipates dialogue between Russia and Europe", "they have increased the number"),
]


def _statement(actor, phrase):
    return Statement.objects.filter(actor__name=actor, content__contains=phrase).first()


def _pair_flagged(a, b):
    if a is None or b is None:
        return False
    low, high = sorted((a.pk, b.pk))
    return Contradiction.objects.filter(statement_a_id=low, statement_b_id=high).exists()


# Real commits: ingest jobs are enqueued on commit. The serialized rollback restores the
# data migrations' rows (the editors group) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def seed_loaded():
    call_command("load_seeds")


def test_the_seed_yields_the_pullback_versus_buildup_contradiction(seed_loaded):
    pullback = _statement(*PULLBACK)
    assert pullback is not None
    assert str(pullback.said_on) == "2022-02-15"
    buildup = [_statement(*s) for s in BUILDUP_SIDE]
    assert any(_pair_flagged(pullback, other) for other in buildup)


def test_the_seed_yields_the_invasion_warning_versus_denial_contradiction(seed_loaded):
    warning = _statement(*INVASION_WARNING)
    assert warning is not None
    assert warning.date_precision == Statement.Precision.WEEK
    assert any(_pair_flagged(warning, _statement(*d)) for d in DENIALS)


def test_the_seed_flags_none_of_the_pairs_that_are_not_contradictions(seed_loaded):
    for phrase_a, phrase_b in NOT_CONTRADICTIONS:
        a = Statement.objects.filter(content__contains=phrase_a).first()
        b = Statement.objects.filter(content__contains=phrase_b).first()
        assert not _pair_flagged(a, b), (phrase_a, phrase_b)


def test_the_contradiction_explanation_names_the_opposing_phrases(seed_loaded):
    pullback = _statement(*PULLBACK)
    flagged = Contradiction.objects.filter(statement_a=pullback) | Contradiction.objects.filter(
        statement_b=pullback
    )
    contradiction = flagged.first()
    assert contradiction.phrase_a and contradiction.phrase_b
    assert contradiction.phrase_a in contradiction.explanation
    assert contradiction.phrase_b in contradiction.explanation


def test_loading_the_seeds_again_changes_nothing(seed_loaded):
    before = (Statement.objects.count(), Contradiction.objects.count())

    call_command("load_seeds")

    assert (Statement.objects.count(), Contradiction.objects.count()) == before


def test_the_job_counts_each_contradiction_once(seed_loaded):
    from sources.models import IngestJob

    job = IngestJob.objects.get()
    assert job.contradictions_found == Contradiction.objects.count()


def test_the_seed_article_carries_its_outlet_and_publication_time(seed_loaded):
    from sources.models import Article

    article = Article.objects.get()
    assert article.outlet.name == "UPI"
    assert article.author == "Clyde Hughes"
    assert article.published_at.isoformat() == "2022-02-16T07:31:00+00:00"
