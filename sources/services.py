"""Writes for ingestion: create jobs, store articles once, and process them."""

import hashlib
import logging

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from sources.fetching import FetchError, fetch_url
from sources.models import Article, IngestJob, Outlet
from sources.parsing import (
    IngestInputError,
    RawArticle,
    decode_bytes,
    from_html,
    from_json,
    from_plain_text,
    parse_published,
)
from statements.services import actor_resolver_build, statements_extract_for_article

logger = logging.getLogger(__name__)

PAYLOAD_TYPES = {"text", "html", "json", "jsonl"}
OPTION_KEYS = {"title", "outlet", "author", "published"}


def content_hash(text: str) -> str:
    # Whitespace-folded so that the same story re-wrapped by another tool is still one article.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@transaction.atomic
def ingest_job_create(
    *,
    kind: str,
    source: str = "",
    payload: str = "",
    content_type: str = "",
    options: dict | None = None,
    user=None,
) -> IngestJob:
    """Validate a submission, store it as a job and enqueue it once the transaction commits."""
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
    )
    ingest_job_process_task.delay_on_commit(job.pk)
    return job


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

    errors, resolver = [], None
    counts = {"created": 0, "duplicate": 0, "failed": 0, "statements": 0, "contradictions": 0}
    for index, raw in enumerate(raws, 1):
        if isinstance(raw, IngestInputError):
            counts["failed"] += 1
            errors.append(str(raw))
            continue
        label = raw.url or raw.title or f"item {index}"
        try:
            article, created = article_ingest(raw=raw, job=job)
        except (IngestInputError, ValidationError) as exc:
            counts["failed"] += 1
            errors.append(f"{label}: {_message(exc)}")
            continue
        if not created and article.status == Article.Status.DONE:
            counts["duplicate"] += 1
            continue
        counts["created"] += int(created)
        counts["duplicate"] += int(not created)
        if resolver is None:
            resolver = actor_resolver_build()
        result = article_process(article_id=article.pk, resolver=resolver)
        if result.status == Article.Status.FAILED:
            counts["failed"] += 1
            errors.append(f"{label}: {result.error}")
        counts["statements"] += result.statement_count
        counts["contradictions"] += result.contradiction_count

    return ingest_job_complete(job, total=len(raws), counts=counts, errors=errors)


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


def raw_article_from_url(url: str, **options) -> RawArticle:
    fetched = fetch_url(url)
    kind = fetched.content_type.split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or kind in {"application/xhtml+xml"}):
        raise IngestInputError(f"{url} is not a text or HTML page (it is {kind}).")
    text = _decode_page(fetched, url)
    if kind == "text/plain":
        raw = from_plain_text(text, **options)
    else:
        raw = from_html(text, url=fetched.url, **options)
    raw.url = url
    return raw


def _decode_page(fetched, url: str) -> str:
    # Trust the charset the server declared; without one (or with a wrong one) the page
    # must be UTF-8, and decode_bytes says clearly when it is not.
    if fetched.encoding:
        try:
            return fetched.body.decode(fetched.encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(fetched.body, name=url)


def article_ingest(*, raw: RawArticle, job: IngestJob | None = None) -> tuple[Article, bool]:
    """Store an article unless its URL or content is already stored; returns (article, created)."""
    digest = content_hash(raw.text)
    lookup = Q(content_hash=digest) | Q(url=raw.url) if raw.url else Q(content_hash=digest)
    existing = Article.objects.filter(lookup).first()
    if existing:
        return existing, False
    outlet = None
    if raw.outlet:
        outlet, _ = Outlet.objects.get_or_create(name=raw.outlet[:200])
    try:
        with transaction.atomic():
            article = Article.objects.create(
                url=raw.url,
                content_hash=digest,
                outlet=outlet,
                title=raw.title[:500],
                author=raw.author[:300],
                published_at=raw.published,
                text=raw.text,
                language=raw.language or "en",
                job=job,
            )
    except IntegrityError:
        # Another worker stored the same article between our check and insert.
        return Article.objects.get(lookup), False
    return article, True


class ArticleResult:
    def __init__(self, status, error="", statement_count=0, contradiction_count=0):
        self.status = status
        self.error = error
        self.statement_count = statement_count
        self.contradiction_count = contradiction_count


def article_process(*, article_id: int, resolver=None) -> ArticleResult:
    """Extract statements and detect contradictions; a crash marks only this article failed."""
    Article.objects.filter(pk=article_id).exclude(status=Article.Status.DONE).update(
        status=Article.Status.PROCESSING, error=""
    )
    article = Article.objects.get(pk=article_id)
    try:
        with transaction.atomic():
            statements, contradictions = statements_extract_for_article(
                article=article, resolver=resolver
            )
            Article.objects.filter(pk=article_id).update(
                status=Article.Status.DONE, error="", updated_at=timezone.now()
            )
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        logger.exception("Extraction failed for article %s", article_id)
        error = f"Extraction failed: {exc.__class__.__name__}: {exc}"
        Article.objects.filter(pk=article_id).update(status=Article.Status.FAILED, error=error)
        return ArticleResult(Article.Status.FAILED, error=error)
    return ArticleResult(
        Article.Status.DONE,
        statement_count=len(statements),
        contradiction_count=len(contradictions),
    )
