"""Open-data demo and benchmark data.

Demo (``seed_demo``, after the register, the procurements and the figures): Sjöstad ("far")
publishes its register, its procurements and its yearly figures under CC0 with the OCID prefix
``ocds-sjo001``; six of its active enterprises have agreed to be listed in the directory, each
with its first contact person public. Norrbyn publishes nothing. Idempotent: nothing is done when
the organisation already has its open-data settings.

Benchmark (``seed_scale``, through ``collab.registry.register_scale_seeder``): Storstad publishes
the same, and every third of its enterprises that has not ended is listed, with its first
contact person public. Deterministic (no random draws) and idempotent.
"""

from django.db.models import Min
from django_scopes import scopes_disabled

from api import services
from api.models import Licence, OpenDataPublication
from collab.figures import records_changed
from enterprises.models import ContactPerson, EnterpriseStatus, SocialEnterprise

LISTED_IN_DEMO = 6


def seed_publication(*, organisation, profile, rng) -> None:  # noqa: ARG001 - deterministic
    if profile != "far":
        return
    if OpenDataPublication.objects.filter(organisation=organisation).exists():
        return
    publication = services.publication_for(organisation=organisation)
    publication.publish_register = True
    publication.publish_procurements = True
    publication.publish_figures = True
    publication.ocid_prefix = "ocds-sjo001"
    publication.licence = Licence.CC0
    publication.full_clean()
    publication.save()
    enterprises = SocialEnterprise.objects.filter(status=EnterpriseStatus.ACTIVE).order_by(
        "name", "pk"
    )[:LISTED_IN_DEMO]
    for enterprise in enterprises:
        enterprise.public_listing = True
        enterprise.save()
        contact = enterprise.contacts.order_by("pk").first()
        if contact is not None:
            contact.is_public = True
            contact.save()


def seed_scale_publication(*, organisation) -> None:
    with scopes_disabled():
        OpenDataPublication.objects.update_or_create(
            organisation=organisation,
            defaults={
                "publish_register": True,
                "publish_procurements": True,
                "publish_figures": True,
                "ocid_prefix": "ocds-sto001",
                "licence": Licence.CC0,
            },
        )
        enterprises = SocialEnterprise.objects.filter(organisation=organisation).exclude(
            status=EnterpriseStatus.ENDED
        )
        pks = list(enterprises.order_by("pk").values_list("pk", flat=True))[::3]
        SocialEnterprise.objects.filter(pk__in=pks).update(public_listing=True)
        first_contacts = (
            ContactPerson.objects.filter(enterprise_id__in=pks)
            .values("enterprise_id")
            .annotate(first=Min("pk"))
            .values_list("first", flat=True)
        )
        ContactPerson.objects.filter(pk__in=list(first_contacts)).update(is_public=True)
        records_changed(organisation)  # bulk updates send no signals: cached pages start over
