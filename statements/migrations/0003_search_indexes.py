"""Indexes for the dashboard search: pg_trgm for actor names and aliases, and a GIN index
on the statement full-text vector. PostgreSQL only; SQLite (embedded mode) skips them.

The indexes are created with RunSQL and no model state, so the models stay portable.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Must match the expression SearchVector("content", config="english") compiles to,
# or PostgreSQL will not use the index.
STATEMENT_FTS = (
    "CREATE INDEX IF NOT EXISTS statement_content_fts "
    "ON statements_statement USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(content, '')))"
)
ACTOR_NAME_TRGM = (
    "CREATE INDEX IF NOT EXISTS actor_name_trgm ON statements_actor USING gin (name gin_trgm_ops)"
)
ALIAS_TEXT_TRGM = (
    "CREATE INDEX IF NOT EXISTS actoralias_text_trgm "
    "ON statements_actoralias USING gin (text gin_trgm_ops)"
)


class PostgresOnly(migrations.RunSQL):
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("statements", "0002_editors_group")]

    operations = [
        TrigramExtension(),  # a no-op on SQLite
        PostgresOnly(STATEMENT_FTS, "DROP INDEX IF EXISTS statement_content_fts"),
        PostgresOnly(ACTOR_NAME_TRGM, "DROP INDEX IF EXISTS actor_name_trgm"),
        PostgresOnly(ALIAS_TEXT_TRGM, "DROP INDEX IF EXISTS actoralias_text_trgm"),
    ]
