"""API tokens: created by administrators, shown once, revocable."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from statements.models import ApiToken

KEY_PREFIX = "gs_"


def api_token_hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def api_token_create(*, user, name: str, scope: str, created_by=None) -> tuple[ApiToken, str]:
    """Returns the token and its key; the key is not stored and cannot be shown again."""
    if scope not in ApiToken.Scope.values:
        raise ValidationError(f"Scope must be one of: {', '.join(ApiToken.Scope.values)}.")
    name = (name or "").strip()
    if not name:
        raise ValidationError("A token needs a name saying who uses it.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        scope=scope,
        prefix=key[:10],
        key_hash=api_token_hash(key),
        created_by=created_by,
    )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    # Compare-and-set: revoking twice keeps the first revocation time.
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record use at most once a minute, so reads do not each cost a write."""
    now = timezone.now()
    if token.last_used_at and (now - token.last_used_at).total_seconds() < 60:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
