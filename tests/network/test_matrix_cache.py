"""The seven-area matrix is cached, and shows at once what changed: a member's consent, a
change of a member's records (its level), a member leaving."""

from django_scopes import scope

from areas.models import AreaStep, StepProgress
from areas.models.walk import StepStatus
from collab.models import NetworkMembership
from tests.network.test_matrix_page import _rows, _url


def test_the_cached_matrix_follows_consent_records_and_membership(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.network_coordinator)
    url = _url(world.network)
    before = _rows(client.get(url))
    assert before[world.b.organisation].shared
    level = before[world.a.organisation].cells[0].level

    NetworkMembership.objects.filter(organisation=world.b.organisation).update(share_levels=False)
    assert not _rows(client.get(url))[world.b.organisation].shared

    # Sjöstad finishes and evaluates every step of area 1: its level there goes up.
    with django_capture_on_commit_callbacks(execute=True):
        with scope(organisation=world.a.organisation.pk):
            for step in AreaStep.objects.filter(area=1):
                StepProgress.objects.update_or_create(
                    organisation=world.a.organisation,
                    step=step,
                    defaults={"status": StepStatus.EVALUATED},
                )
    after = _rows(client.get(url))[world.a.organisation].cells[0].level
    assert after > level

    NetworkMembership.objects.filter(organisation=world.a.organisation).update(
        status=NetworkMembership.Status.LEFT
    )
    assert world.a.organisation not in _rows(client.get(url))
