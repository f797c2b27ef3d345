"""Detection speed at scale: per-statement detection and a full re-detection over N statements.

Runs in a scratch PostgreSQL database (created, filled in bulk, dropped), so the real data is
never touched. Statements are already classified (topic, stance, counts): NLP is excluded,
as the target (<= 20 ms per statement) is for detection alone.

The synthetic record is shaped like news coverage: most statements carry no topic, a topic's
statements mostly agree within a period, and a few dissent; dates spread over three years.
"""

import random
import statistics
import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements.management.scratch import ScratchDatabase

SPAN_DAYS = 3 * 365
START = date(2020, 1, 1)
ERA_DAYS = 365  # how long one stance dominates a topic
CHUNK = 10_000


class Command(BaseCommand):
    help = "Time contradiction detection over N synthetic statements in a scratch database."

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=1_000_000)
        parser.add_argument("--topics", type=int, default=100)
        parser.add_argument("--actors", type=int, default=2_000)
        parser.add_argument(
            "--sample", type=int, default=1_000, help="Statements timed one by one."
        )
        parser.add_argument("--topical", type=float, default=0.4, help="Share with a topic.")
        parser.add_argument("--dissent", type=float, default=0.005, help="Share against the era.")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--skip-full", action="store_true", help="Skip the full re-detection.")

    def handle(self, *args, **opts):
        if opts["statements"] < 1 or opts["topics"] < 1 or opts["actors"] < 1:
            raise CommandError("--statements, --topics and --actors must be positive.")
        if connection.vendor != "postgresql":
            raise CommandError("The benchmark needs PostgreSQL (DATABASE_URL).")
        with ScratchDatabase("bench") as name:
            self.stdout.write(f"Scratch database {name} (dropped afterwards).")
            self._run(**opts)

    def _run(self, *, statements, topics, actors, sample, topical, dissent, seed, skip_full, **_):
        from statements.detection import find_contradictions
        from statements.selectors.detection_claims import (
            candidate_queryset,
            claim_from_row,
            claim_view,
        )
        from statements.services.contradictions import contradictions_detect_for_statement
        from statements.services.redetect import contradictions_redetect_all

        rng = random.Random(seed)
        started = time.perf_counter()
        pks = self._fill(rng, statements, topics, actors, topical, dissent)
        fill = time.perf_counter() - started
        self.stdout.write(
            f"Filled {statements:,} statements ({len(pks):,} on {topics} topics) in {fill:.1f} s."
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE statements_statement")

        from statements.models import Contradiction, Statement

        chosen = rng.sample(pks, min(sample, len(pks)))
        rows = Statement.objects.select_related("topic", "actor", "article").in_bulk(chosen)
        reads, found = [], []
        for pk in chosen:
            # Detection proper: read the topic's window through the index, compare in memory.
            statement = rows[pk]
            t0 = time.perf_counter()
            claim = claim_view(statement)
            candidates = [claim_from_row(row) for row in candidate_queryset(statement, claim)]
            verdicts = find_contradictions(
                claim, candidates, window_days=statement.topic.window_days
            )
            reads.append((time.perf_counter() - t0) * 1000)
            found.append(len(verdicts))
        reads.sort()
        self.stdout.write(
            f"Detection (read window + compare, no writes) over {len(reads)} statements: "
            f"p50 {statistics.median(reads):.2f} ms, "
            f"p95 {reads[min(len(reads) - 1, int(len(reads) * 0.95))]:.2f} ms "
            f"(target <= 20 ms); contradictions per statement: median "
            f"{statistics.median(found):g}, max {max(found)}"
        )
        timings, queries, sql_ms = [], [], []
        for pk in chosen:
            statement = rows[pk]
            connection.queries_log.clear()  # the log keeps 9,000 queries; count each afresh
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                contradictions_detect_for_statement(statement=statement)
                timings.append((time.perf_counter() - t0) * 1000)
            queries.append(len(captured))
            sql_ms.append(sum(float(q["time"]) for q in captured.captured_queries) * 1000)
        timings.sort()
        p50 = statistics.median(timings)
        p95 = timings[min(len(timings) - 1, int(len(timings) * 0.95))]
        self.stdout.write(
            f"Detection with storage (service call: writes, history, proposition links) over "
            f"{len(timings)} statements: p50 {p50:.2f} ms, "
            f"p95 {p95:.2f} ms, max {timings[-1]:.2f} ms (target <= 20 ms; "
            f"p95/target = {p95 / 20:.2f}); queries per statement: median "
            f"{statistics.median(queries):g}, of which SQL time median "
            f"{statistics.median(sql_ms):.2f} ms"
        )
        self._explain(rows[chosen[0]])
        if skip_full:
            return
        for label in ("first", "second (idempotent)"):
            t0 = time.perf_counter()
            counts = contradictions_redetect_all()
            took = time.perf_counter() - t0
            live = Contradiction.objects.count()
            self.stdout.write(
                f"Full re-detection, {label} run: {took:.1f} s for {statements:,} statements "
                f"({took / statements * 1e6:.1f} us per statement); {counts}; {live:,} stored."
            )

    def _fill(self, rng, n, n_topics, n_actors, topical, dissent) -> list[int]:
        from sources.models import Article, Outlet
        from statements.models import Actor, Statement, Topic

        outlet = Outlet.objects.create(name="Benchmark wire")
        article = Article.objects.create(
            outlet=outlet,
            title="Benchmark",
            text="Synthetic statements for the detection benchmark.",
            content_hash="benchmark",
            url="https://bench.example/1",
            status=Article.Status.DONE,
        )
        topics = Topic.objects.bulk_create(
            Topic(
                name=f"Benchmark topic {t}",
                slug=f"bench-{t}",
                stance_a="for",
                stance_b="against",
            )
            for t in range(n_topics)
        )
        actors = Actor.objects.bulk_create(
            Actor(name=f"Benchmark actor {a}", slug=f"bench-actor-{a}") for a in range(n_actors)
        )
        topical_pks: list[int] = []
        for start in range(0, n, CHUNK):
            batch = []
            for i in range(start, min(start + CHUNK, n)):
                day = rng.randrange(SPAN_DAYS)
                statement = Statement(
                    article=article,
                    actor=actors[rng.randrange(n_actors)],
                    content=f"Synthetic statement {i}",
                    content_start=i * 10,
                    content_end=i * 10 + 9,
                    said_on=START + timedelta(days=day),
                    date_precision=Statement.Precision.DAY,
                    confidence=0.9,
                )
                if rng.random() < topical:
                    topic = topics[rng.randrange(n_topics)]
                    statement.topic = topic
                    era_for = (day // ERA_DAYS + topic.pk) % 2 == 0
                    if rng.random() < 0.3:
                        statement.stance = ""  # on topic without a side (by similarity)
                    else:
                        side = era_for if rng.random() >= dissent else not era_for
                        statement.stance = "for" if side else "against"
                        statement.stance_phrase = "cue phrase"
                        statement.stance_rule = "cue"
                        statement.stance_confidence = 0.9
                    if rng.random() < 0.01:
                        value = float(rng.choice((100_000, 130_000, 150_000)))
                        statement.quantities = [
                            {"value": value, "unit": "troops", "owner": "", "low": value * 0.95,
                             "high": value * 1.05, "change": "", "text": f"{value:,.0f} troops"}
                        ]  # fmt: skip
                batch.append(statement)
            created = Statement.objects.bulk_create(batch, batch_size=CHUNK)
            topical_pks += [s.pk for s in created if s.topic_id and (s.stance or s.quantities)]
        return topical_pks

    def _explain(self, statement) -> None:
        from statements.selectors.detection_claims import candidate_queryset, claim_view

        queryset = candidate_queryset(statement, claim_view(statement))
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
        self.stdout.write("Plan of the window query for one statement:")
        for line in plan:
            self.stdout.write(f"  {line}")
