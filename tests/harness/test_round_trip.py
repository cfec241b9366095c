"""The round-trip harness: every edit route saves its form unchanged, every delete route deletes.

(a) Every update route of the URL matrix: the form is opened as the organisation's coordinator
(or administrator, where the route needs one), its data taken exactly as the page renders it
(inputs, selects, textareas, checkboxes, the hidden ``_version`` and ``_submission`` fields) and
posted back unchanged. The save must succeed (302), write exactly one new history row for the
object, and change none of its fields (apart from timestamps the save sets itself). The same
form sent again (a double click) is not saved again.

(b) Every delete route: the confirmation page is posted and the object is gone. Where a rule
refuses the deletion (``REFUSED_DELETES``), the refusal is shown on the confirmation page, the
POST is refused with the same message and the object remains.

A coverage gate fails when an edit or delete route (or any other write route that is not a
create form) is neither exercised here nor listed in ``NOT_ROUND_TRIPPED`` with a reason.
"""

import html
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from areas.models import Partnership
from collab.models import Membership, Organisation, Role
from procurement.models import Bid
from tests.factories import (
    OWNED_FACTORIES,
    BidFactory,
    EnterpriseImportFactory,
    PartnershipFactory,
    SocialEnterpriseFactory,
)
from tests.harness.test_lost_updates import PageForm
from tests.harness.urls_matrix import EXCLUDED_NAMESPACES, all_routes, generic_routes

ROUTES = generic_routes()
UPDATE_ROUTES = [r for r in ROUTES if r.name.endswith("_update")]
DELETE_ROUTES = [r for r in ROUTES if r.name.endswith("_delete")]

# Write routes (other than create forms) that are not a form of the object's own fields or a
# deletion, so a round trip means nothing for them; each is tested where named.
NOT_ROUND_TRIPPED = {
    "collab:membership_deactivate": "an action after confirmation (test_rules_members.py)",
    "collab:membership_reactivate": "an action after confirmation (test_rules_members.py)",
    "collab:organisation_calendar_feed": "creates a new calendar address; no object form "
    "(test_reminders_calendar.py)",
    "collab:organisation_calendar_feed_revoke": "an action after confirmation "
    "(test_reminders_calendar.py)",
    "areas:area_checklist": "marks checklist steps; no object form (test_walk.py)",
    "collab:invitation_resend": "an action: sends the e-mail again (test_invite_members.py)",
    "collab:invitation_withdraw": "an action: withdraws the invitation (test_invite_members.py)",
    "collab:membership_unlock": "an action: lifts a login lockout (test_auth_throttling.py)",
    "collab:organisation_export": "a download of the organisation's data (test_invite_export.py)",
    "collab:trash_list": "a list; restoring is collab:trash_restore (test_trash_restore.py)",
    "collab:figures_recalculate": "computes a closed year's figures again with a reason "
    "(test_figures_agree.py)",
    "collab:trash_restore": "restores a deleted record (test_trash_restore.py)",
    "collab:invitation_detail": "a read page; POST answers 405 (test_invite_members.py)",
    "enterprises:import_errors": "a download of the rows with errors (test_enterprise_import.py)",
    "enterprises:import_preview": "confirms an upload: carries out the import "
    "(test_enterprise_import.py)",
    "enterprises:import_template": "a download of the import template (test_enterprise_import.py)",
    "enterprises:import_upload": "uploads a new file, i.e. a create (test_enterprise_import.py)",
    "followup:statusreport_publish": "publishes the report (makes and keeps its PDF); not an "
    "edit of its texts (test_report_committee.py)",
    "procurement:spend_match": "an action: matches every payment again (test_spend.py)",
    "publishing:apikey_detail": "a read page; POST answers 405 (the URL matrix)",
    "publishing:apikey_revoke": "an action: revokes the API key (tests/api/test_keys_pages.py)",
    "procurement:spendimport_detail": "confirms an upload: carries out the import (test_spend.py)",
    "procurement:spendimport_errors": "a download of an import's rows with errors (test_spend.py)",
    "procurement:spendimport_mapping": "chooses the columns of an uploaded file before it is "
    "imported; the mapping is not an editable field set of a saved record (test_spend.py)",
    # The network's mentors and programmes (network pages; tests/network/test_mentors_*.py,
    # test_programme_*.py and the network matrix).
    "network:mentor_update": "status and notes of a pairing (test_mentors_pages.py)",
    "network:programme_update": "a programme's name (test_programme_edits.py)",
    "network:session_update": "a session (test_programme_edits.py)",
    "network:assignment_update": "an assignment (test_programme_edits.py)",
    "network:team_update": "a team's people (test_programme_edits.py)",
    "network:submission_file_delete": "a team removes a file (test_programme_edits.py)",
    "network:peergroup_update": "a network's peer group (not organisation-owned): name and "
    "members (tests/network/test_compare_page.py)",
    "network:peergroup_delete": "a network's peer group; confirmation and delete "
    "(tests/network/test_compare_page.py)",
    "network:sharing_update": "a member's consent per kind: logged with simple_history and "
    "shown on the page (tests/network/test_members_consent.py)",
    "network:example_update": "a network page (not organisation-owned); edit, snapshot and "
    "attachments in tests/network/test_examples_library.py",
    "network:example_delete": "a network page; confirmation and delete with the files in "
    "tests/network/test_examples_library.py",
    "network:example_attachment_delete": "an action: removes a file from an example "
    "(tests/network/test_examples_library.py)",
    "network:questionnaire_update": "a network page; the questions while a draft, locked once "
    "sent (tests/network/test_questionnaire_flow.py)",
}

# Models whose edits the round trip checks without a change history: none today. A model
# listed here needs a reason why its changes are not kept in the history.
WITHOUT_HISTORY: dict[type, str] = {}

# Fields a save sets itself (not the user's data): left out of "nothing changed".
AUTO_FIELDS = {"updated_at"}

# Fields compared by what they mean rather than by their stored value.
COMPARED_BY_MEANING = {
    # Unassessed IOP criteria are stored as {} by the model's default and as an explicit
    # "not assessed" per criterion by the form: the same answers (``criteria_rows``).
    (Partnership, "criteria"): lambda obj: [
        (row.criterion.key, row.answer, row.note) for row in obj.criteria_rows()
    ],
}


@dataclass
class Refusal:
    """A deletion a rule refuses: how to make such an object, and the message shown."""

    make: Any  # callable(world) -> the object
    message: Any  # callable(obj) -> the message (English; compared in Swedish)


def _bid_supplier(world):
    return BidFactory(organisation=world.a.organisation).supplier


def _partnership_partner(world):
    return PartnershipFactory(organisation=world.a.organisation).partner


def _only_administrator(world):
    with scopes_disabled():
        return Membership.objects.get(organisation=world.a.organisation, role=Role.ADMINISTRATOR)


def _applied_import(world):
    return EnterpriseImportFactory(organisation=world.a.organisation, status="applied")


def _protected(related_model):
    return lambda obj: (
        "%(name)s cannot be deleted because other records refer to it (%(related)s). "
        "Set its status to “ended” instead: it stays in the history but leaves the active "
        "register.",
        {"name": str(obj), "related": related_model._meta.verbose_name_plural},
    )


REFUSED_DELETES = {
    "enterprises:socialenterprise_delete (a bid names it)": (
        "enterprises:socialenterprise_delete",
        Refusal(_bid_supplier, _protected(Bid)),
    ),
    "enterprises:socialenterprise_delete (a partnership names it)": (
        "enterprises:socialenterprise_delete",
        Refusal(_partnership_partner, _protected(Partnership)),
    ),
    "collab:membership_delete (the only administrator)": (
        "collab:membership_delete",
        Refusal(
            _only_administrator,
            lambda obj: (
                "%(name)s is the organisation's only administrator. Make someone else "
                "administrator first.",
                {"name": obj.user.get_full_name() or obj.user.username},
            ),
        ),
    ),
    "enterprises:import_delete (the file was imported)": (
        "enterprises:import_delete",
        Refusal(
            _applied_import,
            lambda obj: (
                "This file has been imported; the import is kept as the record of it.",
                {},
            ),
        ),
    ),
}


def sv(message, params) -> str:
    with translation.override("sv"):
        params = {k: str(v) for k, v in params.items()}
        return gettext(message) % params if params else gettext(message)


# --- helpers --------------------------------------------------------------------------------


def _object(route, organisation):
    if route.model is None:  # the organisation's own details
        return organisation
    return OWNED_FACTORIES[route.model](organisation)


def _fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.filter(pk=obj.pk).first()


def _fields(obj) -> dict:
    with scopes_disabled():
        fresh = _fresh(obj)
        data = model_to_dict(fresh)
        for name in AUTO_FIELDS:
            data.pop(name, None)
        for name, value in data.items():
            if isinstance(value, list):  # many-to-many: the chosen rows, in any order
                data[name] = sorted(getattr(v, "pk", v) for v in value)
            elif isinstance(value, models.fields.files.FieldFile):
                data[name] = value.name
            meaning = COMPARED_BY_MEANING.get((type(obj), name))
            if meaning is not None:
                data[name] = meaning(fresh)
    return data


def _history_count(obj) -> int:
    with scopes_disabled():
        return type(obj).history.filter(**{type(obj)._meta.pk.attname: obj.pk}).count()


def _url(route, obj):
    return reverse(route.name, kwargs=route.kwargs(obj if route.needs_object else None))


def _shown_text(response) -> str:
    return " ".join(html.unescape(response.content.decode()).split())


# --- the coverage gate ----------------------------------------------------------------------


def test_every_edit_and_delete_route_is_round_tripped_or_listed():
    exercised = {r.name for r in UPDATE_ROUTES + DELETE_ROUTES}
    candidates = {
        r.name
        for r in all_routes()
        if r.name.endswith(("_update", "_delete"))
        and r.name.split(":")[0] not in EXCLUDED_NAMESPACES
    } | {
        r.name
        for r in ROUTES
        if r.is_write and hasattr(r.view_class, "post") and not r.name.endswith("_create")
    }
    missing = sorted(candidates - exercised - set(NOT_ROUND_TRIPPED))
    assert not missing, (
        f"Write routes neither round-tripped nor listed in NOT_ROUND_TRIPPED: {missing}. Build "
        "the view on collab.generic's OrgUpdateView/OrgDeleteView (name it *_update/*_delete), "
        "or list it with a reason and the test that covers it."
    )
    stale = set(NOT_ROUND_TRIPPED) - {r.name for r in all_routes()}
    assert not stale, f"Listed in NOT_ROUND_TRIPPED but no longer a URL: {sorted(stale)}"
    doubled = set(NOT_ROUND_TRIPPED) & exercised
    assert not doubled, f"Round-tripped and listed as an exception: {sorted(doubled)}"
    refused = {name for name, _ in REFUSED_DELETES.values()}
    assert refused <= {r.name for r in DELETE_ROUTES}, refused


def test_every_edited_model_keeps_a_history_or_is_listed():
    for route in UPDATE_ROUTES:
        model = route.model or Organisation  # the organisation's own details
        assert hasattr(model, "history") or model in WITHOUT_HISTORY, (
            f"{route}: {model.__name__} has no change history; add HistoricalRecords or list "
            "it in WITHOUT_HISTORY with a reason"
        )


# --- (a) every edit form saves unchanged ----------------------------------------------------


@pytest.mark.parametrize("route", UPDATE_ROUTES, ids=str)
def test_an_unchanged_form_saves_once_and_changes_nothing(client, world, route):
    obj = _object(route, world.a.organisation)
    client.force_login(world.a.user_for(route.required_access))
    url = _url(route, obj)
    page = client.get(url)
    assert page.status_code == 200, route
    form = PageForm(page.content.decode())
    assert "_version" in form.data, f"{route}: the form carries no version (lost updates)"
    assert "_submission" in form.data, f"{route}: the form carries no one-time key"
    before = _fields(obj)
    keeps_history = type(obj) not in WITHOUT_HISTORY
    history_before = _history_count(obj) if keeps_history else None

    response = client.post(url, form.data)

    if response.status_code != 302:
        errors = response.context["form"].errors if response.context else response.status_code
        pytest.fail(f"{route}: the unchanged form was refused: {errors}")
    after = _fields(obj)
    changed = {k: (before[k], after.get(k)) for k in before if before[k] != after.get(k)}
    assert not changed, f"{route}: saving the unchanged form changed {changed}"
    if keeps_history:
        assert _history_count(obj) == history_before + 1, (
            f"{route}: expected exactly one new history row, "
            f"got {_history_count(obj) - history_before}"
        )

    # The same form sent again (a double click on "Save"): to the first save's page, not saved
    # again.
    again = client.post(url, form.data)
    assert (again.status_code, again["Location"]) == (302, response["Location"]), route
    if keeps_history:
        assert _history_count(obj) == history_before + 1, f"{route}: a double click saved twice"


# --- (b) every delete route deletes, or refuses with its message ----------------------------


@pytest.mark.parametrize("route", DELETE_ROUTES, ids=str)
def test_the_confirmed_deletion_deletes(client, world, route):
    obj = _object(route, world.a.organisation)
    client.force_login(world.a.user_for(route.required_access))
    url = _url(route, obj)
    page = client.get(url)
    assert page.status_code == 200, route
    form = PageForm(page.content.decode())  # the confirmation: its token, nothing else
    name = str(obj)
    response = client.post(url, form.data)
    assert response.status_code == 302, route
    assert _fresh(obj) is None, f"{route}: the object is still there"
    shown = client.get(response["Location"])
    said = [str(m) for m in shown.context["messages"]] if shown.context else []
    assert any(name in m and " bort" in m for m in said), (
        f"{route}: no confirmation that {name} was deleted: {said}"
    )


@pytest.mark.parametrize("case", sorted(REFUSED_DELETES), ids=str)
def test_a_refused_deletion_says_why_and_keeps_the_object(client, world, case):
    name, refusal = REFUSED_DELETES[case]
    route = next(r for r in DELETE_ROUTES if r.name == name)
    obj = refusal.make(world)
    message = sv(*refusal.message(obj))
    client.force_login(world.a.user_for(route.required_access))
    url = _url(route, obj)
    before = _fields(obj)

    page = client.get(url)
    assert page.status_code == 200, case
    assert message in _shown_text(page), f"{case}: the confirmation page does not say why"

    # A POST all the same (e.g. from a confirmation page opened before the rule applied).
    response = client.post(url, follow=True)
    assert response.status_code == 200, case
    assert message in _shown_text(response), f"{case}: the refusal is not shown"
    assert _fresh(obj) is not None, f"{case}: the object was deleted"
    assert _fields(obj) == before, case


def test_an_enterprise_without_references_is_deleted(client, world):
    """The counterpart of the refusals above: the rule refuses only referenced enterprises."""
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", kwargs={"pk": enterprise.pk})
    assert client.post(url).status_code == 302
    assert _fresh(enterprise) is None
