import json
from pathlib import Path

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
