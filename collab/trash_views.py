"""The deleted records page ("Borttagna uppgifter") and the restore action.

Coordinators and administrators see it: they are the ones who delete and can restore.
Elected representatives (read-only) do not: the page exists to undo a deletion, and they
edit nothing. A member can only be restored by an administrator, as only they remove members.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView

from collab import trash
from collab.generic import OrganisationAccessMixin
from collab.models import Access


class TrashFilterForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    q = forms.CharField(label=gettext_lazy("Search by name"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds"))] + [
            (trash.kind_of(m), str(m._meta.verbose_name_plural).capitalize())
            for m in trash.restorable_models()
        ]


class TrashListView(OrganisationAccessMixin, TemplateView):
    """Records deleted within the window and not restored, newest first."""

    template_name = "collab/trash_list.html"
    required_access = Access.EDIT
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = TrashFilterForm(self.request.GET or None)
        kind = query = ""
        if form.is_bound and form.is_valid():
            kind = form.cleaned_data["kind"]
            query = form.cleaned_data["q"].strip().casefold()
        records = trash.prime(trash.deleted_records(kind=kind or None))
        if query:
            records = [r for r in records if query in r.name.casefold()]
        page = Paginator(records, self.paginate_by).get_page(self.request.GET.get("page"))
        trash.with_cascade_info(list(page.object_list))
        params = self.request.GET.copy()
        params.pop("page", None)
        page_query = params.urlencode()
        context.update(
            {
                "title": _("Deleted records"),
                "days": trash.trash_days(),
                "filter_form": form,
                "page_obj": page,
                "paginator": page.paginator,
                "records": page.object_list,
                "total_count": page.paginator.count,
                "is_filtered": bool(kind or query),
                "page_query": page_query + "&" if page_query else "",
            }
        )
        return context


class TrashRestoreView(OrganisationAccessMixin, TemplateView):
    """GET: what will be restored (and what was deleted with it); POST: restore it."""

    template_name = "collab/trash_restore.html"
    required_access = Access.EDIT

    def dispatch(self, request, *args, **kwargs):
        self.restore_model = trash.model_for_kind(kwargs["kind"])
        return super().dispatch(request, *args, **kwargs)

    def get_record(self):
        if self.restore_model is None:
            raise Http404
        if self.request.membership.access < trash.restore_access(self.restore_model):
            raise PermissionDenied(_("Your role does not allow this."))
        record = trash.find_deleted(self.restore_model, self.kwargs["pk"])
        if record is None:  # never deleted here, another organisation's, or too old
            raise Http404
        return record

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record = kwargs.get("record") or self.get_record()
        existing = self.restore_model._base_manager.filter(pk=record.pk).first()
        context.update(
            {
                "title": _("Restore %(name)s") % {"name": record.name},
                "record": record,
                "existing_url": trash.url_of(existing) if existing is not None else None,
                "already_restored": existing is not None,
                "children": trash.cascade_children(record) if existing is None else [],
                "list_url": reverse("collab:trash_list"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        try:
            result = trash.restore_record(
                record=record,
                user=request.user,
                with_children=request.POST.get("children") == "on",
            )
        except trash.RestoreError as exc:
            context = self.get_context_data(record=record, error=exc, **kwargs)
            return self.render_to_response(context)
        messages.success(request, _("“%(name)s” was restored.") % {"name": record.name})
        others = len(result.restored) - 1
        if others:
            messages.success(
                request,
                ngettext(
                    "%(count)s record deleted together with it was restored too.",
                    "%(count)s records deleted together with it were restored too.",
                    others,
                )
                % {"count": others},
            )
        for problem in result.problems:
            messages.warning(request, problem)
        if result.lost_links:
            messages.warning(
                request,
                ngettext(
                    "%(count)s link to another record could not be restored because that "
                    "record is deleted.",
                    "%(count)s links to other records could not be restored because those "
                    "records are deleted.",
                    result.lost_links,
                )
                % {"count": result.lost_links},
            )
        url = trash.url_of(result.restored[0]) or reverse("collab:trash_list")
        return HttpResponseRedirect(url)


urlpatterns = [
    path("borttagna/", TrashListView.as_view(), name="trash_list"),
    path(
        "borttagna/<str:kind>/<int:pk>/aterstall/",
        TrashRestoreView.as_view(),
        name="trash_restore",
    ),
]
