"""Time the API's list endpoints against the same page answered by raw psycopg + orjson.

Both sides page through the same rows in the same order (the API by following `next`,
raw SQL by keyset), interleaved in one run, on one connection.
"""

import time
from dataclasses import dataclass

import orjson
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from statements.api.renderers import ORJSON_OPTIONS
from statements.selectors.api_rows import STATEMENT_EMBED_FIELDS, STATEMENT_FIELDS

PAGE = 50

# The raw side selects exactly what the API's plain-row shape carries, in the same order.
STATEMENT_COLUMNS = (
    ", ".join(f"s.{name}" for name in STATEMENT_FIELDS)
    + ", a.id, a.slug, a.name, t.id, t.slug, t.name,"
    + " ar.id, ar.title, ar.url, ar.published_at, o.name"
)
EMBED_COLUMNS = ", ".join(f"s.{name}" for name in STATEMENT_EMBED_FIELDS)
STATEMENT_JOINS = """
    FROM statements_statement s
    LEFT JOIN statements_actor a ON a.id = s.actor_id
    LEFT JOIN statements_topic t ON t.id = s.topic_id
    JOIN sources_article ar ON ar.id = s.article_id
    LEFT JOIN sources_outlet o ON o.id = ar.outlet_id
"""


def _ref(row, i, *keys):
    return None if row[i] is None else dict(zip(keys, row[i : i + len(keys)], strict=True))


def _decode_json(row: dict) -> None:
    # Django's psycopg adapter hands jsonb over as text for the field to decode; the API pays
    # for that decoding, so the raw side does too.
    if isinstance(row.get("segments"), str):
        row["segments"] = orjson.loads(row["segments"])


def _statement(row) -> dict:
    n = len(STATEMENT_FIELDS)
    out = dict(zip(STATEMENT_FIELDS, row[:n], strict=True))
    _decode_json(out)
    out["actor"] = _ref(row, n, "id", "slug", "name")
    out["topic"] = _ref(row, n + 3, "id", "slug", "name")
    out["article"] = _ref(row, n + 6, "id", "title", "url", "published_at") | {
        "outlet": row[n + 10]
    }
    return out


def raw_statements(cursor, state, topic_id=None):
    where = "s.id > %s" + (" AND s.topic_id = %s" if topic_id else "")
    params = [state or 0] + ([topic_id] if topic_id else [])
    # Only constants are interpolated; values go as parameters.
    sql = f"SELECT {STATEMENT_COLUMNS} {STATEMENT_JOINS} WHERE {where} ORDER BY s.id LIMIT %s"  # noqa: S608
    cursor.execute(sql, [*params, PAGE + 1])
    rows = [_statement(r) for r in cursor.fetchall()]
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    body = orjson.dumps(
        {"next": "x" if more else None, "previous": None, "results": rows}, option=ORJSON_OPTIONS
    )
    return body, (rows[-1]["id"] if more else None)


def raw_contradictions(cursor, state):
    # The same two queries the API runs: the page, then the statements it embeds.
    where = "WHERE (c.detected_at, c.id) < (%s, %s)" if state else ""
    cursor.execute(
        f"""
        SELECT c.id, c.kind, c.status, c.score, c.explanation, c.phrase_a, c.phrase_b,
               c.reviewed_at, c.note, c.detected_at, c.updated_at, t.id, t.slug, t.name,
               u.username, e.id, e.slug, e.title, e.occurred_on, e.confirms_stance,
               e.source_url, c.statement_a_id, c.statement_b_id
        FROM statements_contradiction c
        LEFT JOIN statements_topic t ON t.id = c.topic_id
        LEFT JOIN auth_user u ON u.id = c.reviewer_id
        LEFT JOIN statements_event e ON e.id = c.event_id
        {where}
        ORDER BY c.detected_at DESC, c.id DESC LIMIT %s
        """,  # noqa: S608 (constants only; values go as parameters)
        [*(state or ()), PAGE + 1],
    )
    page = cursor.fetchall()
    ids = list({r[21] for r in page} | {r[22] for r in page if r[22]})
    cursor.execute(
        f"""
        SELECT {EMBED_COLUMNS}, a.id, a.slug, a.name, ar.id, ar.title, ar.url,
               ar.published_at, o.name
        FROM statements_statement s
        LEFT JOIN statements_actor a ON a.id = s.actor_id
        JOIN sources_article ar ON ar.id = s.article_id
        LEFT JOIN sources_outlet o ON o.id = ar.outlet_id
        WHERE s.id = ANY(%s)
        """,  # noqa: S608 (constants only; values go as parameters)
        [ids],
    )
    embedded = {}
    for r in cursor.fetchall():
        n = len(STATEMENT_EMBED_FIELDS)
        side = dict(zip(STATEMENT_EMBED_FIELDS, r[:n], strict=True))
        _decode_json(side)
        side["actor"] = _ref(r, n, "id", "slug", "name")
        side["article"] = _ref(r, n + 3, "id", "title", "url", "published_at") | {
            "outlet": r[n + 7]
        }
        embedded[r[0]] = side
    names = [
        "id",
        "kind",
        "status",
        "score",
        "explanation",
        "phrase_a",
        "phrase_b",
        "reviewed_at",
        "note",
        "detected_at",
        "updated_at",
    ]
    rows = []
    for r in page:
        row = dict(zip(names, r[:11], strict=True))
        row["topic"] = _ref(r, 11, "id", "slug", "name")
        row["reviewer"] = r[14]
        row["event"] = _ref(
            r, 15, "id", "slug", "title", "occurred_on", "confirms_stance", "source_url"
        )
        row["statement_a"] = embedded[r[21]]
        row["statement_b"] = embedded.get(r[22])
        rows.append(row)
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    body = orjson.dumps(
        {"next": "x" if more else None, "previous": None, "results": rows}, option=ORJSON_OPTIONS
    )
    return body, ((rows[-1]["detected_at"], rows[-1]["id"]) if more else None)


@dataclass
class Figures:
    name: str
    api_p50: float
    api_p95: float
    api_rps: float
    raw_p50: float
    raw_p95: float
    raw_rps: float
    queries: tuple[int, int]

    @property
    def ratio(self) -> float:
        return self.api_rps / self.raw_rps if self.raw_rps else 0.0


def _pct(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] * 1000


def _endpoints():
    from statements.models import Topic

    topic = Topic.objects.order_by("id").first()
    yield "statements", "/api/v1/statements/", raw_statements
    if topic is not None:
        yield (
            f"statements?topic={topic.slug}",
            f"/api/v1/statements/?topic={topic.slug}",
            lambda cursor, state: raw_statements(cursor, state, topic_id=topic.pk),
        )
    yield "contradictions", "/api/v1/contradictions/", raw_contradictions


def measure(*, requests: int, pages: int = 20, warmup: int = 10) -> list[Figures]:
    client = Client(HTTP_HOST="localhost")
    connection.ensure_connection()
    raw = connection.connection
    results = []
    for name, first_url, raw_page in _endpoints():
        api_times, raw_times, queries = [], [], []
        url, state = first_url, None
        for n in range(warmup + requests):
            if n % pages == 0:
                url, state = first_url, None
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                body = response.content
                api_elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}: {body[:200]!r}")
            url = orjson.loads(body)["next"] or first_url
            started = time.perf_counter()
            with raw.cursor() as cursor:
                _, state = raw_page(cursor, state)
            raw_elapsed = time.perf_counter() - started
            if n >= warmup:
                api_times.append(api_elapsed)
                raw_times.append(raw_elapsed)
                queries.append(len(captured.captured_queries))
        results.append(
            Figures(
                name=name,
                api_p50=_pct(api_times, 0.5),
                api_p95=_pct(api_times, 0.95),
                api_rps=len(api_times) / sum(api_times),
                raw_p50=_pct(raw_times, 0.5),
                raw_p95=_pct(raw_times, 0.95),
                raw_rps=len(raw_times) / sum(raw_times),
                queries=(min(queries), max(queries)),
            )
        )
    return results
