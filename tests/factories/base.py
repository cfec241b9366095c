"""The factories' common parts: the scoped base factory and how the generic tests find one
maker per organisation-owned model (``owned_factories``)."""

from importlib import import_module

import factory
from django_scopes import scopes_disabled

# The modules of factories, one per app (``owned_factories`` searches them all).
APPS = ("collab", "enterprises", "areas", "procurement", "followup", "api")

_OWNED_MAKERS: dict = {}


def owned_maker(model):
    """Register a hand-written maker of one organisation-owned ``model`` object for the generic
    tests (where no factory class fits, or it must make something particular)."""

    def register(make):
        _OWNED_MAKERS[model] = make
        return make

    return register


class ScopedFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    organisation = factory.SubFactory("tests.factories.collab.OrganisationFactory")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


def _by_factory(factory_class):
    def make(organisation):
        return factory_class(organisation=organisation)

    make.__name__ = f"{factory_class.__name__}(organisation=…)"
    return make


def owned_factories(modules=None) -> dict:
    """model -> callable(organisation) that makes one object owned by that organisation.

    Found, not kept by hand: every ``DjangoModelFactory`` subclass among the attributes of
    ``modules`` whose model is organisation-owned, then the makers registered with
    :func:`owned_maker` (they replace a factory of the same model). Two factory classes of
    one model without a registered maker are an error: the choice must be made here."""
    from django.apps import apps

    from collab.models import OrganisationOwned

    if modules is None:
        modules = [import_module(f"tests.factories.{app}") for app in APPS]
    found, ambiguous = {}, set()
    for module in modules:
        for value in vars(module).values():
            if not (
                isinstance(value, type)
                and issubclass(value, factory.django.DjangoModelFactory)
                and not value._meta.abstract
            ):
                continue
            model = value._meta.get_model_class()
            if not (isinstance(model, type) and issubclass(model, OrganisationOwned)):
                continue
            if model in found and found[model].__name__ != _by_factory(value).__name__:
                ambiguous.add(model)
            found[model] = _by_factory(value)
    for model, make in _OWNED_MAKERS.items():
        model = apps.get_model(model) if isinstance(model, str) else model
        found[model] = make
        ambiguous.discard(model)
    if ambiguous:
        names = sorted(m._meta.label for m in ambiguous)
        raise AssertionError(f"Several factories make {names}: register one with owned_maker")
    return found
