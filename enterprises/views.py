from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from collab.generic import (
    ChildFormMixin,
    Column,
    OrgCreateView,
    OrgDeleteView,
    OrgDetailView,
    OrgListView,
    OrgUpdateView,
)
from collab.models import Access, Membership
from collab.registry import related_sections
from enterprises import importing, selectors
from enterprises.filters import SocialEnterpriseFilter
from enterprises.forms import ContactPersonForm, SocialEnterpriseForm
from enterprises.models import CRITERIA, ContactPerson, SocialEnterprise


class SocialEnterpriseListView(OrgListView):
    model = SocialEnterprise
    filterset_class = SocialEnterpriseFilter
    title = _("Social enterprises")
    intro = _(
        "The register of social enterprises in the municipality: who they are, what they sell "
        "and how much work training they can offer."
    )
    empty_text = _(
        "The register is empty. Add the social enterprises you know of, or import a list "
        "from a spreadsheet."
    )
    columns = [
        Column("name", _("Name"), sort="name", link=True),
        Column("org_number", _("Organisation number"), sort="org_number"),
        Column("kind_short", _("Kind"), sort="kind"),
        Column("category_names", _("Service categories")),
        Column("work_training_places", _("Work-training places"), sort="work_training_places"),
        Column("postal_town", _("Postal town"), sort="postal_town"),
        Column("get_status_display", _("Status"), sort="status"),
    ]
    default_sort = "name"
    create_url_name = "enterprises:socialenterprise_create"
    export_name = "sociala-foretag"
    template_name = "enterprises/socialenterprise_list.html"

    def get_queryset(self):
        qs = super().get_queryset()
        return qs.prefetch_related("categories")

    def get(self, request, *args, **kwargs):
        # ?export=csv|xlsx&columns=all: every column of the import, to edit and import again.
        export = request.GET.get("export")
        if export in {"csv", "xlsx"} and request.GET.get("columns") == "all":
            return self.export_all(export)
        return super().get(request, *args, **kwargs)

    def export_all(self, file_format: str) -> HttpResponse:
        stamp = timezone.localdate().isoformat()
        name = f"{self.export_name}-alla-kolumner-{stamp}.{file_format}"
        if file_format == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            importing.write_export_csv(self.filtered_queryset(), response)
        else:
            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            importing.write_export_xlsx(self.filtered_queryset(), response)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The export form keeps the list's filters and sorting.
        context["export_hidden"] = [
            (key, value)
            for key, values in self.request.GET.lists()
            if key not in {"page", "export", "columns"}
            for value in values
        ]
        return context


class SocialEnterpriseDetailView(OrgDetailView):
    model = SocialEnterprise
    template_name = "enterprises/socialenterprise_detail.html"
    update_url_name = "enterprises:socialenterprise_update"
    delete_url_name = "enterprises:socialenterprise_delete"
    list_url_name = "enterprises:socialenterprise_list"

    def get_queryset(self):
        return selectors.enterprise_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        context["criteria"] = [
            {
                "label": label,
                "answer": getattr(obj, f"get_{name}_display")(),
                "value": getattr(obj, name),
                "note": getattr(obj, f"{name}_note"),
                "checked": getattr(obj, f"{name}_checked"),
            }
            for name, label in CRITERIA
        ]
        context["contacts"] = list(obj.contacts.all())
        context["contact_viewers"] = Membership.objects.active().count()
        context["related_sections"] = related_sections(obj)
        context["can_edit"] = self.request.membership.access >= Access.EDIT
        context["add_contact_url"] = (
            reverse("enterprises:contactperson_create") + f"?enterprise={obj.pk}"
        )
        return context


class SocialEnterpriseCreateView(OrgCreateView):
    model = SocialEnterprise
    form_class = SocialEnterpriseForm
    template_name = "enterprises/socialenterprise_form.html"
    list_url_name = "enterprises:socialenterprise_list"

    def get_initial(self):
        """Prefilled from a link, e.g. a supplier in the spend analysis that looks social."""
        initial = super().get_initial()
        for name in ("name", "org_number"):
            value = self.request.GET.get(name, "").strip()
            if value:
                initial[name] = value[:200]
        return initial


class SocialEnterpriseUpdateView(OrgUpdateView):
    model = SocialEnterprise
    form_class = SocialEnterpriseForm
    template_name = "enterprises/socialenterprise_form.html"
    list_url_name = "enterprises:socialenterprise_list"


class SocialEnterpriseDeleteView(OrgDeleteView):
    model = SocialEnterprise
    list_url_name = "enterprises:socialenterprise_list"
    template_name = "enterprises/socialenterprise_confirm_delete.html"
    protected_message = _(
        "%(name)s cannot be deleted because other records refer to it (%(related)s). "
        "Set its status to “ended” instead: it stays in the history but leaves the active "
        "register."
    )


class ContactPersonListView(OrgListView):
    model = ContactPerson
    select_related = ("enterprise",)
    title = _("Contact persons")
    intro = _(
        "Contact persons at the social enterprises. Personal data: visible to every member "
        "of the organisation; record only what the collaboration needs."
    )
    columns = [
        Column("name", _("Name"), sort="name", link=True),
        Column("role", _("Role"), sort="role"),
        Column("enterprise", _("Social enterprise"), sort="enterprise__name"),
        Column("email", _("E-mail address"), sort="email"),
        Column("phone", _("Phone")),
    ]
    default_sort = "name"
    create_url_name = "enterprises:contactperson_create"
    export_name = "kontaktpersoner"

    def get_filterset_class(self):
        from enterprises.filters import ContactPersonFilter

        return ContactPersonFilter


class ContactPersonDetailView(OrgDetailView):
    model = ContactPerson
    select_related = ("enterprise",)
    update_url_name = "enterprises:contactperson_update"
    delete_url_name = "enterprises:contactperson_delete"
    list_url_name = "enterprises:contactperson_list"
    fields = [
        Column("name", _("Name")),
        Column("role", _("Role")),
        Column("enterprise", _("Social enterprise")),
        Column("email", _("E-mail address")),
        Column("phone", _("Phone")),
    ]


class ContactPersonFormMixin(ChildFormMixin):
    """A contact person is added from the enterprise's page and the form goes back there."""

    model = ContactPerson
    form_class = ContactPersonForm
    list_url_name = "enterprises:contactperson_list"
    parent_field = "enterprise"
    parent_url_name = "enterprises:socialenterprise_detail"
    success_to_parent = True


class ContactPersonCreateView(ContactPersonFormMixin, OrgCreateView):
    initial_from_query = ("enterprise",)


class ContactPersonUpdateView(ContactPersonFormMixin, OrgUpdateView):
    pass


class ContactPersonDeleteView(OrgDeleteView):
    model = ContactPerson
    select_related = ("enterprise",)
    list_url_name = "enterprises:contactperson_list"
