"""Demo data: an API key for the intranet, so the key pages have something to show (its
secret is thrown away: nobody can use it)."""

from api import keys
from api.models import ApiKey
from collab.models import Membership, Role


def seed_api_keys(*, organisation, profile, rng) -> None:  # noqa: ARG001 - the same key everywhere
    if ApiKey.objects.exists():  # inside the organisation's scope: its own keys
        return
    admin = Membership.objects.filter(role=Role.ADMINISTRATOR).order_by("pk").first()
    keys.create_key(
        organisation=organisation,
        name="Intranätets företagslista",
        created_by=admin.user if admin is not None else None,
    )
