"""Suggested mentor pairs: from the members' stored levels, only of members that share them."""

from django.urls import reverse
from django.utils import timezone

from collab.models import NetworkMembership
from network import mentors
from network.models import MentorPairing
from tests.network.mentors_helpers import add_member, set_levels


def _suggested(network):
    return {
        (s.area, s.mentor.name, s.mentee.name, s.mentor_level, s.mentee_level)
        for s in mentors.suggestions(network, timezone.localdate())
    }


def test_a_member_at_level_3_is_suggested_as_mentor_for_one_at_1_or_lower(world):
    a, b = world.a.organisation, world.b.organisation
    set_levels(a, {4: 3, 2: 2})
    set_levels(b, {4: 1, 2: 0})
    suggested = _suggested(world.network)
    assert (4, a.name, b.name, 3, 1) in suggested
    # Level 2 is not far enough ahead to be a mentor; in the areas both are at 0 nobody is.
    assert not [s for s in suggested if s[0] != 4]


def test_level_2_is_neither_mentor_nor_mentee(world):
    set_levels(world.a.organisation, {4: 2})
    set_levels(world.b.organisation, {4: 2})
    assert _suggested(world.network) == set()


def test_a_member_that_does_not_share_levels_is_never_suggested_nor_shown(world, client):
    a, b = world.a.organisation, world.b.organisation
    hidden, _users = add_member(world.network, "Dolda kommun", "dolda", share_levels=False)
    set_levels(a, {4: 1})
    set_levels(b, {4: 0})
    set_levels(hidden, {4: 4})  # would be the mentor of both, but does not share its levels
    assert _suggested(world.network) == set()
    client.force_login(world.network_coordinator)
    response = client.get(reverse("network:mentor_list", kwargs={"network": world.network.slug}))
    assert "Dolda kommun" not in response.content.decode()
    # Paired by hand, its level is still not shown on the pairing's page.
    pairing = MentorPairing.objects.create(network=world.network, area=4, mentor=hidden, mentee=b)
    detail = client.get(
        reverse("network:mentor_detail", kwargs={"network": world.network.slug, "pk": pairing.pk})
    ).content.decode()
    assert "Dolda kommun: delas inte; Betaby kommun: nivå 0" in detail
    assert "nivå 4" not in detail
    pairing.delete()
    # As soon as it shares, it is suggested (with its level).
    NetworkMembership.objects.filter(organisation=hidden).update(share_levels=True)
    assert (4, "Dolda kommun", b.name, 4, 0) in _suggested(world.network)


def test_existing_pairs_are_not_suggested_again_and_the_load_is_spread(world):
    a, b = world.a.organisation, world.b.organisation
    c, _ = add_member(world.network, "Cestads kommun", "cestad")
    d, _ = add_member(world.network, "Dalby kommun", "dalby")
    set_levels(a, {4: 4, 5: 4})
    set_levels(c, {4: 3, 5: 0})
    set_levels(b, {4: 0, 5: 1})
    set_levels(d, {4: 1, 5: 1})
    # Alfastad already mentors Betaby in area 5: no new suggestion there for Betaby.
    MentorPairing.objects.create(network=world.network, area=5, mentor=a, mentee=b)
    suggested = mentors.suggestions(world.network, timezone.localdate())
    pairs = {(s.area, s.mentor, s.mentee) for s in suggested}
    assert (5, a, b) not in pairs
    assert (5, a, d) in pairs  # the other starter in area 5
    # Area 4: two mentors (levels 4 and 3) and two mentees: Alfastad has an active pairing,
    # so Cestad (fewer active pairings) mentors the first mentee, then the load is even.
    area_4 = [(s.mentor, s.mentee) for s in suggested if s.area == 4]
    assert area_4[0] == (c, b)
    assert {mentor for mentor, _ in area_4} == {a, c}


def test_the_coordinator_sees_both_levels_and_the_reason(world, client):
    set_levels(world.a.organisation, {4: 3})
    set_levels(world.b.organisation, {4: 1})
    client.force_login(world.network_coordinator)
    page = client.get(
        reverse("network:mentor_list", kwargs={"network": world.network.slug})
    ).content.decode()
    assert "Alfastads kommun (nivå 3)" in page
    assert "Betaby kommun (nivå 1)" in page
    assert "Alfastads kommun är på nivå 3 i område 4 (3 eller högre)" in page
