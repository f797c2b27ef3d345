from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.extraction.evaluation import Fold, corpus_files
from statements.extraction.training import EPOCHS, MODEL_DIR, train


class Command(BaseCommand):
    help = (
        "Train the SOURCE/CUE/CONTENT attribution tagger on a PolNeAR-style directory "
        "(DIR/text/*.txt, DIR/attributions/*.ann) and save it where extraction loads it."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--output", default=str(MODEL_DIR))
        parser.add_argument("--epochs", type=int, default=EPOCHS)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--fold",
            metavar="K/N",
            help="train on every article but those held out as fold K of N (article "
            "index mod N == K), to score them with eval_extraction --fold K/N --model",
        )

    def handle(self, *args, **options):
        articles = None
        if options["fold"]:
            if Path(options["output"]).resolve() == MODEL_DIR.resolve():
                raise CommandError(
                    "--fold needs --output: a fold's tagger must not replace the shipped one"
                )
            try:
                articles = Fold.parse(options["fold"]).training
            except ValueError as error:
                raise CommandError(str(error)) from None
        if not corpus_files(options["directory"], articles=articles):
            raise CommandError(f"no annotated articles under {options['directory']}")
        out = train(
            options["directory"],
            Path(options["output"]),
            epochs=options["epochs"],
            seed=options["seed"],
            log=self.stdout.write,
            articles=articles,
        )
        self.stdout.write(f"saved to {out}")
