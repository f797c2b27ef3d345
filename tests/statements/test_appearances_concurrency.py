"""Two workers storing copies of the same quote at the same moment: one statement, two
appearances. Real PostgreSQL transactions on two connections (one per thread)."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

from sources.parsing import RawArticle, parse_published
from sources.services import article_ingest, article_process
from statements.models import Statement, StatementAppearance
from statements.services import (
    actors_load_catalogue,
    statements_extract_for_article,
    topics_load_catalogue,
)

QUOTE = (
    "Kremlin spokesman Dmitry Peskov said on Tuesday that troops were returning to their "
    "bases after the drills had ended as planned.\n\n"
)
# Bounds every wait: a broken lock fails the test instead of hanging it.
WAIT = 60


@pytest.fixture
def copies():
    actors_load_catalogue(path=settings.GAINSAY_ACTOR_CATALOGUE)
    topics_load_catalogue(path=settings.GAINSAY_TOPIC_CATALOGUE)
    articles = []
    for outlet, extra in (("Wire A", "Markets rose."), ("Wire B", "Oil prices fell.")):
        article, _ = article_ingest(
            raw=RawArticle(
                text=QUOTE + extra,
                url=f"https://{outlet.lower().replace(' ', '')}.example/peskov",
                outlet=outlet,
                title="Peskov on troops",
                published=parse_published("2022-02-15"),
            )
        )
        articles.append(article)
    return articles


def _waiting_on_a_lock(pid: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock"


def _in_thread(target, errors):
    def run():
        try:
            target()
        except Exception as exc:  # noqa: BLE001 - reported by the test thread
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


# serialized_rollback as every transactional test here: the migrations' rows (the editors
# group, content types) are restored rather than recreated, which would clash.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_storing_the_same_quote_at_once_make_one_statement(copies):
    first, second = copies
    stored, release, errors = threading.Event(), threading.Event(), []
    second_pid = []

    def worker_a():
        # Worker A has stored its statement but not committed yet when B looks for it.
        with transaction.atomic():
            statements_extract_for_article(article=first)
            stored.set()
            release.wait(WAIT)

    def worker_b():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            second_pid.append(cursor.fetchone()[0])
        article_process(article_id=second.pk)

    a = _in_thread(worker_a, errors)
    assert stored.wait(WAIT), errors
    b = _in_thread(worker_b, errors)
    # B either finishes without seeing A's uncommitted statement (the race) or waits for
    # A's commit on the merge key; either way A commits then.
    deadline = time.monotonic() + WAIT
    while b.is_alive() and time.monotonic() < deadline:
        if second_pid and _waiting_on_a_lock(second_pid[0]):
            break
        time.sleep(0.05)
    release.set()
    a.join(WAIT)
    b.join(WAIT)
    assert not a.is_alive() and not b.is_alive()
    assert errors == []

    statements = Statement.objects.filter(actor__name="Dmitry Peskov")
    assert statements.count() == 1
    statement = statements.get()
    appearances = StatementAppearance.objects.filter(statement=statement)
    assert set(appearances.values_list("article_id", flat=True)) == {first.pk, second.pk}
    assert (statement.appearance_count, statement.outlet_count) == (2, 2)
