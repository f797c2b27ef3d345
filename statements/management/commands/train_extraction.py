from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from statements.extraction.evaluation import corpus_files
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

    def handle(self, *args, **options):
        if not corpus_files(options["directory"]):
            raise CommandError(f"no annotated articles under {options['directory']}")
        out = train(
            options["directory"],
            Path(options["output"]),
            epochs=options["epochs"],
            seed=options["seed"],
            log=self.stdout.write,
        )
        self.stdout.write(f"saved to {out}")
