"""The register and the procurement list, the two big lists of the bench: a pinned number of
queries (session, user, the user's memberships, then the page's own), whatever the rows hold
(categories, societal challenges, more than a page), and with the register's filters."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from enterprises.models import EnterpriseStatus, ServiceCategory, SocietalChallenge
from tests.factories import ProcurementFactory, SocialEnterpriseFactory

FILTERED = {"status": "aktiv", "kind": "asf", "training": "ja", "q": "företag"}


def _queries(client, url, params=None) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(captured), "\n".join(q["sql"] for q in captured.captured_queries)


def _enterprises(organisation, count):
    categories = list(ServiceCategory.objects.all()[:3])
    challenges = list(SocietalChallenge.objects.all()[:2])
    with scopes_disabled():
        for _ in range(count):
            enterprise = SocialEnterpriseFactory(
                organisation=organisation, status=EnterpriseStatus.ACTIVE
            )
            enterprise.categories.set(categories)
            enterprise.challenges.set(challenges)


@pytest.mark.parametrize("params", [{}, FILTERED], ids=["all", "filtered"])
def test_register_list_makes_eight_queries_with_one_row_and_with_two_pages(client, world, params):
    url = reverse("enterprises:socialenterprise_list")
    client.force_login(world.a.coordinator)
    _enterprises(world.a.organisation, 1)
    one = _queries(client, url, params)
    _enterprises(world.a.organisation, 30)
    response = client.get(url, params)
    assert response.context["paginator"].count == 31  # the filter keeps every row
    many = _queries(client, url, params)
    assert one[0] == many[0] == 8, many[1]


def test_procurement_list_makes_six_queries_with_one_row_and_with_two_pages(client, world):
    url = reverse("procurement:procurement_list")
    category = ServiceCategory.objects.first()
    client.force_login(world.a.coordinator)
    with scopes_disabled():
        ProcurementFactory(organisation=world.a.organisation, category=category)
    one = _queries(client, url)
    with scopes_disabled():
        for _ in range(30):
            ProcurementFactory(organisation=world.a.organisation, category=category)
    many = _queries(client, url)
    assert one[0] == many[0] == 6, many[1]
