from rest_framework.permissions import DjangoModelPermissionsOrAnonReadOnly


class IsEditorOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone may read; writing needs the model permission (held by the editors group)."""
