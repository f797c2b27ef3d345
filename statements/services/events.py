"""Writes for events and topic propositions, each kept in history with its editor."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from statements.models import Event, Proposition, Topic
from statements.services.contradictions import contradictions_detect_for_event
from statements.services.topics import topic_create, topic_update

EVENT_FIELDS = {
    "title",
    "slug",
    "description",
    "occurred_on",
    "topic",
    "confirms_stance",
    "source_url",
    "actors",
}


def _unique_event_slug(title: str, exclude_pk=None) -> str:
    base = slugify(title)[:280] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _event_save(event: Event, *, actors, user) -> Event:
    if event.confirms_stance and event.topic_id is None:
        raise ValidationError({"confirms_stance": ["An event confirms a stance of a topic."]})
    event.slug = event.slug or _unique_event_slug(event.title, exclude_pk=event.pk)
    event.full_clean(exclude=["created_by"])
    event._history_user = user
    event.save()
    if actors is not None:
        event.actors.set(actors)
    # A new or moved event is held against the earlier claims it bears on; unreviewed
    # detections it no longer supports are withdrawn.
    contradictions_detect_for_event(event=event)
    return event


@transaction.atomic
def event_create(*, title: str, occurred_on, user=None, actors=None, **fields) -> Event:
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValidationError(f"Unknown event fields: {', '.join(sorted(unknown))}.")
    event = Event(title=(title or "").strip(), occurred_on=occurred_on, **fields)
    event.created_by = user if user is not None and user.is_authenticated else None
    return _event_save(event, actors=actors or [], user=user)


@transaction.atomic
def event_update(*, event: Event, user=None, **fields) -> Event:
    unknown = set(fields) - EVENT_FIELDS
    if unknown:
        raise ValidationError(f"These fields cannot be edited: {', '.join(sorted(unknown))}.")
    actors = fields.pop("actors", None)
    for key, value in fields.items():
        setattr(event, key, value)
    return _event_save(event, actors=actors, user=user)


@transaction.atomic
def event_delete(*, event: Event, user=None) -> None:
    """Deleting keeps a history record (simple_history's "-" row) with the editor."""
    event._history_user = user
    # The contradictions held against it go too (CASCADE); their history keeps them.
    event.delete()


def _propositions_replace(*, topic: Topic, propositions: list[dict], user) -> None:
    """The topic's propositions become exactly `propositions`, matched by text."""
    texts = [(p.get("text") or "").strip() for p in propositions]
    if len({t.lower() for t in texts}) != len(texts):
        raise ValidationError({"propositions": ["Each proposition's text must differ."]})
    existing = {p.text: p for p in topic.propositions.all()}
    for text, item in zip(texts, propositions, strict=True):
        if not text:
            raise ValidationError({"propositions": ["A proposition needs its text."]})
        proposition = existing.pop(text, None) or Proposition(topic=topic, text=text)
        proposition.supported_by_stance = item.get("supported_by_stance", "")
        proposition.full_clean(validate_unique=False)
        proposition._history_user = user
        proposition.save()
    for stale in existing.values():
        stale._history_user = user
        stale.delete()
    # A proposition change is a change of the topic for incremental sync.
    Topic.objects.filter(pk=topic.pk).update(updated_at=timezone.now())


@transaction.atomic
def topic_write(*, topic: Topic | None = None, propositions=None, user=None, **fields) -> Topic:
    """Create (topic None) or update a topic, and replace its propositions when given."""
    if topic is None:
        topic = topic_create(**fields, user=user)
    else:
        topic = topic_update(topic=topic, **fields, user=user)
    if propositions is not None:
        _propositions_replace(topic=topic, propositions=propositions, user=user)
    return topic
