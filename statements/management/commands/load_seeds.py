from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from statements.services import actors_load_catalogue, topics_load_catalogue


class Command(BaseCommand):
    help = "Load the actor and topic catalogues and ingest the seed articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(Path(settings.BASE_DIR) / "seeds"))
        parser.add_argument("--no-articles", action="store_true")

    def handle(self, *args, seeds, no_articles, **options):
        seeds = Path(seeds)
        actors = actors_load_catalogue(path=seeds / "actors.json")
        topics = topics_load_catalogue(path=seeds / "topics.json")
        self.stdout.write(f"Loaded {actors} actors and {topics} topics.")
        articles = sorted(str(p) for p in seeds.glob("*.txt"))
        if articles and not no_articles:
            # Stored once by content hash, so loading again ingests nothing new.
            call_command("ingest", *articles, wait=True, stdout=self.stdout, stderr=self.stderr)
