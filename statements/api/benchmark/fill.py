"""Bulk synthetic data through COPY: millions of statements in minutes, not hours.

Rows bypass the ORM (no history rows, no signals); every NOT NULL column is written,
from the given values or the model field's default.
"""

import datetime as dt
import hashlib
import json
import random

from django.db import connection
from django.db.models import JSONField
from django.utils import timezone

from sources.models import Article, Outlet
from statements.models import Actor, Contradiction, Statement, Topic

WORDS = [
    "troops",
    "return",
    "bases",
    "military",
    "buildup",
    "border",
    "talks",
    "sanctions",
    "ceasefire",
    "withdrawal",
    "exercises",
    "pipeline",
    "grain",
    "corridor",
    "shelling",
    "negotiations",
    "forces",
    "deployment",
]


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        # Table names come from model metadata, never from input.
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0] + 1


def _copy(model, rows, count: int) -> None:
    fields = list(model._meta.concrete_fields)
    columns = [f.column for f in fields]
    table = model._meta.db_table
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                values = []
                for field in fields:
                    key = field.attname
                    value = row[key] if key in row else field.get_default()
                    if isinstance(field, JSONField):
                        value = json.dumps(value)
                    values.append(value)
                copy.write_row(values)
        seq = f"pg_get_serial_sequence('{table}', 'id')"
        cursor.execute(f"SELECT setval({seq}, (SELECT MAX(id) FROM {table}))")  # noqa: S608


def fill(*, statements: int, seed: int = 7, log=print) -> dict:
    """Adds `statements` statements (1 article per 5, 1 contradiction per 100)."""
    rng = random.Random(seed)
    now = timezone.now()
    counts = {}
    topics = list(Topic.objects.all()[:10])
    for n in range(len(topics), 10):
        topics.append(
            Topic.objects.create(
                name=f"Bench topic {n}", slug=f"bench-topic-{n}", stance_a="up", stance_b="down"
            )
        )
    outlets = [Outlet.objects.get_or_create(name=f"Bench outlet {n}")[0] for n in range(20)]

    actor_count = max(50, min(5000, statements // 200))
    first_actor = _next_id(Actor)
    _copy(
        Actor,
        (
            {
                "id": first_actor + n,
                "name": f"Bench actor {first_actor + n}",
                "slug": f"bench-actor-{first_actor + n}",
                "created_at": now,
                "updated_at": now,
            }
            for n in range(actor_count)
        ),
        actor_count,
    )
    counts["actors"] = actor_count
    log(f"actors: {actor_count:,}")

    article_count = max(1, statements // 5)
    first_article = _next_id(Article)
    base = dt.datetime(2022, 1, 1, tzinfo=dt.UTC)

    def articles():
        for n in range(article_count):
            pk = first_article + n
            text = f"Bench article {pk}. " + " ".join(rng.choices(WORDS, k=40))
            yield {
                "id": pk,
                "url": f"https://bench.example/{pk}",
                "content_hash": hashlib.sha256(f"bench-{pk}".encode()).hexdigest(),
                "outlet_id": outlets[n % len(outlets)].pk,
                "title": f"Bench article {pk}",
                "published_at": base + dt.timedelta(minutes=n),
                "text": text,
                "status": "done",
                "created_at": now,
                "updated_at": now,
            }

    _copy(Article, articles(), article_count)
    counts["articles"] = article_count
    log(f"articles: {article_count:,}")

    first_statement = _next_id(Statement)
    # Each contradiction copies its claims' actor, outlet and date said (migration 0009);
    # COPY bypasses contradictions_claims_sync, so the claims' values are kept here.
    claims = {}

    def said_on(n):
        return dt.date(2022, 1, 1) + dt.timedelta(days=n % 700) if n % 20 else None

    def statement_rows():
        for n in range(statements):
            topic = topics[n % len(topics)]
            content = " ".join(rng.choices(WORDS, k=12))
            said = said_on(n)
            actor_id = first_actor + rng.randrange(actor_count)
            if n % 100 < 2:  # the two claims of contradiction n // 100
                claims[n] = {
                    "actor": actor_id,
                    "outlet": outlets[(n // 5) % len(outlets)].pk,  # its article's outlet
                    "said_on": said,
                }
            yield {
                "id": first_statement + n,
                "actor_id": actor_id,
                "article_id": first_article + n // 5,
                "speaker_text": "Bench speaker",
                "content": content,
                "content_start": (n % 5) * 100,
                "content_end": (n % 5) * 100 + len(content),
                "said_on": said,
                "date_precision": "day" if said else "unknown",
                "topic_id": topic.pk,
                "stance": topic.stance_a if n % 2 else topic.stance_b,
                "confidence": 0.9,
                "created_at": now,
                "updated_at": now,
            }

    _copy(Statement, statement_rows(), statements)
    counts["statements"] = statements
    log(f"statements: {statements:,}")

    pairs = statements // 100
    first_contradiction = _next_id(Contradiction)

    def contradiction_rows():
        first = first_contradiction
        for n in range(pairs):
            a = first_statement + n * 100
            claim_a, claim_b = claims[n * 100], claims[n * 100 + 1]
            yield {
                "id": first + n,
                "statement_a_id": a,
                "statement_b_id": a + 1,
                "actor_a_id": claim_a["actor"],
                "actor_b_id": claim_b["actor"],
                "outlet_a_id": claim_a["outlet"],
                "outlet_b_id": claim_b["outlet"],
                "said_on_a": claim_a["said_on"],
                "said_on_b": claim_b["said_on"],
                "topic_id": topics[n % len(topics)].pk,
                "kind": "opposite_direction",
                "score": 0.8,
                "explanation": "bench",
                "detected_at": now - dt.timedelta(seconds=n),
                "updated_at": now,
            }

    _copy(Contradiction, contradiction_rows(), pairs)
    counts["contradictions"] = pairs
    log(f"contradictions: {pairs:,}")
    with connection.cursor() as cursor:
        for model in (Actor, Article, Statement, Contradiction):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    return counts
