import json
from argparse import ArgumentTypeError
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statements.extraction import ActorResolver, extract_statements, load_nlp
from statements.extraction.serialise import statement_to_dict


def default_catalogue() -> Path:
    return Path(settings.BASE_DIR) / "seeds" / "actors.json"


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


class Command(BaseCommand):
    help = "Extract attributed statements from article text files (no database access)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
        parser.add_argument("--actors", help="actor catalogue JSON (default seeds/actors.json)")
        parser.add_argument(
            "--published",
            type=_iso_date,
            help="publication date (YYYY-MM-DD) that weekdays and 'yesterday' resolve "
            "against, for texts whose header gives none",
        )

    def handle(self, *args, **options):
        resolver = ActorResolver.from_catalogue(options["actors"] or default_catalogue())
        nlp = load_nlp()
        failures = []
        for name in options["files"]:
            try:
                text = Path(name).read_bytes().decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                failures.append(f"{name}: cannot read as UTF-8 text ({exc})")
                continue
            if not text.strip():
                failures.append(f"{name}: file is empty")
                continue
            found = extract_statements(
                text, published=options["published"], resolver=resolver, nlp=nlp
            )
            for statement in found:
                row = statement_to_dict(statement, file=name)
                if options["format"] == "jsonl":
                    self.stdout.write(json.dumps(row, ensure_ascii=False))
                else:
                    who = row["actor"] or (row["speaker"] or {}).get("text")
                    self.stdout.write(
                        f"{row['said_on'] or '?'}\t{who}\t{row['cue']['text']}"
                        f"\t{row['content']['text']}"
                    )
        for failure in failures:
            self.stderr.write(failure)
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be processed")
