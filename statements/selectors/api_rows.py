"""List pages as plain rows: `.values()` and a declared shape instead of model instances
and DRF serializers, which cost several times the query itself on a 50-row page.

Each shape mirrors a serializer in statements/serializers/ field for field; a test
renders the same rows both ways and compares them, so the two cannot drift apart.
"""

from functools import cache

from django.db.models import QuerySet

ACTOR_REF = {"id": "id", "slug": "slug", "name": "name"}
TOPIC_REF = ACTOR_REF
ARTICLE_REF = {
    "id": "id",
    "title": "title",
    "url": "url",
    "outlet": "outlet__name",
    "published_at": "published_at",
}
STATEMENT_FIELDS = [
    "id",
    "speaker_text",
    "content",
    "kind",
    "cue",
    "said_on",
    "date_precision",
    "date_text",
    "reported_via",
    "stance",
    "stance_phrase",
    "stance_confidence",
    "confidence",
    "content_start",
    "content_end",
    "segments",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "origin",
    "review_status",
    "first_seen_at",
    "appearance_count",
    "outlet_count",
    "created_at",
    "updated_at",
]
STATEMENT_EMBED_FIELDS = [
    "id",
    "speaker_text",
    "content",
    "kind",
    "said_on",
    "date_precision",
    "stance",
    "review_status",
    "first_seen_at",
    "outlet_count",
]
EVENT_REF = {
    "id": "id",
    "slug": "slug",
    "title": "title",
    "occurred_on": "occurred_on",
    "confirms_stance": "confirms_stance",
    "source_url": "source_url",
}


def _nested(prefix: str, fields: dict) -> dict:
    return {"_nested": prefix, **{key: f"{prefix}__{path}" for key, path in fields.items()}}


# Field order as the serializers give it; a dict value is an embedded object (None when
# its id is null).
STATEMENT_SHAPE = {
    **{name: name for name in STATEMENT_FIELDS[:9]},
    "actor": _nested("actor", ACTOR_REF),
    "topic": _nested("topic", TOPIC_REF),
    **{name: name for name in STATEMENT_FIELDS[9:]},
    "article": _nested("article", ARTICLE_REF),
}


# A statement's appearances (?embed=appearances), as StatementAppearanceSerializer.
APPEARANCE_SHAPE = {
    "id": "id",
    "article": _nested("article", ARTICLE_REF),
    "outlet": "outlet__name",
    "content": "content",
    "content_start": "content_start",
    "content_end": "content_end",
    "published_at": "published_at",
    "seen_at": "seen_at",
}


# The statements a contradiction embeds come from a second query (see contradiction_rows):
# one statement of 13 joins takes PostgreSQL longer to plan than to run.
STATEMENT_EMBED_SHAPE = {
    **{name: name for name in STATEMENT_EMBED_FIELDS},
    "actor": _nested("actor", ACTOR_REF),
    "article": _nested("article", ARTICLE_REF),
}

CONTRADICTION_SHAPE = {
    "id": "id",
    "kind": "kind",
    "status": "status",
    "score": "score",
    "topic": _nested("topic", TOPIC_REF),
    "explanation": "explanation",
    "phrase_a": "phrase_a",
    "phrase_b": "phrase_b",
    "statement_a": "statement_a_id",
    "statement_b": "statement_b_id",
    "event": _nested("event", EVENT_REF),
    "reviewer": "reviewer__username",
    "reviewed_at": "reviewed_at",
    "note": "note",
    "detected_at": "detected_at",
    "updated_at": "updated_at",
}


def _columns(shape: dict) -> list[str]:
    columns = []
    for key, path in shape.items():
        if key == "_nested":
            columns.append(f"{path}__id")
        elif isinstance(path, dict):
            columns.extend(_columns(path))
        else:
            columns.append(path)
    return list(dict.fromkeys(columns))


def _build(shape: dict, row: dict):
    out = {}
    for key, path in shape.items():
        if key == "_nested":
            continue
        out[key] = _build_nested(path, row) if isinstance(path, dict) else row[path]
    return out


def _build_nested(shape: dict, row: dict):
    if row[f"{shape['_nested']}__id"] is None:
        return None
    return _build(shape, row)


def rows_queryset(queryset: QuerySet, shape: dict, *extra: str) -> QuerySet:
    """The filtered, ordered queryset as the flat columns the shape needs (plus `extra`,
    e.g. the cursor's ordering keys)."""
    return queryset.values(*_columns(shape), *extra)


def statement_rows() -> QuerySet:
    """The statements list as flat rows (STATEMENT_SHAPE and the `said_on_sort` key)."""
    return _statement_rows_base().all()


def contradiction_rows_queryset() -> QuerySet:
    """The contradictions list as flat rows (CONTRADICTION_SHAPE)."""
    return _contradiction_rows_base().all()


# Built once per process and only ever cloned (`.all()`), never evaluated: resolving the
# thirty-odd lookups of `.values()` cost more per page than PostgreSQL took to plan it.
@cache
def _statement_rows_base() -> QuerySet:
    from statements.selectors.api import statement_list

    return rows_queryset(statement_list(sortable=True), STATEMENT_SHAPE, "said_on_sort")


@cache
def _contradiction_rows_base() -> QuerySet:
    from statements.selectors.api import contradiction_list

    return rows_queryset(contradiction_list(), CONTRADICTION_SHAPE)


def rows_shape(rows, shape: dict) -> list[dict]:
    return [_build(shape, row) for row in rows]


def contradiction_rows(page) -> list[dict]:
    """Contradiction rows with both statements embedded (one more query for all of them)."""
    from statements.models import Statement

    ids = {row["statement_a_id"] for row in page}
    ids |= {row["statement_b_id"] for row in page if row["statement_b_id"]}
    embedded = {
        row["id"]: _build(STATEMENT_EMBED_SHAPE, row)
        for row in Statement.objects.filter(pk__in=ids).values(*_columns(STATEMENT_EMBED_SHAPE))
    }
    rows = []
    for row in page:
        built = _build(CONTRADICTION_SHAPE, row)
        built["statement_a"] = embedded[row["statement_a_id"]]
        built["statement_b"] = embedded.get(row["statement_b_id"])
        rows.append(built)
    return rows


def statement_rows_with_appearances(page) -> list[dict]:
    """Statement rows each with its appearances, earliest first (one more query for all)."""
    from statements.selectors.api import statement_appearances

    rows = rows_shape(page, STATEMENT_SHAPE)
    found = statement_appearances().filter(statement_id__in=[row["id"] for row in rows])
    by_statement = {row["id"]: [] for row in rows}
    for row in found.values("statement_id", *_columns(APPEARANCE_SHAPE)):
        by_statement[row["statement_id"]].append(_build(APPEARANCE_SHAPE, row))
    for row in rows:
        row["appearances"] = by_statement[row["id"]]
    return rows
