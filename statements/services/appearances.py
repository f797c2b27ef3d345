"""One statement, many appearances: the same words from the same actor across outlets.

After an article's statements are extracted, each is folded into an earlier statement of
the same actor with the same (or nearly the same) words, and recorded as one of its
appearances. Editors split wrong merges and merge missed ones; both choices are kept: a
split leaves a block that stops the span merging there again, and a merge is the
appearance row itself, which later extraction finds first.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from rapidfuzz import fuzz, process

from statements.models import Contradiction, Statement, StatementAppearance, StatementMergeBlock
from statements.services.contradiction_claims import contradictions_claims_sync
from statements.services.contradictions import contradictions_detect_for_statement
from statements.services.merge_keys import merge_keys_lock

# rapidfuzz ratio (0-100) over normalised text: a repeated quote scores 100, a wire copy's
# light edit ("would" for "will", a dropped word) stays above this.
MERGE_RATIO = 90
# An outlet that quotes a remark and runs on ("..., a move welcomed by markets") still
# carries it: one text inside the other counts when it is at least this share of it.
CONTAINED_SHARE = 0.6
# How many of an actor's most recent statements a new one is compared with.
CANDIDATES = 1000
_QUOTES = str.maketrans(dict.fromkeys("“”„«»", '"') | {"\u2019": "'"})
_NON_WORD = re.compile(r"[^\w']+")
_NUMBER = re.compile(r"\d+")


def normalise(text: str) -> str:
    """Lower-cased words only: quote marks, punctuation and spacing do not count."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return " ".join(_NON_WORD.sub(" ", text).split())


def statements_fold(*, statements: list[Statement]) -> list[Statement]:
    """Fold an article's extracted statements into their earlier duplicates.

    Returns the statements that now stand for them (a duplicate is replaced by the
    statement it was folded into), each once, in order.
    """
    result, seen = [], set()
    for statement in statements:
        kept = _fold(statement)
        if kept.pk not in seen:
            seen.add(kept.pk)
            result.append(kept)
    statements_counts_refresh(statement_ids=list(seen))
    return result


def statement_fold_target(*, statement: Statement) -> Statement | None:
    """The statement these words belong to, if not (only) to `statement` itself.

    Works on an unsaved statement too, so that extraction need not store a duplicate
    only to fold it away.
    """
    # An editor's merge (or an earlier fold) already put this span on a statement.
    pinned = StatementAppearance.objects.filter(
        article_id=statement.article_id,
        content_start=statement.content_start,
        content_end=statement.content_end,
    )
    if statement.pk is not None:
        pinned = pinned.exclude(statement=statement)
    pinned = pinned.select_related("statement").first()
    if pinned is not None:
        return pinned.statement
    if statement.is_locked:
        return None
    return _duplicate_of(statement)


def _fold(statement: Statement) -> Statement:
    if statement.pk is None:
        raise ValueError("Save the statement, or use statement_fold_target, first.")
    target = statement_fold_target(statement=statement)
    if target is None:
        appearance_record(statement=statement)
        return statement
    with transaction.atomic():
        statement.appearances.exclude(article_id=statement.article_id).update(statement=target)
        appearance_record(statement=target, source=statement)
        statement.delete()
    return target


def _duplicate_of(statement: Statement) -> Statement | None:
    if statement.actor_id is None or statement.review_status == Statement.Review.REJECTED:
        return None
    words = normalise(statement.content)
    if not words:
        return None
    blocked = _blocked_with(statement)
    others = Statement.objects.filter(actor_id=statement.actor_id)
    if statement.pk is not None:
        others = others.exclude(pk=statement.pk)
    candidates = list(
        others.exclude(article_id=statement.article_id)
        .exclude(review_status=Statement.Review.REJECTED)
        .exclude(pk__in=blocked)
        .order_by("-pk")
        .values_list("pk", "content")[:CANDIDATES]
    )
    if not candidates:
        return None
    choices = {pk: normalise(content) for pk, content in candidates}
    close = process.extract(words, choices, scorer=fuzz.ratio, score_cutoff=MERGE_RATIO, limit=20)
    best = next((pk for text, _score, pk in close if same_remark(words, text)), None)
    if best is None:
        best = next((pk for pk, text in choices.items() if same_remark(words, text)), None)
    return Statement.objects.get(pk=best) if best else None


def same_remark(a: str, b: str) -> bool:
    """Whether two normalised texts are one remark: nearly equal, or one inside the other."""
    if not a or not b:
        return False
    # "section 1" and "section 2" differ by one character and are different facts.
    if _NUMBER.findall(a) != _NUMBER.findall(b) and not _inside(a, b):
        return False
    if fuzz.ratio(a, b) >= MERGE_RATIO:
        return True
    return _inside(a, b)


def _inside(a: str, b: str) -> bool:
    shorter, longer = sorted((a, b), key=len)
    # Whole words only: "invade" must not be found inside "invaded".
    return f" {shorter} " in f" {longer} " and len(shorter) >= CONTAINED_SHARE * len(longer)


def _blocked_with(statement: Statement) -> set[int]:
    """Statements an editor split from this one, either way round."""
    blocked = set(
        StatementMergeBlock.objects.filter(
            article_id=statement.article_id,
            content_start=statement.content_start,
            content_end=statement.content_end,
        ).values_list("statement_id", flat=True)
    )
    if statement.pk is None:
        return blocked
    spans = Q(pk__in=[])
    for block in StatementMergeBlock.objects.filter(statement=statement):
        spans |= Q(
            article_id=block.article_id,
            content_start=block.content_start,
            content_end=block.content_end,
        )
    blocked.update(StatementAppearance.objects.filter(spans).values_list("statement_id", flat=True))
    return blocked


def appearance_record(*, statement: Statement, source: Statement | None = None):
    """Record where `source`'s words (by default the statement's own) appeared."""
    source = source or statement
    article = source.article
    appearance, _ = StatementAppearance.objects.update_or_create(
        article=article,
        content_start=source.content_start,
        content_end=source.content_end,
        defaults={
            "statement": statement,
            "outlet_id": article.outlet_id,
            "content": source.content,
            "published_at": article.published_at,
        },
    )
    return appearance


def statements_counts_refresh(*, statement_ids: list[int]) -> None:
    """Recompute first seen and outlet counts; an appearance without an outlet is its own."""
    rows = (
        StatementAppearance.objects.filter(statement_id__in=statement_ids)
        .values("statement_id")
        .annotate(
            total=Count("id"),
            first=Min(Coalesce("published_at", "seen_at")),
            outlets=Count("outlet", distinct=True) + Count("id", filter=Q(outlet__isnull=True)),
        )
    )
    for row in rows:
        values = {
            "appearance_count": row["total"],
            "first_seen_at": row["first"],
            "outlet_count": row["outlets"],
        }
        # The API shows these, so a change moves updated_at (incremental sync); an
        # unchanged row is left alone. They are derived, so history does not keep them.
        Statement.objects.filter(pk=row["statement_id"]).exclude(**values).update(
            **values, updated_at=timezone.now()
        )


@transaction.atomic
def statement_appearance_split(*, appearance: StatementAppearance, user=None) -> Statement:
    """Undo a wrong merge: the appearance becomes a statement of its own, for good.

    The new statement is marked confirmed, so re-extraction leaves it as it is, and a
    block stops its span being merged into the old statement again.
    """
    original = appearance.statement
    merge_keys_lock(actor_ids=[original.actor_id])
    if appearance.article_id == original.article_id:
        raise ValidationError(
            "This is the statement's first appearance; split off the other appearances instead."
        )
    split = Statement(
        article=appearance.article,
        actor=original.actor,
        speaker_text=original.speaker_text,
        content=appearance.content,
        kind=original.kind,
        cue=original.cue,
        content_start=appearance.content_start,
        content_end=appearance.content_end,
        said_on=original.said_on,
        date_precision=original.date_precision,
        reported_via=original.reported_via,
        confidence=original.confidence,
        origin=original.origin,
        review_status=Statement.Review.CONFIRMED,
    )
    from statements.services.statements import statement_classify

    statement_classify(statement=split)
    if user is not None:
        split._history_user = user
    split.save()
    StatementMergeBlock.objects.get_or_create(
        statement=original,
        article=appearance.article,
        content_start=appearance.content_start,
        content_end=appearance.content_end,
        defaults={"created_by": user},
    )
    appearance.statement = split
    appearance.save(update_fields=["statement"])
    statements_counts_refresh(statement_ids=[original.pk, split.pk])
    contradictions_detect_for_statement(statement=split)
    return split


@transaction.atomic
def statements_merge(*, keep: Statement, other: Statement, user=None) -> Statement:
    """Merge a missed duplicate: `other`'s appearances move to `keep`, `other` goes.

    Reviewed contradictions of `other` move to `keep` (unless `keep` already has that
    pair); unreviewed ones are detected again on `keep`.
    """
    if keep.pk == other.pk:
        raise ValidationError("A statement cannot be merged with itself.")
    merge_keys_lock(actor_ids=[keep.actor_id, other.actor_id])
    # Keep the earlier appearance's statement as the record, as folding does.
    StatementMergeBlock.objects.filter(
        Q(statement=keep, article_id__in=other.appearances.values("article_id"))
        | Q(statement=other, article_id__in=keep.appearances.values("article_id"))
    ).delete()
    appearance_record(statement=keep)
    if not other.appearances.exists():
        appearance_record(statement=other)
    other.appearances.update(statement=keep)
    _contradictions_move(keep=keep, other=other)
    if user is not None:
        other._history_user = user
    other.delete()
    statements_counts_refresh(statement_ids=[keep.pk])
    contradictions_detect_for_statement(statement=keep)
    return keep


def _contradictions_move(*, keep: Statement, other: Statement) -> None:
    reviewed = Contradiction.objects.filter(Q(statement_a=other) | Q(statement_b=other)).exclude(
        status=Contradiction.Status.DETECTED
    )
    for contradiction in reviewed:
        third = (
            contradiction.statement_b_id
            if contradiction.statement_a_id == other.pk
            else contradiction.statement_a_id
        )
        if third == keep.pk:
            continue  # a statement does not contradict itself
        a, b = sorted((keep.pk, third))
        if Contradiction.objects.filter(statement_a_id=a, statement_b_id=b).exists():
            continue
        contradiction.statement_a_id, contradiction.statement_b_id = a, b
        contradiction.save()
        # The claims may have changed sides: both copies are taken afresh.
        contradictions_claims_sync(contradiction_ids=[contradiction.pk])
