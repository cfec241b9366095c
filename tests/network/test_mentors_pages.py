"""Mentor pairings: the coordinator confirms, both municipalities see it, nobody else does."""

import datetime

from django.urls import reverse

from network.models import MentorMeeting, MentorPairing
from tests.network.mentors_helpers import add_member, set_levels


def _url(name, network, **kwargs):
    return reverse(f"network:{name}", kwargs={"network": network.slug, **kwargs})


def _confirm(client, world, area=4):
    client.force_login(world.network_coordinator)
    return client.post(
        _url("mentor_confirm", world.network),
        {"area": area, "mentor": world.a.organisation.pk, "mentee": world.b.organisation.pk},
    )


def test_confirm_a_suggestion_then_both_municipalities_see_it_and_a_third_does_not(world, client):
    set_levels(world.a.organisation, {4: 3})
    set_levels(world.b.organisation, {4: 1})
    third, third_users = add_member(world.network, "Tredje kommun", "tredje")
    set_levels(third, dict.fromkeys(range(1, 8), 2))  # neither mentor nor mentee
    response = _confirm(client, world)
    pairing = MentorPairing.objects.get()
    assert response.status_code == 302
    assert (pairing.mentor, pairing.mentee, pairing.area, pairing.status) == (
        world.a.organisation,
        world.b.organisation,
        4,
        MentorPairing.Status.ACTIVE,
    )
    assert pairing.confirmed_by == world.network_coordinator
    # Confirmed pairs are no longer suggested.
    page = client.get(_url("mentor_list", world.network)).content.decode()
    assert "Inga förslag" in page

    # The mentee: on its home page and its mentor page.
    client.force_login(world.b.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert "Er mentorkommun för område 4: Alfastads kommun" in home
    client.force_login(world.b.viewer)
    page = client.get(_url("mentor_list", world.network)).content.decode()
    assert "Er mentorkommun för område 4: Alfastads kommun" in page
    assert client.get(_url("mentor_detail", world.network, pk=pairing.pk)).status_code == 200

    # The mentor.
    client.force_login(world.a.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert "Ni är mentor för Betaby kommun i område 4" in home

    # A third member: not on its home page, not listed, its detail page is a 404.
    client.force_login(third_users["coordinator"])
    home = client.get(reverse("collab:home")).content.decode()
    assert "Tredje kommun" in home
    assert "Alfastads kommun" not in home and "Betaby kommun" not in home
    client.force_login(third_users["viewer"])
    page = client.get(_url("mentor_list", world.network)).content.decode()
    assert "Betaby kommun" not in page and "Alfastads kommun" not in page
    assert client.get(_url("mentor_detail", world.network, pk=pairing.pk)).status_code == 404
    client.force_login(third_users["coordinator"])
    response = client.post(
        _url("mentor_meeting_create", world.network, pk=pairing.pk),
        {"date": "2026-01-10", "notes": "x"},
    )
    assert response.status_code == 404
    assert not MentorMeeting.objects.exists()


def test_a_suggestion_that_no_longer_applies_is_not_confirmed(world, client):
    set_levels(world.a.organisation, {4: 2})  # not a mentor
    set_levels(world.b.organisation, {4: 1})
    response = _confirm(client, world)
    assert response.status_code == 302
    assert not MentorPairing.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert "Förslaget gäller inte längre" in page


def test_a_pair_by_hand_mentor_is_not_mentee_and_a_duplicate_is_a_form_error(world, client):
    client.force_login(world.network_coordinator)
    url = _url("mentor_create", world.network)
    a, b = world.a.organisation.pk, world.b.organisation.pk
    response = client.post(url, {"area": 2, "mentor": a, "mentee": a})
    assert response.status_code == 200
    assert "Mentorn och adepten måste vara olika kommuner" in response.content.decode()
    response = client.post(url, {"area": 2, "mentor": a, "mentee": b, "notes": "Start i mars"})
    assert response.status_code == 302
    response = client.post(url, {"area": 2, "mentor": a, "mentee": b})
    assert response.status_code == 200
    assert "Alfastads kommun är redan mentor för Betaby kommun i område 2" in (
        response.content.decode()
    )
    assert MentorPairing.objects.count() == 1
    # A non-member cannot be chosen.
    outsider, _ = add_member(world.network, "Utanför kommun", "utanfor")
    from collab.models import NetworkMembership

    NetworkMembership.objects.filter(organisation=outsider).update(
        status=NetworkMembership.Status.LEFT
    )
    response = client.post(url, {"area": 3, "mentor": outsider.pk, "mentee": b})
    assert response.status_code == 200
    assert MentorPairing.objects.count() == 1


def test_meetings_by_either_municipality_and_ending_the_pairing(world, client):
    pairing = MentorPairing.objects.create(
        network=world.network, area=4, mentor=world.a.organisation, mentee=world.b.organisation
    )
    # The mentee's coordinator (EDIT) records a meeting; a viewer may not.
    client.force_login(world.b.viewer)
    url = _url("mentor_meeting_create", world.network, pk=pairing.pk)
    assert client.post(url, {"date": "2026-01-10", "notes": "x"}).status_code == 403
    client.force_login(world.b.coordinator)
    response = client.post(url, {"date": "2026-01-10", "notes": "Vi gick igenom riktlinjerna."})
    assert response.status_code == 302
    meeting = MentorMeeting.objects.get()
    assert meeting.created_by == world.b.coordinator
    # The mentor sees the notes.
    client.force_login(world.a.viewer)
    page = client.get(_url("mentor_detail", world.network, pk=pairing.pk)).content.decode()
    assert "Vi gick igenom riktlinjerna." in page
    # The coordinator ends it with a date; it leaves the home pages.
    client.force_login(world.network_coordinator)
    response = client.post(
        _url("mentor_update", world.network, pk=pairing.pk),
        {"status": "ended", "ended_on": "2026-06-30", "notes": "Klart."},
    )
    assert response.status_code == 302
    pairing.refresh_from_db()
    assert pairing.status == MentorPairing.Status.ENDED
    assert pairing.ended_on == datetime.date(2026, 6, 30)
    client.force_login(world.b.coordinator)
    home = client.get(reverse("collab:home")).content.decode()
    assert "Betaby kommun" in home
    assert "Er mentorkommun" not in home
