"""Measure contradiction detection against a gold file, in a scratch database.

The articles the gold file names are ingested, with the project's actor, topic and event
catalogues, into a PostgreSQL database created for the run and dropped after it: the real
data is never read or written.
"""

import json
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from statements.detection.gold import Flag, articles, score, statement_file
from statements.management.scratch import ScratchDatabase

DEFAULT_SEEDS = Path(settings.BASE_DIR) / "seeds"


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[\u201c\u201d\"]", '"', text).casefold().split())


class Command(BaseCommand):
    help = (
        "Ingest the articles a gold file names into a scratch database and print recall of "
        "gold contradictions, flags, false positives among not_contradictions and top-10 "
        "precision."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", help="Gold file (format of seed-gold.json).")
        parser.add_argument(
            "--articles-dir", help="Where the article files are (default: beside the gold file)."
        )
        parser.add_argument(
            "--seeds",
            default=str(DEFAULT_SEEDS),
            help="Directory with actors.json, topics.json and events.json.",
        )
        parser.add_argument("--verbose-flags", action="store_true", help="List every flag.")

    def handle(self, *args, gold, articles_dir, seeds, verbose_flags, **options):
        gold_path = Path(gold)
        try:
            data = json.loads(gold_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the gold file {gold}: {exc}") from exc
        base = Path(articles_dir) if articles_dir else gold_path.parent
        entries = articles(data)
        if not entries:
            raise CommandError("The gold file names no article ('article' or 'articles').")
        texts = {}
        for entry in entries:
            path = base / entry["file"]
            if not path.is_file():
                raise CommandError(f"Article file not found: {path} (use --articles-dir).")
            texts[entry["file"]] = path.read_text(encoding="utf-8")
        try:
            for statement in data.get("statements", []):
                statement_file(data, statement)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc

        with ScratchDatabase("eval") as name:
            self.stdout.write(f"Scratch database {name} (dropped afterwards).")
            flags, missing = self._run(data, entries, texts, Path(seeds))
        report = score(data, flags, missing)
        self._print(report, verbose_flags)

    def _run(self, data, entries, texts, seeds):
        from sources.parsing import from_plain_text, parse_published
        from sources.services import article_ingest, article_process
        from statements.models import Contradiction, Statement
        from statements.services import actors_load_catalogue, topics_load_catalogue
        from statements.services.seed_events import events_load_catalogue

        try:
            actors_load_catalogue(path=seeds / "actors.json")
            topics_load_catalogue(path=seeds / "topics.json")
            if (seeds / "events.json").exists():
                events_load_catalogue(path=seeds / "events.json")
        except (OSError, ValueError, ValidationError) as exc:
            raise CommandError(f"Cannot load the catalogues from {seeds}: {exc}") from exc
        article_ids = {}
        for entry in entries:
            raw = from_plain_text(texts[entry["file"]])
            raw.outlet = entry.get("outlet", raw.outlet) or ""
            raw.title = entry.get("title", raw.title) or raw.title
            raw.author = entry.get("author", raw.author) or raw.author
            if entry.get("published"):
                raw.published = parse_published(entry["published"])
            article, _ = article_ingest(raw=raw)
            article_process(article_id=article.pk)
            article_ids[entry["file"]] = article.pk

        by_statement: dict[int, set[str]] = {}
        missing = []
        for gold in data.get("statements", []):
            article_id = article_ids[statement_file(data, gold)]
            phrase = _fold(gold["phrase"])
            hits = [
                s.pk
                for s in Statement.objects.filter(article_id=article_id).only("pk", "content")
                if phrase in _fold(s.content)
            ]
            if not hits:
                missing.append(gold["id"])
            for pk in hits:
                by_statement.setdefault(pk, set()).add(gold["id"])

        flags = []
        for c in Contradiction.objects.select_related("event"):
            left = frozenset(by_statement.get(c.statement_a_id, ()))
            if c.event_id:
                date = c.event.occurred_on.isoformat()
                flags.append(
                    Flag(left, frozenset(), c.score, c.kind, date, (c.phrase_a, c.phrase_b))
                )
            else:
                right = frozenset(by_statement.get(c.statement_b_id, ()))
                flags.append(Flag(left, right, c.score, c.kind, "", (c.phrase_a, c.phrase_b)))
        return flags, missing

    def _print(self, report, verbose):
        out = self.stdout.write
        out(f"Gold statements not found among extracted ones: {report.missing_statements or 0}")
        out(
            f"Recall of gold contradictions: {len(report.recalled)}/"
            f"{report.gold_contradictions} = {report.recall:.2f} ({', '.join(report.recalled)})"
        )
        out(f"Flagged: {report.flagged}")
        fps = ", ".join("-".join(p) for p in report.false_positives) or "none"
        out(
            f"False positives among not_contradictions: {len(report.false_positives)}/"
            f"{report.not_contradictions} ({fps})"
        )
        out(
            f"Precision of the top {len(report.top)} flags: "
            f"{sum(r for _, r in report.top)}/{len(report.top)} = {report.top_precision:.2f}"
        )
        if report.events_expected:
            out(
                f"Claims held against later events: {len(report.events_found)}/"
                f"{report.events_expected}"
            )
        if verbose:
            for flag, real in report.top:
                sides = f"{'/'.join(sorted(flag.left)) or '?'} vs " + (
                    f"event {flag.event_date}"
                    if flag.event_date
                    else "/".join(sorted(flag.right)) or "?"
                )
                verdict = "real" if real else "NOT GOLD"
                out(f"  {flag.score:.3f} {flag.kind:18} {sides} {verdict}: {flag.phrases}")
