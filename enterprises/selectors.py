"""Reads for the register: querysets ready for templates (no N+1)."""

from django.db.models import Prefetch

from enterprises.models import ContactPerson, SocialEnterprise


def enterprise_list():
    return SocialEnterprise.objects.prefetch_related("categories")


def enterprise_detail():
    return SocialEnterprise.objects.prefetch_related(
        "categories",
        "challenges",
        "sdgs",
        Prefetch("contacts", queryset=ContactPerson.objects.order_by("name")),
    )
