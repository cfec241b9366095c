"""``OWNED_FACTORIES`` is derived from the factory modules (tests/factories/<app>.py), not kept by
hand."""

import types

import factory
import pytest

from collab.models import Membership, OrganisationOwned
from enterprises.models import SocialEnterprise
from tests import factories
from tests.factories import OWNED_FACTORIES, SocialEnterpriseFactory, owned_factories


def test_every_owned_factory_class_of_the_module_is_found():
    classes = [
        value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and not value._meta.abstract
        and issubclass(value._meta.model, OrganisationOwned)
    ]
    assert classes, "no factory classes found"
    for factory_class in classes:
        assert factory_class._meta.model in OWNED_FACTORIES, factory_class


def test_a_registered_maker_replaces_the_factory_class(world):
    """MembershipFactory makes coordinators; the registered maker makes a viewer, so that the
    world's roles (one administrator, one coordinator) stay as they are."""
    membership = OWNED_FACTORIES[Membership](world.a.organisation)
    assert membership.role == "viewer"


def test_a_factory_class_in_a_module_is_enough(world):
    class ShopFactory(SocialEnterpriseFactory):
        postal_town = "Nyby"

    module = types.SimpleNamespace(ShopFactory=ShopFactory, unrelated=object())
    found = owned_factories(modules=[module])
    enterprise = found[SocialEnterprise](world.a.organisation)
    assert (enterprise.organisation, enterprise.postal_town) == (world.a.organisation, "Nyby")


def test_two_factory_classes_of_one_model_must_be_chosen_between():
    class OneFactory(SocialEnterpriseFactory):
        pass

    class OtherFactory(SocialEnterpriseFactory):
        pass

    module = types.SimpleNamespace(OneFactory=OneFactory, OtherFactory=OtherFactory)
    with pytest.raises(AssertionError, match="enterprises.SocialEnterprise"):
        owned_factories(modules=[module])
