"""The network reads its members' yearly figures and levels only through what they share."""

import datetime

from django.utils import timezone
from django_scopes import scope

from areas.walk import walk_status
from collab.models import NetworkMembership
from network import selectors
from tests.factories import SocialEnterpriseFactory

YEAR = datetime.date.today().year


def test_levels_are_the_walks_levels_and_a_member_that_does_not_share_is_never_shown(world):
    NetworkMembership.objects.filter(organisation=world.b.organisation).update(share_levels=False)
    keys = selectors.level_keys()
    values = selectors.shared_values(world.network, "levels", keys, [YEAR - 1, YEAR])
    by_org = {m.organisation: v for m, v in values.items()}
    assert by_org[world.b.organisation] == selectors.NOT_SHARED
    with scope(organisation=world.a.organisation.pk):
        walk = walk_status(world.a.organisation, timezone.localdate())
    for status, key in zip(walk, keys, strict=True):
        assert by_org[world.a.organisation][key][YEAR] == status.level.value
        assert by_org[world.a.organisation][key][YEAR - 1] is None  # not recorded then


def test_figures_follow_the_records_and_consent(world, django_capture_on_commit_callbacks):
    key = "enterprises_identified"
    with django_capture_on_commit_callbacks(execute=True):
        with scope(organisation=world.a.organisation.pk):
            SocialEnterpriseFactory(organisation=world.a.organisation)
    values = selectors.shared_values(world.network, "figures", [key], [YEAR])
    by_org = {m.organisation: v for m, v in values.items()}
    assert by_org[world.a.organisation][key][YEAR] == 1
    NetworkMembership.objects.filter(organisation=world.a.organisation).update(
        status=NetworkMembership.Status.LEFT
    )
    values = selectors.shared_values(world.network, "figures", [key], [YEAR])
    assert world.a.organisation not in {m.organisation for m in values}


def test_stored_values_are_read_in_a_constant_number_of_queries(world, django_assert_num_queries):
    keys = selectors.level_keys() + ["enterprises_identified"]
    selectors.shared_values(world.network, "levels", keys, [YEAR - 1, YEAR])
    with django_assert_num_queries(3):
        selectors.shared_values(world.network, "levels", keys, [YEAR - 1, YEAR])
