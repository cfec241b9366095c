"""The platform's shared plumbing, as users meet it on every app's pages.

- one word search (collab.filters.WordSearchFilter): every word must match some field;
- one child form (collab.generic.ChildFormMixin): back to the parent, or to a ``?next=`` path
  on this site, never elsewhere;
- one ``crud_urls``: the five pages of a record under their regular names and Swedish paths;
- the delete cascade collected once per request.
"""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from areas.models import GroupMember, Represents
from collab import trash
from collab.urls_helpers import crud_urls
from enterprises.models import SocialEnterprise
from enterprises.orgnr import complete_with_check_digit
from procurement.models import Bid
from tests.factories import (
    BidFactory,
    ContactPersonFactory,
    CoordinationGroupFactory,
    GroupMemberFactory,
    MeetingActionFactory,
    MeetingFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
    make_invitation,
)


def _listed(client, url_name, query):
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return [str(row["object"]) for row in response.context["rows"]]


# --- one word search ---------------------------------------------------------------------------


def test_enterprise_search_needs_every_word_in_some_field(client, world):
    SocialEnterpriseFactory(
        organisation=world.a.organisation, name="Blanka Lokalvård", tags="kontor, städ"
    )
    SocialEnterpriseFactory(organisation=world.a.organisation, name="Lokalvård i Väst", tags="")
    client.force_login(world.a.viewer)
    # One word in the name, one in the tags: found; a word matching nothing: not found.
    assert _listed(client, "enterprises:socialenterprise_list", "lokalvård KONTOR") == [
        "Blanka Lokalvård"
    ]
    assert _listed(client, "enterprises:socialenterprise_list", "lokalvård cykel") == []
    assert sorted(_listed(client, "enterprises:socialenterprise_list", "  lokalvård ")) == [
        "Blanka Lokalvård",
        "Lokalvård i Väst",
    ]


def test_enterprise_search_finds_an_organisation_number_in_any_spelling(client, world):
    SocialEnterpriseFactory(
        organisation=world.a.organisation, name="Åkern", org_number="556000-0167"
    )
    SocialEnterpriseFactory(
        organisation=world.a.organisation,
        name="Annat",
        org_number=complete_with_check_digit("802000014"),
    )
    client.force_login(world.a.viewer)
    for spelling in ["556000-0167", "5560000167", "556000 0167", "556000", "5560"]:
        assert _listed(client, "enterprises:socialenterprise_list", spelling) == ["Åkern"]
    assert _listed(client, "enterprises:socialenterprise_list", "556000-9999") == []


def test_group_search_matches_a_member_and_lists_the_group_once(client, world):
    group = CoordinationGroupFactory(organisation=world.a.organisation, name="Interna gruppen")
    GroupMemberFactory(organisation=world.a.organisation, group=group, name="Greta Inköp")
    GroupMemberFactory(organisation=world.a.organisation, group=group, name="Gustav Inköp")
    CoordinationGroupFactory(organisation=world.a.organisation, name="Externa forumet")
    client.force_login(world.a.viewer)
    assert _listed(client, "areas:coordinationgroup_list", "interna inköp") == ["Interna gruppen"]
    assert _listed(client, "areas:coordinationgroup_list", "externa inköp") == []


def test_procurement_and_action_searches_need_every_word(client, world):
    ProcurementFactory(
        organisation=world.a.organisation, title="Lokalvård skolor", reference="KS 2026/0042"
    )
    # An explicit reference: the factory's sequence reaches "…/0042" when enough tests ran.
    ProcurementFactory(
        organisation=world.a.organisation, title="Lokalvård förskolor", reference="KS 2026/0100"
    )
    meeting = MeetingFactory(organisation=world.a.organisation, title="Höstmötet")
    MeetingActionFactory(organisation=world.a.organisation, meeting=meeting, what="Skriv rutin")
    MeetingActionFactory(organisation=world.a.organisation, what="Skriv rutin")
    client.force_login(world.a.viewer)
    assert _listed(client, "procurement:procurement_list", "lokalvård 0042") == ["Lokalvård skolor"]
    assert _listed(client, "procurement:procurement_list", "skolor 0042 förskolor") == []
    assert _listed(client, "areas:meetingaction_list", "rutin höstmötet") == ["Skriv rutin"]


def test_invitation_search_matches_words_like_every_other_list(client, world):
    """The one definition wins: the invitation list searched the whole query as one text (so
    "anna alfastad" found nothing); now every word must match, like every other list."""
    make_invitation(world.a.organisation, email="anna.berg@alfastad.se")
    make_invitation(world.a.organisation, email="bo@betaby.se")
    client.force_login(world.a.admin)
    response = client.get(reverse("collab:invitation_list"), {"q": "anna alfastad"})
    assert [row["object"].email for row in response.context["rows"]] == ["anna.berg@alfastad.se"]


# --- one child form, one safe return URL -------------------------------------------------------


def _member_data(group):
    return {
        "group": group.pk,
        "name": "Sara Inköp",
        "represents": Represents.PURCHASING,
        "organisation_name": "Upphandlingsenheten",
    }


@pytest.mark.parametrize(
    "unsafe",
    ["https://evil.example/", "//evil.example/moten/", "/\\evil.example", "javascript:alert(1)"],
)
def test_an_unsafe_return_url_is_ignored(client, world, unsafe):
    group = CoordinationGroupFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("areas:groupmember_create")
    form = client.get(url, {"group": group.pk, "next": unsafe})
    assert form.context["cancel_url"] == group.get_absolute_url()
    page = form.content.decode()
    assert f'<a href="{group.get_absolute_url()}">' in page
    assert 'href="https://evil' not in page and 'href="//evil' not in page
    response = client.post(f"{url}?group={group.pk}&next={unsafe}", _member_data(group))
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url() + "#medlemmar"


def test_a_return_path_on_this_site_is_followed(client, world):
    group = CoordinationGroupFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    back = reverse("areas:meeting_list") + "?kind=intern"
    url = reverse("areas:groupmember_create")
    form = client.get(url, {"group": group.pk, "next": back})
    assert form.context["cancel_url"] == back
    response = client.post(
        url + "?" + f"group={group.pk}&next=" + back.replace("?", "%3F").replace("=", "%3D"),
        _member_data(group),
    )
    assert response["Location"] == back
    with scopes_disabled():
        assert GroupMember.objects.get().organisation == world.a.organisation


def test_child_forms_go_back_to_their_parent(client, world):
    procurement = ProcurementFactory(organisation=world.a.organisation)
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    bid_form = client.get(reverse("procurement:bid_create"), {"procurement": procurement.pk})
    assert bid_form.context["cancel_url"] == procurement.get_absolute_url()
    assert client.get(reverse("procurement:bid_create")).context["cancel_url"] == reverse(
        "procurement:procurement_list"
    )
    contact_form = client.get(
        reverse("enterprises:contactperson_create"), {"enterprise": enterprise.pk}
    )
    assert contact_form.context["cancel_url"] == enterprise.get_absolute_url()
    contact = ContactPersonFactory(organisation=world.a.organisation, enterprise=enterprise)
    edit = client.get(reverse("enterprises:contactperson_update", kwargs={"pk": contact.pk}))
    assert edit.context["cancel_url"] == contact.get_absolute_url()


def test_a_new_child_gets_the_organisation_of_the_request(client, world):
    """The organisation is set in one place (the create view), also for a service's save."""
    procurement = ProcurementFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("procurement:bid_create") + f"?procurement={procurement.pk}",
        {
            "procurement": procurement.pk,
            "supplier_name": "Städbolaget AB",
            "bid_value": 900000,
            "organisation": world.b.organisation.pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == procurement.get_absolute_url()
    with scopes_disabled():
        assert Bid.objects.get().organisation == world.a.organisation


# --- crud_urls -----------------------------------------------------------------------------------


class _View:
    @classmethod
    def as_view(cls):
        return lambda request, **kwargs: None


def test_crud_urls_gives_the_five_regular_names_and_swedish_paths():
    patterns = crud_urls("anbud", "bid", (_View, _View, _View, _View, _View), new="nytt")
    assert [(p.name, str(p.pattern)) for p in patterns] == [
        ("bid_list", "anbud/"),
        ("bid_create", "anbud/nytt/"),
        ("bid_detail", "anbud/<int:pk>/"),
        ("bid_update", "anbud/<int:pk>/andra/"),
        ("bid_delete", "anbud/<int:pk>/ta-bort/"),
    ]
    children = crud_urls("moten/atgarder", "meetingaction", (None, _View, None, _View, _View))
    assert [p.name for p in children] == [
        "meetingaction_create",
        "meetingaction_update",
        "meetingaction_delete",
    ]
    assert [str(p.pattern) for p in crud_urls("", "x", (_View,) * 5)][:2] == ["", "ny/"]


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("areas:coordinationgroup_create", "/samordningsgrupper/ny/"),
        ("areas:politicaldecision_create", "/politiska-beslut/nytt/"),
        ("areas:functionmember_create", "/samordnande-funktion/personer/ny/"),
        ("areas:area_list", "/omraden/"),
        ("enterprises:socialenterprise_create", "/foretag/nytt/"),
        ("procurement:bid_create", "/upphandling/anbud/nytt/"),
        ("followup:measurement_create", "/uppfoljning/matvarden/ny/"),
        ("collab:membership_create", "/medlemmar/ny/"),
    ],
)
def test_the_apps_keep_their_paths(name, path):
    assert reverse(name) == path


@pytest.mark.parametrize(
    "name", ["areas:meeting_update", "procurement:bid_delete", "enterprises:contactperson_detail"]
)
def test_the_apps_keep_their_pk_paths(name):
    suffix = {"update": "andra/", "delete": "ta-bort/", "detail": ""}[name.rsplit("_", 1)[1]]
    assert reverse(name, kwargs={"pk": 7}).endswith(f"/7/{suffix}")


# --- the delete cascade, collected once ----------------------------------------------------------


@pytest.fixture
def collections(monkeypatch):
    calls = []
    collect = trash.collect

    def counting(obj):
        calls.append(obj)
        return collect(obj)

    monkeypatch.setattr(trash, "collect", counting)
    return calls


def test_the_delete_cascade_is_collected_once_per_request(client, world, collections):
    bid = BidFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("procurement:procurement_delete", kwargs={"pk": bid.procurement_id})
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["cascade"]  # the bid goes with it, and the page says so
    assert len(collections) == 1
    collections.clear()
    response = client.post(url)
    assert response.status_code == 302
    assert len(collections) == 1
    with scopes_disabled():
        assert not Bid.objects.exists()


def test_a_protected_record_is_refused_with_one_collection(client, world, collections):
    partnership = PartnershipFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", kwargs={"pk": partnership.partner_id})
    refused = client.get(url).context["refuse_reason"]
    assert refused
    assert len(collections) == 1
    collections.clear()
    response = client.post(url, follow=True)
    assert len(collections) == 1
    assert [str(m) for m in response.context["messages"]] == [refused]
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(pk=partnership.partner_id).exists()
