from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from rest_framework.views import APIView

from statements.api.benchmark.fill import fill
from statements.api.benchmark.measure import measure


class Command(BaseCommand):
    help = (
        "Fill PostgreSQL with N synthetic statements, then print p50/p95 latency and "
        "requests/s of the main API list endpoints beside raw psycopg + orjson, and the ratio. "
        "Writes to the configured database: point DATABASE_URL at a scratch one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--statements", type=int, default=1_000_000)
        parser.add_argument("--requests", type=int, default=200, help="timed pages per endpoint")
        parser.add_argument("--no-fill", action="store_true", help="measure the data already there")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark_api needs PostgreSQL.")
        if options["statements"] < 1 or options["requests"] < 1:
            raise CommandError("--statements and --requests must be at least 1.")
        if not options["no_fill"]:
            self.stdout.write(f"filling {options['statements']:,} statements…")
            fill(statements=options["statements"], log=self.stdout.write)
        # The rate limiter would stop a benchmark within seconds; it is not what is measured.
        original = APIView.get_throttles
        APIView.get_throttles = lambda view: []
        try:
            figures = measure(requests=options["requests"])
        finally:
            APIView.get_throttles = original
        header = (
            f"{'endpoint':<34} {'api p50':>8} {'api p95':>8} {'api r/s':>8} "
            f"{'raw p50':>8} {'raw p95':>8} {'raw r/s':>8} {'ratio':>6} {'queries':>8}"
        )
        self.stdout.write(header)
        for f in figures:
            self.stdout.write(
                f"{f.name:<34} {f.api_p50:>6.1f}ms {f.api_p95:>6.1f}ms {f.api_rps:>8.0f} "
                f"{f.raw_p50:>6.1f}ms {f.raw_p95:>6.1f}ms {f.raw_rps:>8.0f} "
                f"{f.ratio:>6.2f} {f.queries[0]:>3}-{f.queries[1]:<3}"
            )
        self.stdout.write("targets: api p95 <= 50 ms, ratio >= 0.50, queries constant (min = max)")
