"""Demo data of membership: contact persons for the demo members and one invitation not yet
answered, to a third organisation from the reference list (idempotent)."""

from collab.models import NetworkMembership
from network import membership as services
from network.models import ReferenceOrganisation

CONTACTS = {
    "sjostad": ("Karin Strand", "karin.strand@sjostad.example.se"),
    "norrbyn": ("Olof Norr", "olof.norr@norrbyn.example.se"),
}
INVITED_SCB_CODE = "1470"  # Vara, from the reference list


def seed_members(network, organisations) -> None:
    for slug, (name, email) in CONTACTS.items():
        organisation = organisations.get(slug)
        if organisation is None:
            continue
        NetworkMembership.objects.filter(
            network=network,
            organisation=organisation,
            status=NetworkMembership.Status.ACTIVE,
            contact_name="",
        ).update(contact_name=name, contact_email=email, share_contacts=True)
    reference = ReferenceOrganisation.objects.filter(scb_code=INVITED_SCB_CODE).first()
    if reference is None:
        return
    if NetworkMembership.objects.filter(
        network=network, organisation__scb_code=INVITED_SCB_CODE
    ).exists():
        return
    coordinator = network.coordinators.order_by("pk").first()
    services.invite(network=network, reference=reference, user=coordinator)
