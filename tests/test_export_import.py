"""export_all then import_all into a wiped database gives back every row of every model."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from rest_framework.authtoken.models import Token

from sources.backup import backup_models, database_rows
from sources.models import Article, OutboxMessage
from sources.services import ingest_job_create
from statements.models import CLAIM_COLUMNS, Actor, Contradiction, Statement
from statements.services import (
    actors_load_catalogue,
    contradiction_review,
    topics_load_catalogue,
)
from tests.factories import ContradictionFactory, EditorFactory

TEXT = (
    "Moscow pulls back\n\nBy Jane Reporter\n\n"
    "Feb. 16 (Wire) -- Russia's defense ministry said on Tuesday that some units have "
    "begun to return to their bases after drills near the border.\n"
)


def _snapshot() -> dict[str, list]:
    return {model._meta.label_lower: database_rows(model) for model in backup_models()}


@pytest.fixture
def filled_database(transactional_db, django_capture_on_commit_callbacks):
    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)
    editor = EditorFactory(username="éditeur")  # many-to-many: the editors group
    Token.objects.create(user=editor)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ingest_job_create(
            kind="text",
            payload=TEXT,
            content_type="text",
            options={"outlet": "UPI «wire»"},
        )
    contradiction = Contradiction.objects.first() or ContradictionFactory()
    contradiction_review(
        contradiction=contradiction, status="confirmed", user=editor, note="Checked 🙂"
    )
    return editor


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_export_wipe_import_gives_back_every_row(filled_database, tmp_path):
    before = _snapshot()
    assert before["statements.statement"] and before["statements.historicalstatement"]
    assert before["sources.outboxmessage"] and before["authtoken.token"]
    assert before["django_celery_beat.periodictask"]
    assert any(row["fields"]["groups"] for row in before["auth.user"])
    assert any(
        row["fields"]["history_user"] for row in before["statements.historicalcontradiction"]
    )
    path = tmp_path / "gainsay.jsonl"

    call_command("export_all", str(path))
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    assert not any(_snapshot().values()), "the wipe left rows behind"
    call_command("import_all", str(path))

    after = _snapshot()
    assert after.keys() == before.keys()
    for label, rows in before.items():
        assert after[label] == rows, label
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(rows) for rows in before.values())
    # Sequences continue after the imported keys: new rows do not collide.
    assert Actor.objects.create(name="After import", slug="after-import").pk > max(
        row["pk"] for row in before["statements.actor"]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_import_refuses_a_database_with_rows_unless_told_to_replace_them(filled_database, tmp_path):
    path = tmp_path / "gainsay.jsonl"
    call_command("export_all", str(path))
    Article.objects.filter(pk=Article.objects.first().pk).update(title="Changed after export")
    OutboxMessage.objects.all().delete()

    with pytest.raises(CommandError, match="not empty"):
        call_command("import_all", str(path))
    assert Article.objects.filter(title="Changed after export").exists()

    call_command("import_all", str(path), "--replace")
    assert not Article.objects.filter(title="Changed after export").exists()
    assert OutboxMessage.objects.exists()
    assert Group.objects.filter(name="editors", user__username="éditeur").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bad_file_imports_nothing_and_says_which_line(filled_database, tmp_path):
    path = tmp_path / "gainsay.jsonl"
    call_command("export_all", str(path))
    lines = path.read_text(encoding="utf-8").splitlines()
    statements = Statement.objects.count()
    broken = tmp_path / "broken.jsonl"

    broken.write_text("\n".join([*lines[:5], "{not json", *lines[5:]]), encoding="utf-8")
    with pytest.raises(CommandError, match="Line 6"):
        call_command("import_all", str(broken), "--replace")
    assert Statement.objects.count() == statements

    # A statement whose article is not in the file: refused when the foreign keys are checked.
    rows = [json.loads(line) for line in lines]
    kept = [r for r in rows if r["model"] != "sources.article"]
    broken.write_text("\n".join(json.dumps(r) for r in kept), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing imported"):
        call_command("import_all", str(broken), "--replace")
    assert Statement.objects.count() == statements


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_times_keep_their_microseconds_through_a_round_trip(tmp_path):
    import datetime as dt

    actor = Actor.objects.create(name="Exact", slug="exact")
    # Sub-millisecond: the stock JSON encoder would cut this to ".000" and lose it.
    stamp = dt.datetime(2022, 2, 16, 7, 31, 0, 500, tzinfo=dt.UTC)
    Actor.objects.filter(pk=actor.pk).update(created_at=stamp)
    path = tmp_path / "exact.jsonl"

    call_command("export_all", str(path))
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    call_command("import_all", str(path))

    assert Actor.objects.get(slug="exact").created_at == stamp


def _claim_copies() -> dict[int, tuple]:
    rows = Contradiction.objects.values_list("pk", *CLAIM_COLUMNS)
    return {pk: tuple(copies) for pk, *copies in rows}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_from_before_the_claim_copies_gets_them_filled_on_import(
    filled_database, tmp_path
):
    ContradictionFactory()  # a second one, from statements of other actors and outlets
    path = tmp_path / "gainsay.jsonl"
    call_command("export_all", str(path))
    before = _claim_copies()
    assert len(before) >= 2 and all(all(copies) for copies in before.values())
    # As statements migration 0009 found them: contradiction rows without those fields.
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:
        if row["model"] == "statements.contradiction":
            for name in CLAIM_COLUMNS:
                del row["fields"][name]
    old = tmp_path / "before-0009.jsonl"
    old.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    call_command("import_all", str(old), "--replace")

    after = _claim_copies()
    assert after == before
