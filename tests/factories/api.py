"""Factories of the API and open data: API keys (through the service: the key is hashed) and
publication settings."""

import factory

from api import keys
from api.models import ApiKey, OpenDataPublication
from tests.factories.base import ScopedFactory, owned_maker


@owned_maker(ApiKey)
def make_api_key(organisation, **kwargs) -> ApiKey:
    key, _secret = keys.create_key(organisation=organisation, name=kwargs.pop("name", "Intranät"))
    return key


def api_key_for(organisation, **kwargs) -> tuple[ApiKey, str]:
    """A key of ``organisation`` and its secret (for ``Authorization: Bearer``)."""
    kwargs.setdefault("name", "Testnyckel")
    return keys.create_key(organisation=organisation, **kwargs)


class OpenDataPublicationFactory(ScopedFactory):
    class Meta:
        model = OpenDataPublication
        django_get_or_create = ("organisation",)

    publish_register = True
    publish_procurements = True
    publish_figures = True
    ocid_prefix = factory.Sequence(lambda n: f"ocds-t{n:05d}")


def bearer(secret: str) -> dict:
    """The test client's keyword arguments that send ``secret`` as the API key."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
