import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from sources.models import IngestJob
from sources.parsing import IngestInputError, decode_bytes
from sources.services import ingest_job_create

CONTENT_TYPES = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
}


class Command(BaseCommand):
    help = "Ingest articles from files (.txt, .html, .json, .jsonl) or http(s) URLs."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--title", default="")
        parser.add_argument("--author", default="")
        parser.add_argument("--published", default="", help="ISO date, e.g. 2022-02-16")
        parser.add_argument("--wait", action="store_true", help="Wait for the jobs to finish.")
        parser.add_argument("--timeout", type=float, default=600.0, help="Seconds to --wait.")

    def handle(self, *args, inputs, wait, timeout, **options):
        job_options = {k: options[k] for k in ("outlet", "title", "author", "published")}
        failures, jobs = [], []
        for item in inputs:
            try:
                jobs.append(self._submit(item, job_options))
            except (IngestInputError, ValidationError, OSError) as exc:
                message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
                failures.append(f"{item}: {message}")
                self.stderr.write(f"{item}: {message}")
        for job in jobs:
            self.stdout.write(f"Job {job.pk} queued for {job.source}")
        if wait:
            failures.extend(self._wait(jobs, timeout))
        if failures:
            raise CommandError(f"{len(failures)} input(s) failed:\n" + "\n".join(failures))

    def _submit(self, item: str, options: dict) -> IngestJob:
        if item.startswith(("http://", "https://")):
            return ingest_job_create(kind=IngestJob.Kind.URL, source=item, options=options)
        path = Path(item)
        if not path.is_file():
            raise IngestInputError(f"No such file: {item}")
        content_type = CONTENT_TYPES.get(path.suffix.lower())
        if content_type is None:
            raise IngestInputError(
                f"Unsupported file type {path.suffix or '(none)'}; "
                "use .txt, .html, .json or .jsonl."
            )
        payload = decode_bytes(path.read_bytes(), name=f"The file {item}")
        kind = IngestJob.Kind.BATCH if content_type in ("json", "jsonl") else IngestJob.Kind.FILE
        return ingest_job_create(
            kind=kind, source=path.name, payload=payload, content_type=content_type, options=options
        )

    def _wait(self, jobs: list[IngestJob], timeout: float) -> list[str]:
        deadline, failures = time.monotonic() + timeout, []
        pending = {job.pk for job in jobs}
        while pending and time.monotonic() < deadline:
            for job in IngestJob.objects.filter(pk__in=pending):
                if job.status in (IngestJob.Status.DONE, IngestJob.Status.FAILED):
                    pending.discard(job.pk)
                    self._report(job, failures)
            if pending:
                time.sleep(0.5)
        failures.extend(f"job {pk}: still running after {timeout:g}s" for pk in pending)
        return failures

    def _report(self, job: IngestJob, failures: list[str]) -> None:
        if job.status == IngestJob.Status.FAILED:
            failures.append(f"{job.source}: {job.error}")
            return
        self.stdout.write(
            f"Job {job.pk} done: {job.articles_created} new article(s), "
            f"{job.articles_duplicate} duplicate(s), {job.statements_found} statement(s), "
            f"{job.contradictions_found} contradiction(s)"
        )
        if job.error:
            self.stderr.write(job.error)
