"""The good examples library of a network (``/natverk/<network>/goda-exempel/``).

Members write examples for their own organisation and publish them; the coordinator curates
(features, returns with a comment). What a viewer may read comes from ``network.examples``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from areas.handbook import get_area
from collab import files, submissions
from collab.generic import ALREADY_SAVED, add_errors
from collab.models import Access, Attachment
from network import examples
from network.access import COORDINATOR, MEMBER, NetworkAccessMixin
from network.example_forms import ExampleSearchForm, GoodExampleForm, ReturnForm
from network.models import GoodExample
from network.sizes import size_band

PAGE_SIZE = 20


def _list_url(network) -> str:
    return reverse("network:example_list", kwargs={"network": network.slug})


def _area_titles(example) -> list[str]:
    return [
        f"{a.area}. {area.title}" if (area := get_area(a.area)) else str(a.area)
        for a in example.areas.all()
    ]


class ExampleListView(NetworkAccessMixin, TemplateView):
    """The library: published examples of sharing members, searchable, featured first; a
    member also sees its own drafts and returned examples."""

    template_name = "network/examples/example_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ExampleSearchForm(self.request.GET or None)
        queryset = examples.search(examples.published(self.network), form.criteria())
        page = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        organisation = self.viewer_organisation
        slug = self.network.slug
        context.update(
            {
                "form": form,
                "page_obj": page,
                "rows": [
                    {
                        "example": example,
                        "areas": _area_titles(example),
                        "size": size_band(example.organisation.population),
                    }
                    for example in page
                ],
                "page_query": query.urlencode(),
                "is_filtered": any(v for k, v in self.request.GET.items() if k != "page"),
                "own_unpublished": list(examples.own_unpublished(self.network, organisation))
                if organisation is not None
                else [],
                "create_url": reverse("network:example_create", kwargs={"network": slug})
                if organisation is not None and context["can_edit"]
                else None,
            }
        )
        return context


class ExampleDetailView(NetworkAccessMixin, TemplateView):
    model = GoodExample
    template_name = "network/examples/example_detail.html"

    def get_example(self) -> GoodExample:
        return examples.get_visible(self.network, self.kwargs["pk"], self.viewer_organisation)

    def http_method_not_allowed(self, request, *args, **kwargs):
        self.get_example()  # an example the viewer may not read does not exist (404)
        return super().http_method_not_allowed(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        example = self.get_example()
        own = example.organisation_id == getattr(self.viewer_organisation, "pk", None)
        slug = self.network.slug
        context.update(
            {
                "example": example,
                "areas": _area_titles(example),
                "size": size_band(example.organisation.population),
                "attachments": examples.example_attachments(example),
                "snapshot_rows": examples.snapshot_rows(example),
                "snapshot_taken": examples.snapshot_date(example),
                "source_kind_label": examples.source_kind_label(example),
                "own": own,
                "can_change": own and context["can_edit"],
                "shares_examples": bool(self.membership and self.membership.share_examples),
                "list_url": _list_url(self.network),
                "url_kwargs": {"network": slug, "pk": example.pk},
            }
        )
        return context


class OwnExampleMixin:
    """A member's write on its own example (another organisation's example is a 404)."""

    audience = MEMBER
    member_access = Access.EDIT
    model = GoodExample

    def get_example(self) -> GoodExample:
        return examples.get_own(self.network, self.kwargs["pk"], self.viewer_organisation)


class ExampleFormMixin:
    template_name = "network/examples/example_form.html"
    form_class = GoodExampleForm
    audience = MEMBER
    member_access = Access.EDIT

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["owner"] = self.viewer_organisation
        kwargs["organisation"] = None
        kwargs["instance"] = self.get_instance()
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        submissions.add_submission_field(form)  # a double click saves once
        return form

    def post(self, request, *args, **kwargs):
        earlier = submissions.earlier_result(request)
        if earlier is not None:
            messages.info(request, ALREADY_SAVED)
            return HttpResponseRedirect(earlier)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        example = form.save(commit=False)
        try:
            with transaction.atomic():
                earlier = submissions.claim(self.request)
                if earlier is None:
                    example = examples.save_example(
                        example=example,
                        areas=form.cleaned_data["areas"],
                        source=form.cleaned_data.get("source") or "",
                        attachment=form.cleaned_data.get("attachment"),
                        user=self.request.user,
                    )
                    submissions.record(self.request, example.get_absolute_url())
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        if earlier is not None:
            messages.info(self.request, ALREADY_SAVED)
            return HttpResponseRedirect(earlier)
        messages.success(self.request, _("Saved."))
        return HttpResponseRedirect(example.get_absolute_url())


class ExampleCreateView(ExampleFormMixin, NetworkAccessMixin, FormView):
    def get_instance(self):
        return GoodExample(network=self.network, organisation=self.viewer_organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New good example")
        context["cancel_url"] = _list_url(self.network)
        return context


class ExampleUpdateView(ExampleFormMixin, OwnExampleMixin, NetworkAccessMixin, FormView):
    def get_instance(self):
        if not hasattr(self, "_example"):
            self._example = self.get_example()
        return self._example

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        example = self.get_instance()
        context["title"] = _("Edit %(name)s") % {"name": example}
        context["example"] = example
        context["attachments"] = examples.example_attachments(example)
        context["cancel_url"] = example.get_absolute_url()
        return context


class ExampleDeleteView(OwnExampleMixin, NetworkAccessMixin, TemplateView):
    """Confirmation, then the example is deleted with its files."""

    template_name = "network/examples/example_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        example = self.get_example()
        context["example"] = example
        context["attachments"] = examples.example_attachments(example)
        return context

    def post(self, request, *args, **kwargs):
        example = self.get_example()
        name = str(example)
        examples.delete_example(example)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        return HttpResponseRedirect(_list_url(self.network))


class ExampleActionView(NetworkAccessMixin, View):
    """A POST-only action on an example; back to its page with a message."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        example = self.get_example()
        try:
            message = self.act(example)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, message)
        return HttpResponseRedirect(self.redirect_url(example))

    def redirect_url(self, example) -> str:
        return example.get_absolute_url()


class ExamplePublishView(OwnExampleMixin, ExampleActionView):
    def act(self, example):
        examples.publish(example, self.membership)
        return _("The example is published to the network.")


class ExampleUnpublishView(OwnExampleMixin, ExampleActionView):
    def act(self, example):
        examples.unpublish(example)
        return _("The example is a draft again; only your organisation sees it.")


class CuratorMixin:
    audience = COORDINATOR
    model = GoodExample

    def get_example(self) -> GoodExample:
        example = examples.published(self.network).filter(pk=self.kwargs["pk"]).first()
        if example is None:
            raise Http404(_("No such good example."))
        return example


class ExampleFeatureView(CuratorMixin, ExampleActionView):
    def act(self, example):
        featured = self.request.POST.get("featured") == "1"
        examples.set_featured(example, featured)
        if featured:
            return _("The example is featured: it is shown first in the library.")
        return _("The example is no longer featured.")


class ExampleReturnView(CuratorMixin, NetworkAccessMixin, FormView):
    """The coordinator returns a published example with a comment to its member."""

    template_name = "network/examples/example_return.html"
    form_class = ReturnForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["example"] = self.get_example()
        return context

    def form_valid(self, form):
        example = self.get_example()
        try:
            examples.return_with_comment(example, form.cleaned_data["comment"])
        except ValidationError as exc:
            add_errors(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s was returned to %(organisation)s with your comment.")
            % {"name": example, "organisation": example.organisation},
        )
        return HttpResponseRedirect(_list_url(self.network))


class AttachmentDownloadView(NetworkAccessMixin, View):
    """An example's file, only for a viewer who may read the example
    (``examples.get_visible_attachment``)."""

    model = Attachment

    def get_attachment(self) -> Attachment:
        return examples.get_visible_attachment(
            self.network, self.kwargs["pk"], self.viewer_organisation
        )

    def post(self, request, *args, **kwargs):
        self.get_attachment()  # a file the viewer may not see does not exist (404)
        return self.http_method_not_allowed(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        attachment = self.get_attachment()
        return files.file_response(attachment.file, attachment.file_name)


class AttachmentDeleteView(NetworkAccessMixin, View):
    """The owner removes a file from its example."""

    audience = MEMBER
    member_access = Access.EDIT
    model = Attachment
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        attachment = examples.get_own_attachment(
            self.network, self.kwargs["pk"], self.viewer_organisation
        )
        name = attachment.file_name
        examples.delete_attachment(attachment)
        messages.success(request, _("%(name)s was deleted.") % {"name": name})
        kwargs = {"network": self.network.slug, "pk": attachment.object_id}
        return HttpResponseRedirect(reverse("network:example_update", kwargs=kwargs))
