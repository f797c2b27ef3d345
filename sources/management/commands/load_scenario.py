"""Analysts and API clients at a steady rate while a batch ingests; prints the figures."""

from django.core.management.base import BaseCommand, CommandError

from sources.loadscenario import ScenarioError, run_scenario


class Command(BaseCommand):
    help = (
        "Start a web server and a worker on loopback, ingest a batch of articles through "
        "the API while analysts browse and API clients poll, and print requests per "
        "second, p95 latency, errors and articles per minute."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)
        parser.add_argument("--analysts", type=int, default=4, help="Browsing threads.")
        parser.add_argument("--api-clients", type=int, default=2, help="Polling threads.")
        parser.add_argument(
            "--rate", type=float, default=2.0, help="Requests per second per client."
        )
        parser.add_argument("--web-workers", type=int, default=2, help="gunicorn processes.")

    def handle(self, *args, articles, analysts, api_clients, rate, web_workers, **options):
        if articles < 1 or analysts < 0 or api_clients < 0 or rate <= 0 or web_workers < 1:
            raise CommandError("Give positive numbers (analysts and API clients may be 0).")
        try:
            r = run_scenario(
                articles=articles,
                analysts=analysts,
                api_clients=api_clients,
                rate=rate,
                web_workers=web_workers,
                out=self.stdout.write,
            )
        except ScenarioError as exc:
            raise CommandError(str(exc)) from exc
        job = r["job"]
        self.stdout.write(
            f"Clients: {analysts} analyst(s) + {api_clients} API client(s) at {rate:g} req/s "
            f"each, for {r['seconds']:.1f} s"
        )
        self.stdout.write(
            f"Requests: {r['requests']} ({r['requests_per_second']:.1f}/s; "
            f"pages {r['page_requests']}, API {r['api_requests']}), "
            f"p95 {r['p95_ms']:.0f} ms (pages {r['p95_page_ms']:.0f} ms, "
            f"API {r['p95_api_ms']:.0f} ms), errors {len(r['errors'])}"
        )
        for error in sorted(set(r["errors"]))[:10]:
            self.stdout.write(f"  error: {error}")
        self.stdout.write(
            f"Ingestion: job {job.pk} {job.status}, {r['articles_done']}/{articles} articles "
            f"done in {r['ingest_seconds']:.1f} s = {r['articles_per_minute']:.0f} "
            f"articles/minute ({job.statements_found} statements, "
            f"{job.contradictions_found} contradictions, {job.articles_failed} failed)"
        )
