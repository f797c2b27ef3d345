from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class IsEditorOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model's add/change/delete permission (the editors group)."""
