"""Test data through factories. ``OWNED_FACTORIES`` tells the generic tests how to make one
organisation-owned object of each model; a model without an entry fails the URL matrix."""

import factory
from django.contrib.auth import get_user_model
from django_scopes import scopes_disabled

from collab.models import Membership, Network, Organisation, Role

PASSWORD = "test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    scb_code = factory.Sequence(lambda n: f"01{n % 100:02d}")
    population = 25_000


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Nätverk {n}")
    slug = factory.Sequence(lambda n: f"natverk-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.COORDINATOR

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def make_membership(organisation):
    return MembershipFactory(organisation=organisation, role=Role.VIEWER)


# model -> callable(organisation) that creates one object owned by that organisation
OWNED_FACTORIES = {
    Membership: make_membership,
}
