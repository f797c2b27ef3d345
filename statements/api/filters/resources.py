"""One filter set per API resource.

Actors, topics, statements, contradictions, events, webhooks and deletions.
"""

import django_filters as filters
from django.db import connection
from django.db.models import BigIntegerField, Func, Q, Value

from statements.api.filters.base import (
    IntegerFilter,
    SyncFilterSet,
    UtcIsoDateTimeFilter,
    affiliated_actor_ids,
    is_small_id,
    slug_or_id_q,
    statement_search_ids,
)
from statements.models import Actor, Contradiction, Deletion, Event, Statement, Topic, Webhook


class ActorFilter(SyncFilterSet):
    q = filters.CharFilter(method="filter_q", help_text="Name or alias contains (any case).")
    affiliation = filters.CharFilter(
        method="filter_affiliation",
        help_text="Organisation slug or id: the organisation, its members and role holders.",
    )

    class Meta:
        model = Actor
        fields = ["kind", "status"]

    def filter_affiliation(self, queryset, name, value):
        return queryset.filter(id__in=affiliated_actor_ids(value))

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__text__icontains=value)
        ).distinct()


class TopicFilter(SyncFilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="Name contains.")

    class Meta:
        model = Topic
        fields = []


def by_topic(queryset, value: str):
    """Rows of the topic with this slug or id, compared on `topic_id`.

    Compared with the topic's id as a value PostgreSQL can weigh, so a small topic is
    read through its index: joined on the slug, or as a subquery, it is estimated as an
    average topic and PostgreSQL walks every row in list order (a second a page for a
    topic of five statements). See migration 0012.
    """
    if connection.vendor == "postgresql" and not is_small_id(value):
        return queryset.filter(topic_id=TopicIdBySlug(Value(value)))
    # A number may be an id or a slug: those topics' ids are looked up first.
    ids = list(
        Topic.objects.filter(slug_or_id_q(value, "")).order_by().values_list("id", flat=True)
    )
    return queryset.filter(topic_id__in=ids)


class TopicIdBySlug(Func):
    """The id of the topic with this slug, or NULL (a PostgreSQL function, migration 0012)."""

    function = "statements_topic_id_by_slug"
    output_field = BigIntegerField()


class StatementFilter(SyncFilterSet):
    actor = filters.CharFilter(method="filter_actor", help_text="Actor slug or id.")
    affiliation = filters.CharFilter(
        method="filter_affiliation",
        help_text="Organisation slug or id: statements by it, its members or role holders.",
    )
    outlet = filters.CharFilter(method="filter_outlet", help_text="Outlet id or exact name.")
    status = filters.ChoiceFilter(
        field_name="review_status",
        choices=Statement.Review.choices,
        help_text="Review status (same as review_status).",
    )
    q = filters.CharFilter(
        method="filter_q", help_text="Full-text search of the words (web search syntax)."
    )
    topic = filters.CharFilter(method="filter_topic", help_text="Topic slug or id.")
    stance = filters.CharFilter(field_name="stance", lookup_expr="iexact")
    article = IntegerFilter(field_name="article_id", help_text="Article id.")
    said_after = filters.DateFilter(
        field_name="said_on", lookup_expr="gte", help_text="Said on or after (YYYY-MM-DD)."
    )
    said_before = filters.DateFilter(
        field_name="said_on", lookup_expr="lte", help_text="Said on or before (YYYY-MM-DD)."
    )

    class Meta:
        model = Statement
        fields = ["kind", "review_status", "origin", "date_precision"]

    def filter_actor(self, queryset, name, value):
        return queryset.filter(slug_or_id_q(value, "actor__"))

    def filter_topic(self, queryset, name, value):
        return by_topic(queryset, value)

    def filter_affiliation(self, queryset, name, value):
        return queryset.filter(actor_id__in=affiliated_actor_ids(value))

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(outlet_q(value, "article__outlet"))

    def filter_q(self, queryset, name, value):
        ids = statement_search_ids(value)
        return queryset if ids is None else queryset.filter(pk__in=ids)


def outlet_q(value: str, path: str) -> Q:
    query = Q(**{f"{path}__name__iexact": value})
    if is_small_id(value):
        query |= Q(**{f"{path}_id": int(value)})
    return query


class ContradictionFilter(SyncFilterSet):
    topic = filters.CharFilter(method="filter_topic", help_text="Topic slug or id.")
    actor = filters.CharFilter(
        method="filter_actor", help_text="Actor slug or id, on either side of the pair."
    )
    detected_after = filters.DateFilter(
        field_name="detected_at", lookup_expr="date__gte", help_text="Detected on or after."
    )
    detected_before = filters.DateFilter(
        field_name="detected_at", lookup_expr="date__lte", help_text="Detected on or before."
    )
    affiliation = filters.CharFilter(
        method="filter_affiliation",
        help_text="Organisation slug or id, on either side (members and role holders count).",
    )
    stance = filters.CharFilter(method="filter_stance", help_text="Either statement's stance.")
    outlet = filters.CharFilter(
        method="filter_outlet", help_text="Either statement's outlet (id or exact name)."
    )
    event = filters.CharFilter(method="filter_event", help_text="Event slug or id.")
    q = filters.CharFilter(
        method="filter_q", help_text="Full-text search of either statement's words."
    )
    said_after = filters.DateFilter(
        method="filter_said_after", help_text="Both statements said on or after this date."
    )
    said_before = filters.DateFilter(
        method="filter_said_before", help_text="Both statements said on or before this date."
    )

    class Meta:
        model = Contradiction
        fields = ["status", "kind"]

    def filter_topic(self, queryset, name, value):
        return by_topic(queryset, value)

    def filter_actor(self, queryset, name, value):
        return queryset.filter(slug_or_id_q(value, "statement_a__actor__", "statement_b__actor__"))

    def filter_affiliation(self, queryset, name, value):
        ids = affiliated_actor_ids(value)
        return queryset.filter(Q(statement_a__actor_id__in=ids) | Q(statement_b__actor_id__in=ids))

    def filter_stance(self, queryset, name, value):
        return queryset.filter(
            Q(statement_a__stance__iexact=value) | Q(statement_b__stance__iexact=value)
        )

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(
            outlet_q(value, "statement_a__article__outlet")
            | outlet_q(value, "statement_b__article__outlet")
        )

    def filter_event(self, queryset, name, value):
        return queryset.filter(slug_or_id_q(value, "event__"))

    def filter_q(self, queryset, name, value):
        ids = statement_search_ids(value)
        if ids is None:
            return queryset
        return queryset.filter(Q(statement_a_id__in=ids) | Q(statement_b_id__in=ids))

    # An event contradiction has one statement: the date bounds apply to the sides it has.
    def filter_said_after(self, queryset, name, value):
        return queryset.filter(statement_a__said_on__gte=value).filter(
            Q(statement_b__isnull=True) | Q(statement_b__said_on__gte=value)
        )

    def filter_said_before(self, queryset, name, value):
        return queryset.filter(statement_a__said_on__lte=value).filter(
            Q(statement_b__isnull=True) | Q(statement_b__said_on__lte=value)
        )


class EventFilter(SyncFilterSet):
    topic = filters.CharFilter(method="filter_topic", help_text="Topic slug or id.")
    actor = filters.CharFilter(method="filter_actor", help_text="Actor slug or id.")
    occurred_after = filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = filters.DateFilter(field_name="occurred_on", lookup_expr="lte")
    q = filters.CharFilter(field_name="title", lookup_expr="icontains", help_text="Title contains.")

    class Meta:
        model = Event
        fields = ["confirms_stance"]

    def filter_topic(self, queryset, name, value):
        return queryset.filter(slug_or_id_q(value, "topic__"))

    def filter_actor(self, queryset, name, value):
        return queryset.filter(
            id__in=Event.actors.through.objects.filter(slug_or_id_q(value, "actor__")).values(
                "event_id"
            )
        )


class WebhookFilter(SyncFilterSet):
    class Meta:
        model = Webhook
        fields = ["is_active"]


class DeletionFilter(SyncFilterSet):
    updated_since = UtcIsoDateTimeFilter(
        field_name="deleted_at",
        lookup_expr="gte",
        help_text=(
            "ISO 8601 date-time: only rows deleted at or after it. Use the moment of your "
            "last sync, as with the lists."
        ),
    )
    resource = filters.ChoiceFilter(
        choices=Deletion.Resource.choices, help_text="Only deletions of this resource."
    )

    class Meta:
        model = Deletion
        fields = []
