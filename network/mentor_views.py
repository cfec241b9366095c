"""Mentor pages: ``/natverk/<network>/mentorer/``.

The coordinator sees the suggested pairs (with both levels and the reason) and every pairing,
confirms suggestions, creates pairs by hand and changes their status. A member sees only its
own pairings; a pairing it is not part of is a 404. Meetings are recorded by the coordinator or
by either municipality's users with ``Access.EDIT``.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from areas.handbook import AREA_CHOICES
from collab.dates import date_widget
from collab.forms import SubmitHelperMixin
from collab.models import Access
from network import mentors, selectors
from network.access import BOTH, COORDINATOR, NetworkAccessMixin
from network.models import MentorPairing


def _member_organisations(network):
    return [m.organisation for m in selectors.memberships(network)]


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class PairingForm(SubmitHelperMixin, forms.Form):
    submit_label = gettext_lazy("Create pairing")

    area = forms.TypedChoiceField(label=gettext_lazy("Area"), choices=AREA_CHOICES, coerce=int)
    mentor = OrganisationChoiceField(label=gettext_lazy("Mentor"), queryset=None)
    mentee = OrganisationChoiceField(label=gettext_lazy("Mentee"), queryset=None)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        from collab.models import Organisation

        ids = [o.pk for o in _member_organisations(network)]
        queryset = Organisation.objects.filter(pk__in=ids).order_by("name")
        self.fields["mentor"].queryset = queryset
        self.fields["mentee"].queryset = queryset
        self.helper = self.build_helper()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mentor") and cleaned.get("mentor") == cleaned.get("mentee"):
            self.add_error(
                "mentee", _("The mentor and the mentee must be different municipalities.")
            )
        return cleaned


class StatusForm(SubmitHelperMixin, forms.ModelForm):
    class Meta:
        model = MentorPairing
        fields = ["status", "ended_on", "notes"]
        widgets = {"ended_on": date_widget(), "notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"ended_on": gettext_lazy("When the status is ended; today if left empty.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()


class MeetingForm(SubmitHelperMixin, forms.Form):
    submit_label = gettext_lazy("Record meeting")

    date = forms.DateField(label=gettext_lazy("Date"), widget=date_widget())
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()


def _list_url(network):
    return reverse("network:mentor_list", kwargs={"network": network.slug})


class PairingObjectMixin:
    """The pairing from the URL, within this network; a member must be part of it. Looked up
    before the method is dispatched: list it after ``NetworkAccessMixin``."""

    model = MentorPairing

    def dispatch(self, request, *args, **kwargs):
        self.pairing = self.get_pairing()
        return super().dispatch(request, *args, **kwargs)

    def get_pairing(self) -> MentorPairing:
        pairing = get_object_or_404(
            MentorPairing.objects.select_related("mentor", "mentee"),
            pk=self.kwargs["pk"],
            network=self.network,
        )
        if not self.is_coordinator and not mentors.is_party(pairing, self.viewer_organisation):
            raise Http404(_("No such pairing."))
        return pairing


class MentorListView(NetworkAccessMixin, TemplateView):
    """The coordinator: suggestions and every pairing. A member: its own pairings."""

    audience = BOTH
    template_name = "network/mentors/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairings = list(
            mentors.visible_pairings(
                self.network,
                is_coordinator=self.is_coordinator,
                organisation=self.viewer_organisation,
            )
        )
        context["pairings"] = pairings
        if self.viewer_organisation is not None and not self.is_coordinator:
            context["lines"] = [
                {"text": mentors.line_for(p, self.viewer_organisation), "pairing": p}
                for p in pairings
                if p.status == MentorPairing.Status.ACTIVE
            ]
        if self.is_coordinator:
            context["suggestions"] = mentors.suggestions(self.network, timezone.localdate())
            context["mentor_min_level"] = mentors.MENTOR_MIN_LEVEL
            context["mentee_max_level"] = mentors.MENTEE_MAX_LEVEL
        return context


class MentorSuggestionConfirmView(NetworkAccessMixin, View):
    """POST: confirm one of the current suggestions (area, mentor, mentee)."""

    audience = COORDINATOR
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        data = request.POST
        wanted = (data.get("area"), data.get("mentor"), data.get("mentee"))
        found = next(
            (
                s
                for s in mentors.suggestions(self.network, timezone.localdate())
                if (str(s.area), str(s.mentor.pk), str(s.mentee.pk)) == wanted
            ),
            None,
        )
        if found is None:
            messages.error(
                request, _("The suggestion no longer applies; look at the current suggestions.")
            )
            return HttpResponseRedirect(_list_url(self.network))
        try:
            pairing = mentors.confirm(self.network, found, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(_list_url(self.network))
        messages.success(
            request,
            _("%(mentor)s is now the mentor of %(mentee)s in area %(area)s.")
            % {"mentor": found.mentor.name, "mentee": found.mentee.name, "area": found.area},
        )
        return HttpResponseRedirect(
            reverse(
                "network:mentor_detail", kwargs={"network": self.network.slug, "pk": pairing.pk}
            )
        )


class MentorPairingCreateView(NetworkAccessMixin, FormView):
    audience = COORDINATOR
    form_class = PairingForm
    template_name = "network/mentors/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New mentor pairing")
        context["cancel_url"] = _list_url(self.network)
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            pairing = mentors.create_pairing(
                self.network,
                area=data["area"],
                mentor=data["mentor"],
                mentee=data["mentee"],
                notes=data["notes"],
                user=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The mentor pairing was created."))
        return HttpResponseRedirect(
            reverse(
                "network:mentor_detail", kwargs={"network": self.network.slug, "pk": pairing.pk}
            )
        )


class MentorPairingDetailView(NetworkAccessMixin, PairingObjectMixin, TemplateView):
    audience = BOTH
    template_name = "network/mentors/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pairing = self.pairing
        context["pairing"] = pairing
        context["area_title"] = dict(AREA_CHOICES).get(pairing.area, pairing.area)
        context["meetings"] = list(pairing.meetings.select_related("created_by"))
        context["levels"] = mentors.pairing_levels(self.network, pairing, timezone.localdate())
        context["not_shared"] = selectors.NOT_SHARED
        if self.viewer_organisation is not None and not self.is_coordinator:
            context["line"] = mentors.line_for(pairing, self.viewer_organisation)
        context["can_record"] = self.is_coordinator or (
            self.request.membership is not None and self.request.membership.access >= Access.EDIT
        )
        if context["can_record"]:
            context["meeting_form"] = MeetingForm(
                initial={"date": timezone.localdate()}, auto_id="meeting_%s"
            )
            context["meeting_form"].helper.form_action = reverse(
                "network:mentor_meeting_create",
                kwargs={"network": self.network.slug, "pk": pairing.pk},
            )
        return context


class MentorPairingUpdateView(NetworkAccessMixin, PairingObjectMixin, FormView):
    """The coordinator changes the status (active → ended with a date) and the notes."""

    audience = COORDINATOR
    form_class = StatusForm
    template_name = "network/mentors/form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.pairing
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Change mentor pairing: %(pairing)s") % {
            "pairing": f"{self.pairing.mentor.name} → {self.pairing.mentee.name}"
        }
        context["cancel_url"] = self._detail_url()
        return context

    def _detail_url(self):
        return reverse(
            "network:mentor_detail", kwargs={"network": self.network.slug, "pk": self.pairing.pk}
        )

    def form_valid(self, form):
        data = form.cleaned_data
        mentors.change_status(
            MentorPairing.objects.get(pk=self.pairing.pk),
            status=data["status"],
            ended_on=data["ended_on"],
            notes=data["notes"],
        )
        messages.success(self.request, _("The mentor pairing was saved."))
        return HttpResponseRedirect(self._detail_url())


class MentorMeetingCreateView(NetworkAccessMixin, PairingObjectMixin, FormView):
    """Record a meeting: the coordinator or either municipality's users with EDIT."""

    audience = BOTH
    member_access = Access.EDIT
    form_class = MeetingForm
    template_name = "network/mentors/form.html"

    def get_initial(self):
        return {"date": timezone.localdate()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Record a mentor meeting")
        context["cancel_url"] = self._detail_url()
        return context

    def _detail_url(self):
        return reverse(
            "network:mentor_detail", kwargs={"network": self.network.slug, "pk": self.pairing.pk}
        )

    def form_valid(self, form):
        if not self.is_coordinator and not mentors.is_party(self.pairing, self.viewer_organisation):
            raise PermissionDenied
        mentors.add_meeting(
            self.pairing,
            date=form.cleaned_data["date"],
            notes=form.cleaned_data["notes"],
            user=self.request.user,
        )
        messages.success(self.request, _("The meeting was recorded."))
        return HttpResponseRedirect(self._detail_url())


urlpatterns = [
    path("<slug:network>/mentorer/", MentorListView.as_view(), name="mentor_list"),
    path(
        "<slug:network>/mentorer/bekrafta/",
        MentorSuggestionConfirmView.as_view(),
        name="mentor_confirm",
    ),
    path("<slug:network>/mentorer/ny/", MentorPairingCreateView.as_view(), name="mentor_create"),
    path(
        "<slug:network>/mentorer/<int:pk>/", MentorPairingDetailView.as_view(), name="mentor_detail"
    ),
    path(
        "<slug:network>/mentorer/<int:pk>/andra/",
        MentorPairingUpdateView.as_view(),
        name="mentor_update",
    ),
    path(
        "<slug:network>/mentorer/<int:pk>/moten/ny/",
        MentorMeetingCreateView.as_view(),
        name="mentor_meeting_create",
    ),
]
