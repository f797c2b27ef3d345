from django.core.management.base import BaseCommand, CommandError

from statements.extraction import load_nlp
from statements.extraction.evaluation import (
    annotator_agreement,
    corpus_files,
    evaluate_directory,
)


class Command(BaseCommand):
    help = "Score extraction on a PolNeAR-style directory (DIR/text/*.txt, DIR/attributions/*.ann)."

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--limit", type=int, default=None)
        parser.add_argument(
            "--agreement",
            action="store_true",
            help="instead score the other annotators of multiply annotated articles "
            "against the first, with the same rule (the ceiling one annotation sets)",
        )

    def handle(self, *args, **options):
        if not corpus_files(options["directory"]):
            raise CommandError(
                f"no text/*.txt with attributions/*.ann under {options['directory']}"
            )
        if options["agreement"]:
            score = annotator_agreement(options["directory"])
            if not score.articles:
                raise CommandError(f"no article under {options['directory']} has two annotations")
            self.stdout.write(f"annotator agreement over {score.articles} second annotations")
        else:
            score = evaluate_directory(options["directory"], nlp=load_nlp(), limit=options["limit"])
        self.stdout.write(
            f"articles={score.articles} gold={score.gold} predicted={score.predicted} "
            f"matched={score.matched}"
        )
        self.stdout.write(
            f"content precision={score.precision:.3f} recall={score.recall:.3f} f1={score.f1:.3f}"
        )
        self.stdout.write(
            f"speaker accuracy={score.speaker_accuracy:.3f} "
            f"({score.speaker_correct}/{score.speaker_pairs})"
        )
