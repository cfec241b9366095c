"""The demo register that ``seed_demo`` fills for each demo municipality."""

import os
import random
from collections import Counter

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from collab.models import Organisation
from enterprises import demo, orgnr
from enterprises.models import ContactPerson, EnterpriseStatus, LegalForm, SocialEnterprise


def _seed():
    with open(os.devnull, "w") as devnull:
        call_command("seed_demo", stdout=devnull)


def _counts():
    with scopes_disabled():
        return (
            SocialEnterprise.objects.count(),
            ContactPerson.objects.count(),
            SocialEnterprise.history.count(),
            ContactPerson.history.count(),
            SocialEnterprise.categories.through.objects.count(),
        )


@pytest.mark.django_db
def test_seed_demo_fills_a_realistic_register_once():
    _seed()
    first = _counts()
    _seed()
    assert _counts() == first, "a second run must add nothing"

    with scopes_disabled():
        far = Organisation.objects.get(slug="sjostad")
        start = Organisation.objects.get(slug="norrbyn")
        registers = {
            org.slug: list(SocialEnterprise.objects.filter(organisation=org))
            for org in (far, start)
        }
        for org in (far, start):
            enterprises = registers[org.slug]
            assert 35 <= len(enterprises) <= 45, org.slug
            numbers = [e.org_number for e in enterprises if e.org_number]
            assert len(numbers) == len(set(numbers)), "org numbers unique per organisation"
            assert 1 <= len(enterprises) - len(numbers) <= 2, "one or two under formation"
            for number in numbers:
                assert orgnr.normalise(number) == number
                assert orgnr.luhn_ok(number.replace("-", ""))
            for enterprise in enterprises:
                enterprise.full_clean()
            forms = Counter(e.legal_form for e in enterprises)
            assert forms[LegalForm.ECONOMIC_ASSOCIATION] > len(enterprises) / 2
            assert ContactPerson.objects.filter(organisation=org).exists()
            assert not ContactPerson.objects.filter(organisation=org).exclude(
                enterprise__organisation=org
            )
            assert all(e.categories.exists() for e in enterprises)

        def active(slug):
            return sum(e.status == EnterpriseStatus.ACTIVE for e in registers[slug])

        def identified(slug):
            return sum(e.status == EnterpriseStatus.IDENTIFIED for e in registers[slug])

        assert active("sjostad") > active("norrbyn")
        assert identified("norrbyn") > len(registers["norrbyn"]) / 2
        assert ContactPerson.objects.filter(organisation=far).count() > (
            ContactPerson.objects.filter(organisation=start).count()
        )
        names = {slug: {e.name for e in register} for slug, register in registers.items()}
        assert not names["sjostad"] & names["norrbyn"], "the two registers differ"


def test_org_number_has_a_valid_check_digit():
    rng = random.Random(1)
    for prefix in ("769", "802", "556", "559"):
        number = demo.org_number(prefix, rng)
        assert number.startswith(prefix)
        assert orgnr.normalise(number) == number
