"""Query-string filters for the API.

Every filter validates its value through a form field, so a bad value (an unknown
choice, a malformed date, a non-numeric id) becomes a 400 naming the parameter
rather than a 500 or a silently empty page.
"""

import datetime as dt

import django_filters as filters
from django import forms
from django.db.models import Q
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from statements.models import Actor
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
