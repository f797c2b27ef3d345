from django.apps import AppConfig
from django.db.models.signals import post_migrate, pre_migrate


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Actors, statements and contradictions"

    def ready(self):
        # Schema upkeep, not business logic: see statements/deletion_view.py.
        from statements.deletion_view import _after_migrate, _before_migrate

        pre_migrate.connect(_before_migrate, dispatch_uid="statements-deletion-view-drop")
        post_migrate.connect(_after_migrate, dispatch_uid="statements-deletion-view-create")
