"""The `statements_deletion` view (the Deletion model) and its partial indexes.

The view reads the deletion records django-simple-history keeps in six history tables. A
view that names tables gets in the way of migrations: SQLite rebuilds a table to add or alter
a column and refuses while a view refers to it, and PostgreSQL refuses to change a column a
view uses. So the view is not part of any migration: it is dropped before `migrate` runs
and created again afterwards (pre_migrate / post_migrate, connected in apps.py), and no
migration ever has to know about it. The partial indexes are re-created the same way,
since SQLite's table rebuilds drop indexes Django does not know of.
"""

from django.db import connections

VIEW = "statements_deletion"
# (resource, historical table, slug column or None).
SOURCES = [
    ("actor", "statements_historicalactor", "slug"),
    ("topic", "statements_historicaltopic", "slug"),
    ("statement", "statements_historicalstatement", None),
    ("contradiction", "statements_historicalcontradiction", None),
    ("event", "statements_historicalevent", "slug"),
    ("article", "sources_historicalarticle", None),
]


def _arm(resource: str, table: str, slug: str | None) -> str:
    slug_sql = slug or "CAST(NULL AS varchar(300))"
    # Constants only (the list above); nothing here comes from input.
    columns = (
        f"'{resource}.' || history_id AS \"key\", '{resource}' AS resource, id AS object_id, "
        f"{slug_sql} AS slug, history_date AS deleted_at"
    )
    return f"SELECT {columns} FROM {table} WHERE history_type = '-'"  # noqa: S608


def deletion_view_drop(*, using: str = "default") -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")


def deletion_view_create(*, using: str = "default") -> bool:
    """(Re)create the view and its indexes; False while a history table is missing (a
    database migrated only part of the way)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not all(table in tables for _, table, _ in SOURCES):
        return False
    union = " UNION ALL ".join(_arm(*source) for source in SOURCES)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP VIEW IF EXISTS {VIEW}")
        cursor.execute(f"CREATE VIEW {VIEW} AS {union}")
        for _, table, _ in SOURCES:
            # "What was deleted since T" stays a short index range however much history.
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_deleted ON {table} (history_date) "
                "WHERE history_type = '-'"
            )
    return True


def _before_migrate(sender, using="default", **kwargs) -> None:
    if sender.name == "statements":
        deletion_view_drop(using=using)


def _after_migrate(sender, using="default", **kwargs) -> None:
    if sender.name == "statements":
        deletion_view_create(using=using)
