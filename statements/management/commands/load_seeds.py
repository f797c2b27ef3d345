import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from statements.services import actors_load_catalogue, topics_load_catalogue
from statements.services.seed_events import events_load_catalogue


class Command(BaseCommand):
    help = "Load the actor and topic catalogues and ingest the seed articles (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(Path(settings.BASE_DIR) / "seeds"))
        parser.add_argument("--no-articles", action="store_true")

    def handle(self, *args, seeds, no_articles, **options):
        seeds = Path(seeds)
        actors = actors_load_catalogue(path=seeds / "actors.json")
        topics = topics_load_catalogue(path=seeds / "topics.json")
        # Events before articles: each ingested statement is then held against them, and the
        # ingest job counts those detections with the rest.
        events_path = seeds / "events.json"
        events = events_load_catalogue(path=events_path) if events_path.exists() else 0
        self.stdout.write(f"Loaded {actors} actors, {topics} topics and {events} events.")
        if no_articles:
            return
        # articles.json carries what the text itself does not say (outlet, exact time);
        # any other .txt in seeds/ is ingested with what can be read from it.
        manifest_path = seeds / "articles.json"
        manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else []
        described = {entry["file"] for entry in manifest}
        for entry in manifest:
            self._ingest(seeds / entry["file"], **{k: v for k, v in entry.items() if k != "file"})
        for path in sorted(seeds.glob("*.txt")):
            if path.name not in described:
                self._ingest(path)

    def _ingest(self, path: Path, **metadata):
        # Stored once by content hash, so loading again ingests nothing new.
        flags = [f"--{key}={value}" for key, value in metadata.items()]
        call_command("ingest", str(path), *flags, wait=True, stdout=self.stdout, stderr=self.stderr)
