"""Search at a million statements: statements' words stored as a tsvector, and a planner
cost for trigram word similarity (actor names).

With the expression index of 0003, ranking parsed each candidate's words again
(ts_rank(to_tsvector(content), ...)), and so did every recheck of a row on a lossy bitmap
page (a common word at a million statements matches over a hundred thousand rows). The
generated column is parsed once, on write; searches only read it. It costs about 90 bytes
per statement in the synthetic corpus (the table grew from 286 to 373 MB at 1M rows).
Most of the search speed-up comes from statements.selectors.search reading fewer rows
(its PROBE_WINDOWS), not from this column alone.

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
# Actor search ORs `name %> q` with ILIKE; both are served by the trigram GIN indexes,
# but pg_trgm declares word similarity as cheap as "=" (COST 1), so on a few thousand
# actors the planner scans the table and computes it for every name: ~35 ms instead of
# ~3 ms. COST 100 is closer to the truth. Skipped with a notice where the database user
# does not own the extension (then ask its owner to run the ALTER).
TRGM_COST = """
DO $$ BEGIN
    ALTER FUNCTION word_similarity_commutator_op(text, text) COST %s;
EXCEPTION WHEN insufficient_privilege OR undefined_function THEN
    RAISE NOTICE 'pg_trgm word_similarity_commutator_op cost left as it was';
END $$
"""
BACKWARD = [
    "DROP INDEX IF EXISTS statement_content_fts",
    "ALTER TABLE statements_statement DROP COLUMN IF EXISTS search_document",
    "CREATE INDEX statement_content_fts ON statements_statement USING gin "
    "(to_tsvector('english'::regconfig, COALESCE(content, '')))",
]


class Migration(migrations.Migration):
    dependencies = [("statements", "0009_contradiction_claim_columns")]

    operations = [
        PostgresOnly(FORWARD, BACKWARD),
        PostgresOnly(TRGM_COST % 100, TRGM_COST % 1),
    ]
