"""The whole database as JSON lines, and back: `manage.py export_all` / `import_all`.

Generic over every installed model (project apps, their history tables, users, tokens,
the beat schedule...), so models added later are included without a change here. Each
line is one row in Django's serialization format: {"model", "pk", "fields"}, many-to-many
relations as lists of primary keys. Models come in dependency order, rows by primary key.
"""

import datetime as dt
import json
from collections.abc import Iterable, Iterator

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DataError, IntegrityError, connection, transaction

from statements.models import CLAIM_COLUMNS
from statements.services.contradiction_claims import contradictions_claims_sync

CHUNK = 2000
CONTRADICTION = "statements.contradiction"


class ExactJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but times keep their microseconds: it cuts them to milliseconds,
    so a round trip would change rows (and a sub-millisecond time would lose its fraction)."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            text = o.isoformat()
            return text[:-6] + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class BackupError(Exception):
    pass


def backup_models() -> list:
    """Concrete, managed models in dependency order (auto-created M2M tables are not
    listed: their rows travel as lists on the model that declares the relation)."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [m for m in ordered if m._meta.managed and not m._meta.proxy]


def database_export(*, stream) -> dict[str, int]:
    """Write every row as one JSON line; returns the number of rows per model."""
    serializer = serializers.get_serializer("python")()
    counts = {}
    for model in backup_models():
        label = model._meta.label_lower
        counts[label] = 0
        rows = model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)
        for chunk in _chunks(rows):
            for row in serializer.serialize(chunk):
                stream.write(json.dumps(row, cls=ExactJSONEncoder, ensure_ascii=False) + "\n")
                counts[label] += 1
    return counts


def database_rows(model) -> list[dict]:
    """One model's rows as the export writes them (JSON-normalised), for comparisons."""
    serializer = serializers.get_serializer("python")()
    rows = serializer.serialize(model._base_manager.order_by("pk"))
    return json.loads(json.dumps(rows, cls=ExactJSONEncoder))


@transaction.atomic
def database_import(*, lines: Iterable[str], replace: bool = False) -> dict[str, int]:
    """Load an export. The database must be empty unless `replace` empties it first.

    All in one transaction: a bad line leaves the database as it was. Foreign keys are
    checked at commit (PostgreSQL's deferred constraints), so rows that point forward
    (an actor's parent, a history row's user) load in any order.
    """
    models = backup_models()
    if replace:
        _empty(models)
    else:
        filled = [m._meta.label_lower for m in models if m._base_manager.exists()]
        if filled:
            raise BackupError(
                "The database is not empty (e.g. "
                + ", ".join(filled[:3])
                + "); import into an empty database or pass --replace to overwrite it."
            )
    counts: dict[str, int] = {}
    batch, batch_model, first_line = [], None, 0
    without_copies = []  # contradictions exported before they had their claims' copies
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            (obj,) = serializers.deserialize("python", [row])
        except (ValueError, TypeError, LookupError, serializers.base.DeserializationError) as exc:
            raise BackupError(f"Line {number}: not an exported row ({exc}).") from exc
        if row["model"] == CONTRADICTION and not set(CLAIM_COLUMNS) <= row["fields"].keys():
            without_copies.append(obj.object.pk)
        model = type(obj.object)
        if batch and (model is not batch_model or len(batch) == CHUNK):
            _insert(batch, first_line, number - 1)
            batch = []
        if not batch:
            batch_model, first_line = model, number
        batch.append(obj)
        counts[model._meta.label_lower] = counts.get(model._meta.label_lower, 0) + 1
    if batch:
        _insert(batch, first_line, number)
    # A backup from before statements migration 0009 has no copies of the claims' actor,
    # outlet and date said; without them the overview's filters would miss those rows.
    contradictions_claims_sync(contradiction_ids=without_copies)
    _reset_sequences(models)
    return counts


def _insert(batch: list, first_line: int, last_line: int) -> None:
    """Insert rows exactly as exported: no save() and no signals, so no auto_now field is
    refreshed and no signal handler (a new history row, a beat schedule's change stamp)
    alters what was exported. The same raw insert Model.save() itself performs."""
    model = type(batch[0].object)
    try:
        with transaction.atomic():
            if model._meta.parents:  # multi-table inheritance: rows span several tables
                for obj in batch:
                    obj.save()
                return
            fields = model._meta.local_concrete_fields
            model._base_manager._insert([o.object for o in batch], fields=fields, raw=True)
            for obj in batch:
                for name, pks in obj.m2m_data.items():
                    field = model._meta.get_field(name)
                    through = field.remote_field.through
                    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
                    through._base_manager.bulk_create(
                        through(**{f"{source}_id": obj.object.pk, f"{target}_id": pk}) for pk in pks
                    )
    except (IntegrityError, DataError) as exc:
        raise BackupError(
            f"Lines {first_line}-{last_line}: {model._meta.label} refused: {exc}"
        ) from exc


def _empty(models) -> None:
    tables = {m._meta.db_table for m in models}
    for model in models:
        tables.update(
            f.remote_field.through._meta.db_table
            for f in model._meta.local_many_to_many
            if f.remote_field.through._meta.auto_created
        )
    statements = connection.ops.sql_flush(no_style(), sorted(tables), allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _reset_sequences(models) -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def _chunks(rows: Iterator) -> Iterator[list]:
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
