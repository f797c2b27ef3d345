from django.core.management.base import BaseCommand, CommandError

from statements.services.topic_proposals import MAX_NEW_TOPICS, MAX_STATEMENTS, topics_propose


class Command(BaseCommand):
    help = "Cluster statements no topic claims and propose the clusters to editors as topics."

    def add_arguments(self, parser):
        parser.add_argument("--min-size", type=int, default=3, help="Smallest cluster proposed.")
        parser.add_argument("--limit", type=int, default=MAX_STATEMENTS)
        parser.add_argument(
            "--max-topics", type=int, default=MAX_NEW_TOPICS, help="Most proposals per run."
        )

    def handle(self, *args, min_size, limit, max_topics, **options):
        if min_size < 2 or limit < 2:
            raise CommandError("--min-size and --limit must be at least 2.")
        if max_topics < 1:
            raise CommandError("--max-topics must be at least 1.")
        created = topics_propose(min_size=min_size, limit=limit, max_topics=max_topics)
        for topic in created:
            self.stdout.write(f"Proposed {topic.name!r} ({topic.statements.count()} statements)")
        self.stdout.write(f"{len(created)} topic(s) proposed; accept or merge them in the admin.")
