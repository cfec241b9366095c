"""An ongoing IOP has been decided: like a decided one, it needs Forum's criteria assessed and
the decision recorded."""

import pytest
from django.urls import reverse

from areas.models import CriterionAnswer, PartnershipStatus
from enterprises.models import EnterpriseKind
from tests.areas.test_rules_forms import _count, _data, sv
from tests.factories import SocialEnterpriseFactory

pytestmark = pytest.mark.django_db

ONGOING = PartnershipStatus.ONGOING


@pytest.fixture
def partner(world):
    return SocialEnterpriseFactory(
        organisation=world.a.organisation, kind=EnterpriseKind.NON_PROFIT
    )


def test_ongoing_without_the_decision_is_refused_next_to_each_field(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(partner, status=ONGOING, committee="", decision_date="", case_number=""),
    )
    assert response.status_code == 200 and _count() == 0
    errors = response.context["form"].errors
    assert errors["committee"] == [
        sv("An ongoing partnership has been decided: record the committee that decided it.")
    ]
    assert errors["decision_date"] == [
        sv("An ongoing partnership has been decided: record the date of the decision.")
    ]
    assert errors["case_number"] == [
        sv(
            "An ongoing partnership has been decided: record the decision's case number "
            "(diarienummer)."
        )
    ]
    assert "Ett pågående partnerskap har beslutats" in response.content.decode()


def test_ongoing_with_a_criterion_not_assessed_is_refused(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(partner, status=ONGOING, criterion_long_term=CriterionAnswer.NOT_ASSESSED),
    )
    assert response.status_code == 200 and _count() == 0
    [message] = response.context["form"].errors["status"]
    assert "markeras som pågående" in message


def test_ongoing_with_the_decision_and_every_criterion_assessed_is_saved(client, world, partner):
    client.force_login(world.a.coordinator)
    response = client.post(reverse("areas:partnership_create"), _data(partner, status=ONGOING))
    assert response.status_code == 302 and _count() == 1


@pytest.mark.parametrize("status", [PartnershipStatus.DIALOGUE, PartnershipStatus.ENDED])
def test_other_statuses_need_no_decision(client, world, partner, status):
    client.force_login(world.a.coordinator)
    response = client.post(
        reverse("areas:partnership_create"),
        _data(
            partner,
            status=status,
            committee="",
            decision_date="",
            case_number="",
            criterion_long_term=CriterionAnswer.NOT_ASSESSED,
        ),
    )
    assert response.status_code == 302 and _count() == 1
