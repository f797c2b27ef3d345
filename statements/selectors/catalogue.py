"""Reads for the dashboard's actor and topic pages: their statement rows, counts and lists.

Statement rows load only the columns a row shows, and a page's contradictions arrive
in one query (with_contradictions), so a page costs the same whatever its length.
"""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, QuerySet

from statements.models import Actor, ActorRole, Contradiction, Statement, Topic
from statements.selectors.caching import remember

# What a statement row shows (_statement_row.html): the claim, its speaker, topic and
# source. Loading only these keeps a page of fifty rows from instantiating every column
# of five tables.
_ROW_FIELDS = (
    "id",
    "actor_id",
    "article_id",
    "topic_id",
    "speaker_text",
    "content",
    "said_on",
    "date_precision",
    "stance",
    "first_seen_at",
    "appearance_count",
    "outlet_count",
    "actor__name",
    "actor__slug",
    "article__url",
    "article__title",
    "article__outlet_id",
    "article__outlet__name",
)


def _statement_rows(*, with_topic: bool = True) -> QuerySet[Statement]:
    """Statements as the list pages show them, by date said (undated last).

    Their contradictions are attached per page by with_contradictions (one query).
    """
    related = ["actor", "article__outlet"]
    fields = list(_ROW_FIELDS)
    if with_topic:  # a topic's own page knows the topic: no join for it
        related.append("topic")
        fields += ["topic__name", "topic__slug", "topic__status"]
    return (
        Statement.objects.select_related(*related)
        .only(*fields)
        .order_by(F("said_on").asc(nulls_last=True), "id")
    )


_OTHER_CLAIM_FIELDS = ("id", "actor_id", "speaker_text", "actor__name", "actor__slug")


def with_contradictions(statements) -> list[Statement]:
    """The statements (a page's worth) as a list, each with .contradiction_pairs.

    .contradiction_pairs is [(contradiction, opposing statement or None), ...] by
    contradiction id; None means the claim is held against an event. One query for
    both sides of every pair, where two prefetches (a and b) would take two, and only
    what the row links to: the pair's id, the other speaker, the event's title.
    """
    statements = list(statements)
    by_id = {s.pk: s for s in statements}
    for s in statements:
        s.contradiction_pairs = []
    if not by_id:
        return statements
    rows = (
        Contradiction.objects.filter(Q(statement_a__in=by_id) | Q(statement_b__in=by_id))
        .select_related("statement_a__actor", "statement_b__actor", "event")
        .only(
            "id",
            "statement_a_id",
            "statement_b_id",
            "event_id",
            "event__title",
            *(f"statement_{side}__{f}" for side in "ab" for f in _OTHER_CLAIM_FIELDS),
        )
        .order_by("id")
    )
    for c in rows:
        if c.statement_a_id in by_id:
            by_id[c.statement_a_id].contradiction_pairs.append((c, c.statement_b))
        if c.statement_b_id in by_id:
            by_id[c.statement_b_id].contradiction_pairs.append((c, c.statement_a))
    return statements


def actor_list() -> QuerySet[Actor]:
    """Actors by name; statement counts come per page from actor_statement_counts."""
    return Actor.objects.select_related("parent").order_by("name", "id")


def actor_statement_counts(*, actors) -> dict[int, int]:
    """How many statements each of these actors made, in one grouped query.

    Counting for the shown page only keeps the index page from grouping a million
    statements to show a hundred actors.
    """
    rows = (
        Statement.objects.filter(actor__in=[a.pk for a in actors])
        .values("actor")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["actor"]: row["n"] for row in rows}


def actor_statement_count(*, actor: Actor, current: str | None = None) -> int:
    """How many statements the actor made (cached: the busiest have a hundred thousand).

    A new statement shows at once (see caching); an existing one moved to another
    speaker by an editor is counted here up to a minute late.
    """
    count = Statement.objects.filter(actor=actor).count
    return remember("actor-statements", [actor], count, current=current)


def actor_get(*, slug: str) -> Actor | None:
    return (
        Actor.objects.select_related("parent")
        .prefetch_related(
            "aliases",
            Prefetch("roles", queryset=ActorRole.objects.select_related("organisation")),
        )
        .filter(slug=slug)
        .first()
    )


def actor_statements(*, actor: Actor) -> QuerySet[Statement]:
    """The actor's statements by date said (undated last); see with_contradictions."""
    return _statement_rows().filter(actor=actor)


def shown_topics() -> QuerySet[Topic]:
    # A rejected proposal is noise an editor set aside: no topic to analysts.
    return Topic.objects.exclude(status=Topic.Status.REJECTED)


def topic_list() -> QuerySet[Topic]:
    """Topics by name; counts come per page from topic_counts."""
    return shown_topics().order_by("name", "id")


def topic_counts(*, topics) -> dict[int, dict[str, int]]:
    """Statements and contradictions per topic for the shown page, two grouped queries."""
    ids = [t.pk for t in topics]

    def compute():
        counts = {pk: {"statements": 0, "contradictions": 0} for pk in ids}
        for model, key in ((Statement, "statements"), (Contradiction, "contradictions")):
            rows = model.objects.filter(topic__in=ids).values("topic").annotate(n=Count("id"))
            for row in rows.order_by():
                counts[row["topic"]][key] = row["n"]
        return counts

    return remember("topic-counts", ids, compute)


def topic_get(*, slug: str) -> Topic | None:
    return shown_topics().filter(slug=slug).first()


# Which statements a stance filter on the topic page keeps.
STANCE_KEYS = ("a", "b", "none")


def topic_statements(*, topic: Topic, stance: str | None = None) -> QuerySet[Statement]:
    """The topic's statements by date said, optionally only one stance ("a", "b", "none").

    The rows do not carry their topic (the page shows it once); see with_contradictions.
    """
    qs = _statement_rows(with_topic=False).filter(topic=topic)
    if stance == "a":
        qs = qs.filter(stance=topic.stance_a)
    elif stance == "b":
        qs = qs.filter(stance=topic.stance_b)
    elif stance == "none":
        qs = qs.exclude(stance__in=[topic.stance_a, topic.stance_b])
    return qs


def topic_stance_counts(*, topic: Topic) -> dict[str, int]:
    """How many of the topic's statements take each stance, in one query."""
    stances = [topic.stance_a, topic.stance_b]

    def compute():
        # Counting topic_id (never null here), not id: the (topic, stance) index alone
        # answers it, where reading the busiest topic's rows took a third of a second.
        return Statement.objects.filter(topic=topic).aggregate(
            a=Count("topic", filter=Q(stance=topic.stance_a)),
            b=Count("topic", filter=Q(stance=topic.stance_b)),
            none=Count("topic", filter=~Q(stance__in=stances)),
        )

    return remember("stance-counts", [topic, *stances], compute)
