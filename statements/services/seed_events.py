"""Load editor events from a JSON catalogue (seeds/events.json) and hold them against claims."""

import json
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from statements.models import Actor, Event, Topic
from statements.services.contradictions import contradictions_detect_for_event


def _stance_letter(topic: Topic, label: str) -> str:
    if label in ("a", "b"):
        return label
    if label == topic.stance_a:
        return "a"
    if label == topic.stance_b:
        return "b"
    raise ValidationError(
        f"Event stance {label!r} is neither {topic.stance_a!r} nor {topic.stance_b!r}."
    )


@transaction.atomic
def events_load_catalogue(*, path: Path) -> int:
    """Create the catalogue's events (an existing slug is left as editors keep it) and detect
    the claims each new event contradicts. Returns the number of events in the file."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    for entry in entries:
        topic = Topic.objects.filter(slug=entry.get("topic", "")).first()
        if entry.get("topic") and topic is None:
            raise ValidationError(
                f"Event {entry['title']!r} names unknown topic {entry['topic']!r}."
            )
        event, created = Event.objects.get_or_create(
            slug=entry.get("slug") or slugify(f"{entry['occurred_on']} {entry['title']}")[:300],
            defaults={
                "title": entry["title"],
                "description": entry.get("description", ""),
                "occurred_on": date.fromisoformat(entry["occurred_on"]),
                "topic": topic,
                "confirms_stance": _stance_letter(topic, entry["confirms"]) if topic else "",
                "source_url": entry.get("source_url", ""),
            },
        )
        if created:
            event.actors.set(Actor.objects.filter(name__in=entry.get("actors", [])))
            contradictions_detect_for_event(event=event)
    return len(entries)
