"""The open-data pages without login: the index, an organisation's page, the public directory
and an enterprise's page. What the public sees (listed enterprises, public contacts, no sole
trader's personal number), nothing of the visitor (no cookie, no user), cacheable, and a change
of the publication settings or of a record takes effect at once."""

from django.urls import reverse
from django_scopes import scopes_disabled

from api.models import OpenDataPublication
from enterprises.models import EnterpriseKind, EnterpriseStatus, LegalForm, ServiceCategory
from enterprises.orgnr import complete_with_check_digit
from tests.factories import ContactPersonFactory, OpenDataPublicationFactory
from tests.factories import SocialEnterpriseFactory as Enterprise
from tests.harness.test_lost_updates import PageForm


def _publish(organisation):
    return OpenDataPublicationFactory(
        organisation=organisation,
        publish_register=True,
        publish_procurements=False,
        publish_figures=False,
    )


def _world_register(world):
    a, b = world.a.organisation, world.b.organisation
    catering = ServiceCategory.objects.get_or_create(name="Catering", slug="catering")[0]
    with scopes_disabled():
        listed = Enterprise(organisation=a, name="Kafé Bryggan", public_listing=True)
        listed.categories.set([catering])
        sole = Enterprise(
            organisation=a,
            name="Ekos Cykelservice",
            legal_form=LegalForm.SOLE_TRADER,
            org_number=complete_with_check_digit("640823323"),
            public_listing=True,
        )
        hidden = Enterprise(organisation=a, name="Hemliga Snickeriet", public_listing=False)
        ended = Enterprise(
            organisation=a,
            name="Avslutade Tvätten",
            public_listing=True,
            status=EnterpriseStatus.ENDED,
        )
        public = ContactPersonFactory(
            organisation=a, enterprise=listed, name="Lena Publik", is_public=True
        )
        private = ContactPersonFactory(
            organisation=a,
            enterprise=listed,
            name="Per Privat",
            email="per.privat@bryggan.example.se",
            is_public=False,
        )
        other = Enterprise(organisation=b, name="Betabys Bageri", public_listing=True)
    return listed, sole, hidden, ended, public, private, other


def _no_cookie_and_public(response):
    assert response.status_code == 200
    assert not response.cookies, response.cookies  # no sessionid, no csrftoken
    assert "Set-Cookie" not in response.headers


def test_public_pages_show_what_the_public_may_see_and_nothing_of_the_visitor(client, world):
    listed, sole, hidden, ended, public, private, other = _world_register(world)
    _publish(world.a.organisation)
    slug = world.a.organisation.slug

    index = client.get(reverse("opendata:index"))
    _no_cookie_and_public(index)
    assert "public" in index["Cache-Control"] and "max-age=" in index["Cache-Control"]
    text = index.content.decode()
    assert world.a.organisation.name in text
    assert world.b.organisation.name not in text  # Betaby publishes nothing
    assert reverse("opendata:register_csv", kwargs={"organisation": slug}) in text

    page = client.get(reverse("opendata:organisation", kwargs={"organisation": slug}))
    _no_cookie_and_public(page)

    directory = client.get(reverse("opendata:directory", kwargs={"organisation": slug}))
    _no_cookie_and_public(directory)
    text = directory.content.decode()
    assert "Kafé Bryggan" in text and "Ekos Cykelservice" in text
    assert "Hemliga Snickeriet" not in text  # did not agree to be listed
    assert "Avslutade Tvätten" not in text  # ended
    assert sole.org_number not in text  # a sole trader's number is a personal identity number
    assert listed.org_number in text
    assert "csrfmiddlewaretoken" not in text

    url = reverse("opendata:enterprise", kwargs={"organisation": slug, "pk": listed.pk})
    enterprise = client.get(url)
    _no_cookie_and_public(enterprise)
    text = enterprise.content.decode()
    assert "Lena Publik" in text and public.email in text
    assert "Per Privat" not in text and private.email not in text
    assert "Catering" in text

    def status(pk, organisation=slug):
        kwargs = {"organisation": organisation, "pk": pk}
        return client.get(reverse("opendata:enterprise", kwargs=kwargs)).status_code

    assert status(hidden.pk) == 404
    assert status(ended.pk) == 404
    assert status(other.pk) == 404  # another organisation's enterprise
    assert status(other.pk, world.b.organisation.slug) == 404  # Betaby publishes nothing
    betaby = reverse("opendata:directory", kwargs={"organisation": world.b.organisation.slug})
    assert client.get(betaby).status_code == 404
    missing = reverse("opendata:organisation", kwargs={"organisation": "finns-inte"})
    assert client.get(missing).status_code == 404

    # A logged-in member sees the same page: no name, no organisation switcher, no cookie.
    admin = world.a.admin
    admin.first_name, admin.last_name = "Annika", "Adminsson"
    admin.save()
    client.force_login(admin)
    as_member = client.get(url)
    assert as_member.status_code == 200
    text = as_member.content.decode()
    assert "Adminsson" not in text and admin.username not in text
    assert "Set-Cookie" not in as_member.headers and not as_member.cookies
    assert as_member.content == enterprise.content


def test_a_change_takes_effect_at_once(client, world):
    listed, *_rest = _world_register(world)
    _publish(world.a.organisation)
    slug = world.a.organisation.slug
    directory = reverse("opendata:directory", kwargs={"organisation": slug})
    csv = reverse("opendata:register_csv", kwargs={"organisation": slug})
    assert client.get(directory).status_code == 200  # now cached
    assert client.get(csv).status_code == 200

    # A record changed: the cached page is not served.
    with scopes_disabled():
        listed.name = "Kafé Bryggan Nya"
        listed.save()
    assert "Kafé Bryggan Nya" in client.get(directory).content.decode()

    # The administrator stops publishing the register: every page of it is a 404 at once.
    client.force_login(world.a.admin)
    form = PageForm(client.get(reverse("publishing:publication_update")).content.decode())
    data = {name: value for name, value in form.data.items() if name != "publish_register"}
    response = client.post(reverse("publishing:publication_update"), data)
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    with scopes_disabled():
        assert not OpenDataPublication.objects.get(
            organisation=world.a.organisation
        ).publish_register
    assert client.get(directory).status_code == 404
    assert client.get(csv).status_code == 404
    url = reverse("opendata:enterprise", kwargs={"organisation": slug, "pk": listed.pk})
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("opendata:organisation", kwargs={"organisation": slug})).status_code
        == 404
    )
    index = client.get(reverse("opendata:index")).content.decode()
    assert world.a.organisation.name not in index
    assert "Ingen organisation publicerar öppna data ännu." in index


def test_directory_search_filters_and_pages(client, world):
    listed, sole, *_rest = _world_register(world)
    _publish(world.a.organisation)
    url = reverse("opendata:directory", kwargs={"organisation": world.a.organisation.slug})

    def shown(**params):
        response = client.get(url, params)
        assert response.status_code == 200
        return response.content.decode()

    digits = listed.org_number.replace("-", "")
    assert "Kafé Bryggan" in shown(q=digits)  # 7696001234 finds 769600-1234
    assert "Ekos Cykelservice" not in shown(q=digits)
    assert "Kafé Bryggan" in shown(q=f"{digits[:6]} {digits[6:]}")
    assert "Ekos Cykelservice" not in shown(q=sole.org_number.replace("-", ""))  # not searchable
    assert "Ekos Cykelservice" in shown(q="ekos")
    catering = ServiceCategory.objects.get(slug="catering")
    by_category = shown(category=catering.pk)
    assert "Kafé Bryggan" in by_category and "Ekos Cykelservice" not in by_category
    with scopes_disabled():
        Enterprise(
            organisation=world.a.organisation,
            name="Idéburna Gården",
            kind=EnterpriseKind.NON_PROFIT,
            public_listing=True,
        )
    by_kind = shown(kind=EnterpriseKind.NON_PROFIT)
    assert "Idéburna Gården" in by_kind and "Kafé Bryggan" not in by_kind
    assert "Inget företag matchar sökningen." in shown(q="finnsinte")

    # Sorted by name, 25 a page.
    with scopes_disabled():
        for n in range(24):
            Enterprise(organisation=world.a.organisation, name=f"Zeta {n:02d}", public_listing=True)
    first, second = shown(), shown(page=2)
    assert "Ekos Cykelservice" in first and "Zeta 23" not in first
    assert "Zeta 23" in second and "Sida 2 av 2" in second
    descending = shown(sort="-name")
    assert "Zeta 23" in descending and "Ekos Cykelservice" not in descending
