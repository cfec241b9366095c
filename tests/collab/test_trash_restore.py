"""Deleted records ("Borttagna uppgifter"): every owned model deleted through its delete route is
listed, restored with the same field values, and only within the window and the organisation."""

import datetime
import html

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import FileField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_scopes import scope, scopes_disabled

from areas.models import CoordinationGroup, GroupMember, Meeting, MeetingAction, Partnership
from collab import trash
from collab.models import DeletionSnapshot, Membership
from enterprises.models import ServiceCategory, SocialEnterprise
from tests.factories import (
    OWNED_FACTORIES,
    CoordinationGroupFactory,
    GroupMemberFactory,
    MeetingActionFactory,
    MeetingFactory,
    PartnershipFactory,
    SocialEnterpriseFactory,
    make_membership,
)
from tests.harness.urls_matrix import generic_routes


def sv(text) -> str:
    with translation.override("sv"):
        return gettext(str(text))


def shown(text: str, content: str) -> bool:
    return text in content or html.escape(text) in content


DELETE_ROUTES = [
    route
    for route in generic_routes()
    if route.name.endswith("_delete")
    and route.model in OWNED_FACTORIES
    and trash.is_restorable(route.model)
]


def values(model, pk) -> dict | None:
    """Every stored field value of the row (files by their stored name)."""
    with scopes_disabled():
        obj = model._base_manager.filter(pk=pk).first()
        if obj is None:
            return None
        result = {}
        for f in model._meta.concrete_fields:
            value = getattr(obj, f.attname)
            result[f.attname] = value.name if isinstance(f, FileField) else value
        for f in model._meta.many_to_many:
            result[f.name] = sorted(getattr(obj, f.name).values_list("pk", flat=True))
        return result


def restore_url(obj_or_model, pk=None) -> str:
    model = obj_or_model if pk is not None else type(obj_or_model)
    pk = pk if pk is not None else obj_or_model.pk
    return reverse("collab:trash_restore", kwargs={"kind": trash.kind_of(model), "pk": pk})


def delete(client, obj):
    name = type(obj)._meta.model_name
    app = type(obj)._meta.app_label
    url = reverse(f"{app}:{name}_delete", kwargs={"pk": obj.pk})
    response = client.post(url)
    assert response.status_code == 302, response
    return response


def test_every_owned_model_with_a_delete_route_is_restorable():
    assert len(DELETE_ROUTES) >= 20, [r.name for r in DELETE_ROUTES]


@pytest.mark.parametrize("route", DELETE_ROUTES, ids=str)
def test_delete_then_restore_gives_back_the_same_row(client, world, route):
    model = route.model
    obj = OWNED_FACTORIES[model](world.a.organisation)
    with scopes_disabled():
        name = str(model._base_manager.get(pk=obj.pk))
    before = values(model, obj.pk)
    client.force_login(world.a.admin)
    response = client.post(reverse(route.name, kwargs={"pk": obj.pk}))
    assert response.status_code == 302, route
    assert values(model, obj.pk) is None, f"{route}: not deleted"

    page = client.get(reverse("collab:trash_list"), {"kind": trash.kind_of(model)})
    assert page.status_code == 200
    assert shown(name, page.content.decode()), route
    assert restore_url(model, obj.pk) in page.content.decode()

    confirm = client.get(restore_url(model, obj.pk))
    assert confirm.status_code == 200 and shown(name, confirm.content.decode())
    response = client.post(restore_url(model, obj.pk), {"children": "on"})
    assert response.status_code == 302, route
    assert values(model, obj.pk) == before, route
    after = client.get(reverse("collab:trash_list"), {"kind": trash.kind_of(model)})
    assert restore_url(model, obj.pk) not in after.content.decode()


def test_restored_enterprise_gets_its_categories_and_group_links_back(client, world):
    org = world.a.organisation
    enterprise = SocialEnterpriseFactory(organisation=org, name="Returbutiken Ekorren")
    category = ServiceCategory.objects.order_by("pk").first() or ServiceCategory.objects.create(
        name="Lokalvård"
    )
    group = CoordinationGroupFactory(organisation=org, kind="extern", name="Dialogforum")
    with scope(organisation=org):
        enterprise.categories.add(category)
        group.enterprises.add(enterprise)
    client.force_login(world.a.coordinator)
    delete(client, enterprise)
    with scope(organisation=org):
        assert list(group.enterprises.all()) == []
    client.post(restore_url(enterprise))
    with scope(organisation=org):
        restored = SocialEnterprise.objects.get(pk=enterprise.pk)
        assert list(restored.categories.all()) == [category]
        assert list(group.enterprises.all()) == [restored]


def test_restored_partnership_keeps_its_criteria(client, world):
    org = world.a.organisation
    partnership = PartnershipFactory(organisation=org)
    with scopes_disabled():
        Partnership.objects.filter(pk=partnership.pk).update(
            criteria={"initiative": {"answer": "uppfyllt", "note": "Föreningen tog initiativet"}}
        )
    client.force_login(world.a.coordinator)
    delete(client, partnership)
    client.post(restore_url(partnership))
    with scopes_disabled():
        restored = Partnership.objects.get(pk=partnership.pk)
    assert restored.criteria["initiative"]["note"] == "Föreningen tog initiativet"


# --- the window -------------------------------------------------------------------------------


def _age_deletion(model, pk, days, *, whole_history=False):
    """Move the record's deletion (or its whole history) ``days`` days back."""
    with scopes_disabled():
        rows = model.history.model.objects.filter(id=pk)
        if not whole_history:
            rows = rows.filter(history_type="-")
        rows.update(history_date=timezone.now() - datetime.timedelta(days=days))


def listed(client, **params) -> list[str]:
    response = client.get(reverse("collab:trash_list"), params)
    assert response.status_code == 200
    return [record.name for record in response.context["records"]]


def test_a_record_deleted_more_than_30_days_ago_is_not_listed_nor_restorable(
    client, world, settings
):
    org = world.a.organisation
    old = SocialEnterpriseFactory(organisation=org, name="Gamla kaféet")
    recent = SocialEnterpriseFactory(organisation=org, name="Nya kaféet")
    client.force_login(world.a.coordinator)
    delete(client, old)
    delete(client, recent)
    _age_deletion(SocialEnterprise, old.pk, 31)
    assert listed(client) == ["Nya kaféet"]
    assert client.get(restore_url(old)).status_code == 404
    assert client.post(restore_url(old)).status_code == 404
    assert values(SocialEnterprise, old.pk) is None

    settings.SAMVERKA_TRASH_DAYS = 60  # the window is a setting
    assert listed(client) == ["Nya kaféet", "Gamla kaféet"]


def test_search_filter_and_pagination(client, world):
    org = world.a.organisation
    client.force_login(world.a.coordinator)
    for n in range(27):
        delete(client, SocialEnterpriseFactory(organisation=org, name=f"Företag {n:02d}"))
    delete(client, CoordinationGroupFactory(organisation=org, name="Interna gruppen"))
    url = reverse("collab:trash_list")
    first = client.get(url)
    assert first.context["total_count"] == 28 and len(first.context["records"]) == 25
    assert "Interna gruppen" in first.content.decode()  # newest first
    second = client.get(url, {"page": 2})
    assert len(second.context["records"]) == 3
    kinds = client.get(url, {"kind": trash.kind_of(CoordinationGroup)})
    assert [r.name for r in kinds.context["records"]] == ["Interna gruppen"]
    found = client.get(url, {"q": "företag 1"})
    assert sorted(r.name for r in found.context["records"]) == [
        f"Företag {n}" for n in range(10, 20)
    ]


# --- tenancy and roles ----------------------------------------------------------------------------


def test_another_organisations_deleted_record_is_404_and_not_listed(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, name="Alfas kafé")
    client.force_login(world.a.coordinator)
    delete(client, enterprise)
    assert listed(client) == ["Alfas kafé"]
    client.force_login(world.b.admin)
    assert listed(client) == []
    assert client.get(restore_url(enterprise)).status_code == 404
    assert client.post(restore_url(enterprise)).status_code == 404
    assert values(SocialEnterprise, enterprise.pk) is None


def test_unknown_kind_or_record_is_404(client, world):
    client.force_login(world.a.admin)
    assert client.get(restore_url(SocialEnterprise, 999999)).status_code == 404
    url = reverse("collab:trash_restore", kwargs={"kind": "auth.user", "pk": 1})
    assert client.get(url).status_code == 404
    url = reverse("collab:trash_restore", kwargs={"kind": "nonsense", "pk": 1})
    assert client.get(url).status_code == 404


def test_viewers_and_outsiders_have_no_trash(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation)
    client.force_login(world.a.coordinator)
    delete(client, enterprise)
    for user in (world.a.viewer, world.outsider):
        client.force_login(user)
        assert client.get(reverse("collab:trash_list")).status_code == 403
        assert client.get(restore_url(enterprise)).status_code == 403
        assert client.post(restore_url(enterprise)).status_code == 403
    assert values(SocialEnterprise, enterprise.pk) is None
    client.logout()
    response = client.post(restore_url(enterprise))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_only_an_administrator_restores_a_member(client, world):
    with scopes_disabled():
        membership = Membership.objects.get(user=world.a.viewer)
    client.force_login(world.a.admin)
    delete(client, membership)
    client.force_login(world.a.coordinator)
    assert client.post(restore_url(membership)).status_code == 403
    client.force_login(world.a.admin)
    assert client.post(restore_url(membership)).status_code == 302
    assert values(Membership, membership.pk) is not None


def test_the_trash_is_in_the_menu_for_coordinators_only(client, world):
    url = reverse("collab:trash_list")
    client.force_login(world.a.coordinator)
    assert url in client.get(reverse("collab:organisation_detail")).content.decode()
    client.force_login(world.a.viewer)
    assert url not in client.get(reverse("collab:organisation_detail")).content.decode()


# --- conflicts --------------------------------------------------------------------------------


def test_a_meeting_whose_group_is_deleted_asks_to_restore_the_group_first(client, world):
    org = world.a.organisation
    group = CoordinationGroupFactory(organisation=org, name="Samverkansgruppen")
    meeting = MeetingFactory(organisation=org, group=group)
    with scopes_disabled():
        meeting_name = str(Meeting.objects.get(pk=meeting.pk))
    client.force_login(world.a.coordinator)
    delete(client, meeting)
    delete(client, group)  # a group with meetings cannot be deleted: the meeting went first
    response = client.post(restore_url(meeting))
    assert response.status_code == 200
    message = sv(
        "“%(name)s” cannot be restored because it belongs to a deleted "
        "%(parent_kind)s, “%(parent)s”. Restore “%(parent)s” first, then “%(name)s”."
    ) % {
        "name": meeting_name,
        "parent_kind": sv("coordination group"),
        "parent": "Samverkansgruppen",
    }
    content = response.content.decode()
    assert shown(message, content), content
    assert restore_url(group) in content
    assert values(Meeting, meeting.pk) is None

    assert client.post(restore_url(group)).status_code == 302
    assert client.post(restore_url(meeting)).status_code == 302
    assert values(Meeting, meeting.pk) is not None


def test_an_organisation_number_taken_since_is_a_message_not_an_error(client, world):
    org = world.a.organisation
    enterprise = SocialEnterpriseFactory(organisation=org, name="Ekorren")
    client.force_login(world.a.coordinator)
    delete(client, enterprise)
    SocialEnterpriseFactory(organisation=org, name="Ekorren nya", org_number=enterprise.org_number)
    response = client.post(restore_url(enterprise))
    assert response.status_code == 200
    problem = sv("An enterprise with this organisation number is already in the register.")
    message = sv("“%(name)s” cannot be restored: %(problem)s") % {
        "name": "Ekorren",
        "problem": problem,
    }
    assert shown(message, response.content.decode())
    assert values(SocialEnterprise, enterprise.pk) is None


def test_restoring_twice_says_it_is_already_restored(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    client.force_login(world.a.coordinator)
    delete(client, enterprise)
    assert client.post(restore_url(enterprise)).status_code == 302
    again = client.post(restore_url(enterprise))
    assert again.status_code == 200
    message = sv("“%(name)s” has already been restored.") % {"name": "Ekorren"}
    assert shown(message, again.content.decode())
    confirm = client.get(restore_url(enterprise)).content.decode()
    assert shown(message, confirm) and enterprise.get_absolute_url() in confirm


# --- cascades ---------------------------------------------------------------------------------


def test_records_deleted_with_their_parent_come_back_with_it(client, world):
    org = world.a.organisation
    meeting = MeetingFactory(organisation=org)
    actions = [MeetingActionFactory(organisation=org, meeting=meeting) for _n in range(2)]
    with scopes_disabled():
        meeting_name = str(Meeting.objects.get(pk=meeting.pk))
        action_names = sorted(str(MeetingAction.objects.get(pk=a.pk)) for a in actions)
        before = {a.pk: values(MeetingAction, a.pk) for a in actions}
    client.force_login(world.a.coordinator)
    delete(client, meeting)
    assert all(values(MeetingAction, a.pk) is None for a in actions)

    listed = client.get(reverse("collab:trash_list")).context["records"]
    children = [r for r in listed if r.model is MeetingAction]
    assert sorted(r.name for r in children) == action_names
    assert all(r.deleted_with and r.deleted_with.name == meeting_name for r in children)

    confirm = client.get(restore_url(meeting)).content.decode()
    assert all(shown(name, confirm) for name in action_names)
    response = client.post(restore_url(meeting), {"children": "on"})
    assert response.status_code == 302
    assert {a.pk: values(MeetingAction, a.pk) for a in actions} == before
    messages = [str(m) for m in response.wsgi_request._messages]
    with translation.override("sv"):
        expected = ngettext(
            "%(count)s record deleted together with it was restored too.",
            "%(count)s records deleted together with it were restored too.",
            2,
        ) % {"count": 2}
    assert expected in messages


def test_a_child_restored_alone_waits_for_its_parent(client, world):
    org = world.a.organisation
    group = CoordinationGroupFactory(organisation=org, name="Gruppen")
    member = GroupMemberFactory(organisation=org, group=group)
    client.force_login(world.a.coordinator)
    delete(client, group)
    assert values(GroupMember, member.pk) is None
    response = client.post(restore_url(member))
    assert response.status_code == 200 and restore_url(group) in response.content.decode()
    # The parent without its children, then the child on its own.
    assert client.post(restore_url(group)).status_code == 302
    assert values(GroupMember, member.pk) is None
    assert client.post(restore_url(member)).status_code == 302
    assert values(GroupMember, member.pk) is not None


# --- purge ------------------------------------------------------------------------------------


def test_purge_deleted_removes_what_is_older_than_the_window(client, world):
    org = world.a.organisation
    old = SocialEnterpriseFactory(organisation=org, name="Gammalt")
    recent = SocialEnterpriseFactory(organisation=org, name="Nytt")
    client.force_login(world.a.coordinator)
    delete(client, old)
    delete(client, recent)
    _age_deletion(SocialEnterprise, old.pk, 40, whole_history=True)
    call_command("purge_deleted", days=30)
    with scopes_disabled():
        assert not SocialEnterprise.history.filter(id=old.pk).exists()
        assert SocialEnterprise.history.filter(id=recent.pk, history_type="-").exists()
        snapshots = DeletionSnapshot.objects.filter(content_type__model="socialenterprise")
        assert list(snapshots.values_list("object_id", flat=True)) == [recent.pk]
    assert client.post(restore_url(recent)).status_code == 302


def test_the_delete_confirmation_says_the_record_can_be_restored(client, world):
    enterprise = SocialEnterpriseFactory(organisation=world.a.organisation, name="Ekorren")
    client.force_login(world.a.coordinator)
    url = reverse("enterprises:socialenterprise_delete", kwargs={"pk": enterprise.pk})
    content = client.get(url).content.decode()
    with translation.override("sv"):
        expected = gettext(
            "Do you really want to delete <strong>%(name)s</strong>? For %(days)s days it "
            "can be restored from Deleted records."
        ) % {"name": "Ekorren", "days": 30}
    assert expected in content


def test_the_trash_page_query_count_does_not_grow_with_deleted_records(client, world):
    org = world.a.organisation
    client.force_login(world.a.admin)

    def delete_some(n):
        for _n in range(n):
            meeting = MeetingFactory(organisation=org)  # its name is its group's
            MeetingActionFactory(organisation=org, meeting=meeting)  # deleted with it
            delete(client, meeting)
            delete(client, GroupMemberFactory(organisation=org))
            delete(client, make_membership(org))  # its name is its user's

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("collab:trash_list"))
        assert response.status_code == 200
        return len(queries.captured_queries), response.context["total_count"]

    delete_some(1)
    few, listed_few = count()
    delete_some(5)
    many, listed_many = count()
    assert (listed_few, listed_many) == (4, 24)
    assert few == many
