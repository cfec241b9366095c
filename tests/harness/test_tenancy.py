"""Fail-closed tenancy: organisation-owned models refuse to query outside a scope."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django_scopes import ScopeError, scope, scopes_disabled

from areas.models import AreaStep
from collab.forms import ScopedModelForm, _scoped_formfield
from collab.models import (
    DeletionSnapshot,
    FigureRecalculation,
    Job,
    JobPart,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    OrganisationOwned,
    RecordsChange,
    ReminderSent,
    UserPreference,
    YearlyFigure,
)
from collab.submissions import FormSubmission
from enterprises.models import ServiceCategory, SocietalChallenge, SustainableDevelopmentGoal
from procurement.models import Threshold

APPS = ("collab", "enterprises", "areas", "procurement", "followup", "network")
# Global models: shared by every organisation, never holding one organisation's records.
GLOBAL_MODELS = {
    Organisation,
    Network,
    # Shared reference lists, the same for every organisation (comparable across a network):
    ServiceCategory,
    SocietalChallenge,
    SustainableDevelopmentGoal,
    # Dated legal thresholds (direct-award limit, EU thresholds): the same law for everyone.
    Threshold,
    # One-time form keys (double click on "Save"): per user, looked up by key and user.
    FormSubmission,
    # The daily reminders' record of what was mailed to whom (collab.reminders): written and
    # read only by ``manage.py send_reminders``, per user and organisation; never shown.
    ReminderSent,
    # The seven-area walk's checklist steps: the handbook's steps, the same for everyone (each
    # organisation's progress on them is organisation-owned: StepProgress).
    AreaStep,
    # A user's own choice of the organisation they start in: the user's, not an organisation's.
    UserPreference,
    # The figures' bookkeeping (collab.figures): keyed by organisation and read through a
    # scoped manager or filtered by the organisation in the platform's own code; no user edits
    # them through a form (they are not records with factories, history and trash).
    RecordsChange,
    YearlyFigure,
    FigureRecalculation,
    # A network's records and its members' consent: they belong to a network, not to one
    # organisation's scope. Every page reads them through network.access (coordinator or
    # active member, else 404) and network.selectors (only what a member shares); the network
    # matrix (test_network_matrix.py) proves it for every network page and role.
    NetworkMembership,
    *apps.get_app_config("network").get_models(include_auto_created=True),
}


def _is_history_of(model):
    return getattr(model, "instance_type", None)


def test_every_model_is_organisation_owned_or_listed_as_global():
    unlisted = []
    for app in APPS:
        for model in apps.get_app_config(app).get_models(include_auto_created=True):
            if issubclass(model, OrganisationOwned) or model in GLOBAL_MODELS:
                continue
            if model._meta.auto_created:
                # M2M tables: of global models, or of an organisation-owned model (always
                # reached through that model's scoped manager).
                owners = {f.related_model for f in model._meta.fields if f.is_relation}
                if owners & GLOBAL_MODELS and all(
                    o in GLOBAL_MODELS or o is get_user_model() or issubclass(o, OrganisationOwned)
                    for o in owners
                ):
                    continue
                # Links between two organisation-owned models (e.g. a meeting and the
                # enterprises that attended): both ends are scoped, and forms offer only the
                # organisation's own rows (test_cross_organisation_links_are_refused_by_forms).
                if owners and all(issubclass(o, OrganisationOwned) for o in owners):
                    continue
            original = _is_history_of(model)
            if original in GLOBAL_MODELS:
                continue
            if original is not None and issubclass(original, OrganisationOwned):
                continue
            unlisted.append(model.__name__)
    assert not unlisted, (
        f"Models neither organisation-owned nor listed as global: {unlisted}. Inherit "
        "collab.models.OrganisationOwned, or add them to GLOBAL_MODELS with a reason."
    )


def _owned_models():
    return [
        m
        for app in APPS
        for m in apps.get_app_config(app).get_models()
        if issubclass(m, OrganisationOwned)
    ]


@pytest.mark.parametrize("model", _owned_models(), ids=lambda m: m.__name__)
def test_owned_model_refuses_to_query_outside_a_scope(world, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.count()
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


# Owned models without a change history of their own, with the reason.
WITHOUT_HISTORY = {
    # Written once when a record is deleted (what its history does not hold) and read only by
    # the restore: an extension of the history rows, never edited (collab.trash).
    DeletionSnapshot,
    # A background job's progress and outcome (collab.jobs): bookkeeping of the work, not a
    # record anyone edits; what the job wrote has its own history. A part of a job's result
    # likewise (collab.jobs.store_list).
    Job,
    JobPart,
}


@pytest.mark.parametrize("model", _owned_models(), ids=lambda m: m.__name__)
def test_owned_model_history_refuses_outside_a_scope(world, model):
    if model in WITHOUT_HISTORY:
        return
    if not hasattr(model, "history"):
        pytest.fail(f"{model.__name__} has no change history (add HistoricalRecords)")
    with pytest.raises(ScopeError):
        list(model.history.all())


def test_scope_shows_only_the_organisation_s_rows(world):
    with scope(organisation=world.a.organisation.pk):
        orgs = set(Membership.objects.values_list("organisation_id", flat=True))
        history_orgs = set(Membership.history.values_list("organisation_id", flat=True))
    assert orgs == {world.a.organisation.pk}
    assert history_orgs == {world.a.organisation.pk}
    with scopes_disabled():
        assert Membership.objects.count() == 6


def test_scoped_form_limits_foreign_key_choices_to_the_scope(world):
    """A relation field to an organisation-owned model is built at import time (no scope, no
    query) and offers only the active organisation's rows when the form is used."""
    field = _scoped_formfield(models.ForeignKey(Membership, on_delete=models.CASCADE))

    class Pick(ScopedModelForm):
        membership = field

        class Meta:
            model = Membership
            fields = ["role"]

    with scope(organisation=world.a.organisation.pk):
        form = Pick(organisation=world.a.organisation)
        choices = {m.organisation_id for m in form.fields["membership"].queryset}
    assert choices == {world.a.organisation.pk}


def test_model_form_subclass_with_a_foreign_key_is_safe_and_scoped(world):
    """Defining a form over a model with a relation needs no scope; using it shows own rows."""
    from enterprises.models import ContactPerson, SocialEnterprise
    from tests.factories import SocialEnterpriseFactory

    class ContactForm(ScopedModelForm):  # defined outside any scope, like at import time
        class Meta:
            model = ContactPerson
            fields = ["enterprise", "name"]

    own = SocialEnterpriseFactory(organisation=world.a.organisation)
    SocialEnterpriseFactory(organisation=world.b.organisation)
    with scope(organisation=world.a.organisation.pk):
        form = ContactForm(organisation=world.a.organisation)
        assert list(form.fields["enterprise"].queryset) == [own]
        assert SocialEnterprise.objects.count() == 1


def test_scoped_form_refuses_an_organisation_field(world):
    from django.core.exceptions import ImproperlyConfigured

    class Bad(ScopedModelForm):
        class Meta:
            model = Membership
            fields = ["role", "organisation"]

    with pytest.raises(ImproperlyConfigured):
        Bad(organisation=world.a.organisation)


def _scoped_form_classes():
    import importlib
    import pkgutil

    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.iter_modules(package.__path__):
            if module.name.endswith("forms"):
                importlib.import_module(f"{app}.{module.name}")

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    # Not the forms the tests above define (e.g. ``Bad``): a class lives on until the garbage
    # collector runs, so whether it is still found would depend on the order of the tests.
    return sorted(
        {
            c
            for c in subclasses(ScopedModelForm)
            if getattr(c, "_meta", None) and c._meta.model and not c.__module__.startswith("tests")
        },
        key=lambda c: f"{c.__module__}.{c.__name__}",
    )


@pytest.mark.django_db
def test_cross_organisation_links_are_refused_by_forms(world):
    """Every relation field of every form offers only the organisation's own rows, so no link
    (foreign key or many-to-many) to another organisation's record can be made."""
    from tests.factories import OWNED_FACTORIES

    checked = 0
    others: dict = {}
    for form_class in _scoped_form_classes():
        with scope(organisation=world.a.organisation):
            form = form_class(organisation=world.a.organisation)
            for name, field in form.fields.items():
                queryset = getattr(field, "queryset", None)
                if queryset is None or not issubclass(queryset.model, OrganisationOwned):
                    continue
                model = queryset.model
                if model not in others:
                    with scopes_disabled():
                        others[model] = OWNED_FACTORIES[model](world.b.organisation)
                assert not queryset.filter(pk=others[model].pk).exists(), (
                    f"{form_class.__name__}.{name} offers another organisation's {model.__name__}"
                )
                checked += 1
    assert checked >= 10  # the meeting's attendance, the forum's enterprises, bids, IOPs, …
