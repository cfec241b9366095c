"""Factories of the platform: users, organisations, networks, memberships, invitations."""

import datetime
import hashlib
import itertools
import secrets

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from django_scopes import scopes_disabled

from collab.models import (
    COUNTY_CODES,
    Invitation,
    Job,
    JobPart,
    Membership,
    Network,
    Organisation,
    Role,
)
from tests.factories.base import owned_maker

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


_COUNTIES = sorted(COUNTY_CODES - {"01", "25"})


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Testkommun {n}")
    slug = factory.Sequence(lambda n: f"testkommun-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    # Unique for 1 900 organisations in a row: a county code and two digits; never the world
    # fixture's codes (0114, 2580).
    scb_code = factory.Sequence(lambda n: f"{_COUNTIES[n // 100 % len(_COUNTIES)]}{n % 100:02d}")
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


@owned_maker(Membership)  # a viewer: the world's roles stay as they are
def make_membership(organisation):
    return MembershipFactory(organisation=organisation, role=Role.VIEWER)


_invitation_numbers = itertools.count(1)


@owned_maker("collab.CalendarFeed")
def make_calendar_feed(organisation):
    """The organisation's calendar address (through the service: the token is hashed)."""
    from collab import calendar_feeds

    feed, _token = calendar_feeds.create_feed(organisation=organisation)
    return feed


@owned_maker(Invitation)
def make_invitation(organisation, email=None, role=Role.COORDINATOR, days=14):
    """An unanswered invitation; ``.token`` is the secret of its e-mailed link."""
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    with scopes_disabled():
        invitation = Invitation.objects.create(
            organisation=organisation,
            email=email or f"inbjuden{next(_invitation_numbers)}@example.se",
            role=role,
            token_hash=hashlib.sha256(token.encode()).hexdigest(),
            sent_at=now,
            expires_at=now + datetime.timedelta(days=days),
        )
    invitation.token = token
    return invitation


@owned_maker("collab.DeletionSnapshot")
def make_deletion_snapshot(organisation):
    """A contact person deleted through the application, as the trash page lists it."""
    from django.db import transaction

    from collab.models import DeletionSnapshot
    from collab.trash import delete_record
    from tests.factories.enterprises import ContactPersonFactory

    with scopes_disabled():
        contact = ContactPersonFactory(organisation=organisation)
        pk = contact.pk
        with transaction.atomic():
            delete_record(contact)
        return DeletionSnapshot.objects.filter(organisation=organisation, object_id=pk).latest(
            "deleted_at"
        )


def login_with_two_factor(client, user):
    """Log ``client`` in as ``user`` with a confirmed authenticator app, the session verified
    (the second step done). Returns the device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from collab.accounts import SESSION_KEY

    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[SESSION_KEY] = True
    session.save()
    return device


class JobFactory(factory.django.DjangoModelFactory):
    """A finished background job that made a file (its page, status and download answer)."""

    class Meta:
        model = Job

    organisation = factory.SubFactory(OrganisationFactory)
    kind = "followup.report_pdf"
    title = factory.Sequence(lambda n: f"Lägesrapport {2000 + n}")
    status = Job.Status.DONE
    done = total = 1
    result = b"%PDF-1.7 test"
    result_name = factory.Sequence(lambda n: f"lagesrapport-{n}.pdf")
    result_type = "application/pdf"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class JobPartFactory(factory.django.DjangoModelFactory):
    """A stored part of a job's long list (a page of an import's rows with errors)."""

    class Meta:
        model = JobPart

    job = factory.SubFactory(JobFactory)
    organisation = factory.SelfAttribute("job.organisation")
    number = factory.Sequence(lambda n: n)
    data = b"[]"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)
