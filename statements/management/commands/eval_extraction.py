from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.extraction import load_nlp
from statements.extraction.evaluation import (
    Fold,
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
            "--model",
            metavar="DIR",
            help="a tagger saved by train_extraction --output, instead of the shipped one",
        )
        parser.add_argument(
            "--fold",
            metavar="K/N",
            help="score only the articles held out as fold K of N (article index mod N == K)",
        )
        parser.add_argument(
            "--agreement",
            action="store_true",
            help="instead score the other annotators of multiply annotated articles "
            "against the first, with the same rule (the ceiling one annotation sets)",
        )

    def handle(self, *args, **options):
        articles = None
        if options["fold"]:
            try:
                articles = Fold.parse(options["fold"]).held_out
            except ValueError as error:
                raise CommandError(str(error)) from None
        if not corpus_files(options["directory"], articles=articles):
            raise CommandError(
                f"no text/*.txt with attributions/*.ann under {options['directory']}"
            )
        if options["agreement"]:
            score = annotator_agreement(options["directory"])
            if not score.articles:
                raise CommandError(f"no article under {options['directory']} has two annotations")
            self.stdout.write(f"annotator agreement over {score.articles} second annotations")
        else:
            score = evaluate_directory(
                options["directory"],
                nlp=self._nlp(options["model"]),
                limit=options["limit"],
                articles=articles,
            )
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

    def _nlp(self, model):
        if model is None:
            return load_nlp()
        if not (Path(model) / "config.cfg").exists():
            raise CommandError(f"no tagger saved under {model} (no config.cfg)")
        return load_nlp(Path(model))
