import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from statements.extraction import ActorResolver, extract_statements, load_nlp
from statements.extraction.serialise import statement_to_dict


def default_catalogue() -> Path:
    return Path(settings.BASE_DIR) / "seeds" / "actors.json"


class Command(BaseCommand):
    help = "Extract attributed statements from article text files (no database access)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--format", choices=["jsonl", "text"], default="jsonl")
        parser.add_argument("--actors", help="actor catalogue JSON (default seeds/actors.json)")

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
            for statement in extract_statements(text, resolver=resolver, nlp=nlp):
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
