"""Aggregates for the dashboard's figures: overview counts, the contradictions-over-time
chart, and a topic's stance timeline.

Each function is a fixed number of grouped queries; the figures are laid out in Python
(statements/charts.py would be Django-free, but the layout is tiny and lives beside
the data it shapes).
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from django.db import connection
from django.db.models import Count, Func, Max, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth

from statements.models import Actor, Contradiction, Event, Statement, Topic
from statements.selectors.caching import generation, refreshing, remember, remember_growing
from statements.selectors.dashboard import contradiction_list

CHART_MONTHS = 24
CHART_TOPICS = 5
TIMELINE_POINTS_PER_LANE = 200


def corpus_totals(*, current: str | None = None) -> dict[str, int]:
    """Statements, actors and topics in the whole corpus (cached: see caching).

    current (here and below) is caching.generation(), when the caller has it already.
    New statements are counted onto the remembered total: counting a million rows
    again for every one added took tens of milliseconds.
    """

    def compute(newer_than: int = 0):
        return Statement.objects.filter(pk__gt=newer_than).aggregate(
            statements=Count("id"),
            actors=_count_all(Actor),
            topics=_count_all(Topic),
        )

    def merge(old, new):
        return {**new, "statements": old["statements"] + new["statements"]}

    return remember_growing(
        "totals", [], compute, since=lambda s, _c: compute(s), merge=merge, current=current
    )


def overview_figures_refresh() -> None:
    """Recount the unfiltered overview's figures and remember them.

    Beat runs this every 30 seconds (statements.tasks.overview_figures_refresh_task), well
    inside caching.TTL_SECONDS, so the full recount of a million statements and the chart
    (a few hundred milliseconds) happens in a worker instead of an analyst's request.
    Requests still count new rows onto these figures themselves. Without beat (the
    embedded mode) requests recount as before.
    """
    with refreshing():
        current = generation()
        corpus_totals(current=current)
        contradiction_status_counts(current=current)
        contradictions_by_month(current=current)


def _count_all(model) -> Coalesce:
    """All rows of a small table, as a figure of an aggregate over statements (which may
    match no rows: MAX over none is NULL)."""
    n = Subquery(model.objects.order_by().values(n=Func(Value(1), function="COUNT")))
    return Coalesce(Max(n), n)


def contradiction_status_counts(*, current: str | None = None, **filters) -> dict[str, int]:
    """The filtered contradictions by review status, and their total (cached; new
    contradictions are counted onto the remembered figures)."""

    def compute(newer_than: int | None = None):
        return (
            contradiction_list(after_id=newer_than, **filters)
            .order_by()
            .aggregate(
                total=Count("id"),
                **{s: Count("id", filter=Q(status=s)) for s in Contradiction.Status.values},
            )
        )

    return remember_growing(
        "statuses",
        sorted(filters.items()),
        compute,
        since=lambda _s, c: compute(c),
        merge=_add_counts,
        current=current,
    )


def _add_counts(old: dict, new: dict) -> dict:
    return {k: old.get(k, 0) + new.get(k, 0) for k in old.keys() | new.keys()}


def contradictions_by_month(*, current: str | None = None, **filters) -> dict:
    """Counts per month (of detection) for the busiest topics, as chart-ready rows.

    Returns {"months": [date, ...], "series": [{"topic": Topic|None, "counts": [...]}],
    "max": int}; the last CHART_MONTHS months with data, the CHART_TOPICS busiest
    topics in them, and everything else summed as "Other topics".
    """

    def layout():
        cells = remember_growing(
            "chart-cells",
            sorted(filters.items()),
            lambda: _month_cells(filters),
            since=lambda _s, c: _month_cells(filters, newer_than=c),
            merge=_add_counts,
            current=current,
        )
        return _by_month(cells)

    return remember("chart", sorted(filters.items()), layout, current=current)


def _month_cells(filters: dict, *, newer_than: int | None = None) -> dict:
    """{(month, topic id): contradictions detected}, of those newer_than an id if given."""
    rows = (
        contradiction_list(after_id=newer_than, **filters)
        .order_by()
        .annotate(month=TruncMonth("detected_at"))
        .values("month", "topic")
        .annotate(n=Count("id"))
    )
    cells: dict[tuple[dt.date, int | None], int] = {}
    for row in rows:
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        cells[(month, row["topic"])] = row["n"]
    return cells


def _by_month(cells: dict) -> dict:
    months = sorted({m for m, _t in cells})[-CHART_MONTHS:]
    if months:
        months = _fill_months(months[0], months[-1])
    shown = set(months)
    per_topic: dict[int | None, int] = {}
    for (month, topic), n in cells.items():
        if month in shown:
            per_topic[topic] = per_topic.get(topic, 0) + n
    busiest = [t for t, _n in sorted(per_topic.items(), key=lambda x: (-x[1], x[0] or 0))]
    top = [t for t in busiest if t is not None][:CHART_TOPICS]
    topics = Topic.objects.only("id", "name", "slug").in_bulk(top)
    series = []
    for topic_id in top:
        counts = [cells.get((m, topic_id), 0) for m in months]
        series.append({"topic": topics.get(topic_id), "counts": counts})
    rest = [t for t in per_topic if t not in top]
    if rest:
        counts = [sum(cells.get((m, t), 0) for t in rest) for m in months]
        series.append({"topic": None, "counts": counts})
    totals = [sum(s["counts"][i] for s in series) for i in range(len(months))]
    return {"months": months, "series": series, "totals": totals, "max": max(totals or [0])}


def _fill_months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


class TimelinePoint(NamedTuple):
    pk: int
    said_on: dt.date
    content: str
    speaker: str  # the actor's name, else the speaker as written, else ""


def topic_timeline(*, topic: Topic) -> dict:
    """Points for a topic's timeline: the latest dated claims of each stance, and its events.

    Returns {"a": [TimelinePoint, ...], "b": [...], "events": [event, ...], "start": date,
    "end": date}. Each lane keeps the newest TIMELINE_POINTS_PER_LANE claims so a topic
    with a hundred thousand statements still draws (and loads) quickly: plain tuples of
    what a point shows, both lanes in one query where the database allows it.
    """
    lanes = {}
    for key, stance in (("a", topic.stance_a), ("b", topic.stance_b)):
        lanes[key] = (
            Statement.objects.filter(topic=topic, stance=stance, said_on__isnull=False)
            .annotate(lane=Value(key))
            .values_list("lane", "id", "said_on", "content", "speaker_text", "actor__name")
            .order_by("-said_on", "-id")[:TIMELINE_POINTS_PER_LANE]
        )
    if connection.features.supports_slicing_ordering_in_compound:
        rows = list(lanes["a"].union(lanes["b"], all=True))
    else:  # SQLite: a query per lane
        rows = [*lanes["a"], *lanes["b"]]
    points = {"a": [], "b": []}
    for lane, pk, said_on, content, speaker_text, actor_name in rows:
        points[lane].append(TimelinePoint(pk, said_on, content, actor_name or speaker_text or ""))
    events = list(Event.objects.filter(topic=topic).order_by("occurred_on", "id"))
    days = [p.said_on for lane in points.values() for p in lane]
    days += [e.occurred_on for e in events]
    start, end = (min(days), max(days)) if days else (None, None)
    return {**points, "events": events, "start": start, "end": end}
