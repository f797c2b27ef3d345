"""Each contradiction's claims' actor, outlet and date said, copied onto the contradiction
so the overview filters one table; filled here for the rows already stored, and kept in
step afterwards by services.contradictions_claims_sync."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Contradiction = apps.get_model("statements", "Contradiction")
    Statement = apps.get_model("statements", "Statement")
    columns = {}
    for side in ("a", "b"):
        claim = Statement.objects.filter(pk=OuterRef(f"statement_{side}"))
        columns[f"actor_{side}"] = Subquery(claim.values("actor_id")[:1])
        columns[f"outlet_{side}"] = Subquery(claim.values("article__outlet_id")[:1])
        columns[f"said_on_{side}"] = Subquery(claim.values("said_on")[:1])
    # One UPDATE: each subquery is a primary-key lookup, so this is linear in the rows.
    Contradiction.objects.update(**columns)


def analyze(apps, schema_editor):
    # Fresh statistics on the new columns, or the planner guesses at the filters' plans
    # until autovacuum next passes.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute('ANALYZE "statements_contradiction"')


class Migration(migrations.Migration):

    dependencies = [
        ('sources', '0006_merge_api'),
        ('statements', '0008_dashboard_indexes'),
    ]

    operations = [
        migrations.AddField(
            model_name='contradiction',
            name='actor_a',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='statements.actor'),
        ),
        migrations.AddField(
            model_name='contradiction',
            name='actor_b',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='statements.actor'),
        ),
        migrations.AddField(
            model_name='contradiction',
            name='outlet_a',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sources.outlet'),
        ),
        migrations.AddField(
            model_name='contradiction',
            name='outlet_b',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='sources.outlet'),
        ),
        migrations.AddField(
            model_name='contradiction',
            name='said_on_a',
            field=models.DateField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='contradiction',
            name='said_on_b',
            field=models.DateField(blank=True, db_index=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="contradiction",
            index=models.Index(fields=["topic", "detected_at"], name="contradiction_topic_detected"),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(analyze, migrations.RunPython.noop, elidable=True),
    ]
