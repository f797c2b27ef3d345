from django.core.management.base import BaseCommand, CommandError

from statements.models import Event, Statement
from statements.services import (
    contradictions_detect_all,
    contradictions_detect_for_event,
    contradictions_detect_for_statement,
)


class Command(BaseCommand):
    help = "Detect contradictions again; reviewed and dismissed pairs are left as they are."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--all", action="store_true", help="Every classified statement.")
        group.add_argument("--statement", type=int, action="append", help="A statement id.")
        group.add_argument("--event", type=int, action="append", help="An event id.")

    def handle(self, *args, all, statement, event, **options):
        if all:
            total = contradictions_detect_all()
            self.stdout.write(f"{total} contradiction(s) on record (dismissed excluded).")
            return
        for pk in event or []:
            try:
                found = contradictions_detect_for_event(event=Event.objects.get(pk=pk))
            except Event.DoesNotExist as exc:
                raise CommandError(f"No event with id {pk}.") from exc
            self.stdout.write(f"Event {pk}: {len(found)} earlier claim(s) contradicted.")
        for pk in statement or []:
            try:
                found = contradictions_detect_for_statement(statement=Statement.objects.get(pk=pk))
            except Statement.DoesNotExist as exc:
                raise CommandError(f"No statement with id {pk}.") from exc
            self.stdout.write(f"Statement {pk}: {len(found)} contradiction(s).")
