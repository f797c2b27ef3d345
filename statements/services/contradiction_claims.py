"""Keep each contradiction's copy of its claims' actor, outlet and date said in step.

The overview filters contradictions by either claim's speaker, outlet or date; reading
those from the contradiction row itself (indexed) instead of joining the statements and
their articles is what keeps a filtered page fast at a million statements. The copies are
written here and only here, by the services that create contradictions or change the
statements and articles they point at; nothing relies on signals or save() overrides.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import OuterRef, Q, Subquery

from statements.models import Contradiction, Statement

# Ids per UPDATE when a caller syncs many rows (keeps the IN lists a sensible size).
BATCH = 2000


def _columns() -> dict:
    columns = {}
    for side in ("a", "b"):
        claim = Statement.objects.filter(pk=OuterRef(f"statement_{side}"))
        columns[f"actor_{side}"] = Subquery(claim.values("actor_id")[:1])
        columns[f"outlet_{side}"] = Subquery(claim.values("article__outlet_id")[:1])
        columns[f"said_on_{side}"] = Subquery(claim.values("said_on")[:1])
    return columns


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted({i for i in ids if i is not None})
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


# No savepoint of its own: detection calls this once per statement inside its transaction, and
# a failure here rolls that back anyway; a savepoint would cost two round trips each time.
@transaction.atomic(savepoint=False)
def contradictions_claims_sync(
    *,
    statement_ids: Iterable[int] | None = None,
    contradiction_ids: Iterable[int] | None = None,
) -> int:
    """Copy the claims' actor, outlet and date said onto the contradictions of these
    statements (either side) and onto these contradictions; returns the rows written.

    Reviewed contradictions are included: the copies mirror the statements, they are not
    part of the editor's verdict (and are left out of the contradiction's history).
    """
    written = 0
    for chunk in _chunks(statement_ids or ()):
        rows = Contradiction.objects.filter(Q(statement_a__in=chunk) | Q(statement_b__in=chunk))
        written += rows.update(**_columns())
    for chunk in _chunks(contradiction_ids or ()):
        written += Contradiction.objects.filter(pk__in=chunk).update(**_columns())
    return written


def claim_copies(*, actor_id, outlet_id, said_on) -> dict:
    """One claim's values as a detection row holds them (side-neutral; see on_side)."""
    return {"actor": actor_id, "outlet": outlet_id, "said_on": said_on}


def on_side(copies: dict, side: str) -> dict:
    """`copies` as the columns of side "a" or "b" of a contradiction row."""
    return {
        f"actor_{side}_id": copies["actor"],
        f"outlet_{side}_id": copies["outlet"],
        f"said_on_{side}": copies["said_on"],
    }


def contradictions_claims_mirror(
    *, statement_id: int, copies: dict, rows: Iterable[Contradiction]
) -> int:
    """Bring already loaded contradiction `rows` in step where their copies of one
    statement differ from `copies` (usually none): detection of a single statement knows
    its values and has its rows in hand, so it needs no query when nothing changed.
    Returns the rows written."""
    stale = [
        row.pk
        for row in rows
        for side in ("a", "b")
        if getattr(row, f"statement_{side}_id") == statement_id
        and any(getattr(row, name) != value for name, value in on_side(copies, side).items())
    ]
    # Both sides of a stale row are copied again: a row moved by a merge may have swapped.
    return contradictions_claims_sync(contradiction_ids=stale) if stale else 0


@transaction.atomic
def contradictions_claims_sync_for_articles(*, article_ids: Iterable[int]) -> int:
    """After an article's outlet changed: refresh the contradictions of its statements."""
    ids = Statement.objects.filter(article_id__in=list(article_ids)).values_list("pk", flat=True)
    return contradictions_claims_sync(statement_ids=list(ids))
