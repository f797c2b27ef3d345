"""Writes for stories and versions: near-duplicate articles linked as one story, and an
article's earlier texts kept when its page changes."""

from django.db import transaction

from sources.language import detect_language
from sources.models import Article, ArticleBand, ArticleVersion, Story
from sources.neardup import THRESHOLD, band_keys, signature, similarity

MAX_CANDIDATES = 200


@transaction.atomic
def article_story_assign(*, article: Article) -> Story | None:
    """Index the article's MinHash bands and join it to the story of its nearest duplicate.

    The nearest earlier article at or above the threshold decides; if it had no story yet,
    the two start one. An article with no near duplicate has no story.
    """
    sig = signature(article.text)
    keys = band_keys(sig)
    article.minhash = sig
    ArticleBand.objects.filter(article=article).delete()
    ArticleBand.objects.bulk_create([ArticleBand(article=article, key=key) for key in keys])
    best, best_score = None, THRESHOLD
    # The most recent candidates only: a band shared by hundreds of articles is boilerplate.
    candidate_ids = list(
        ArticleBand.objects.filter(key__in=keys)
        .exclude(article=article)
        .order_by("-article_id")
        .values_list("article_id", flat=True)
        .distinct()[:MAX_CANDIDATES]
    )
    candidates = Article.objects.filter(pk__in=candidate_ids).only("pk", "minhash", "story_id")
    for other in candidates.order_by("pk"):
        score = similarity(sig, other.minhash)
        if score >= best_score:
            best, best_score = other, score
    if best is not None and article.story_id is None:
        if best.story_id is None:
            best.story = Story.objects.create(title=(best.title or article.title)[:500])
            Article.objects.filter(pk=best.pk).update(story=best.story)
        article.story_id = best.story_id
    Article.objects.filter(pk=article.pk).update(minhash=sig, story=article.story_id)
    return article.story


@transaction.atomic
def article_revise(*, article: Article, text: str, digest: str, title: str = "") -> Article:
    """Replace an article's text with a newer one, keeping the old text as a version.

    Its statements are re-extracted: the article goes back to pending.
    """
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.content_hash == digest:
        return locked
    ArticleVersion.objects.create(
        article=locked,
        title=locked.title,
        text=locked.text,
        content_hash=locked.content_hash,
        fetched_at=locked.updated_at,
    )
    locked.text = text
    locked.content_hash = digest
    locked.title = (title or locked.title)[:500]
    locked.language = (detect_language(text) or locked.language)[:12]
    locked.status = Article.Status.PENDING
    locked.error = ""
    locked.save()
    article_story_assign(article=locked)
    return locked
