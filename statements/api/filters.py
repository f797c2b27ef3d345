"""Query-string filters for the API.

Every filter validates its value through a form field, so a bad value (an unknown
choice, a malformed date, a non-numeric id) becomes a 400 naming the parameter
rather than a 500 or a silently empty page.
"""

import django_filters as filters
from django import forms
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from statements.models import Actor, Contradiction, Statement, Topic


class IntegerFilter(filters.NumberFilter):
    # NumberFilter accepts decimals; ids are integers and "1.5" should be refused.
    field_class = forms.IntegerField


def slug_or_id_q(value: str, *prefixes: str) -> Q:
    """Match `<prefix>slug=value`, or `<prefix>id=value` when value is numeric, on any prefix.

    Slugs can be numeric too, so a numeric value matches either way.
    """
    query = Q()
    for prefix in prefixes:
        query |= Q(**{f"{prefix}slug": value})
        if value.isdigit():
            query |= Q(**{f"{prefix}id": int(value)})
    return query


class StrictOrderingFilter(OrderingFilter):
    """Refuses unknown ordering fields (DRF silently ignores them) and keeps paging stable."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if not params:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in params.split(",") if term.strip()]
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
        return terms


class ActorFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", help_text="Name or alias contains (any case).")

    class Meta:
        model = Actor
        fields = ["kind", "status"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(aliases__text__icontains=value)
        ).distinct()


class TopicFilter(filters.FilterSet):
    q = filters.CharFilter(field_name="name", lookup_expr="icontains", help_text="Name contains.")

    class Meta:
        model = Topic
        fields = []


class StatementFilter(filters.FilterSet):
    actor = filters.CharFilter(method="filter_actor", help_text="Actor slug or id.")
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
        return queryset.filter(slug_or_id_q(value, "topic__"))


class ContradictionFilter(filters.FilterSet):
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
        return queryset.filter(slug_or_id_q(value, "topic__"))

    def filter_actor(self, queryset, name, value):
        return queryset.filter(slug_or_id_q(value, "statement_a__actor__", "statement_b__actor__"))

    def filter_said_after(self, queryset, name, value):
        return queryset.filter(statement_a__said_on__gte=value, statement_b__said_on__gte=value)

    def filter_said_before(self, queryset, name, value):
        return queryset.filter(statement_a__said_on__lte=value, statement_b__said_on__lte=value)
