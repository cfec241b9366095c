"""The administrator's open-data settings: made on first visit, validated (the OCID prefix),
versioned (a stale save is refused), linked to the public pages; the register's forms ask for
the enterprise's and the contact person's consent."""

import html

from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from api.models import OpenDataPublication
from tests.factories import SocialEnterpriseFactory
from tests.harness.test_lost_updates import PageForm

UPDATE = "publishing:publication_update"


def _publication(organisation):
    with scopes_disabled():
        return OpenDataPublication.objects.get(organisation=organisation)


def test_administrator_chooses_what_is_published(client, world):
    client.force_login(world.a.admin)
    page = client.get(reverse("publishing:publication"))
    assert page.status_code == 200
    assert "Ingenting publiceras." in page.content.decode()
    assert not _publication(world.a.organisation).publishes_anything  # made on first visit

    url = reverse(UPDATE)
    form = PageForm(client.get(url).content.decode())
    bad = client.post(url, form.with_(publish_register="on", ocid_prefix="OCDS-12"))
    assert bad.status_code == 200
    assert "Skriv OCID-prefixet som ”ocds-” följt av sex bokstäver eller siffror" in html.unescape(
        bad.content.decode()
    )
    assert not _publication(world.a.organisation).publish_register

    form = PageForm(client.get(url).content.decode())
    saved = client.post(url, form.with_(publish_register="on", ocid_prefix="OCDS-Abc123"))
    assert saved.status_code == 302
    publication = _publication(world.a.organisation)
    assert publication.publish_register and publication.ocid_prefix == "ocds-abc123"

    text = client.get(reverse("publishing:publication")).content.decode()
    slug = world.a.organisation.slug
    assert reverse("opendata:directory", kwargs={"organisation": slug}) in text
    assert reverse("opendata:register_readme", kwargs={"organisation": slug}) in text
    assert world.a.admin.username in text or world.a.admin.get_full_name() in text  # history

    # Two administrators: the second save on a form opened before the first is refused.
    a, b = Client(), Client()
    a.force_login(world.a.admin)
    b.force_login(world.a.admin)
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    assert b.post(url, form_b.with_(publish_figures="on")).status_code == 302
    stale = a.post(url, {k: v for k, v in form_a.data.items() if k != "publish_register"})
    assert stale.status_code == 409
    publication = _publication(world.a.organisation)
    assert publication.publish_figures and publication.publish_register


def test_register_forms_ask_for_consent_and_the_page_shows_it(client, world):
    with scopes_disabled():
        enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    form = PageForm(client.get(url).content.decode())
    assert "public_listing" in form.types
    assert client.post(url, form.with_(public_listing="on")).status_code == 302
    with scopes_disabled():
        enterprise.refresh_from_db()
    assert enterprise.public_listing
    detail = client.get(enterprise.get_absolute_url()).content.decode()
    assert "Listas i organisationens öppna förteckning" in detail
    contact_form = client.get(reverse("enterprises:contactperson_create")).content.decode()
    assert 'name="is_public"' in contact_form
    assert "Personen har godkänt att visas" in contact_form
