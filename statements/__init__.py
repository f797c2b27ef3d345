def __getattr__(name: str):
    # django-simple-history names the package ("statements") as its historical models'
    # module when the models live in a models package, but never sets them there; Django's
    # shell auto-import (and pickle) look them up by that module, so answer for them.
    if name.startswith("Historical"):
        from django.apps import apps

        try:
            return apps.get_model("statements", name)
        except LookupError:
            pass
    raise AttributeError(f"module 'statements' has no attribute {name!r}")
