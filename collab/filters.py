import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from collab.models import (
    Invitation,
    Membership,
    Role,
)


class WordSearchFilter(django_filters.CharFilter):
    """The lists' search box: every word of the query must match one of ``fields``
    (case-insensitive, anywhere in the text), so "lokal vård" finds "Lokalvård i Väst" too.

    ``org_number_fields`` are also matched by a word that is an organisation number in any
    spelling: four to six digits match the start (``5560``, ``556012``), more digits the whole
    number with or without its hyphen (``5560123456``, ``556012-3456``).

    A field through a to-many relation (``members__name``) is matched in a subquery, so a
    record with two matching members is listed once."""

    def __init__(self, *args, fields=(), org_number_fields=(), **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(fields)
        self.org_number_fields = tuple(org_number_fields)

    def filter(self, qs, value):
        for word in (value or "").split():
            qs = qs.filter(self.word_condition(qs.model, word))
        return qs

    def word_condition(self, model, word: str) -> Q:
        condition = Q()
        for field in self.search_fields:
            condition |= _lookup(model, field, word)
        digits = re.sub(r"\D", "", word)
        if len(digits) >= 4:
            number = digits[:6] if len(digits) <= 6 else f"{digits[:6]}-{digits[6:]}"
            for field in self.org_number_fields:
                condition |= _lookup(model, field, number)
        return condition


def _lookup(model, path: str, word: str) -> Q:
    """``path`` contains ``word``; through a to-many relation as ``pk__in`` a subquery."""
    lookup = Q(**{f"{path}__icontains": word})
    current = model
    for part in path.split("__")[:-1]:
        field = current._meta.get_field(part)
        if field.many_to_many or field.one_to_many:
            return Q(pk__in=model._base_manager.filter(lookup).values("pk"))
        current = field.related_model
    return lookup


class MembershipFilter(django_filters.FilterSet):
    q = WordSearchFilter(
        fields=["user__first_name", "user__last_name", "user__email", "user__username"],
        help_text=_("Name or e-mail address"),
    )
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))

    class Meta:
        model = Membership
        fields = ["q", "role"]


class InvitationFilter(django_filters.FilterSet):
    q = WordSearchFilter(fields=["email"])
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Role.choices, empty_label=_("All"))

    class Meta:
        model = Invitation
        fields = ["q", "role"]
