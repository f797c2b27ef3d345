"""Geometry for the server-rendered SVG figures (overview chart, topic timeline).

Only layout lives here: coordinates, colours and labels for data the selectors
already fetched. The templates do the markup, so every label is auto-escaped.
"""

from __future__ import annotations

import datetime as dt
import zlib
from html import escape

from django import template
from django.http import QueryDict
from django.utils.safestring import mark_safe

from statements.templatetags.dashboard import detail_url_parts

register = template.Library()

# Each colour has at least 4.5:1 contrast against the white background (WCAG AA for
# text, more than the 3:1 graphics need), and they differ in lightness as well as hue.
PALETTE = ("#1f4e79", "#a93226", "#1d6b40", "#6c3483", "#7e5100")
OTHER_COLOUR = "#4d4d4d"

CHART_W, CHART_H = 720, 260
CHART_LEFT, CHART_RIGHT, CHART_TOP, CHART_BOTTOM = 44, 12, 12, 40

LINE_W, LINE_H = 900, 300
LINE_LEFT, LINE_RIGHT = 16, 16
LANE_A = (30, 120)  # stance A above the axis
AXIS_Y = 150
LANE_B = (180, 270)  # stance B below


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    step = 10 ** (len(str(value)) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if value <= m * step:
            return int(m * step)
    return value


def _topic_href(request, topic) -> str:
    query = request.GET.copy() if request is not None else QueryDict(mutable=True)
    query.pop("page", None)
    query["topic"] = str(topic.pk)
    return "?" + query.urlencode()


@register.inclusion_tag("statements/_chart.html", takes_context=True)
def contradictions_chart(context, chart: dict):
    """A stacked bar per month, one colour per topic; each bar segment is a link.

    Labels and links are computed here once per series and month, not per template
    tag call: a two-year chart has well over a hundred segments.
    """
    months, series = chart["months"], chart["series"]
    request = context.get("request")
    plot_w = CHART_W - CHART_LEFT - CHART_RIGHT
    plot_h = CHART_H - CHART_TOP - CHART_BOTTOM
    top = _nice_max(chart["max"])
    slot = plot_w / max(len(months), 1)
    bar_w = round(max(slot * 0.7, 2), 1)
    legend, bars = [], []
    for index, s in enumerate(series):
        topic = s["topic"]
        legend.append(
            {
                "colour": PALETTE[index] if topic is not None else OTHER_COLOUR,
                "label": topic.name if topic is not None else "Other topics",
                "href": _topic_href(request, topic) if topic is not None else "",
            }
        )
    month_names = [m.strftime("%B %Y") for m in months]
    for i, month in enumerate(months):
        y = CHART_TOP + plot_h
        segments = []
        for index, s in enumerate(series):
            n = s["counts"][i]
            if not n:
                continue
            h = n / top * plot_h
            y -= h
            item = legend[index]
            segments.append(
                {
                    "x": round(CHART_LEFT + i * slot + (slot - bar_w) / 2, 1),
                    "y": round(y, 1),
                    "h": round(max(h, 1), 1),
                    "colour": item["colour"],
                    "href": item["href"],
                    "label": f"{item['label']}, {month_names[i]}: {n} contradiction"
                    + ("" if n == 1 else "s"),
                }
            )
        show = len(months) <= 12 or i % max(len(months) // 8, 1) == 0
        bars.append(
            {
                "segments": segments,
                "label_x": round(CHART_LEFT + i * slot + slot / 2, 1),
                "label": month.strftime("%b %y") if show else "",
            }
        )
    ticks = [
        {"value": round(top * k / 4), "y": round(CHART_TOP + plot_h - plot_h * k / 4, 1)}
        for k in range(5)
    ]
    rows = [
        (month_names[i], [s["counts"][i] for s in series], chart["totals"][i])
        for i in range(len(months))
    ]
    return {
        "chart": chart,
        "bars": bars,
        "rows": rows,
        "legend": legend,
        "ticks": ticks,
        "first": month_names[0] if months else "",
        "last": month_names[-1] if months else "",
        "w": CHART_W,
        "h": CHART_H,
        "bar_w": bar_w,
        "left": CHART_LEFT,
        "tick_x": CHART_LEFT - 6,
        "right": CHART_W - CHART_RIGHT,
        "base": CHART_TOP + plot_h,
        "label_y": CHART_TOP + plot_h + 18,
    }


def _x(day: dt.date, start: dt.date, span: int) -> float:
    plot_w = LINE_W - LINE_LEFT - LINE_RIGHT
    return round(LINE_LEFT + (day - start).days / span * plot_w, 1)


def _lane_y(lane: tuple[int, int], key: str) -> float:
    # Spread one actor's points on one row of the lane, so speakers read as rows.
    lo, hi = lane
    return round(lo + 8 + zlib.crc32(key.encode()) % (hi - lo - 16), 1)


@register.inclusion_tag("statements/_timeline.html")
def topic_timeline(topic, timeline: dict):
    """One lane per stance (A above, B below), claims as linked points, events as lines."""
    start, end = timeline["start"], timeline["end"]
    if start is None:
        return {"empty": True, "topic": topic}
    start = start - dt.timedelta(days=3)
    end = end + dt.timedelta(days=3)
    span = max((end - start).days, 1)
    head, tail = detail_url_parts("statements:statement_detail")
    parts = []
    for key, lane, colour in (("a", LANE_A, PALETTE[0]), ("b", LANE_B, PALETTE[1])):
        stance = escape(topic.stance_a if key == "a" else topic.stance_b)
        rows = {}  # per speaker: (escaped name, y)
        for p in timeline[key]:
            who = p.speaker or "Unknown speaker"
            if who not in rows:
                rows[who] = (escape(who), _lane_y(lane, who))
            name, y = rows[who]
            day = f"{p.said_on.day} {p.said_on.strftime('%B %Y')}"
            words = escape(p.content if len(p.content) <= 140 else p.content[:139] + "…")
            # Every text goes through html.escape (quotes too), as format_html would do:
            # a string per point instead of seven conditional_escape calls, for the
            # hundreds of points of a busy topic.
            parts.append(
                f'<a class="point point-{key}" href="{head}{p.pk}{tail}" '
                f'aria-label="{name}, {day} ({stance}): {words}">'
                f'<circle cx="{_x(p.said_on, start, span)}" cy="{y}" r="5" fill="{colour}">'
                f"</circle><title>{name}, {day}: {words}</title></a>"
            )
    points = mark_safe("".join(parts))  # noqa: S308 (every value escaped above)
    events = [
        {"e": e, "x": _x(e.occurred_on, start, span)}
        for e in timeline["events"]
        if start <= e.occurred_on <= end
    ]
    ticks = []
    year = start.year + 1
    while dt.date(year, 1, 1) <= end:
        ticks.append({"label": year, "x": _x(dt.date(year, 1, 1), start, span)})
        year += 1
    if not ticks:  # under a year: mark months instead
        day = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        while day <= end:
            ticks.append({"label": day.strftime("%b %Y"), "x": _x(day, start, span)})
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return {
        "empty": False,
        "topic": topic,
        "points": points,
        "point_count": len(parts),
        "events": events,
        "ticks": ticks,
        "w": LINE_W,
        "h": LINE_H,
        "axis_y": AXIS_Y,
        "lane_a": LANE_A,
        "lane_b": LANE_B,
        "lane_h": LANE_A[1] - LANE_A[0],
        "colour_a": PALETTE[0],
        "colour_b": PALETTE[1],
        "start": start,
        "end": end,
        "count_a": len(timeline["a"]),
        "count_b": len(timeline["b"]),
    }
