"""Query-string filters for the API.

Every filter validates its value through a form field, so a bad value (an unknown
choice, a malformed date, a non-numeric id) becomes a 400 naming the parameter
rather than a 500 or a silently empty page.
"""

import datetime as dt

import django_filters as filters
from django import forms
from django.db import connection
from django.db.models import BigIntegerField, Func, Q, Value
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from statements.models import Actor, Contradiction, Deletion, Event, Statement, Topic, Webhook
from statements.selectors.search import MAX_QUERY_CHARS, clean_query, search_statements


class UtcIsoDateTimeField(filters.fields.IsoDateTimeField):
    # Normalised to UTC here: PostgreSQL refuses offsets beyond ±15:59 ("-19:23" parses in
    # Python), and a time at the edge of the calendar may not convert at all.
    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(dt.UTC)
        except (OverflowError, ValueError) as exc:
            raise forms.ValidationError("Enter a date-time within the calendar.") from exc


class UtcIsoDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class IntegerFilter(filters.NumberFilter):
    # NumberFilter accepts decimals; ids are integers and "1.5" should be refused.
    field_class = forms.IntegerField


def is_small_id(value: str) -> bool:
    # Digits beyond a bigint would make PostgreSQL raise (a 500); no such id exists.
    return value.isascii() and value.isdigit() and len(value) <= 18


def slug_or_id_q(value: str, *prefixes: str) -> Q:
    """Match `<prefix>slug=value`, or `<prefix>id=value` when value is numeric, on any prefix.

    Slugs can be numeric too, so a numeric value matches either way.
    """
    query = Q()
    for prefix in prefixes:
        query |= Q(**{f"{prefix}slug": value})
        if is_small_id(value):
            query |= Q(**{f"{prefix}id": int(value)})
    return query


class StrictOrderingFilter(OrderingFilter):
    """Refuses unknown ordering fields (DRF silently ignores them) and keeps paging stable."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in params.split(",") if term.strip()]
        if not terms:
            return self.get_default_ordering(view)
        valid = [item[0] for item in self.get_valid_fields(queryset, view, {"request": request})]
        unknown = [term for term in terms if term.lstrip("-") not in valid]
        if unknown:
            raise ValidationError(
                {
                    self.ordering_param: [
                        f"Unknown ordering field(s): {', '.join(unknown)}. "
                        f"Choose from: {', '.join(valid)} (prefix '-' to reverse)."
                    ]
                }
            )
        # Ties (many statements share a date) would otherwise shuffle rows across pages.
        if not any(term.lstrip("-") in ("id", "pk") for term in terms):
            terms.append("-id" if terms[-1].startswith("-") else "id")
        # A nullable field is sorted through a non-null stand-in the view annotates: the
        # cursor pager keys on the first field and cannot resume from a null.
        aliases = getattr(view, "ordering_aliases", {})
        return [
            ("-" if term.startswith("-") else "") + aliases.get(term.lstrip("-"), term.lstrip("-"))
            for term in terms
        ]


def affiliated_actor_ids(value: str):
    """The organisation itself, its members (parent) and anyone holding a role in it."""
    return Actor.objects.filter(
        slug_or_id_q(value, "")
        | slug_or_id_q(value, "parent__")
        | slug_or_id_q(value, "roles__organisation__")
    ).values("id")


def statement_search_ids(value: str):
    q = clean_query(value)[:MAX_QUERY_CHARS]
    return search_statements(q).values("pk") if q else None


class FilterBackend(DjangoFilterBackend):
    """Skips building the filter form when the request names none of its parameters."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not any(
            name in request.query_params for name in filterset_class.base_filters
        ):
            return queryset
        return super().filter_queryset(request, queryset, view)


# Form classes kept per filter set and set of parameters named (see SyncFilterSet); past
# this many a combination is built per request, so odd query strings cannot fill memory.
FORM_CLASS_CACHE_SIZE = 256


class SyncFilterSet(filters.FilterSet):
    """Every list takes `updated_since`: rows created or changed at or after that moment.

    A request is validated and filtered with only the filters it names: django-filter
    deep-copies every filter and every form field per request, which on the statements
    list cost more than the query. A filter left out has no value, so it filters nothing.
    """

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        if data is not None:
            # Read by the parent's __init__, which deep-copies it into self.filters.
            self.base_filters = {
                name: f for name, f in type(self).base_filters.items() if name in data
            }
        super().__init__(data, queryset, request=request, prefix=prefix)

    def get_form_class(self):
        # django-filter rebuilds the form class per request; the fields never change, so
        # build it once per set of filters named.
        cls = type(self)
        cache = cls.__dict__.get("_form_classes")
        if cache is None:
            cache = cls._form_classes = {}
        names = frozenset(self.filters)
        form_class = cache.get(names)
        if form_class is None:
            form_class = super().get_form_class()
            if len(cache) < FORM_CLASS_CACHE_SIZE:
                cache[names] = form_class
        return form_class

    updated_since = UtcIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=(
            "ISO 8601 date-time (e.g. 2024-05-01T12:00:00Z): only rows created or changed "
            "at or after it, for incremental sync. Rows deleted since are listed at "
            "/api/v1/deletions/."
        ),
    )


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
