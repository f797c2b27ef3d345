"""Editors split and merge statements from the admin."""

import pytest
from django.urls import reverse

from statements.models import Statement, StatementAppearance, StatementMergeBlock
from statements.services.appearances import appearance_record, statements_counts_refresh
from tests.factories import ActorFactory, ArticleFactory, OutletFactory, StatementFactory


@pytest.fixture
def merged(db):
    """One statement carried by two outlets."""
    actor = ActorFactory()
    words = "Russia continues the military buildup"
    first = ArticleFactory(text=f"NATO said: {words}.", outlet=OutletFactory(name="A"))
    second = ArticleFactory(text=f"Officials: {words}.", outlet=OutletFactory(name="B"))
    statement = StatementFactory(
        actor=actor, article=first, content=words, content_start=11, content_end=11 + len(words)
    )
    appearance_record(statement=statement)
    copy = Statement(article=second, content=words, content_start=11, content_end=11 + len(words))
    appearance_record(statement=statement, source=copy)
    statements_counts_refresh(statement_ids=[statement.pk])
    return statement


def test_an_editor_splits_an_appearance_off_in_the_admin(admin_client, merged):
    other = merged.appearances.exclude(article=merged.article).get()
    url = reverse("admin:statements_statementappearance_changelist")

    response = admin_client.post(url, {"action": "split", "_selected_action": [other.pk]})

    assert response.status_code == 302
    assert Statement.objects.count() == 2
    merged.refresh_from_db()
    assert merged.appearance_count == 1
    assert StatementMergeBlock.objects.filter(statement=merged).count() == 1


def test_an_editor_merges_statements_in_the_admin(admin_client, merged):
    other = merged.appearances.exclude(article=merged.article).get()
    split = Statement.objects.create(
        article=other.article,
        actor=merged.actor,
        content=other.content,
        content_start=other.content_start,
        content_end=other.content_end,
    )
    StatementAppearance.objects.filter(pk=other.pk).update(statement=split)
    url = reverse("admin:statements_statement_changelist")

    response = admin_client.post(
        url, {"action": "merge", "_selected_action": [merged.pk, split.pk]}
    )

    assert response.status_code == 302
    assert list(Statement.objects.values_list("pk", flat=True)) == [merged.pk]
    merged.refresh_from_db()
    assert merged.appearance_count == 2
