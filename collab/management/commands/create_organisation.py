"""Create an organisation and its first administrator (production set-up)."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify
from django_scopes import scopes_disabled

from collab import services
from collab.models import Organisation, Role


class Command(BaseCommand):
    help = (
        "Create an organisation (kommun or region) with its first administrator and print a "
        "link where the administrator chooses a password."
    )

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help='e.g. "Sjöstads kommun"')
        parser.add_argument("--kind", required=True, choices=Organisation.Kind.values)
        parser.add_argument("--scb-code", required=True, help="kommunkod (4) or länskod (2)")
        parser.add_argument("--population", type=int, default=None)
        parser.add_argument("--admin-email", required=True)
        parser.add_argument("--admin-first-name", default="")
        parser.add_argument("--admin-last-name", default="")
        parser.add_argument(
            "--base-url", required=True, help="Public address, e.g. https://samverka.example.se"
        )

    def handle(self, *args, **opts):
        organisation = Organisation(
            name=opts["name"],
            slug=slugify(opts["name"]),
            kind=opts["kind"],
            scb_code=opts["scb_code"],
            population=opts["population"],
        )
        try:
            with transaction.atomic(), scopes_disabled():
                organisation.full_clean()
                organisation.save()
                membership, _created = services.add_member(
                    organisation=organisation,
                    email=opts["admin_email"],
                    first_name=opts["admin_first_name"],
                    last_name=opts["admin_last_name"],
                    role=Role.ADMINISTRATOR,
                )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        user = membership.user
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        self.stdout.write(self.style.SUCCESS(f"Created {organisation} with administrator {user}."))
        self.stdout.write(f"Password link: {opts['base_url'].rstrip('/')}{path}")
