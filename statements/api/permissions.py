from statements.permissions import IsEditorOrReadOnly


class CanReviewOrReadOnly(IsEditorOrReadOnly):
    """Confirming or dismissing a contradiction changes it, so POST needs `change`, not `add`."""

    perms_map = {**IsEditorOrReadOnly.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}
