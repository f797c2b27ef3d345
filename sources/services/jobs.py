"""Ingest jobs: create them (idempotently), run them, record how they ended."""

import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from sources.fetching import FetchError
from sources.models import Article, IngestJob
from sources.parsing import (
    IngestInputError,
    RawArticle,
    from_html,
    from_json,
    from_plain_text,
    parse_published,
)
from sources.services.articles import article_ingest, article_process, raw_article_from_url
from sources.services.outbox import outbox_enqueue
from statements.models import Contradiction, Statement
from statements.services import actor_resolver_build

logger = logging.getLogger(__name__)

PAYLOAD_TYPES = {"text", "html", "json", "jsonl"}
OPTION_KEYS = {"title", "outlet", "author", "published"}


@transaction.atomic
def ingest_job_create(
    *,
    kind: str,
    source: str = "",
    payload: str = "",
    content_type: str = "",
    options: dict | None = None,
    user=None,
    idempotency: dict | None = None,
) -> IngestJob:
    """Validate a submission, store it as a job and enqueue it once the transaction commits.

    `idempotency` ({"idempotency_key", "idempotency_client", "request_fingerprint"}) is stored
    on the job; see ingest_job_create_idempotent.
    """
    from sources.tasks import ingest_job_process_task

    options = {k: v for k, v in (options or {}).items() if v not in (None, "")}
    _validate_submission(kind=kind, source=source, payload=payload, content_type=content_type)
    unknown = set(options) - OPTION_KEYS
    if unknown:
        raise ValidationError(f"Unknown options: {', '.join(sorted(unknown))}.")
    try:
        parse_published(options.get("published"))
    except IngestInputError as exc:
        raise ValidationError(str(exc)) from exc
    job = IngestJob.objects.create(
        kind=kind,
        source=source,
        payload=payload,
        content_type=content_type,
        options={k: str(v) for k, v in options.items()},
        created_by=user if user is not None and user.is_authenticated else None,
        **(idempotency or {}),
    )
    outbox_enqueue(task=ingest_job_process_task, args=[job.pk])
    return job


class IdempotencyConflict(Exception):
    """The Idempotency-Key was used before for a different request."""

    def __init__(self, job: IngestJob):
        super().__init__(f"Idempotency-Key already used for a different request (job {job.pk}).")
        self.job = job


def ingest_job_create_idempotent(
    *, key: str, client: str, fingerprint: str, **arguments
) -> tuple[IngestJob, bool]:
    """The job for (client, key): created now (True) or the one created before (False).

    A retried request never ingests twice; the same key with another body is refused.
    """

    def earlier() -> IngestJob | None:
        job = IngestJob.objects.filter(idempotency_client=client, idempotency_key=key).first()
        if job is not None and job.request_fingerprint != fingerprint:
            raise IdempotencyConflict(job)
        return job

    job = earlier()
    if job is not None:
        return job, False
    try:
        with transaction.atomic():
            job = ingest_job_create(
                **arguments,
                idempotency={
                    "idempotency_key": key,
                    "idempotency_client": client,
                    "request_fingerprint": fingerprint,
                },
            )
    except IntegrityError:
        # Two retries raced; the unique constraint let one through.
        job = earlier()
        if job is None:
            raise
        return job, False
    return job, True


def _validate_submission(*, kind, source, payload, content_type) -> None:
    if kind not in IngestJob.Kind.values:
        raise ValidationError(f"Unknown ingest kind {kind!r}.")
    if kind in (IngestJob.Kind.URL, IngestJob.Kind.FEED):
        try:
            URLValidator(schemes=["http", "https"])(source)
        except ValidationError as exc:
            raise ValidationError(f"{source!r} is not an http(s) URL.") from exc
        return
    if content_type not in PAYLOAD_TYPES:
        raise ValidationError(f"Unknown content type {content_type!r}.")
    if not payload or not payload.strip():
        name = f"The file {source!r}" if source else "The submitted text"
        raise ValidationError(f"{name} is empty.")


def ingest_job_process(*, job_id: int) -> IngestJob:
    """Run a job. Safe to call twice: finished jobs are left alone, articles are stored once."""
    claimed = IngestJob.objects.filter(
        pk=job_id, status__in=[IngestJob.Status.PENDING, IngestJob.Status.RUNNING]
    ).update(
        status=IngestJob.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=timezone.now(),
        updated_at=timezone.now(),
    )
    job = IngestJob.objects.get(pk=job_id)
    if not claimed:
        return job
    try:
        raws = job_inputs(job)
    except (IngestInputError, FetchError) as exc:
        return _job_finish(job, error=str(exc), failed=True)

    # A job may run again after a worker died mid-way (or a message arrived twice):
    # articles already done are skipped, and the counts are read back from the rows at
    # the end rather than added up here, so a second run cannot count anything twice.
    errors, resolver, processed, input_failed = [], None, set(), 0
    for index, raw in enumerate(raws, 1):
        if isinstance(raw, IngestInputError):
            input_failed += 1
            errors.append(str(raw))
            continue
        label = raw.url or raw.title or f"item {index}"
        try:
            article, _created = article_ingest(raw=raw, job=job)
        except (IngestInputError, ValidationError) as exc:
            input_failed += 1
            errors.append(f"{label}: {_message(exc)}")
            continue
        if article.status == Article.Status.DONE:
            continue
        if resolver is None:
            resolver = actor_resolver_build()
        result = article_process(article_id=article.pk, resolver=resolver)
        processed.add(article.pk)
        if result.status == Article.Status.FAILED:
            errors.append(f"{label}: {result.error}")

    counts = _job_counts(job, processed=processed, items=len(raws), input_failed=input_failed)
    return ingest_job_complete(job, total=len(raws), counts=counts, errors=errors)


def _job_counts(job: IngestJob, *, processed: set[int], items: int, input_failed: int) -> dict:
    """Counts from the stored rows: what this job created, and what it (or its earlier
    interrupted runs, whose articles carry its id) extracted."""
    created = Article.objects.filter(job=job).count()
    article_ids = processed | set(Article.objects.filter(job=job).values_list("pk", flat=True))
    statements = Statement.objects.filter(article_id__in=article_ids)
    contradictions = Contradiction.objects.filter(
        Q(statement_a__article_id__in=article_ids) | Q(statement_b__article_id__in=article_ids)
    )
    failed = Article.objects.filter(pk__in=article_ids, status=Article.Status.FAILED).count()
    return {
        "created": created,
        "duplicate": max(items - input_failed - created, 0),
        "failed": input_failed + failed,
        "statements": statements.count(),
        "contradictions": contradictions.count(),
    }


def ingest_job_complete(job: IngestJob, *, total: int, counts: dict, errors: list[str]):
    """Record what a job did; it failed only if every one of its articles failed."""
    job.articles_total = total
    job.articles_created = counts["created"]
    job.articles_duplicate = counts["duplicate"]
    job.articles_failed = counts["failed"]
    job.statements_found = counts["statements"]
    job.contradictions_found = counts["contradictions"]
    return _job_finish(job, error="\n".join(errors), failed=counts["failed"] == total)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc)


def _job_finish(job: IngestJob, *, error: str, failed: bool) -> IngestJob:
    job.status = IngestJob.Status.FAILED if failed else IngestJob.Status.DONE
    job.error = error
    job.finished_at = timezone.now()
    job.payload = job.payload if failed else ""
    job.save()
    return job


def ingest_job_fail(*, job_id: int, error: str) -> None:
    """Record a terminal failure (e.g. retries exhausted) without touching finished jobs."""
    IngestJob.objects.filter(pk=job_id).exclude(status=IngestJob.Status.DONE).update(
        status=IngestJob.Status.FAILED, error=error, finished_at=timezone.now()
    )


def job_inputs(job: IngestJob) -> list[RawArticle | IngestInputError]:
    options = job.options or {}
    if job.kind == IngestJob.Kind.URL:
        return [raw_article_from_url(job.source, **options)]
    if job.content_type == "html":
        return [from_html(job.payload, **options)]
    if job.content_type in ("json", "jsonl"):
        return from_json(job.payload, lines=job.content_type == "jsonl", **options)
    return [from_plain_text(job.payload, **options)]
