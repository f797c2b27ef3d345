"""Admin test helpers."""

from django.contrib.auth.models import Permission

from tests.factories import UserFactory


def staff_client(client, *codenames, app_label="sources"):
    """client logged in as a staff user holding only the given permissions of app_label."""
    user = UserFactory(username="operator", is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
    )
    client.force_login(user)
    return client
