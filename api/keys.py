"""Creating, finding and revoking API keys (the one home of the key format).

A key is ``sv_<prefix>_<secret>``: ``prefix`` (8 characters) is stored in the clear so that a
key can be found and recognised in the list; the whole key is stored only as its SHA-256 hash.
"""

import datetime
import secrets

from django.db import transaction
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from api.models import KEY_PREFIX_LENGTH, ApiKey, hash_key

KEY_START = "sv_"
# How often "last used" is written: at most once a minute per key, not on every request.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def _new_prefix() -> str:
    alphabet = "abcdefghijkmnopqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(KEY_PREFIX_LENGTH))


@transaction.atomic
def create_key(
    *,
    organisation,
    name: str,
    created_by=None,
    expires_on: datetime.date | None = None,
    allow_personal_data: bool = False,
) -> tuple[ApiKey, str]:
    """A new key for ``organisation``; returns the row and the key (shown once, never stored)."""
    with scopes_disabled():
        while True:
            prefix = _new_prefix()
            if not ApiKey.objects.filter(prefix=prefix).exists():
                break
    secret = f"{KEY_START}{prefix}_{secrets.token_urlsafe(32)}"
    key = ApiKey(
        organisation=organisation,
        name=name,
        prefix=prefix,
        key_hash=hash_key(secret),
        created_by=created_by,
        expires_on=expires_on,
        allow_personal_data=allow_personal_data,
    )
    with scope(organisation=organisation.pk):
        key.full_clean()
        key.save()
    return key, secret


@transaction.atomic
def revoke_key(*, key: ApiKey) -> ApiKey:
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        key.save(update_fields=["revoked_at"])
    return key


def find_key(secret: str) -> ApiKey | None:
    """The key row for ``secret`` whatever its state (revoked, expired), or None."""
    if not secret.startswith(KEY_START):
        return None
    with scopes_disabled():
        return (
            ApiKey.objects.select_related("organisation").filter(key_hash=hash_key(secret)).first()
        )


def touch(key: ApiKey, now=None) -> None:
    """Record that ``key`` was used (at most once per :data:`LAST_USED_RESOLUTION`)."""
    now = now or timezone.now()
    if key.last_used_at is None or now - key.last_used_at >= LAST_USED_RESOLUTION:
        with scopes_disabled():
            ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
        key.last_used_at = now
