import json
import re
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from statements.detection import TopicSpec, embeddings
from statements.models import Contradiction, Proposition, Statement, Topic
from statements.services.history import rows_reassign


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def topics_active():
    """Topics statements are classified into; proposed ones wait for an editor."""
    return Topic.objects.filter(status=Topic.Status.ACTIVE)


def topic_specs(topics=None) -> list[TopicSpec]:
    """The editable Topic rows as the detection package's specs."""
    topics = topics_active() if topics is None else topics
    return [
        TopicSpec(
            slug=topic.slug,
            name=topic.name,
            stances={
                topic.stance_a: _lines(topic.stance_a_cues),
                topic.stance_b: _lines(topic.stance_b_cues),
            },
            exclusions=_lines(topic.exclusions),
        )
        for topic in topics
    ]


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0] if text.strip() else ""


def topic_by_similarity(*, content: str, topics) -> Topic | None:
    """The active topic `content` is semantically closest to, for content no cue matched.

    Off (None) when GAINSAY_EMBEDDINGS is false or the embedding package is not installed.
    Topics are described by their name, the first sentence of their description and their
    propositions: cue phrases are fragments too short to embed well.
    """
    if not settings.GAINSAY_EMBEDDINGS or not embeddings.available():
        return None
    topics = [t for t in topics if t.status == Topic.Status.ACTIVE]
    propositions: dict[int, list[str]] = {}
    for topic_id, text in Proposition.objects.filter(topic__in=topics).values_list(
        "topic_id", "text"
    ):
        propositions.setdefault(topic_id, []).append(text)
    texts = {
        t.slug: [t.name, _first_sentence(t.description), *propositions.get(t.pk, [])]
        for t in topics
    }
    found = embeddings.nearest_topic(content, texts, threshold=settings.GAINSAY_EMBEDDING_THRESHOLD)
    return next((t for t in topics if found and t.slug == found[0]), None)


@transaction.atomic
def topics_load_catalogue(*, path: Path) -> int:
    """Create topics from a JSON catalogue; an existing topic keeps its editors' cues."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for entry in entries:
        (label_a, cues_a), (label_b, cues_b) = list(entry["stances"].items())[:2]
        topic, _ = Topic.objects.get_or_create(
            slug=entry.get("slug") or slugify(entry["name"]),
            defaults={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "stance_a": label_a,
                "stance_a_cues": "\n".join(cues_a),
                "stance_b": label_b,
                "stance_b_cues": "\n".join(cues_b),
                "exclusions": "\n".join(entry.get("exclusions", [])),
                "window_days": entry.get("window_days", 30),
                "event_window_days": entry.get("event_window_days", 365),
            },
        )
        for n, proposition in enumerate(entry.get("propositions", [])):
            # A bare string follows the stance order: the first agrees with stance a.
            if isinstance(proposition, str):
                proposition = {"text": proposition, "stance": "a" if n == 0 else "b"}
            Proposition.objects.get_or_create(
                topic=topic,
                text=proposition["text"][:300],
                defaults={"supported_by_stance": proposition["stance"]},
            )
    return len(entries)


TOPIC_FIELDS = {
    "name",
    "slug",
    "description",
    "stance_a",
    "stance_a_cues",
    "stance_b",
    "stance_b_cues",
    "exclusions",
    "window_days",
    "event_window_days",
    "status",
}


def _topic_save(topic: Topic, user) -> Topic:
    if not topic.stance_a.strip() or not topic.stance_b.strip():
        raise ValidationError("A topic needs two stance labels.")
    if topic.stance_a.strip().lower() == topic.stance_b.strip().lower():
        raise ValidationError("A topic's two stances must differ.")
    topic.slug = topic.slug or slugify(topic.name)[:200]
    topic.full_clean()
    topic._history_user = user
    topic.save()
    return topic


@transaction.atomic
def topic_create(*, name: str, stance_a: str, stance_b: str, user=None, **fields) -> Topic:
    unknown = set(fields) - TOPIC_FIELDS
    if unknown:
        raise ValidationError(f"Unknown topic fields: {', '.join(sorted(unknown))}.")
    return _topic_save(Topic(name=name, stance_a=stance_a, stance_b=stance_b, **fields), user)


@transaction.atomic
def topic_update(*, topic: Topic, user=None, **fields) -> Topic:
    """Cue edits apply to statements classified from now on; run detect_contradictions --all
    to re-check the record."""
    unknown = set(fields) - TOPIC_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    if fields.get("status") == Topic.Status.REJECTED:
        # The stored status: an admin form has already set the new one on `topic`.
        stored = Topic.objects.filter(pk=topic.pk).values_list("status", flat=True).first()
        if stored != Topic.Status.REJECTED:
            # Rejection records who and withdraws detections: topic_proposal_reject does that.
            raise ValidationError("Reject a proposed topic with the Reject action.")
    for key, value in fields.items():
        setattr(topic, key, value)
    return _topic_save(topic, user)


@transaction.atomic
def topic_merge(*, source: Topic, target: Topic, user=None) -> int:
    """Fold `source` into `target`: its statements, events and propositions move, its cues
    join the target's, and detection runs again over the moved statements. Returns how many
    statements moved.

    A moved statement keeps its stance only where the target has the same stance label;
    otherwise it is classified again against the active topics.
    """
    from statements.services.contradictions import contradictions_detect_for_statement
    from statements.services.statements import statement_classify

    if source.pk == target.pk:
        raise ValidationError("A topic cannot be merged into itself.")
    labels = {target.stance_a, target.stance_b}
    moved = list(Statement.objects.filter(topic=source).select_related("article", "actor"))
    rows_reassign(source.events.all(), topic=target, user=user)
    for proposition in source.propositions.all():
        if not target.propositions.filter(text=proposition.text).exists():
            proposition.topic = target
            proposition.save()
    slots = {target.stance_a: "stance_a_cues", target.stance_b: "stance_b_cues"}
    pairs = [(source.stance_a, source.stance_a_cues), (source.stance_b, source.stance_b_cues)]
    # Cues join only a stance with the same label; exclusions always join.
    pairs = [(slots[label], cues) for label, cues in pairs if label in slots]
    for field, cues in [*pairs, ("exclusions", source.exclusions)]:
        merged = _lines(getattr(target, field)) + _lines(cues)
        setattr(target, field, "\n".join(dict.fromkeys(merged)))
    _topic_save(target, user)
    rows_reassign(Contradiction.objects.filter(topic=source), topic=target, user=user)
    for statement in moved:
        statement.topic = target
        if statement.stance not in labels:
            statement.stance = ""
            if statement.origin != Statement.Origin.EDITOR:
                statement_classify(statement=statement)
        statement.save()
    source.delete()
    for statement in moved:
        contradictions_detect_for_statement(statement=statement)
    return len(moved)


@transaction.atomic
def topic_accept(*, topic: Topic, user=None) -> Topic:
    """An editor accepts a proposed topic: statements are classified into it from now on."""
    topic.status = Topic.Status.ACTIVE
    return _topic_save(topic, user)
