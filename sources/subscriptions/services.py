"""Writes for subscriptions: poll a source, ingest its new entries once, track its health."""

import datetime as dt
import functools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from sources.feeds import FeedEntry, FeedError
from sources.fetching import FetchError, fetch_url
from sources.models import Article, IngestJob, Source, SourceItem
from sources.parsing import IngestInputError, RawArticle
from sources.services import (
    article_ingest,
    article_process,
    ingest_job_complete,
    raw_article_from_url,
)
from sources.subscriptions.discovery import source_entries
from statements.services import actor_resolver_build

logger = logging.getLogger(__name__)

# A claim older than this belongs to a worker that died mid-poll; it may be taken over.
STALE_CLAIM = dt.timedelta(minutes=15)


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


@dataclass
class PollResult:
    status: str  # "skipped", "not_modified", "ok" or "error"
    new_items: int = 0
    updated_items: int = 0
    error: str = ""


class SourcePollError(Exception):
    """A poll failed as a whole (fetch, HTTP status, not a feed); counts toward backoff."""


def source_poll(*, source_id: int) -> PollResult:
    """Poll one source if it is enabled, due and not being polled already.

    Not one transaction: it talks to the network, and each article commits on its own so
    that a crash half-way keeps what was ingested (its SourceItem says so).
    """
    now = timezone.now()
    claimed = (
        Source.objects.filter(pk=source_id, enabled=True)
        .filter(Q(next_poll_at__isnull=True) | Q(next_poll_at__lte=now))
        .filter(Q(polling_started_at__isnull=True) | Q(polling_started_at__lt=now - STALE_CLAIM))
        .update(polling_started_at=now)
    )
    if not claimed:
        return PollResult("skipped")
    source = Source.objects.select_related("outlet").get(pk=source_id)
    try:
        fetched = _fetch(source)
        if fetched is None:
            _record_success(source, new_items=0)
            return PollResult("not_modified")
        entries = source_entries(source, fetched)
    except (FetchError, FeedError, SourcePollError) as exc:
        return _record_error(source, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - an unexpected crash still counts and unclaims
        logger.exception("Polling source %s crashed", source_id)
        return _record_error(source, error=f"{exc.__class__.__name__}: {exc}")
    new_items, updated_items = _ingest_entries(source, entries)
    _record_success(source, new_items=new_items, fetched=fetched)
    return PollResult("ok", new_items=new_items, updated_items=updated_items)


def _fetch(source: Source):
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
        "text/html;q=0.8, */*"
    }
    if source.etag:
        headers["If-None-Match"] = source.etag
    if source.last_modified:
        headers["If-Modified-Since"] = source.last_modified
    fetched = fetch_url(source.url, headers=headers)
    if fetched.status == 304:
        return None
    if fetched.status != 200:
        raise SourcePollError(f"{source.url} answered HTTP {fetched.status}.")
    return fetched


def _ingest_entries(source: Source, entries: list[FeedEntry]) -> tuple[int, int]:
    """Ingest entries not seen before, and again those whose text or date changed.

    Returns (new, updated). An updated entry's article keeps its old text as a version.
    """
    known = {
        guid_hash: (pk, fingerprint)
        for guid_hash, pk, fingerprint in SourceItem.objects.filter(
            source=source, guid_hash__in=[entry.guid_hash for entry in entries]
        ).values_list("guid_hash", "pk", "fingerprint")
    }
    fresh, changed, hashes = [], [], set()
    for entry in entries:
        if entry.guid_hash in hashes:
            continue
        hashes.add(entry.guid_hash)
        if entry.guid_hash not in known:
            fresh.append(entry)
        elif known[entry.guid_hash][1] != entry.fingerprint:
            changed.append((entry, known[entry.guid_hash]))
    # Items recorded before fingerprints existed get one now, without being fetched again.
    unset = [pk for _entry, (pk, fingerprint) in changed if not fingerprint]
    for entry, (pk, fingerprint) in changed:
        if not fingerprint:
            SourceItem.objects.filter(pk=pk).update(fingerprint=entry.fingerprint)
    changed = [(entry, item) for entry, item in changed if item[0] not in unset]
    if not fresh and not changed:
        return 0, 0
    # One job per poll that found something: the usual place to see what ingestion did.
    job = IngestJob.objects.create(
        kind=IngestJob.Kind.FEED,
        source=source.url,
        status=IngestJob.Status.RUNNING,
        started_at=timezone.now(),
        attempts=1,
    )
    counts = {"created": 0, "duplicate": 0, "failed": 0, "statements": 0, "contradictions": 0}
    errors = []
    # Built at most once per poll: it reads every actor alias.
    resolver = functools.cache(actor_resolver_build)
    for entry in reversed(fresh):  # feeds list newest first; store oldest first
        article, error = _ingest_entry(source, entry, job=job, counts=counts, resolver=resolver)
        if error:
            errors.append(f"{entry.link or entry.guid}: {error}")
        try:
            with transaction.atomic():
                SourceItem.objects.create(
                    source=source,
                    guid=entry.guid,
                    guid_hash=entry.guid_hash,
                    link=entry.link[:2000],
                    title=entry.title,
                    fingerprint=entry.fingerprint,
                    article=article,
                    error=error,
                )
        except IntegrityError:
            pass  # a concurrent poll recorded it first; it is still ingested once
    for entry, (pk, _fingerprint) in reversed(changed):
        article, error = _ingest_entry(source, entry, job=job, counts=counts, resolver=resolver)
        if error:
            errors.append(f"{entry.link or entry.guid}: {error}")
        update = {"fingerprint": entry.fingerprint, "error": error, "title": entry.title}
        if article is not None:
            update["article"] = article
        SourceItem.objects.filter(pk=pk).update(**update)
    ingest_job_complete(job, total=len(fresh) + len(changed), counts=counts, errors=errors)
    return len(fresh), len(changed)


def _ingest_entry(source, entry, *, job, counts, resolver) -> tuple[Article | None, str]:
    min_words = _setting("GAINSAY_FEED_MIN_WORDS", 60)
    outlet = source.outlet.name if source.outlet else ""
    try:
        if entry.has_enough_text(min_words) or not entry.link:
            if not entry.text.strip():
                raise IngestInputError("The entry has no text and no link.")
            raw = RawArticle(
                text=entry.text,
                url=entry.link or None,
                title=entry.title,
                author=entry.author,
                outlet=outlet,
                published=entry.published,
            )
        else:
            raw = raw_article_from_url(entry.link, **({"outlet": outlet} if outlet else {}))
            raw.title = raw.title or entry.title
            raw.published = raw.published or entry.published
        raw.language = raw.language or source.language
        article, created = article_ingest(raw=raw, job=job)
    except (FetchError, IngestInputError) as exc:
        counts["failed"] += 1
        return None, str(exc)
    counts["created" if created else "duplicate"] += 1
    if article.status != Article.Status.DONE:
        result = article_process(article_id=article.pk, resolver=resolver())
        counts["statements"] += result.statement_count
        counts["contradictions"] += result.contradiction_count
        if result.status == Article.Status.FAILED:
            counts["failed"] += 1
            return article, result.error
    return article, ""


@transaction.atomic
def _record_success(source: Source, *, new_items: int, fetched=None) -> None:
    now = timezone.now()
    changes = {
        "polling_started_at": None,
        "enqueued_at": None,
        "last_polled_at": now,
        "next_poll_at": now + dt.timedelta(minutes=source.poll_interval_minutes),
        "error_streak": 0,
        "last_error": "",
        "items_seen": source.items_seen + new_items,
        "updated_at": now,
    }
    if new_items:
        changes["last_new_item_at"] = now
    if fetched is not None:
        # A server that stops sending validators must not be asked with stale ones.
        changes["etag"] = fetched.headers.get("etag", "")[:500]
        changes["last_modified"] = fetched.headers.get("last-modified", "")[:100]
    Source.objects.filter(pk=source.pk).update(**changes)


@transaction.atomic
def _record_error(source: Source, *, error: str) -> PollResult:
    now = timezone.now()
    streak = source.error_streak + 1
    max_errors = _setting("GAINSAY_SOURCE_MAX_ERRORS", 10)
    cap = dt.timedelta(minutes=_setting("GAINSAY_SOURCE_MAX_BACKOFF_MINUTES", 24 * 60))
    # Exponential backoff: a broken feed is asked less and less often, up to the cap.
    delay = min(dt.timedelta(minutes=source.poll_interval_minutes) * 2**streak, cap)
    changes = {
        "polling_started_at": None,
        "enqueued_at": None,
        "last_polled_at": now,
        "next_poll_at": now + delay,
        "error_streak": streak,
        "last_error": error,
        "updated_at": now,
    }
    if streak >= max_errors:
        changes["enabled"] = False
        changes["disabled_reason"] = f"Disabled after {streak} consecutive errors. Last: {error}"
    Source.objects.filter(pk=source.pk).update(**changes)
    return PollResult("error", error=error)
