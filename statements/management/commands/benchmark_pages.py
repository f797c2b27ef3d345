"""Server time and SQL query count of each dashboard page, measured in-process.

    DJANGO_DEBUG=0 python manage.py benchmark_pages [--runs 20]

Each page is requested through Django's test Client (middleware, view, template;
no network), once untimed to count its queries and warm caches, then --runs times.
Pages with an id or slug rotate through a sample (the busiest actor and topic and
random others), so the figures are not one lucky row. Prints p50/p95 per page and
the share of pages within the target.
"""

from __future__ import annotations

import random
import statistics
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sources.models import Outlet
from statements.models import Actor, Contradiction, Statement, Topic

TARGET_MS = 100.0
SAMPLE = 10


class Command(BaseCommand):
    help = "Print p50/p95 server time and query count of each dashboard page."

    def add_arguments(self, parser):
        parser.add_argument("--runs", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--only", default="", help="Run only pages whose name has this.")
        parser.add_argument(
            "--sample", type=int, default=SAMPLE, help="Ids or slugs tried per detail page."
        )

    def handle(self, *args, runs, seed, only, sample, **options):
        if runs < 1 or sample < 1:
            raise CommandError("--runs and --sample must be at least 1.")
        if not Contradiction.objects.exists():
            raise CommandError("No contradictions: run seed_synthetic (or load_seeds) first.")
        if settings.DEBUG:
            self.stderr.write("DEBUG is on: figures include debug overhead (use DJANGO_DEBUG=0).")
        rng = random.Random(seed)
        pages = [(n, urls) for n, urls in _pages(rng, sample) if only in n]
        client = Client(HTTP_HOST=(settings.ALLOWED_HOSTS or ["localhost"])[0].strip("."))
        self.stdout.write(
            f"statements={Statement.objects.count():,} "
            f"contradictions={Contradiction.objects.count():,} "
            f"actors={Actor.objects.count():,} topics={Topic.objects.count():,} "
            f"runs={runs} target p95<={TARGET_MS:.0f} ms"
        )
        self.stdout.write(f"{'page':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
        within = 0
        for name, urls in pages:
            queries = set()
            for url in urls:  # untimed: count queries and warm the caches
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(url)
                    _consume(response)  # a streamed body runs its queries as it is read
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
                queries.add(len(ctx))
            times = []
            for i in range(runs):
                url = urls[i % len(urls)]
                started = time.perf_counter()
                _consume(client.get(url))
                times.append((time.perf_counter() - started) * 1000)
            p50 = statistics.median(times)
            p95 = statistics.quantiles(times, n=20, method="inclusive")[-1] if runs > 1 else p50
            within += p95 <= TARGET_MS
            q = "/".join(str(n) for n in sorted(queries))
            self.stdout.write(f"{name:<34} {p50:8.1f} {p95:8.1f} {max(times):8.1f} {q:>8}")
        self.stdout.write(f"pages within target: {within}/{len(pages)}")


def _pages(rng: random.Random, size: int) -> list[tuple[str, list[str]]]:
    busiest_actor = (
        Statement.objects.values("actor__slug")
        .annotate(n=Count("id"))
        .order_by("-n")
        .exclude(actor=None)
        .first()
    )
    busiest_topic = (
        Statement.objects.values("topic__slug", "topic")
        .annotate(n=Count("id"))
        .order_by("-n")
        .exclude(topic=None)
        .first()
    )
    actor_slugs = _sample(rng, Actor.objects.values_list("slug", flat=True), size)
    topic_slugs = _sample(rng, Topic.objects.values_list("slug", flat=True), size)
    contradiction_ids = _sample(rng, Contradiction.objects.values_list("id", flat=True), size)
    statement_ids = _sample(rng, Statement.objects.values_list("id", flat=True)[:100_000], size)
    # Drawn after the others, so adding it left their samples as they were.
    topic_ids = _sample(rng, Topic.objects.values_list("id", flat=True), size)
    org = Actor.objects.filter(members__isnull=False).values_list("slug", flat=True).first()
    outlet = Outlet.objects.values_list("id", flat=True).first()
    newest = Contradiction.objects.order_by("-id").values_list("id", flat=True).first() or 0
    pages = [
        ("overview", ["/"]),
        ("overview page 50", ["/?page=50"]),
        ("overview ?topic (busiest)", [f"/?topic={busiest_topic['topic']}"]),
        ("overview ?actor (busiest)", [f"/?actor={busiest_actor['actor__slug']}"]),
        ("overview ?actor (sample)", [f"/?actor={s}" for s in actor_slugs]),
        ("overview ?affiliation", [f"/?affiliation={org}"] if org else []),
        ("overview ?kind=reversal", ["/?kind=reversal"]),
        ("overview ?status=confirmed", ["/?status=confirmed"]),
        ("overview ?outlet", [f"/?outlet={outlet}"] if outlet else []),
        ("overview ?date range", ["/?date_from=2021-01-01&date_to=2021-03-31"]),
        ("overview live poll", [f"/contradictions/live/?after={max(newest - 5, 0)}"]),
        ("contradiction detail", [f"/contradictions/{i}/" for i in contradiction_ids]),
        ("statement detail", [f"/statements/{i}/" for i in statement_ids]),
        ("topic (busiest)", [f"/topics/{busiest_topic['topic__slug']}/"]),
        ("topic (sample)", [f"/topics/{s}/" for s in topic_slugs]),
        ("actor (busiest)", [f"/actors/{busiest_actor['actor__slug']}/"]),
        ("actor (sample)", [f"/actors/{s}/" for s in actor_slugs]),
        ("actor index", ["/actors/", "/actors/?page=20"]),
        ("topic index", ["/topics/"]),
        ("search", ["/search?q=troops+pulling+back", "/search?q=grain+exports"]),
        ("search (actor name)", ["/search?q=Rossi"]),
        ("atom feed", ["/feeds/contradictions/"]),
        # Exports stream the whole filtered list: measured on lists of a page's scale
        # (an actor's or a topic's contradictions), the way analysts narrow them first.
        ("export.csv ?actor (sample)", [f"/export.csv?actor={s}" for s in actor_slugs]),
        ("export.csv ?topic (sample)", [f"/export.csv?topic={t}" for t in topic_ids]),
    ]
    return [(name, urls) for name, urls in pages if urls]


def _consume(response) -> None:
    if response.streaming:
        b"".join(response.streaming_content)


def _sample(rng: random.Random, values, size: int) -> list:
    values = list(values)
    return rng.sample(values, min(size, len(values)))
