"""The attachments' pages: upload to a record, a new version, delete, download.

Every page is organisation-scoped like the records (``collab.generic``): another
organisation's attachment, or record to attach to, is a 404; uploading, a new version and
deleting need the edit role; downloading needs membership only. Files are only served here,
through ``collab.files.file_response`` (an attachment, nosniff)."""

from functools import cached_property

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collab import attachments, files
from collab.forms import AttachmentForm
from collab.generic import OrgCreateView, OrgDeleteView, OrgDetailView, OrgUpdateView
from collab.models import Attachment, AttachmentVersion, OrganisationOwned


class AttachmentCreateView(OrgCreateView):
    """Upload a file to a record of a registered kind (``<kind>/<object_id>``)."""

    model = Attachment
    form_class = AttachmentForm
    template_name = "collab/attachment_form.html"
    success_message = gettext_lazy("The file was uploaded.")

    @cached_property
    def parent(self):
        registered = attachments.attachable(self.kwargs["kind"])
        if registered is None or not issubclass(registered.model, OrganisationOwned):
            raise Http404
        # The scoped manager: another organisation's record does not exist here.
        parent = registered.model.objects.filter(pk=self.kwargs["object_id"]).first()
        if parent is None:
            raise Http404
        return parent

    def get(self, request, *args, **kwargs):
        self.parent  # noqa: B018 - 404 before the form for a record that is not there
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.parent  # noqa: B018
        return super().post(request, *args, **kwargs)

    def save(self, form):
        return attachments.add_attachment(
            parent=self.parent,
            upload=form.cleaned_data["file"],
            title=form.cleaned_data.get("title", ""),
            description=form.cleaned_data.get("description", ""),
            user=self.request.user,
        )

    def get_success_url(self):
        return self.parent.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New attachment to %(name)s") % {"name": self.parent}
        context["cancel_url"] = self.parent.get_absolute_url()
        context["parent"] = self.parent
        return context


class LiveRecordMixin:
    """An attachment whose record is deleted (in the trash) is a 404, like a missing one."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        attachment = obj.attachment if isinstance(obj, AttachmentVersion) else obj
        if not attachments.record_exists(attachment):
            raise Http404
        return obj


class AttachmentUpdateView(LiveRecordMixin, OrgUpdateView):
    """Change the title or description, or upload a new version of the file."""

    model = Attachment
    form_class = AttachmentForm
    template_name = "collab/attachment_form.html"

    def save(self, form):
        attachment = form.save(commit=False)
        return attachments.update_attachment(
            attachment=attachment, upload=form.cleaned_data.get("file"), user=self.request.user
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["earlier_versions"] = attachments.earlier_versions(self.object)
        return context


class AttachmentDeleteView(LiveRecordMixin, OrgDeleteView):
    """Delete after confirmation; restorable from the deleted records with its versions."""

    model = Attachment

    def get_success_url(self):
        return self.object.get_absolute_url()


class AttachmentDownloadView(LiveRecordMixin, OrgDetailView):
    """The attachment's current file, as a download with its original name."""

    model = Attachment

    def get(self, request, *args, **kwargs):
        attachment = self.get_object()
        return files.file_response(attachment.file, attachment.file_name)


class AttachmentVersionDownloadView(LiveRecordMixin, OrgDetailView):
    """An earlier (or the current) file of an attachment."""

    model = AttachmentVersion

    def get(self, request, *args, **kwargs):
        version = self.get_object()
        return files.file_response(version.file, version.file_name)


urlpatterns = [
    path(
        "bilagor/ny/<str:kind>/<int:object_id>/",
        AttachmentCreateView.as_view(),
        name="attachment_create",
    ),
    path("bilagor/<int:pk>/andra/", AttachmentUpdateView.as_view(), name="attachment_update"),
    path("bilagor/<int:pk>/radera/", AttachmentDeleteView.as_view(), name="attachment_delete"),
    path("bilagor/<int:pk>/fil/", AttachmentDownloadView.as_view(), name="attachment_download"),
    path(
        "bilagor/version/<int:pk>/fil/",
        AttachmentVersionDownloadView.as_view(),
        name="attachmentversion_download",
    ),
]
