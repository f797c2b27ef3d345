"""Historical models can be imported from the module they name, as Django's shell does."""

from django.apps import apps
from django.utils.module_loading import import_string


def _historical_models():
    return [
        m
        for m in apps.get_app_config("statements").get_models()
        if m.__name__.startswith("Historical")
    ]


def test_every_historical_model_imports_from_the_module_it_names():
    models = _historical_models()

    assert len(models) >= 9
    for model in models:
        assert import_string(f"{model.__module__}.{model.__name__}") is model
