"""Long pick lists (market-dialogue invitations, a forum's enterprises, meeting attendance):
searchable multi-selects that offer no ended enterprises, keep an already chosen one, and offer
a meeting only its group's members."""

import re

from django.utils.datastructures import MultiValueDict
from django_scopes import scope

from areas.forms.groups import CoordinationGroupForm, MeetingForm
from areas.models import GroupKind
from enterprises.models import EnterpriseStatus
from procurement.forms import ProcurementForm
from procurement.models import DialogueInvitation
from tests.factories import (
    CoordinationGroupFactory,
    GroupMemberFactory,
    MeetingFactory,
    OrganisationFactory,
    ProcurementFactory,
    SocialEnterpriseFactory,
)


def _options(form, name: str) -> dict[str, bool]:
    """The rendered select's options: label -> selected."""
    html = str(form[name])
    assert "data-searchable-select" in html
    return {
        label: bool(selected)
        for selected, label in re.findall(r'<option value="\d+"( selected)?>([^<]*)</option>', html)
    }


def test_pick_lists_offer_no_ended_enterprise_but_keep_the_chosen_one(db):
    organisation = OrganisationFactory()
    enterprise = {
        name: SocialEnterpriseFactory(organisation=organisation, name=name, status=status)
        for name, status in [
            ("Aktiva AB", EnterpriseStatus.ACTIVE),
            ("Vilande AB", EnterpriseStatus.DORMANT),
            ("Nedlagda AB", EnterpriseStatus.ENDED),
            ("Valda AB", EnterpriseStatus.ENDED),  # ended after it was chosen
        ]
    }
    expected = {"Aktiva AB": False, "Valda AB": True, "Vilande AB": False}
    procurement = ProcurementFactory(organisation=organisation)
    DialogueInvitation.objects.create(
        organisation=organisation, procurement=procurement, enterprise=enterprise["Valda AB"]
    )
    forum = CoordinationGroupFactory(organisation=organisation, kind=GroupKind.EXTERNAL)
    forum.enterprises.add(enterprise["Valda AB"])
    meeting = MeetingFactory(organisation=organisation, group=forum)
    meeting.attending_enterprises.add(enterprise["Valda AB"])
    with scope(organisation=organisation):
        for form_class, instance, name in [
            (ProcurementForm, procurement, "invited_enterprises"),
            (CoordinationGroupForm, forum, "enterprises"),
            (MeetingForm, meeting, "attending_enterprises"),
        ]:
            form = form_class(instance=instance, organisation=organisation)
            assert _options(form, name) == expected, name
            # Saving unchanged keeps the ended one; choosing an ended one anew is refused.
            field = form.fields[name]
            assert list(field.clean([enterprise["Valda AB"].pk])) == [enterprise["Valda AB"]]
            new_form = form_class(organisation=organisation)
            assert "Nedlagda AB" not in _options(new_form, name)
            assert "Valda AB" not in _options(new_form, name)


def test_meeting_offers_only_its_groups_members_and_refuses_another(db):
    organisation = OrganisationFactory()
    group = CoordinationGroupFactory(organisation=organisation, name="Interna gruppen")
    own = GroupMemberFactory(organisation=organisation, group=group, name="Egen Medlem")
    other = GroupMemberFactory(organisation=organisation, name="Olle Utanför")
    with scope(organisation=organisation):
        form = MeetingForm(organisation=organisation, initial={"group": group.pk})
        assert list(_options(form, "attending_members")) == [str(own)]
        # The script gets every group's members, to offer them when the group changes.
        attrs = str(form["attending_members"])
        assert 'data-group-field="id_group"' in attrs and "Olle Utanför" in attrs
        form = MeetingForm(
            MultiValueDict(
                {"group": [group.pk], "date": ["2026-10-01"], "attending_members": [other.pk]}
            ),
            organisation=organisation,
        )
        assert not form.is_valid()
        error = form.errors["attending_members"][0]
        assert "Olle Utanför är inte medlem i Interna gruppen" in error
