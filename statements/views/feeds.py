"""Atom feeds of new contradictions: all, per topic and per actor.

Atom summaries are HTML, so the summary is built with format_html: a statement's
`<script>` reaches a feed reader as the text "<script>", never as markup. Titles
are Atom text constructs and are escaped by the XML writer.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from statements.selectors import export as selectors


def _speaker(statement):
    if statement is None:
        return "a later event"
    if statement.actor:
        return statement.actor.name
    return statement.speaker_text or "Unknown speaker"


def _event(item):
    if item.event is None:
        return "an event"
    return f"{item.event.title} ({item.event.occurred_on.isoformat()})"


class ContradictionFeed(Feed):
    feed_type = Atom1Feed
    title = "Gainsay: new contradictions"
    subtitle = "Officials' statements that contradict each other, newest first."

    def link(self, obj=None):
        return reverse("statements:overview")

    def items(self, obj=None):
        return selectors.feed_items()

    def item_title(self, item):
        topic = f" on {item.topic.name}" if item.topic else ""
        other = _speaker(item.statement_b) if item.statement_b else _event(item)
        return f"{_speaker(item.statement_a)} vs {other}{topic}"

    def item_description(self, item):
        a, b = item.statement_a, item.statement_b
        return format_html(
            "<p><strong>{}</strong>: “{}”</p><p><strong>{}</strong>: “{}”</p><p>{} · {}</p>",
            _speaker(a),
            a.content,
            _speaker(b) if b else "Event",
            b.content if b else _event(item),
            item.get_kind_display(),
            item.get_status_display(),
        )

    def item_link(self, item):
        return reverse("statements:contradiction_detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.detected_at

    def item_updateddate(self, item):
        return item.updated_at


class TopicContradictionFeed(ContradictionFeed):
    def get_object(self, request, slug):
        topic = selectors.feed_topic(slug=slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic

    def title(self, obj):
        return f"Gainsay: contradictions on {obj.name}"

    def link(self, obj):
        return reverse("statements:topic_detail", args=[obj.slug])

    def items(self, obj):
        return selectors.feed_items(topic=obj)


class ActorContradictionFeed(ContradictionFeed):
    def get_object(self, request, slug):
        actor = selectors.feed_actor(slug=slug)
        if actor is None:
            raise Http404("No such actor.")
        return actor

    def title(self, obj):
        return f"Gainsay: contradictions involving {obj.name}"

    def link(self, obj):
        return reverse("statements:actor_detail", args=[obj.slug])

    def items(self, obj):
        return selectors.feed_items(actor=obj)
