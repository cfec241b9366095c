"""The register: organisation numbers, create/edit, filters, exports, contacts, delete."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from enterprises import orgnr
from enterprises.models import (
    ContactPerson,
    EnterpriseKind,
    EnterpriseStatus,
    ServiceCategory,
    SocialEnterprise,
    SocietalChallenge,
)
from tests.factories import ContactPersonFactory, SocialEnterpriseFactory


def sv(text: str) -> str:
    with translation.override("sv"):
        translated = gettext(text)
    assert translated != text, f"no Swedish translation for {text!r}"
    return translated


# --- organisationsnummer --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "556000-0167",
        "5560000167",
        " 556000 0167 ",
        "165560000167",
        "16556000-0167",
        "SE5560000167",
        "SE556000016701",
        "se556000-016701",
    ],
)
def test_org_number_formats_are_normalised(raw):
    assert orgnr.normalise(raw) == "556000-0167"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("556000-0168", "checksum"),  # wrong check digit
        ("556000-0160", "checksum"),
        ("55600-0167", "format"),  # 9 digits
        ("556000-01677", "format"),  # 11 digits
        ("195560000167", "format"),  # 12 digits without 16 prefix
        ("556000016701", "format"),  # VAT suffix without SE
        ("ABC000-0167", "format"),
        ("556000/0167", "format"),
    ],
)
def test_invalid_org_numbers_are_refused(raw, code):
    with pytest.raises(ValidationError) as excinfo:
        orgnr.normalise(raw)
    assert excinfo.value.code == code


def test_luhn():
    assert orgnr.luhn_ok("5560000167")
    assert orgnr.luhn_ok("2120000142")  # a well-known public-sector number
    assert not orgnr.luhn_ok("2120000143")


# --- create and edit ------------------------------------------------------------------------


def _form_data(**overrides):
    data = {
        "name": "Returcykeln ekonomisk förening",
        "org_number": "SE556000016701",
        "legal_form": "ekonomisk_forening",
        "kind": EnterpriseKind.WISE,
        "status": EnterpriseStatus.ACTIVE,
        "identified_on": "2024-03-01",
        "work_training_places": "6",
        "employees": "4",
        "participants": "9",
        "surplus_reinvested": "ja",
        "mission_in_statutes": "okant",
        "independent": "ja",
        "employee_participation": "nej",
        "website": "returcykeln.example.se",
    }
    data.update(overrides)
    return data


def test_coordinator_registers_an_enterprise(client, world):
    client.force_login(world.a.coordinator)
    category = ServiceCategory.objects.get(slug="cykelverkstad")
    challenge = SocietalChallenge.objects.get(slug="klimat-och-miljo")
    response = client.post(
        reverse("enterprises:socialenterprise_create"),
        _form_data(categories=[category.pk], challenges=[challenge.pk]),
    )
    assert response.status_code == 302
    with scopes_disabled():
        enterprise = SocialEnterprise.objects.get()
    assert enterprise.organisation == world.a.organisation
    assert enterprise.org_number == "556000-0167"
    assert enterprise.website == "https://returcykeln.example.se"
    assert list(enterprise.categories.all()) == [category]
    detail = client.get(response["Location"]).content.decode()
    assert "Returcykeln ekonomisk förening" in detail and "Cykelverkstad" in detail
    assert "556000-0167" in detail


def test_bad_input_is_explained_next_to_the_field_and_nothing_is_saved(client, world):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("enterprises:socialenterprise_create"),
        _form_data(org_number="556000-0168", work_training_places="-2"),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert sv("The organisation number's check digit is wrong; check for a typing error.") in (
        content
    )
    assert 'value="556000-0168"' in content  # the user's input is kept
    with scopes_disabled():
        assert not SocialEnterprise.objects.exists()


def test_org_number_is_unique_within_the_organisation_only(client, world):
    SocialEnterpriseFactory(organisation=world.a.organisation, org_number="556000-0167")
    SocialEnterpriseFactory(organisation=world.b.organisation, org_number="769000-0000")
    client.force_login(world.a.coordinator)
    response = client.post(reverse("enterprises:socialenterprise_create"), _form_data())
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    # The same number in another organisation's register is no conflict.
    response = client.post(
        reverse("enterprises:socialenterprise_create"), _form_data(org_number="769000-0000")
    )
    assert response.status_code == 302


def test_enterprise_under_formation_may_lack_org_number(client, world):
    client.force_login(world.a.coordinator)
    for name in ("Under bildande 1", "Under bildande 2"):
        response = client.post(
            reverse("enterprises:socialenterprise_create"), _form_data(name=name, org_number="")
        )
        assert response.status_code == 302
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(org_number="").count() == 2


def test_edit_is_recorded_in_the_history(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, work_training_places=2)
    client.force_login(world.a.coordinator)
    client.post(
        reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk}),
        _form_data(name=enterprise.name, org_number=enterprise.org_number, work_training_places=5),
    )
    detail = client.get(enterprise.get_absolute_url()).content.decode()
    assert "<del>2</del> → <ins>5</ins>" in detail
    assert world.a.coordinator.get_full_name() in detail


# --- list: search, filters, sort, exports ---------------------------------------------------


@pytest.fixture
def register(world):
    org = world.a.organisation
    cykel = ServiceCategory.objects.get(slug="cykelverkstad")
    lokalvard = ServiceCategory.objects.get(slug="lokalvard")
    klimat = SocietalChallenge.objects.get(slug="klimat-och-miljo")
    a = SocialEnterpriseFactory(
        organisation=org,
        name="Åkervägens Cykel",
        org_number="556000-0167",
        work_training_places=0,
        status=EnterpriseStatus.ACTIVE,
        legal_form="aktiebolag_svb",
    )
    b = SocialEnterpriseFactory(
        organisation=org,
        name="Blanka Lokalvård",
        kind=EnterpriseKind.NON_PROFIT,
        legal_form="ideell_forening",
        work_training_places=4,
        tags="städ, kontor",
    )
    c = SocialEnterpriseFactory(organisation=org, name="Cirkeln Återbruk", work_training_places=9)
    with scopes_disabled():
        a.categories.add(cykel)
        a.challenges.add(klimat)
        b.categories.add(lokalvard)
    SocialEnterpriseFactory(organisation=world.b.organisation, name="Betabys Egna")
    return {"a": a, "b": b, "c": c, "cykel": cykel, "klimat": klimat}


def _names(response):
    return [row["object"].name for row in response.context["rows"]]


def test_search_by_name_org_number_and_tag(client, world, register):
    client.force_login(world.a.viewer)
    url = reverse("enterprises:socialenterprise_list")
    assert _names(client.get(url, {"q": "åkervägens"})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"q": "5560000167"})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"q": "556000-0167"})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"q": "kontor"})) == ["Blanka Lokalvård"]


def test_filters(client, world, register):
    client.force_login(world.a.viewer)
    url = reverse("enterprises:socialenterprise_list")
    assert _names(client.get(url, {"kind": EnterpriseKind.NON_PROFIT})) == ["Blanka Lokalvård"]
    assert _names(client.get(url, {"legal_form": "aktiebolag_svb"})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"status": EnterpriseStatus.ACTIVE})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"category": register["cykel"].pk})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"challenge": register["klimat"].pk})) == ["Åkervägens Cykel"]
    assert _names(client.get(url, {"training": "ja"})) == ["Blanka Lokalvård", "Cirkeln Återbruk"]
    assert _names(client.get(url, {"training": "nej"})) == ["Åkervägens Cykel"]
    everything = client.get(url)
    assert "Betabys Egna" not in everything.content.decode()
    assert everything.context["total_count"] == 3


def test_sort_by_work_training_places(client, world, register):
    client.force_login(world.a.viewer)
    url = reverse("enterprises:socialenterprise_list")
    names = _names(client.get(url, {"sort": "-work_training_places"}))
    assert names == ["Cirkeln Återbruk", "Blanka Lokalvård", "Åkervägens Cykel"]


def test_csv_export_is_the_filtered_list(client, world, register):
    client.force_login(world.a.viewer)
    response = client.get(
        reverse("enterprises:socialenterprise_list"), {"training": "ja", "export": "csv"}
    )
    text = response.content.decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    with translation.override("sv"):
        assert rows[0][:2] == [gettext("Name"), gettext("Organisation number")]
    assert [r[0] for r in rows[1:]] == ["Blanka Lokalvård", "Cirkeln Återbruk"]
    assert rows[1][3] == "Lokalvård"  # categories
    assert rows[1][4] == "4"


def test_xlsx_export_is_the_filtered_list(client, world, register):
    client.force_login(world.a.viewer)
    response = client.get(
        reverse("enterprises:socialenterprise_list"),
        {"category": register["cykel"].pk, "export": "xlsx"},
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[1][0] == "Åkervägens Cykel"
    assert values[1][1] == "556000-0167"
    assert values[1][4] == 0  # a number, not text
    assert len(values) == 2


def test_csv_export_neutralises_formulas(client, world):
    SocialEnterpriseFactory(organisation=world.a.organisation, name="=HYPERLINK(1)")
    client.force_login(world.a.viewer)
    response = client.get(reverse("enterprises:socialenterprise_list"), {"export": "csv"})
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8")


# --- contacts and delete --------------------------------------------------------------------


def test_contacts_are_shown_with_a_personal_data_notice(client, world):
    contact = ContactPersonFactory(organisation=world.a.organisation, name="Lena Holm")
    client.force_login(world.a.viewer)
    detail = client.get(contact.enterprise.get_absolute_url()).content.decode()
    assert "Lena Holm" in detail
    assert world.a.organisation.name in detail  # who may see the personal data


def test_add_contact_from_the_enterprise_page(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    other = SocialEnterpriseFactory(organisation=world.b.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:contactperson_create")
    form = client.get(url, {"enterprise": enterprise.pk})
    assert form.context["form"].initial["enterprise"] == enterprise.pk
    options = list(form.context["form"].fields["enterprise"].queryset)
    assert options == [enterprise]  # another organisation's enterprise is not offered
    response = client.post(
        url, {"enterprise": other.pk, "name": "X", "email": "x@example.se", "phone": "08-1"}
    )
    assert response.status_code == 200 and "is-invalid" in response.content.decode()
    response = client.post(
        url,
        {"enterprise": enterprise.pk, "name": "Omar Ali", "phone": "0123-456 78"},
    )
    assert response["Location"] == enterprise.get_absolute_url()


def test_delete_enterprise_after_confirmation_takes_its_contacts(client, world):
    contact = ContactPersonFactory(organisation=world.a.organisation)
    enterprise = contact.enterprise
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", kwargs={"pk": enterprise.pk})
    page = client.get(url).content.decode()
    assert "1 " + str(ContactPerson._meta.verbose_name_plural) in page or "1 kontakt" in page
    client.post(url)
    with scopes_disabled():
        assert not SocialEnterprise.objects.filter(pk=enterprise.pk).exists()
        assert not ContactPerson.objects.filter(pk=contact.pk).exists()


def test_delete_is_refused_while_other_records_protect_the_object(world, rf):
    """The generic refusal: an organisation that members refer to (PROTECT) is not deletable."""
    from collab.generic import OrgDeleteView

    view = OrgDeleteView()
    with translation.override("sv"):
        reason = view.refuse_reason(world.a.organisation)
    assert reason is not None and world.a.organisation.name in reason


def test_names_sort_in_swedish_alphabetical_order(client, world):
    for name in ["Östra Tvätten", "ädla Rätter", "Åkern", "zeta Cykel", "Alfa", "émile"]:
        SocialEnterpriseFactory(organisation=world.a.organisation, name=name)
    client.force_login(world.a.viewer)
    url = reverse("enterprises:socialenterprise_list")
    expected = ["Alfa", "émile", "zeta Cykel", "Åkern", "ädla Rätter", "Östra Tvätten"]
    assert _names(client.get(url, {"sort": "name"})) == expected
    assert _names(client.get(url, {"sort": "-name"})) == expected[::-1]


def test_category_changes_are_recorded_in_the_history(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    cykel = ServiceCategory.objects.get(slug="cykelverkstad")
    client.force_login(world.a.coordinator)
    client.post(
        reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk}),
        _form_data(name=enterprise.name, org_number=enterprise.org_number, categories=[cykel.pk]),
    )
    detail = client.get(enterprise.get_absolute_url()).content.decode()
    with translation.override("sv"):
        label = str(SocialEnterprise._meta.get_field("categories").verbose_name).capitalize()
    assert f"{label}: – → Cykelverkstad" in detail


def test_create_form_can_be_prefilled_from_a_link(client, world):
    client.force_login(world.a.coordinator)
    response = client.get(
        reverse("enterprises:socialenterprise_create"),
        {"name": "Gröna Händer ek. för.", "org_number": "769000-0000"},
    )
    content = response.content.decode()
    assert 'value="Gröna Händer ek. för."' in content and 'value="769000-0000"' in content
