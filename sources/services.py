"""Writes for ingestion: create jobs, store articles once, and process them."""

import hashlib
import logging
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone

from sources.fetching import FetchError, fetch_url
from sources.language import detect_language
from sources.models import Article, IngestJob, OutboxMessage, Outlet
from sources.parsing import (
    IngestInputError,
    RawArticle,
    decode_bytes,
    from_html,
    from_json,
    from_plain_text,
    parse_published,
)
from sources.stories import article_revise, article_story_assign
from statements.models import Contradiction, Statement
from statements.services import actor_resolver_build, statements_extract_for_article

logger = logging.getLogger(__name__)

PAYLOAD_TYPES = {"text", "html", "json", "jsonl"}
OPTION_KEYS = {"title", "outlet", "author", "published"}
ENGLISH = ("en", "EN", "")


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


def outbox_enqueue(*, task, args: list) -> OutboxMessage:
    """Record a task to publish once the surrounding transaction commits.

    The row commits with the job it is about; publishing happens after commit, and a
    broker outage then leaves the row for outbox_redispatch instead of failing the request.
    """
    message = OutboxMessage.objects.create(task=task.name, args=list(args))
    # robust: an unexpected error here is logged, never turned into a failed request; the
    # row stays unsent for the re-dispatch.
    transaction.on_commit(lambda: outbox_send(message_id=message.pk), robust=True)
    return message


def outbox_send(*, message_id: int, connection=None, resend: bool = False) -> bool:
    """Publish one unsent message (or, with `resend`, a sent one again); never raises for
    a broker outage (returns False)."""
    messages = OutboxMessage.objects.filter(pk=message_id)
    if not resend:
        messages = messages.filter(sent_at__isnull=True)
    message = messages.first()
    if message is None:
        return False
    try:
        if connection is None:
            with _publish_connection() as own:
                _publish(message, own)
        else:
            _publish(message, connection)
    except Exception as exc:  # noqa: BLE001 - any broker failure leaves the row for re-dispatch
        logger.warning("Could not publish %s: %s", message, exc)
        OutboxMessage.objects.filter(pk=message_id).update(
            attempts=F("attempts") + 1, last_error=f"{exc.__class__.__name__}: {exc}"[:2000]
        )
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return True


def _publish_connection():
    # One connection attempt, no reconnect loop: by default kombu keeps retrying for
    # seconds, which a web request answering 202 must not wait for; the outbox retries.
    return current_app.connection_for_write(transport_options={"max_retries": 0})


def _publish(message: OutboxMessage, connection) -> None:
    current_app.tasks[message.task].apply_async(
        args=message.args, connection=connection, retry=False
    )


def outbox_redispatch(*, older_than: timedelta | None = None, limit: int = 1000) -> int:
    """Publish messages left unsent (broker down at commit time); returns how many went out.

    Only messages older than `older_than`, so as not to race the on-commit publish of a
    request still in flight (a race would only mean a harmless duplicate message).
    Sent messages older than a week are deleted.
    """
    if older_than is None:
        older_than = timedelta(seconds=settings.GAINSAY_OUTBOX_GRACE_SECONDS)
    now = timezone.now()
    OutboxMessage.objects.filter(sent_at__lt=now - timedelta(days=7)).delete()
    pending = OutboxMessage.objects.filter(sent_at__isnull=True, created_at__lte=now - older_than)
    ids = list(pending.order_by("id").values_list("pk", flat=True)[:limit])
    with _publish_connection() as connection:
        return sum(outbox_send(message_id=pk, connection=connection) for pk in ids)


def outbox_messages_redispatch(*, message_ids: list[int]) -> int:
    """An administrator's "re-dispatch now": publish these messages at once, sent or not.

    For a message not worth waiting a minute for, or one the broker lost after taking it
    (a Redis restarted without persistence): tasks are idempotent, so publishing a message
    twice is harmless. Returns how many were published.
    """
    ids = list(
        OutboxMessage.objects.filter(pk__in=message_ids).order_by("id").values_list("pk", flat=True)
    )
    if not ids:
        return 0
    with _publish_connection() as connection:
        return sum(outbox_send(message_id=pk, connection=connection, resend=True) for pk in ids)


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
    """Store an article unless its URL or content is already stored; returns (article, created).

    The same URL with new text is a revision: the old text is kept as a version and the
    article goes back to pending, so its statements are extracted again.
    """
    digest = content_hash(raw.text)
    lookup = Q(content_hash=digest) | Q(url=raw.url) if raw.url else Q(content_hash=digest)
    same_url = Article.objects.filter(url=raw.url).first() if raw.url else None
    if same_url is not None:
        if (
            same_url.content_hash != digest
            and not Article.objects.filter(content_hash=digest).exists()
        ):
            try:
                return article_revise(
                    article=same_url, text=raw.text, digest=digest, title=raw.title
                ), False
            except IntegrityError:
                pass  # another article took this text meanwhile: nothing to revise
        return same_url, False
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
                language=(detect_language(raw.text) or raw.language or "en")[:12],
                job=job,
            )
            article_story_assign(article=article)
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
    """Extract statements and detect contradictions; a crash marks only this article failed.

    Safe to run twice, even at the same time: the row lock makes a second run wait for
    the first to commit, then find the article done and leave it alone.

    An article in another language is only marked: extraction reads English, and a later
    translation step picks up the articles awaiting it.
    """
    untranslated = (
        Article.objects.filter(pk=article_id)
        .exclude(language__in=ENGLISH)
        .exclude(language__istartswith="en-")
        .exclude(status=Article.Status.DONE)
        .update(status=Article.Status.UNTRANSLATED, error="", updated_at=timezone.now())
    )
    if untranslated:
        return ArticleResult(Article.Status.UNTRANSLATED)
    # Every status change moves updated_at: the API's articles list syncs by it.
    Article.objects.filter(pk=article_id).exclude(status=Article.Status.DONE).update(
        status=Article.Status.PROCESSING, error="", updated_at=timezone.now()
    )
    try:
        with transaction.atomic():
            article = Article.objects.select_for_update().get(pk=article_id)
            if article.status == Article.Status.DONE:
                return ArticleResult(Article.Status.DONE)
            statements, contradictions = statements_extract_for_article(
                article=article, resolver=resolver
            )
            Article.objects.filter(pk=article_id).update(
                status=Article.Status.DONE, error="", updated_at=timezone.now()
            )
    except (OperationalError, InterfaceError):
        # The database went away: not this article's fault. The task retries the job.
        raise
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        logger.exception("Extraction failed for article %s", article_id)
        error = f"Extraction failed: {exc.__class__.__name__}: {exc}"
        Article.objects.filter(pk=article_id).update(
            status=Article.Status.FAILED, error=error, updated_at=timezone.now()
        )
        return ArticleResult(Article.Status.FAILED, error=error)
    return ArticleResult(
        Article.Status.DONE,
        statement_count=len(statements),
        contradiction_count=len(contradictions),
    )
