from django.core.management.base import BaseCommand, CommandError

from statements.extraction import load_nlp
from statements.extraction.benchmark import collect_texts, run_benchmark


class Command(BaseCommand):
    help = "Compare extraction throughput with bare nlp.pipe on the same texts."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="text files, or directories of *.txt")

    def handle(self, *args, **options):
        texts = collect_texts(options["paths"])
        if not texts:
            raise CommandError("no texts found")
        result = run_benchmark(texts, nlp=load_nlp())
        self.stdout.write(
            f"files={result.files} words={result.words} statements={result.statements}"
        )
        self.stdout.write(f"nlp.pipe words/s={result.pipe_wps:,.0f}")
        self.stdout.write(f"extraction words/s={result.extract_wps:,.0f}")
        self.stdout.write(f"ratio={result.ratio:.2f}")
        self.stdout.write(f"peak RSS={result.peak_rss_mb:.0f} MB")
