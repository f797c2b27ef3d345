from django.core.management.base import BaseCommand, CommandError

from statements.extraction import load_nlp
from statements.extraction.benchmark import (
    as_one_document,
    collect_texts,
    load_bare,
    run_benchmark,
)


class Command(BaseCommand):
    help = (
        "Compare extraction throughput with bare nlp.pipe of the plain spaCy model "
        "on the same texts, in one run."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="text files, or directories of *.txt")
        parser.add_argument(
            "--repeats", type=int, default=2, help="timed runs of each; the best counts"
        )
        parser.add_argument(
            "--one-document",
            type=int,
            metavar="COPIES",
            help="join the texts, COPIES times over, into one long article",
        )

    def handle(self, *args, **options):
        texts = collect_texts(options["paths"])
        if not texts:
            raise CommandError("no texts found")
        if options["repeats"] < 1:
            raise CommandError("--repeats must be at least 1")
        if options["one_document"] is not None:
            if options["one_document"] < 1:
                raise CommandError("--one-document must be at least 1")
            texts = as_one_document(texts, options["one_document"])
        result = run_benchmark(texts, nlp=load_nlp(), bare=load_bare(), repeats=options["repeats"])
        self.stdout.write(
            f"files={result.files} words={result.words} statements={result.statements}"
        )
        self.stdout.write(
            f"bare nlp.pipe words/s={result.pipe_wps:,.0f} ({', '.join(result.bare_pipes)}; "
            f"matmul {result.bare_matmul})"
        )
        self.stdout.write(
            f"extraction words/s={result.extract_wps:,.0f} ({', '.join(result.extract_pipes)}; "
            f"matmul {result.extract_matmul})"
        )
        self.stdout.write(f"ratio={result.ratio:.2f} (target >= 0.70)")
        self.stdout.write(f"peak RSS={result.peak_rss_mb:.0f} MB (both pipelines loaded)")
