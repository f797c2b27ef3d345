"""Articles: fetch, store once, and process (extract statements, detect contradictions)."""

import hashlib
import logging

from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from sources.fetching import fetch_url
from sources.language import detect_language
from sources.models import Article, IngestJob, Outlet
from sources.parsing import (
    IngestInputError,
    RawArticle,
    decode_bytes,
    from_html,
    from_plain_text,
)
from sources.stories import article_revise, article_story_assign
from statements.services import statements_extract_for_article

logger = logging.getLogger(__name__)

ENGLISH = ("en", "EN", "")


def content_hash(text: str) -> str:
    # Whitespace-folded so that the same story re-wrapped by another tool is still one article.
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


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


@transaction.atomic
def articles_reprocess(*, article_ids: list[int]) -> int:
    """Queue failed articles to be extracted again, once the cause is fixed; a worker
    picks each up as it would a new one. Articles in any other state are left as they
    are: done ones keep their statements, and pending ones are queued already.
    Returns how many were queued."""
    from sources.services.outbox import outbox_enqueue
    from sources.tasks import article_process_task

    failed = list(
        Article.objects.select_for_update()
        .filter(pk__in=article_ids, status=Article.Status.FAILED)
        .values_list("pk", flat=True)
    )
    # Compare-and-set under the row locks: a second request finds them pending.
    Article.objects.filter(pk__in=failed).update(
        status=Article.Status.PENDING, error="", updated_at=timezone.now()
    )
    for pk in failed:
        outbox_enqueue(task=article_process_task, args=[pk])
    return len(failed)


def article_process_fail(*, article_id: int, error: str) -> None:
    """The terminal state of an article whose extraction could not run (the database
    stayed away through every retry)."""
    Article.objects.filter(pk=article_id).exclude(status=Article.Status.DONE).update(
        status=Article.Status.FAILED, error=error, updated_at=timezone.now()
    )
