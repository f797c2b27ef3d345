"""Statement search reads a stored tsvector instead of parsing every matching row's words.

With the expression index of 0003, PostgreSQL still recomputed to_tsvector(content) for
every candidate row (a GIN match on tsvector is always rechecked), and once more to rank
it: for a common word at a million statements that is over a hundred thousand parses
per search. The generated column is computed once, on write, and has real statistics
(lexeme frequencies), so the planner also knows a common word from a rare one.

Like 0003 this is PostgreSQL only and has no model state: the column is read through
statements.selectors.search and never written by Django (PostgreSQL fills it), so the
models and the SQLite fallback stay as they were.

Adding a stored column rewrites statements_statement under an exclusive lock: about a
minute at a million statements (figures in README, "Load testing the dashboard").
The index keeps its name, so plans and tests that name it still read the same.
"""

from django.db import migrations


class PostgresOnly(migrations.RunSQL):
    # As in 0003: SQLite (the embedded mode) has no tsvector; its search is a substring match.
    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


FORWARD = [
    "ALTER TABLE statements_statement ADD COLUMN IF NOT EXISTS search_document tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, COALESCE(content, ''))) STORED",
    "DROP INDEX IF EXISTS statement_content_fts",
    "CREATE INDEX statement_content_fts ON statements_statement USING gin (search_document)",
    # Lexeme statistics for the new column: without them the planner guesses at how many
    # rows a word matches until autovacuum next passes.
    "ANALYZE statements_statement",
]
BACKWARD = [
    "DROP INDEX IF EXISTS statement_content_fts",
    "ALTER TABLE statements_statement DROP COLUMN IF EXISTS search_document",
    "CREATE INDEX statement_content_fts ON statements_statement USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(content, '')))",
]


class Migration(migrations.Migration):
    dependencies = [("statements", "0009_contradiction_claim_columns")]

    operations = [PostgresOnly(FORWARD, BACKWARD)]
