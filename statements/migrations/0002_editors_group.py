from django.contrib.auth.management import create_permissions
from django.db import migrations

# Editors correct the record: they add and change actors, statements, topics and
# articles, and review contradictions. Deleting stays with administrators.
EDITOR_MODELS = {
    "statements": ["actor", "actoralias", "actorrole", "topic", "statement", "contradiction"],
    "sources": ["article", "outlet", "ingestjob"],
}


def create_editors_group(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="editors")
    codenames = [
        f"{action}_{model}"
        for models in EDITOR_MODELS.values()
        for model in models
        for action in ("add", "change", "view")
    ]
    perms = Permission.objects.filter(
        content_type__app_label__in=EDITOR_MODELS, codename__in=codenames
    )
    group.permissions.add(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0001_initial"),
        ("sources", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, migrations.RunPython.noop)]
