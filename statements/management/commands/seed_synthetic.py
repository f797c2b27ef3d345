"""Fill PostgreSQL with a synthetic corpus for load tests and the page benchmark.

    python manage.py seed_synthetic --statements 1000000 [--seed 1] [--reset]

Rows are streamed with COPY (ids assigned up front, sequences moved past them), so a
million statements take a minute or two, not an hour of ORM saves. Synthetic rows are
recognisable (slugs starting "syn-", article URLs on synthetic.example), live beside
real data, and only they are removed by --reset.
"""

from __future__ import annotations

import datetime as dt
import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction

from sources.models import Article, Outlet
from statements import synthetic
from statements.models import (
    Actor,
    ActorAlias,
    ActorRole,
    Contradiction,
    Event,
    Proposition,
    Statement,
    Topic,
)

MODELS = {
    "outlets": Outlet,
    "actors": Actor,
    "aliases": ActorAlias,
    "roles": ActorRole,
    "topics": Topic,
    "propositions": Proposition,
    "events": Event,
    "event_actors": Event.actors.through,
    "articles": Article,
    "statements": Statement,
    "contradictions": Contradiction,
}
# Columns Django fills itself on save (auto_now, auto_now_add) that COPY must supply.
STAMPS = ("created_at", "updated_at")
MAX_STATEMENTS = 20_000_000


class Command(BaseCommand):
    help = "Fill the database with a deterministic synthetic corpus (PostgreSQL only)."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--reset", action="store_true", help="Delete earlier synthetic rows first."
        )

    def handle(self, *args, statements, seed, reset, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_synthetic streams rows with COPY: it needs PostgreSQL.")
        if not 1 <= statements <= MAX_STATEMENTS:
            raise CommandError(f"--statements must be between 1 and {MAX_STATEMENTS:,}.")
        started = time.perf_counter()
        if reset:
            removed = synthetic_delete()
            self.stdout.write(f"Removed {removed:,} earlier synthetic rows.")
        elif Actor.objects.filter(slug__startswith=f"{synthetic.MARK}-").exists():
            raise CommandError("A synthetic corpus is already loaded: pass --reset to replace it.")
        sizes = synthetic.Sizes.for_statements(statements)
        with transaction.atomic():
            # Ids continue after any real rows, so both live side by side.
            first_ids = {name: _max_id(model) + 1 for name, model in MODELS.items()}
            corpus = synthetic.build(sizes, seed=seed, first_ids=first_ids)
            built = time.perf_counter()
            counts = {name: _copy(name, getattr(corpus, name)) for name in MODELS}
            for model in MODELS.values():
                _sequence_reset(model)
        # VACUUM sets the visibility map, so id lookups can be index-only scans, and
        # moves GIN indexes' pending entries into the index (the aliases' trigram index
        # otherwise makes every search read 4,000 pending rows); it cannot run inside a
        # transaction (a caller's, or a test's), ANALYZE can.
        verb = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            for model in (Statement, Contradiction, Article, Actor, ActorAlias):
                cursor.execute(f'{verb} "{model._meta.db_table}"')
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {summary} in {time.perf_counter() - started:.1f} s "
                f"(built in {built - started:.1f} s)."
            )
        )


def _max_id(model) -> int:
    with connection.cursor() as cursor:
        # Table names come from model metadata, never from input.
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{model._meta.db_table}"')  # noqa: S608
        return cursor.fetchone()[0]


def _copy(name: str, rows: list) -> int:
    model = MODELS[name]
    columns = list(synthetic.COLUMNS[name])
    stamps = [
        f for f in STAMPS if f not in columns and any(x.name == f for x in model._meta.fields)
    ]
    now = dt.datetime.now(dt.UTC)
    # Fields the corpus does not set (added by later features) take their model default,
    # as a save would give them: COPY bypasses Django, and NOT NULL columns need a value.
    defaulted = [
        f
        for f in model._meta.concrete_fields
        if f.name not in columns and f.name not in stamps and not f.primary_key and f.has_default()
    ]
    names = (
        [model._meta.get_field(c).column for c in columns] + stamps + [f.column for f in defaulted]
    )
    quoted = ", ".join(f'"{n}"' for n in names)
    sql = f'COPY "{model._meta.db_table}" ({quoted}) FROM STDIN'
    extra = (now,) * len(stamps) + tuple(_default(f) for f in defaulted)
    # The raw psycopg cursor: Django's wrapper does not expose COPY.
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row + extra)
    return len(rows)


def _default(field):
    value = field.get_default()
    if isinstance(field, models.JSONField):
        return json.dumps(value)
    return value


def _sequence_reset(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        last = f'SELECT COALESCE(MAX(id), 1) FROM "{table}"'  # noqa: S608 (model metadata)
        cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), ({last}))", [f'"{table}"'])


@transaction.atomic
def synthetic_delete() -> int:
    """Remove the synthetic rows (and only them), children first."""
    mark = f"{synthetic.MARK}-%"
    url = f"{synthetic.URL_PREFIX}%"
    steps = [
        (
            Contradiction,
            "statement_a_id IN (SELECT s.id FROM {statements} s JOIN {articles} a "
            "ON a.id = s.article_id WHERE a.url LIKE %s)",
            [url],
        ),
        (
            Statement,
            "article_id IN (SELECT id FROM {articles} WHERE url LIKE %s)",
            [url],
        ),
        (Article, "url LIKE %s", [url]),
        (Event, "slug LIKE %s", [mark]),
        (Proposition, "topic_id IN (SELECT id FROM {topics} WHERE slug LIKE %s)", [mark]),
        (Topic, "slug LIKE %s", [mark]),
        (ActorAlias, "actor_id IN (SELECT id FROM {actors} WHERE slug LIKE %s)", [mark]),
        (ActorRole, "person_id IN (SELECT id FROM {actors} WHERE slug LIKE %s)", [mark]),
        (Actor, "slug LIKE %s AND parent_id IS NOT NULL", [mark]),
        (Actor, "slug LIKE %s", [mark]),
        (Outlet, "name LIKE %s", ["Synthetic %"]),
    ]
    tables = {
        "statements": Statement._meta.db_table,
        "articles": Article._meta.db_table,
        "topics": Topic._meta.db_table,
        "actors": Actor._meta.db_table,
    }
    total = 0
    with connection.cursor() as cursor:
        events = f'SELECT id FROM "{Event._meta.db_table}" WHERE slug LIKE %s'  # noqa: S608
        through = Event.actors.through._meta.db_table
        cursor.execute(f'DELETE FROM "{through}" WHERE event_id IN ({events})', [mark])  # noqa: S608
        for model, where, params in steps:
            table = model._meta.db_table
            cursor.execute(f'DELETE FROM "{table}" WHERE {where.format(**tables)}', params)  # noqa: S608
            total += cursor.rowcount
    return total
