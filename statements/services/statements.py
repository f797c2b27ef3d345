import re

from django.core.exceptions import ValidationError
from django.db import transaction

from statements.detection import classify
from statements.extraction import extract_statements
from statements.models import Actor, Statement, Topic
from statements.services.actors import actor_proposed_get_or_create, actor_resolver_build
from statements.services.appearances import (
    appearance_record,
    statement_fold_target,
    statements_counts_refresh,
    statements_fold,
)
from statements.services.claims import statement_assign_claim
from statements.services.contradictions import contradictions_detect_for_statement
from statements.services.merge_keys import merge_keys_lock
from statements.services.official import article_official_actor, official_statements_add
from statements.services.topics import topic_by_similarity, topic_specs, topics_active

EDITABLE_FIELDS = {
    "actor",
    "speaker_text",
    "content",
    "kind",
    "cue",
    "said_on",
    "date_precision",
    "topic",
    "stance",
    "reported_via",
    "review_status",
}
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+")


def _context_before(text: str, start: int | None) -> str:
    """The clause or sentence a statement follows: what "a notion" or "this" refers back to."""
    if not start:
        return ""
    window = text[max(0, start - 600) : start]
    boundaries = [m.end() for m in _SENTENCE_END.finditer(window)]
    cut = boundaries[-1] if boundaries else 0
    if len(window[cut:].strip()) < 20 and len(boundaries) > 1:
        cut = boundaries[-2]
    return window[cut:].strip()


def statement_classify(*, statement: Statement, specs=None, topics_by_slug=None) -> Statement:
    """Assign topic and stance from the topics' cue phrases, unless an editor set them."""
    if statement.origin == Statement.Origin.EDITOR and statement.topic_id:
        return statement
    if specs is None:
        topics = list(topics_active())
        specs = topic_specs(topics)
        topics_by_slug = {t.slug: t for t in topics}
    match = classify(
        statement.content,
        specs,
        cue=statement.cue or None,
        context=_context_before(statement.article.text, statement.content_start) or None,
        speaker=(statement.actor.name if statement.actor_id else statement.speaker_text) or None,
    )
    fallback = None
    if match is None:
        fallback = topic_by_similarity(content=statement.content, topics=topics_by_slug.values())
    statement_assign_claim(
        statement=statement, match=match, topics_by_slug=topics_by_slug, topic=fallback
    )
    return statement


@transaction.atomic
def statements_extract_for_article(*, article, resolver=None) -> tuple[list[Statement], list]:
    """Extract, resolve, classify and store an article's statements, then detect conflicts.

    Re-running is safe: statements are matched by their span, and anything an editor
    touched is left exactly as the editor left it.
    """
    published = article.published_at.date() if article.published_at else None
    # A batch passes one resolver for all its articles: building it reads every alias.
    resolver = resolver or actor_resolver_build()
    extracted = extract_statements(article.text, published=published, resolver=resolver)
    official = article_official_actor(article)
    if official is not None:
        extracted = official_statements_add(article=article, extracted=extracted, actor=official)
    names = {e.actor for e in extracted if e.actor}
    actors = {a.name: a for a in Actor.objects.filter(name__in=names)}
    existing = {(s.content_start, s.content_end): s for s in article.statements.all()}
    topics = list(topics_active())
    specs, topics_by_slug = topic_specs(topics), {t.slug: t for t in topics}

    planned = []
    for found in extracted:
        statement = existing.get((found.content.start, found.content.end))
        actor = None
        if statement is None or not statement.is_locked:
            actor = actors.get(found.actor or "")
            if actor is None and found.speaker is not None:
                actor = actor_proposed_get_or_create(
                    speaker_text=found.speaker_name or found.speaker.text,
                    kind=found.speaker_kind,
                )
        planned.append((found, statement, actor))
    # From here until commit no other worker stores or merges these actors' statements:
    # a copy of the same quote stored concurrently is then found, not duplicated.
    merge_keys_lock(
        actor_ids=[actor.pk for _f, _s, actor in planned if actor is not None]
        + [statement.actor_id for statement in existing.values()]
    )

    stored = []
    for found, statement, actor in planned:
        if statement is not None and statement.is_locked:
            stored.append(statement)
            continue
        statement = statement or Statement(article=article)
        statement.actor = actor
        statement.speaker_text = found.speaker.text[:500] if found.speaker else ""
        statement.content = found.content.text
        statement.kind = found.kind
        statement.cue = found.cue.text[:100]
        statement.cue_start, statement.cue_end = found.cue.start, found.cue.end
        statement.content_start, statement.content_end = found.content.start, found.content.end
        statement.segments = [list(s) for s in found.segments]
        if found.speaker:
            statement.speaker_start, statement.speaker_end = found.speaker.start, found.speaker.end
        statement.said_on = found.said_on
        statement.date_precision = found.date_precision
        statement.date_text = (found.date_text or "")[:100]
        statement.reported_via = (found.reported_via or "")[:300]
        statement.confidence = found.confidence
        if statement.pk is None:
            # Words already recorded from another outlet: an appearance, not a new row.
            target = statement_fold_target(statement=statement)
            if target is not None:
                appearance_record(statement=target, source=statement)
                stored.append(target)
                continue
        statement_classify(statement=statement, specs=specs, topics_by_slug=topics_by_slug)
        statement.save()
        stored.append(statement)

    # The same words already recorded from another outlet: one statement, many appearances;
    # conflicts are then detected once, on the merged statement.
    stored = statements_fold(statements=stored)

    # A pair is found from both of its statements; count it once.
    contradictions = {}
    for statement in stored:
        for contradiction in contradictions_detect_for_statement(statement=statement):
            contradictions[contradiction.pk] = contradiction
    return stored, list(contradictions.values())


def _locate(article, content: str, start, end) -> tuple[int | None, int | None]:
    if start is not None or end is not None:
        if start is None or end is None or not 0 <= start < end <= len(article.text):
            raise ValidationError("Content offsets must lie inside the article text.")
        return start, end
    found = article.text.find(content)
    return (found, found + len(content)) if found >= 0 else (None, None)


@transaction.atomic
def statement_create(
    *,
    article,
    content: str,
    actor: Actor | None = None,
    speaker_text: str = "",
    kind: str = Statement.Kind.PARAPHRASE,
    cue: str = "",
    said_on=None,
    date_precision: str = Statement.Precision.UNKNOWN,
    topic: Topic | None = None,
    stance: str = "",
    reported_via: str = "",
    content_start: int | None = None,
    content_end: int | None = None,
    origin: str = Statement.Origin.EDITOR,
    user=None,
) -> Statement:
    """An editor's statement: kept as written and never overwritten by re-extraction."""
    content = (content or "").strip()
    if not content:
        raise ValidationError("A statement needs its words (content).")
    _check_stance(topic, stance)
    start, end = _locate(article, content, content_start, content_end)
    statement = Statement(
        article=article,
        actor=actor,
        speaker_text=speaker_text or (actor.name if actor else ""),
        content=content,
        kind=kind,
        cue=cue,
        said_on=said_on,
        date_precision=date_precision if said_on else Statement.Precision.UNKNOWN,
        topic=topic,
        stance=stance if topic else "",
        reported_via=reported_via,
        content_start=start,
        content_end=end,
        origin=origin,
        confidence=1.0 if origin == Statement.Origin.EDITOR else 0.0,
    )
    if topic is None:
        statement_classify(statement=statement)
    return _statement_save(statement, user=user)


@transaction.atomic
def statement_update(*, statement: Statement, user=None, **fields) -> Statement:
    """An editor's correction; marks the statement corrected so extraction leaves it alone."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    for name, value in fields.items():
        setattr(statement, name, value)
    _check_stance(statement.topic, statement.stance)
    if "review_status" not in fields:
        statement.review_status = Statement.Review.CORRECTED
    if (
        "content" in fields
        and "topic" not in fields
        and statement.origin != Statement.Origin.EDITOR
    ):
        statement_classify(statement=statement)
    return _statement_save(statement, user=user)


def _check_stance(topic: Topic | None, stance: str) -> None:
    if topic is not None and stance and stance not in (topic.stance_a, topic.stance_b):
        raise ValidationError(
            f"Stance must be {topic.stance_a!r} or {topic.stance_b!r} for topic {topic.name!r}."
        )


def _statement_save(statement: Statement, *, user) -> Statement:
    """Validate, save with the editor recorded in history, and re-check its conflicts."""
    statement.full_clean(validate_unique=True)
    if user is not None:
        statement._history_user = user
    statement.save()
    appearance_record(statement=statement)
    statements_counts_refresh(statement_ids=[statement.pk])
    contradictions_detect_for_statement(statement=statement)
    return statement
