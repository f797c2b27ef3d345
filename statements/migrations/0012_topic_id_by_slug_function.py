"""A PostgreSQL function from a topic's slug to its id, for the API's `?topic=` filter.

Compared through it, `topic_id = statements_topic_id_by_slug('grain')` costs one query
and PostgreSQL still plans for the actual topic: the planner evaluates a STABLE function
of constants while estimating, so a topic of five statements is paged through the
(topic, id) index. A subquery in its place is estimated as an average topic and walks
every statement by id; looking the id up first costs a second round trip per page.
Other databases (SQLite for local runs) look the id up first.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION statements_topic_id_by_slug(value text) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT id FROM statements_topic WHERE slug = value $$
"""
DROP = "DROP FUNCTION IF EXISTS statements_topic_id_by_slug(text)"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0011_event_actors_history"),
    ]

    operations = [migrations.RunPython(create, drop)]
