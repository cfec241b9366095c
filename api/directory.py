"""What the public sees of an organisation's register: the one home of that rule.

The public directory's pages (``/oppna-data/<organisation>/foretag/``) and the register dataset
(CSV, JSON) both read :func:`listed` and :data:`COLUMNS`:

- an enterprise is public when it agreed to be listed (``public_listing``) and its status is not
  "ended";
- of it the public sees what the enterprise agreed to publish: name, organisation number, kind,
  legal form, service categories, offer, area of operation, website and capacity (work-training
  places, employees, participants) — never notes, tags, criteria, address or status;
- a sole trader's organisation number is the owner's personal identity number (personal data,
  :func:`enterprises.orgnr.is_personal`): it is never shown nor searchable;
- contact persons only where marked public (``is_public``): name, role, e-mail and phone.

Call inside the organisation's scope.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Case, F, Max, Prefetch, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scope

from api.schema import Column
from collab.filters import WordSearchFilter
from collab.generic import sort_expression
from enterprises import orgnr
from enterprises.models import (
    ContactPerson,
    EnterpriseKind,
    ServiceCategory,
    SocialEnterprise,
)

PAGE_SIZE = 25


def listed(organisation):
    """The organisation's enterprises in the public directory, by name (Swedish order), with
    ``public_org_number`` ("" for a sole trader's personal number), their categories and
    ``public_contacts``."""
    return (
        SocialEnterprise.objects.filter(organisation=organisation, public_listing=True)
        .not_ended()
        .annotate(
            # The third digit 0 or 1: a month, i.e. a personal identity number (orgnr.is_personal).
            public_org_number=Case(
                When(org_number__regex=r"^[0-9]{2}[01]", then=Value("")),
                default=F("org_number"),
            )
        )
        .prefetch_related(
            "categories",
            Prefetch(
                "contacts",
                queryset=ContactPerson.objects.filter(is_public=True).order_by("name", "pk"),
                to_attr="public_contacts",
            ),
        )
        .order_by(sort_expression(SocialEnterprise, "name"), "pk")
    )


def public_org_number(enterprise) -> str:
    """The number as the public sees it (the annotation, or the same rule in Python)."""
    number = getattr(enterprise, "public_org_number", None)
    if number is None:
        digits = enterprise.org_number.replace("-", "")
        number = "" if digits and orgnr.is_personal(digits) else enterprise.org_number
    return number


def _contacts(enterprise) -> list[dict]:
    return [
        {"name": c.name, "role": c.role, "email": c.email, "phone": c.phone}
        for c in enterprise.public_contacts
    ]


COLUMNS = [
    Column(
        "id",
        "integer",
        True,
        _("The enterprise's number in this directory (its page is …/foretag/<id>/)."),
        "412",
        lambda e: e.pk,
    ),
    Column("name", "text", True, _("The enterprise's name."), "Kafé Bryggan ek. för.", str),
    Column(
        "organisation_number",
        "text",
        False,
        _(
            "Swedish organisation number, NNNNNN-NNNN. Empty for an enterprise being formed and "
            "for a sole trader (whose number is a personal identity number)."
        ),
        "769612-3450",
        public_org_number,
    ),
    Column(
        "kind",
        "text",
        True,
        _(
            "Kind of social enterprise: asf (work-integration social enterprise), "
            "samhallsentreprenor (social entrepreneur), ideburen (non-profit), annat (other)."
        ),
        "asf",
        lambda e: e.kind,
    ),
    Column(
        "kind_label",
        "text",
        True,
        _("The kind in words."),
        "Arbetsintegrerande socialt företag (ASF)",
        lambda e: str(e.get_kind_display()),
    ),
    Column(
        "legal_form",
        "text",
        True,
        _("Legal form in words, e.g. economic association, limited company."),
        "Ekonomisk förening",
        lambda e: str(e.get_legal_form_display()),
    ),
    Column(
        "categories",
        "list",
        False,
        _("Service categories: what the enterprise sells (the procurement categories)."),
        "Catering; Lokalvård",
        lambda e: [c.name for c in e.categories.all()],
    ),
    Column(
        "offer",
        "text",
        False,
        _("What the enterprise offers, in its own words."),
        "Lunch och fika för möten, städning av kontor.",
        lambda e: e.offer,
    ),
    Column(
        "operates_in",
        "text",
        False,
        _("Where it operates: areas, districts or municipalities."),
        "Centrum, Hamnen",
        lambda e: e.operates_in,
    ),
    Column(
        "website",
        "text",
        False,
        _("The enterprise's website."),
        "https://kafebryggan.example.se/",
        lambda e: e.website,
    ),
    Column(
        "work_training_places",
        "integer",
        True,
        _("Places for work training (arbetsträning) the enterprise can offer."),
        "6",
        lambda e: e.work_training_places,
    ),
    Column(
        "employees",
        "integer",
        True,
        _("Number of employees."),
        "9",
        lambda e: e.employees,
    ),
    Column(
        "participants",
        "integer",
        True,
        _("People in work training, rehabilitation or similar at the enterprise."),
        "7",
        lambda e: e.participants,
    ),
    Column(
        "contacts",
        "contacts",
        False,
        _(
            "Contact persons who agreed to be shown: name, role, e-mail and phone (in the CSV "
            "one text per person, separated by semicolons)."
        ),
        "Lena Ek, verksamhetschef, lena@kafebryggan.example.se, 070-123 45 67",
        _contacts,
    ),
    Column(
        "updated",
        "date",
        True,
        _("When the enterprise's record was last changed."),
        "2026-11-20",
        lambda e: e.updated_at,
    ),
]


def last_updated(organisation) -> datetime.date | None:
    """The newest change to an enterprise in the directory (None when it is empty)."""
    with scope(organisation=organisation.pk):
        newest = (
            SocialEnterprise.objects.filter(organisation=organisation, public_listing=True)
            .not_ended()
            .aggregate(newest=Max("updated_at"))["newest"]
        )
    return timezone.localtime(newest).date() if newest else None


class DirectoryFilter(django_filters.FilterSet):
    """The directory's search: name, or organisation number in any spelling (the register's
    own search filter and its spelling rule, on the public number only), category and kind."""

    q = WordSearchFilter(
        fields=["name"],
        spelled_fields={"public_org_number": orgnr.search_text},
        help_text=_("Name or organisation number"),
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Service category"),
        field_name="categories",
        queryset=ServiceCategory.objects.all(),
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=EnterpriseKind.choices,
        empty_label=_("All"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    class Meta:
        model = SocialEnterprise
        fields = ["q", "category", "kind"]
