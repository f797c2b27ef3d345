"""Load a file written by export_all (see sources.backup)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from sources.backup import BackupError, database_import


class Command(BaseCommand):
    help = "Load a JSON lines export into an empty database (or replace everything)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by export_all.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every row in the database first (e.g. a freshly migrated one).",
        )

    def handle(self, *args, path, replace, **options):
        try:
            with open(path, encoding="utf-8") as stream:
                counts = database_import(lines=stream, replace=replace)
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{path} is not UTF-8 text: {exc}.") from exc
        except BackupError as exc:
            raise CommandError(f"Nothing imported. {exc}") from exc
        except DatabaseError as exc:
            # E.g. a row pointing at one missing from the file, found at commit.
            raise CommandError(f"Nothing imported: the database refused the data: {exc}") from exc
        total = sum(counts.values())
        self.stdout.write(f"Imported {total} row(s) into {len(counts)} model(s) from {path}.")
