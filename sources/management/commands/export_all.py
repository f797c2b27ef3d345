"""Write the whole database to PATH as JSON lines (see sources.backup)."""

from django.core.management.base import BaseCommand, CommandError

from sources.backup import database_export


class Command(BaseCommand):
    help = "Export every row of every model (history and many-to-many included) as JSON lines."

    def add_arguments(self, parser):
        parser.add_argument("path", help="File to write; '-' for standard output.")

    def handle(self, *args, path, **options):
        if path == "-":
            counts = database_export(stream=self.stdout)
        else:
            try:
                with open(path, "w", encoding="utf-8") as stream:
                    counts = database_export(stream=stream)
            except OSError as exc:
                raise CommandError(f"Cannot write {path}: {exc.strerror}.") from exc
        total = sum(counts.values())
        self.stderr.write(f"Exported {total} row(s) from {len(counts)} model(s) to {path}.")
