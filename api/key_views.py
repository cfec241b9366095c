"""The administrator's pages for API keys (create, list, revoke), under ``/organisation/``.

A key is shown once, on the page that answers the form that created it (never again: the
key's page and the list show its prefix only). Writes go through :mod:`api.keys`.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from api import keys
from api.models import ApiKey
from collab import submissions
from collab.forms import ScopedModelForm
from collab.generic import (
    ALREADY_SAVED,
    Column,
    OrganisationAccessMixin,
    OrgCreateView,
    OrgDetailView,
    OrgListView,
    OrgQuerysetMixin,
    add_errors,
)
from collab.models import Access


def key_status(key: ApiKey) -> str:
    """Active, expired or revoked, as the list and the key's page say it."""
    if key.revoked_at is not None:
        return _("Revoked")
    if not key.is_usable():
        return _("Expired")
    return _("Active")


def shown_prefix(key: ApiKey) -> str:
    """How a key is recognised without showing it: ``sv_abcd1234…``."""
    return f"{keys.KEY_START}{key.prefix}…"


@dataclass
class ComputedColumn(Column):
    """A column whose value a function gives (the key's status, its shown prefix)."""

    function: Callable | None = None

    def value(self, obj):
        return self.function(obj)


class ApiKeyForm(ScopedModelForm):
    submit_label = gettext_lazy("Create key")

    class Meta:
        model = ApiKey
        fields = ["name", "expires_on", "allow_personal_data"]

    def clean_expires_on(self):
        expires_on = self.cleaned_data.get("expires_on")
        if expires_on is not None and expires_on < timezone.localdate():
            raise forms.ValidationError(
                _("The date has already passed. Choose today or a later date, or leave it empty.")
            )
        return expires_on


class ApiKeyFilter(django_filters.FilterSet):
    class Meta:
        model = ApiKey
        fields: list[str] = []


class ApiKeyListView(OrgListView):
    model = ApiKey
    filterset_class = ApiKeyFilter
    select_related = ("created_by",)
    required_access = Access.MANAGE
    title = gettext_lazy("API keys")
    empty_text = gettext_lazy(
        "No API keys yet. Create one when another system, such as the intranet or a "
        "business-intelligence tool, is to read the organisation's records."
    )
    columns = [
        Column("name", gettext_lazy("Name"), sort="name", link=True),
        ComputedColumn("prefix", gettext_lazy("Key begins with"), function=shown_prefix),
        Column("created_at", gettext_lazy("Created"), sort="created_at"),
        Column("created_by.get_full_name", gettext_lazy("Created by")),
        Column("expires_on", gettext_lazy("Valid until"), sort="expires_on"),
        Column("last_used_at", gettext_lazy("Last used"), sort="last_used_at"),
        ComputedColumn("status", gettext_lazy("Status"), function=key_status),
        Column("allow_personal_data", gettext_lazy("May read personal data")),
    ]
    default_sort = "-created_at"
    create_url_name = "publishing:apikey_create"
    create_access = Access.MANAGE
    export_name = "api-nycklar"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = format_html(
            '{} <a href="{}">{}</a>',
            _(
                "An API key lets another system read the organisation's records in Samverka "
                "through the API (read only). Each key is shown once, when it is created; "
                "revoke a key that is no longer used or may have been seen by others."
            ),
            reverse("api:docs"),
            _("The API's documentation"),
        )
        return context


class ApiKeyDetailView(OrgDetailView):
    model = ApiKey
    select_related = ("created_by",)
    required_access = Access.MANAGE
    template_name = "api/apikey_detail.html"
    list_url_name = "publishing:apikey_list"
    fields = [
        Column("name", gettext_lazy("Name")),
        ComputedColumn("prefix", gettext_lazy("Key begins with"), function=shown_prefix),
        ComputedColumn("status", gettext_lazy("Status"), function=key_status),
        Column("created_at", gettext_lazy("Created")),
        Column("created_by.get_full_name", gettext_lazy("Created by")),
        Column("expires_on", gettext_lazy("Valid until")),
        Column("last_used_at", gettext_lazy("Last used")),
        Column("revoked_at", gettext_lazy("Revoked")),
        Column("allow_personal_data", gettext_lazy("May read personal data")),
    ]


class ApiKeyCreateView(OrgCreateView):
    """The form, and on success the page that shows the key: once, in this POST's answer
    (``Cache-Control: no-store`` like every page to a logged-in user), never stored."""

    model = ApiKey
    form_class = ApiKeyForm
    required_access = Access.MANAGE
    list_url_name = "publishing:apikey_list"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New API key")
        return context

    def form_valid(self, form):
        secret = None
        try:
            with transaction.atomic():
                earlier = submissions.claim(self.request)
                if earlier is None:
                    self.object, secret = keys.create_key(
                        organisation=self.request.organisation,
                        name=form.cleaned_data["name"],
                        created_by=self.request.user,
                        expires_on=form.cleaned_data["expires_on"],
                        allow_personal_data=form.cleaned_data["allow_personal_data"],
                    )
                    submissions.record(self.request, self.object.get_absolute_url())
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        if earlier is not None:
            # The form sent twice: the key was shown in the first answer only.
            messages.info(self.request, ALREADY_SAVED)
            return HttpResponseRedirect(earlier)
        example_url = self.request.build_absolute_uri(reverse("api:organisation"))
        return render(
            self.request,
            "api/apikey_created.html",
            {
                "title": _("The API key “%(name)s” was created") % {"name": self.object.name},
                "object": self.object,
                "secret": secret,
                "example": f'curl -H "Authorization: Bearer {secret}" {example_url}',
            },
        )


class ApiKeyRevokeView(OrganisationAccessMixin, OrgQuerysetMixin, DetailView):
    """Confirm, then revoke: the key is refused (401) from the next request on. It stays in
    the list as revoked; revoking it again changes nothing."""

    model = ApiKey
    required_access = Access.MANAGE
    template_name = "api/apikey_revoke.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Revoke the API key %(name)s") % {"name": self.object}
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.revoked_at is None:
            keys.revoke_key(key=self.object)
            messages.success(
                request,
                _("The API key %(name)s was revoked. Systems using it can no longer read.")
                % {"name": self.object},
            )
        return HttpResponseRedirect(self.object.get_absolute_url())


urlpatterns = [
    path("api-nycklar/", ApiKeyListView.as_view(), name="apikey_list"),
    path("api-nycklar/ny/", ApiKeyCreateView.as_view(), name="apikey_create"),
    path("api-nycklar/<int:pk>/", ApiKeyDetailView.as_view(), name="apikey_detail"),
    path("api-nycklar/<int:pk>/aterkalla/", ApiKeyRevokeView.as_view(), name="apikey_revoke"),
]
