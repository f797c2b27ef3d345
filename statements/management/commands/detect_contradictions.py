from django.core.management.base import BaseCommand, CommandError

from statements.models import Statement
from statements.services import contradictions_detect_all, contradictions_detect_for_statement


class Command(BaseCommand):
    help = "Detect contradictions again; reviewed and dismissed pairs are left as they are."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--all", action="store_true", help="Every classified statement.")
        group.add_argument("--statement", type=int, action="append", help="A statement id.")

    def handle(self, *args, all, statement, **options):
        if all:
            total = contradictions_detect_all()
            self.stdout.write(f"{total} contradiction(s) on record (dismissed excluded).")
            return
        for pk in statement:
            try:
                found = contradictions_detect_for_statement(statement=Statement.objects.get(pk=pk))
            except Statement.DoesNotExist as exc:
                raise CommandError(f"No statement with id {pk}.") from exc
            self.stdout.write(f"Statement {pk}: {len(found)} contradiction(s).")
