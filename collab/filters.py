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

    ``spelled_fields`` maps a field to a function that gives, for a word, the text to look for
    in that field or None: the register passes its organisation-number spelling
    (``enterprises.orgnr.search_text``), so ``5560123456`` finds ``556012-3456``.

    A field through a to-many relation (``members__name``) is matched in a subquery, so a
    record with two matching members is listed once."""

    def __init__(self, *args, fields=(), spelled_fields=None, **kwargs):
        kwargs.setdefault("label", _("Search"))
        super().__init__(*args, **kwargs)
        self.search_fields = tuple(fields)
        self.spelled_fields = dict(spelled_fields or {})

    def filter(self, qs, value):
        for word in (value or "").split():
            qs = qs.filter(self.word_condition(qs.model, word))
        return qs

    def word_condition(self, model, word: str) -> Q:
        condition = Q()
        for field in self.search_fields:
            condition |= _lookup(model, field, word)
        for field, spelling in self.spelled_fields.items():
            text = spelling(word)
            if text:
                condition |= _lookup(model, field, text)
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
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[("pending", _("Awaiting answer"))],
        empty_label=_("All"),
        method="filter_state",
    )

    class Meta:
        model = Invitation
        fields = ["q", "role", "state"]

    def filter_state(self, queryset, name, value):
        return queryset.pending() if value == "pending" else queryset
