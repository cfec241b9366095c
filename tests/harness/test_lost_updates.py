"""No lost updates: two people editing the same record, duplicates created at the same moment,
and a double click on "Save".

The generic test goes over every edit route of the URL matrix: A and B open the same form, B
saves a change to one field, then A saves a change to another field. A's save is refused (409)
with B's change listed (field label and B's value), A's input is kept in the form shown again,
B's value is kept; saving that form again works and keeps both changes.
"""

import html
import re
import threading
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scope, scopes_disabled

from collab.models import Organisation, Role
from collab.submissions import FormSubmission
from enterprises.models import SocialEnterprise
from procurement.models import Procurement
from tests.conftest import memberships_of
from tests.factories import (
    OWNED_FACTORIES,
    GoverningDocumentFactory,
    MeetingFactory,
    PartnershipFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)
from tests.harness.urls_matrix import generic_routes

UPDATE_ROUTES = [r for r in generic_routes() if r.name.endswith("_update")]


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


# --- reading a page's form as a browser would send it ---------------------------------------


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self.current = None
        self.select = None
        self.textarea = None
        self.label_for = None
        self.labels = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "label" and a.get("for"):
            self.label_for = a["for"]
            self.labels[self.label_for] = ""
        if tag == "form":
            self.current = {"attrs": a, "fields": [], "types": {}}
            self.forms.append(self.current)
        if self.current is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            name = a.get("name")
            if not name or kind in {"submit", "button", "reset", "image", "file"}:
                return
            self.current["types"][name] = kind
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            self.current["fields"].append((name, a.get("value", default)))
        elif tag == "select":
            self.select = {"name": a.get("name"), "multiple": "multiple" in a, "options": []}
            self.current["types"][a.get("name")] = "select"
        elif tag == "option" and self.select is not None:
            self.select["options"].append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self.textarea = [a.get("name"), ""]
            self.current["types"][a.get("name")] = "textarea"

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        if self.label_for is not None:
            self.labels[self.label_for] += data

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_for = None
        elif tag == "select" and self.select is not None:
            chosen = [value for value, selected in self.select["options"] if selected]
            if not chosen and not self.select["multiple"] and self.select["options"]:
                chosen = [self.select["options"][0][0]]
            for value in chosen:
                self.current["fields"].append((self.select["name"], value))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.current["fields"].append((name, value[1:] if value.startswith("\n") else value))
            self.textarea = None
        elif tag == "form":
            self.current = None


class PageForm:
    """The page's main form (the one posting to the page itself): its data and field kinds."""

    def __init__(self, content: str):
        parser = _FormParser()
        parser.feed(content)
        own = [
            f
            for f in parser.forms
            if f["attrs"].get("method", "get").lower() == "post" and not f["attrs"].get("action")
        ]
        assert own, "no form posting to the page itself"
        form = max(own, key=lambda f: len(f["fields"]))
        self.types = form["types"]
        self.labels = {k: " ".join(v.replace("*", "").split()) for k, v in parser.labels.items()}
        self.data: dict[str, list[str]] = {}
        for name, value in form["fields"]:
            self.data.setdefault(name, []).append(value)

    def value(self, name) -> str:
        return (self.data.get(name) or [""])[0]

    def with_(self, **changes) -> dict:
        data = {name: list(values) for name, values in self.data.items()}
        for name, value in changes.items():
            data[name] = value if isinstance(value, list) else [value]
        return data

    def editable(self) -> list[str]:
        """Fields a person types into: free text first, then numbers and the like."""
        names = [n for n, t in self.types.items() if not n.startswith("_")]
        free = [
            n
            for n in names
            if self.types[n] in {"textarea", "text"} and not _NUMBER.fullmatch(self.value(n))
        ]
        typed = [n for n in names if self.types[n] in {"text", "number", "email", "url"}]
        return free + [n for n in typed if n not in free]

    def changed(self, name, who: str) -> str:
        """A new value for the field, different for each person (valid where it can be)."""
        step = {"Berit": 1, "Anna": 2}.get(who, 3)
        current = self.value(name)
        if _NUMBER.fullmatch(current):
            return str(int(float(current.replace(",", ".").replace("\xa0", ""))) + step)
        kind = self.types[name]
        if kind == "number":
            return str(step)
        if kind == "email":
            return f"{who.lower()}@example.se"
        if kind == "url":
            return f"https://{who.lower()}.example.se"
        return f"Ändrat av {who}"


_NUMBER = re.compile(r"-?[\d\xa0 ]+([.,]\d+)?")


def _clients(world, route):
    a, b = Client(), Client()
    a.force_login(world.a.user_for(route.required_access))
    b.force_login(world.a.admin)
    return a, b


def _route_object(route, organisation):
    if route.model is None:
        return organisation
    return OWNED_FACTORIES[route.model](organisation)


def _fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


# --- the generic test over every edit route -------------------------------------------------


def _savable_fields(client, url) -> list[str]:
    """The fields whose change saves, tried one by one before the test (a form may refuse
    free text in a field, e.g. a supplier's name when a register enterprise is chosen)."""
    form = PageForm(client.get(url).content.decode())
    savable = []
    for name in form.editable():
        form = PageForm(client.get(url).content.decode())
        if client.post(url, form.with_(**{name: form.changed(name, "Probe")})).status_code == 302:
            savable.append(name)
    return savable


def _same(obj, name, value) -> bool:
    stored = getattr(_fresh(obj), name)
    if isinstance(stored, int | float | Decimal) and not isinstance(stored, bool):
        return float(stored) == float(value.replace(",", "."))
    return stored == value


# A form with one field cannot show two people changing different fields: tested on its own.
ONE_FIELD = {
    "collab:membership_update",
    # Check boxes and one prefix of a fixed form: tests/api/test_opendata_publication.py.
    "publishing:publication_update",
}


@pytest.mark.parametrize("route", [r for r in UPDATE_ROUTES if r.name not in ONE_FIELD], ids=str)
def test_a_stale_edit_is_refused_and_the_other_persons_change_is_kept(world, route):
    a, b = _clients(world, route)
    obj = _route_object(route, world.a.organisation)
    url = reverse(route.name, kwargs=route.kwargs(obj if route.needs_object else None))
    savable = _savable_fields(b, url)
    assert len(savable) >= 2, f"{route}: fewer than two fields to change: {savable}"
    x, y = savable[:2]
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    x_value, y_value = form_b.changed(x, "Berit"), form_a.changed(y, "Anna")
    old_y = form_a.value(y)

    # B saves a change to field x.
    assert b.post(url, form_b.with_(**{x: x_value})).status_code == 302, route

    # A, on the form opened before B's save, changes field y: refused, nothing saved.
    response = a.post(url, form_a.with_(**{y: y_value}))
    assert response.status_code == 409, route
    content = html.unescape(response.content.decode())
    assert "ändrade posten medan du redigerade den. Ingenting har sparats." in content, route
    label = form_a.labels.get(f"id_{x}") or x
    if form_a.types[x] in {"text", "textarea"} and not _NUMBER.fullmatch(x_value):
        assert f"{label}: {x_value}" in content, (route, label)
    else:
        assert f"{label}: " in content, (route, label)
    if hasattr(obj, x):
        assert _same(obj, x, x_value), f"{route}: B's change was lost"
    if hasattr(obj, y) and old_y:
        assert _same(obj, y, old_y), f"{route}: A's stale save went through"
    shown = PageForm(response.content.decode())
    assert shown.value(y) == y_value, f"{route}: A's input was not kept"
    assert shown.value(x).replace("\xa0", "") == x_value, f"{route}: B's value is not in A's form"

    # Saving the form shown again works, and keeps both changes.
    response = a.post(url, shown.data)
    assert response.status_code == 302, (route, response.status_code)
    if hasattr(obj, x) and hasattr(obj, y):
        assert _same(obj, x, x_value) and _same(obj, y, y_value), route


def test_a_one_field_form_refuses_a_stale_change_of_the_same_field(world):
    membership = [m for m in memberships_of(world.a.organisation) if m.user == world.a.viewer][0]
    url = reverse("collab:membership_update", kwargs={"pk": membership.pk})
    a, b = Client(), Client()
    a.force_login(world.a.admin)
    b.force_login(world.a.admin)
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    assert b.post(url, form_b.with_(role=Role.COORDINATOR)).status_code == 302
    response = a.post(url, form_a.with_(role=Role.ADMINISTRATOR))
    assert response.status_code == 409
    content = html.unescape(response.content.decode())
    with translation.override("sv"):
        assert f"{Role.COORDINATOR.label}" in content
    assert PageForm(response.content.decode()).value("role") == Role.ADMINISTRATOR
    with scopes_disabled():
        membership.refresh_from_db()
    assert membership.role == Role.COORDINATOR


@pytest.mark.parametrize("route", UPDATE_ROUTES, ids=str)
def test_an_edit_form_saved_unchanged_still_saves(world, route):
    """The version does not get in the way: the form as opened saves (302)."""
    obj = _route_object(route, world.a.organisation)
    url = reverse(route.name, kwargs=route.kwargs(obj if route.needs_object else None))
    a, _ = _clients(world, route)
    form = PageForm(a.get(url).content.decode())
    assert form.value("_version"), f"{route}: the form carries no version"
    assert a.post(url, form.data).status_code == 302, route


# --- named forms: choices, dates, many-to-many, IOP criteria, files --------------------------


def _stale_edit(world, url, change_b: dict, change_a: dict):
    a, b = Client(), Client()
    a.force_login(world.a.coordinator)
    b.force_login(world.a.admin)
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    response = b.post(url, form_b.with_(**change_b))
    assert response.status_code == 302, response.content.decode()[:3000]
    response = a.post(url, form_a.with_(**change_a))
    assert response.status_code == 409
    return a, response, html.unescape(response.content.decode())


def test_enterprise_status_and_categories_changed_by_someone_else(world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, name="Returcykeln")
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    a, response, content = _stale_edit(
        world, url, {"status": "avslutad", "tags": "cykel"}, {"notes": "Besökt i maj."}
    )
    assert f"Status: {sv('Ended')}" in content
    assert "Taggar: cykel" in content
    assert "Besökt i maj." in content  # A's input kept
    with scope(organisation=world.a.organisation):
        enterprise.refresh_from_db()
    assert enterprise.status == "avslutad" and enterprise.notes != "Besökt i maj."
    assert a.post(url, PageForm(response.content.decode()).data).status_code == 302
    with scope(organisation=world.a.organisation):
        enterprise.refresh_from_db()
    assert (enterprise.status, enterprise.tags, enterprise.notes) == (
        "avslutad",
        "cykel",
        "Besökt i maj.",
    )


def test_procurement_both_change_the_same_field_keeps_the_users_value(world):
    procurement = ProcurementFactory(organisation=world.a.organisation, title="Lokalvård 2027")
    url = reverse("procurement:procurement_update", kwargs={"pk": procurement.pk})
    a, response, content = _stale_edit(
        world, url, {"title": "Lokalvård 2027 (Berit)"}, {"title": "Lokalvård 2027 (Anna)"}
    )
    label = PageForm(response.content.decode()).labels["id_title"]
    assert f"{label}: Lokalvård 2027 (Berit)" in content
    assert "(du ändrade också detta: ditt värde står i formuläret)" in content
    assert PageForm(response.content.decode()).value("title") == "Lokalvård 2027 (Anna)"
    with scope(organisation=world.a.organisation):
        assert Procurement.objects.get(pk=procurement.pk).title == "Lokalvård 2027 (Berit)"
    # A has seen Berit's title and saves her own: now that is a decision, not a lost update.
    assert a.post(url, PageForm(response.content.decode()).data).status_code == 302
    with scope(organisation=world.a.organisation):
        assert Procurement.objects.get(pk=procurement.pk).title == "Lokalvård 2027 (Anna)"


def test_partnership_criterion_changed_by_someone_else(world):
    partnership = PartnershipFactory(organisation=world.a.organisation)
    url = reverse("areas:partnership_update", kwargs={"pk": partnership.pk})
    a, response, content = _stale_edit(
        world,
        url,
        {"criterion_initiative_note": "Frivilligt enligt avtalet."},
        {"goals": "Fler i arbete."},
    )
    assert "Frivilligt enligt avtalet." in content
    shown = PageForm(response.content.decode())
    assert shown.value("goals") == "Fler i arbete."
    assert shown.value("criterion_initiative_note") == "Frivilligt enligt avtalet."
    assert a.post(url, shown.data).status_code == 302
    with scope(organisation=world.a.organisation):
        partnership.refresh_from_db()
    assert partnership.goals == "Fler i arbete."
    assert partnership.criteria["initiative"]["note"] == "Frivilligt enligt avtalet."


def test_meeting_date_changed_by_someone_else(world):
    meeting = MeetingFactory(organisation=world.a.organisation)
    url = reverse("areas:meeting_update", kwargs={"pk": meeting.pk})
    a, response, content = _stale_edit(
        world, url, {"date": "2026-02-03"}, {"minutes": "Protokoll: beslut om IOP."}
    )
    assert "3 februari 2026" in content
    shown = PageForm(response.content.decode())
    assert shown.value("minutes") == "Protokoll: beslut om IOP."
    assert a.post(url, shown.data).status_code == 302
    with scope(organisation=world.a.organisation):
        meeting.refresh_from_db()
    assert str(meeting.date) == "2026-02-03" and meeting.minutes == "Protokoll: beslut om IOP."


def test_governing_document_changed_by_someone_else(world):
    document = GoverningDocumentFactory(organisation=world.a.organisation)
    url = reverse("areas:governingdocument_update", kwargs={"pk": document.pk})
    a, response, content = _stale_edit(
        world, url, {"title": "Strategi för sociala företag"}, {"summary": "Antagen av KF."}
    )
    assert "Strategi för sociala företag" in content
    assert PageForm(response.content.decode()).value("summary") == "Antagen av KF."
    with scope(organisation=world.a.organisation):
        document.refresh_from_db()
    assert document.title == "Strategi för sociala företag" and document.summary != "Antagen av KF."


def test_the_message_names_who_changed_the_record(world):
    world.a.admin.first_name, world.a.admin.last_name = "Berit", "Berg"
    world.a.admin.save()
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    _, _, content = _stale_edit(world, url, {"tags": "b"}, {"notes": "a"})
    assert "Berit Berg" in content


def test_the_checklist_refuses_a_stale_save_and_keeps_the_other_persons_step(world):
    url = reverse("areas:area_checklist", kwargs={"number": 1})
    a, b = Client(), Client()
    a.force_login(world.a.coordinator)
    b.force_login(world.a.admin)
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    notes = [n for n in form_b.data if n.endswith("-note")]
    first, second = notes[0], notes[1]
    response = b.post(
        url,
        form_b.with_(
            **{first.replace("note", "owner"): "Berit", first.replace("note", "status"): "paborjad"}
            | {first.replace("note", "date"): "2026-01-15"}
        ),
    )
    assert response.status_code == 302
    response = a.post(url, form_a.with_(**{second: "Annas anteckning"}))
    assert response.status_code == 409
    content = html.unescape(response.content.decode())
    assert "Berit" in content
    assert "ändrade posten medan du redigerade den. Ingenting har sparats." in content
    shown = PageForm(response.content.decode())
    assert shown.value(second) == "Annas anteckning"
    assert shown.value(first.replace("note", "owner")) == "Berit"
    assert a.post(url, shown.data).status_code == 302
    form = PageForm(a.get(url).content.decode())
    assert form.value(first.replace("note", "owner")) == "Berit"
    assert form.value(second) == "Annas anteckning"


# --- duplicates created at the same moment ----------------------------------------------------


def _enterprise_data(**overrides):
    data = {
        "name": "Returcykeln ekonomisk förening",
        "org_number": "556000-0167",
        "legal_form": "ekonomisk_forening",
        "kind": "asf",
        "status": "aktiv",
        "surplus_reinvested": "ja",
        "mission_in_statutes": "okant",
        "independent": "ja",
        "employee_participation": "nej",
        "work_training_places": "6",
        "employees": "4",
        "participants": "9",
    }
    data.update(overrides)
    return data


def test_a_duplicate_saved_between_validation_and_save_is_a_form_error(client, world):
    """Someone else's enterprise with the same organisation number is saved after this form
    was validated and before its row is written: the form shows the message, no error page."""
    client.force_login(world.a.coordinator)
    organisation = world.a.organisation

    def concurrent_save(sender, instance, **kwargs):
        pre_save.disconnect(concurrent_save, sender=SocialEnterprise)
        SocialEnterpriseFactory(
            organisation=organisation, name="Hinner först", org_number=instance.org_number
        )

    pre_save.connect(concurrent_save, sender=SocialEnterprise)
    try:
        response = client.post(reverse("enterprises:socialenterprise_create"), _enterprise_data())
    finally:
        pre_save.disconnect(concurrent_save, sender=SocialEnterprise)
    assert response.status_code == 200
    content = html.unescape(response.content.decode())
    assert sv("An enterprise with this organisation number is already in the register.") in content
    assert 'id="error_1_id_org_number"' in response.content.decode()
    assert "Returcykeln ekonomisk förening" in content  # the input is kept


def test_a_duplicate_organisation_number_is_refused_next_to_the_field(client, world):
    SocialEnterpriseFactory(organisation=world.a.organisation, org_number="556000-0167")
    client.force_login(world.a.coordinator)
    response = client.post(reverse("enterprises:socialenterprise_create"), _enterprise_data())
    assert response.status_code == 200
    assert 'id="error_1_id_org_number"' in response.content.decode()
    with scopes_disabled():
        assert SocialEnterprise.objects.filter(org_number="556000-0167").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_two_creates_at_the_same_moment_on_postgresql(world):
    """Real concurrency (PostgreSQL): the other request commits its enterprise while this one
    is between validation and insert; this one gets the field error, not an error page."""
    organisation = world.a.organisation
    other = Client()
    other.force_login(world.a.admin)
    results = {}

    def concurrent_save(sender, instance, **kwargs):
        if threading.current_thread().name != "first":
            return
        pre_save.disconnect(concurrent_save, sender=SocialEnterprise)

        def second():
            results["second"] = other.post(
                reverse("enterprises:socialenterprise_create"), _enterprise_data(name="Tvåan")
            ).status_code
            connection.close()

        thread = threading.Thread(target=second)
        thread.start()
        thread.join()

    first_client = Client()
    first_client.force_login(world.a.coordinator)

    def first():
        results["first"] = first_client.post(
            reverse("enterprises:socialenterprise_create"), _enterprise_data()
        )
        connection.close()

    pre_save.connect(concurrent_save, sender=SocialEnterprise)
    try:
        thread = threading.Thread(target=first, name="first")
        thread.start()
        thread.join()
    finally:
        pre_save.disconnect(concurrent_save, sender=SocialEnterprise)
    assert results["second"] == 302
    response = results["first"]
    assert response.status_code == 200
    assert 'id="error_1_id_org_number"' in response.content.decode()
    assert "Tvåan" in html.unescape(response.content.decode())  # names the one that got there
    with scope(organisation=organisation):
        assert SocialEnterprise.objects.filter(org_number="556000-0167").count() == 1


# --- double click on "Save" ------------------------------------------------------------------


def test_a_double_click_on_save_creates_one_record(client, world):
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_create")
    form = PageForm(client.get(url).content.decode())
    assert form.value("_submission")
    data = form.with_(**_enterprise_data(org_number=""))
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302
    assert second.status_code == 302 and second["Location"] == first["Location"]
    with scope(organisation=world.a.organisation):
        assert SocialEnterprise.objects.filter(name="Returcykeln ekonomisk förening").count() == 1
    page = client.get(second["Location"])
    assert sv("This form had already been saved (it was sent twice). It was not saved again.") in (
        html.unescape(page.content.decode())
    )


def test_a_double_click_on_save_of_a_procurement_creates_one(client, world):
    client.force_login(world.a.coordinator)
    url = reverse("procurement:procurement_create")
    form = PageForm(client.get(url).content.decode())
    data = form.with_(title="Dubbelklick", estimated_value="100000")
    first = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert client.post(url, data)["Location"] == first["Location"]
    with scope(organisation=world.a.organisation):
        assert Procurement.objects.filter(title="Dubbelklick").count() == 1


def test_a_new_form_is_a_new_record(client, world):
    """Two forms opened one after the other are two records: the key is per form."""
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_create")
    for name in ("Första", "Andra"):
        form = PageForm(client.get(url).content.decode())
        assert (
            client.post(url, form.with_(**_enterprise_data(name=name, org_number=""))).status_code
            == 302
        )
    with scope(organisation=world.a.organisation):
        assert SocialEnterprise.objects.filter(name__in=["Första", "Andra"]).count() == 2
    assert FormSubmission.objects.count() == 2


def test_a_double_click_on_an_edit_saves_once_without_a_conflict(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_update", kwargs={"pk": enterprise.pk})
    data = PageForm(client.get(url).content.decode()).with_(notes="En gång")
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    with scope(organisation=world.a.organisation):
        assert enterprise.history.filter(notes="En gång").count() == 1


def test_organisation_update_is_versioned(world):
    url = reverse("collab:organisation_update")
    a, b = Client(), Client()
    a.force_login(world.a.admin)
    b.force_login(world.a.admin)
    form_a = PageForm(a.get(url).content.decode())
    form_b = PageForm(b.get(url).content.decode())
    assert b.post(url, form_b.with_(name="Alfastads kommun (ny)")).status_code == 302
    response = a.post(url, form_a.with_(population="12345"))
    assert response.status_code == 409
    assert "Alfastads kommun (ny)" in html.unescape(response.content.decode())
    with scopes_disabled():
        organisation = Organisation.objects.get(pk=world.a.organisation.pk)
    assert organisation.name == "Alfastads kommun (ny)" and organisation.population != 12345
