"""Demo data: two fictional municipalities in one network, a user for every role.

Idempotent: running it again changes nothing that already exists. Later features extend
``seed`` with their own realistic data through :func:`collab.demo.register`.
"""

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django_scopes import scope, scopes_disabled

from collab import registry, services
from collab.models import (
    Invitation,
    Membership,
    Network,
    NetworkMembership,
    Organisation,
    Role,
    UserPreference,
)

DEMO_PASSWORD = "samverka-demo"

ORGANISATIONS = [
    {
        "slug": "sjostad",
        "name": "Sjöstads kommun",
        "kind": Organisation.Kind.MUNICIPALITY,
        "scb_code": "0598",
        "population": 48_310,
    },
    {
        "slug": "norrbyn",
        "name": "Norrbyns kommun",
        "kind": Organisation.Kind.MUNICIPALITY,
        "scb_code": "2598",
        "population": 9_472,
    },
]

# "far" is a municipality far along in its work with social enterprises, "start" one that is
# just starting; each app's demo seeder makes records to match.
DEMO_PROFILES = {"sjostad": "far", "norrbyn": "start"}

# (username, first name, last name, organisation slug, role)
USERS = [
    ("admin.sjostad", "Annika", "Lindqvist", "sjostad", Role.ADMINISTRATOR),
    ("samordnare.sjostad", "Samir", "Haddad", "sjostad", Role.COORDINATOR),
    ("politiker.sjostad", "Per", "Olofsson", "sjostad", Role.VIEWER),
    ("admin.norrbyn", "Karin", "Nilsson", "norrbyn", Role.ADMINISTRATOR),
    ("samordnare.norrbyn", "Eva", "Järvinen", "norrbyn", Role.COORDINATOR),
    ("politiker.norrbyn", "Jonas", "Berg", "norrbyn", Role.VIEWER),
]
NETWORK_COORDINATOR = ("natverk", "Maria", "Ek")
# The Sjöstad coordinator also reads Norrbyn's records (shows the organisation switcher).
EXTRA_MEMBERSHIPS = [("samordnare.sjostad", "norrbyn", Role.VIEWER)]
# A former coordinator whom the administrator deactivated (the member list shows one, with the
# page to reactivate them). Cannot log in to Sjöstad.
DEACTIVATED_MEMBERS = [("tidigare.sjostad", "Lena", "Holm", "sjostad", Role.COORDINATOR)]


class Command(BaseCommand):
    help = "Load (or complete) the demo data and print the demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            organisations, network = self.seed()
        # Printed after the commit: a closed pipe (e.g. `| head`) cannot undo the data.
        with translation.override("sv"):
            self.print_logins(organisations, network)

    def seed(self):
        User = get_user_model()
        with scopes_disabled():
            organisations = {}
            for data in ORGANISATIONS:
                organisation, _ = Organisation.objects.get_or_create(
                    slug=data["slug"], defaults=data
                )
                organisations[data["slug"]] = organisation

            def user(username, first, last):
                obj, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": first,
                        "last_name": last,
                        "email": f"{username}@example.se",
                    },
                )
                if created:
                    obj.set_password(DEMO_PASSWORD)
                    obj.save()
                return obj

            for username, first, last, slug, role in USERS:
                member = user(username, first, last)
                Membership.objects.get_or_create(
                    organisation=organisations[slug], user=member, defaults={"role": role}
                )
                # Each demo user starts in their own municipality (as if chosen in the header).
                UserPreference.objects.get_or_create(
                    user=member, defaults={"landing_organisation": organisations[slug]}
                )
            for username, slug, role in EXTRA_MEMBERSHIPS:
                Membership.objects.get_or_create(
                    organisation=organisations[slug],
                    user=User.objects.get(username=username),
                    defaults={"role": role},
                )
            for username, first, last, slug, role in DEACTIVATED_MEMBERS:
                Membership.objects.get_or_create(
                    organisation=organisations[slug],
                    user=user(username, first, last),
                    defaults={"role": role, "is_active": False},
                )
            network, _ = Network.objects.get_or_create(
                slug="modellkommuner",
                defaults={
                    "name": "Nätverket för modellkommuner",
                    "description": (
                        "Kommuner som utvecklar sin samverkan med sociala företag enligt "
                        "SKR:s handbok."
                    ),
                },
            )
            for organisation in organisations.values():
                NetworkMembership.objects.get_or_create(
                    network=network,
                    organisation=organisation,
                    defaults={
                        "status": NetworkMembership.Status.ACTIVE,
                        "share_figures": True,
                        "share_levels": True,
                        "share_examples": True,
                    },
                )
            network.coordinators.add(user(*NETWORK_COORDINATOR))
            # An unanswered invitation, so the invitation pages have something to show.
            if not Invitation.objects.filter(organisation=organisations["sjostad"]).exists():
                services.invite(
                    organisation=organisations["sjostad"],
                    email="ny.samordnare@sjostad.example.se",
                    role=Role.COORDINATOR,
                    invited_by=User.objects.get(username="admin.sjostad"),
                )

        # Other apps' demo records, each organisation inside its own scope.
        for index, (slug, organisation) in enumerate(organisations.items()):
            profile = DEMO_PROFILES[slug]
            with scope(organisation=organisation.pk):
                for seeder in registry.demo_seeders():
                    seeder(organisation=organisation, profile=profile, rng=random.Random(index))

        # The network's own demo data (after the members' records: examples link to them).
        with transaction.atomic():
            for seeder in registry.network_demo_seeders():
                seeder(network=network, organisations=organisations)

        return organisations, network

    def print_logins(self, organisations, network):
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, _first, _last, slug, role in USERS:
            org = organisations[slug].name
            self.stdout.write(f"  {username:<22} {Role(role).label:<24} {org}")
        self.stdout.write(
            f"  {NETWORK_COORDINATOR[0]:<22} {'Nätverkssamordnare':<24} {network.name}"
        )
