import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from statements.detection import TopicSpec
from statements.models import Topic


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def topic_specs(topics=None) -> list[TopicSpec]:
    """The editable Topic rows as the detection package's specs."""
    topics = Topic.objects.all() if topics is None else topics
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


@transaction.atomic
def topics_load_catalogue(*, path: Path) -> int:
    """Create topics from a JSON catalogue; an existing topic keeps its editors' cues."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for entry in entries:
        (label_a, cues_a), (label_b, cues_b) = list(entry["stances"].items())[:2]
        Topic.objects.get_or_create(
            slug=entry.get("slug") or slugify(entry["name"]),
            defaults={
                "name": entry["name"],
                "description": entry.get("description", ""),
                "stance_a": label_a,
                "stance_a_cues": "\n".join(cues_a),
                "stance_b": label_b,
                "stance_b_cues": "\n".join(cues_b),
                "exclusions": "\n".join(entry.get("exclusions", [])),
            },
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
    for key, value in fields.items():
        setattr(topic, key, value)
    return _topic_save(topic, user)
