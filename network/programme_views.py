"""Programme pages: ``/natverk/<network>/program/``.

The coordinator creates a seminar series, its sessions, assignments and participating teams,
and sees each team's status per assignment. Every member sees the sessions, material and
assignments; a team (its organisation's users with ``Access.EDIT``) hands in its answers. A
submission and its files are shown only to the team's organisation and the coordinator
(anyone else: 404).
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from areas import documents
from areas.handbook import AREA_CHOICES
from collab import formatting
from collab.dates import date_widget
from collab.forms import SubmitHelperMixin
from collab.models import Access, Organisation
from network import programme as rules
from network import selectors
from network.access import BOTH, COORDINATOR, MEMBER, NetworkAccessMixin
from network.models import (
    Assignment,
    Programme,
    ProgrammeSession,
    ProgrammeTeam,
    Submission,
    SubmissionFile,
)

# --- forms -------------------------------------------------------------------------------------


class _Form(SubmitHelperMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.build_helper()


class ProgrammeForm(_Form):
    class Meta:
        model = Programme
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class SessionForm(_Form):
    area = forms.TypedChoiceField(
        label=gettext_lazy("Area"),
        choices=[("", "–"), *AREA_CHOICES],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = ProgrammeSession
        fields = ["date", "theme", "area", "material"]
        widgets = {"date": date_widget(), "material": forms.Textarea(attrs={"rows": 5})}


class AssignmentForm(_Form):
    class Meta:
        model = Assignment
        fields = ["title", "instructions", "due_date"]
        widgets = {"due_date": date_widget(), "instructions": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "due_date": gettext_lazy(
                "The day before the next session unless you choose another. Teams can hand in "
                "until the end of this day."
            )
        }

    def clean_due_date(self):
        due_date = self.cleaned_data.get("due_date")
        session = self.instance.session
        if due_date and due_date < session.date:
            raise ValidationError(
                _("The due date cannot be before the session (%(date)s).")
                % {"date": formatting.date(session.date)}
            )
        return due_date


class TeamForm(_Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Member organisation"), queryset=Organisation.objects.none()
    )

    class Meta:
        model = ProgrammeTeam
        fields = ["organisation", "members"]
        widgets = {"members": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, network, programme, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
            self.helper = self.build_helper()  # without the field
            return
        taken = ProgrammeTeam.objects.filter(programme=programme).values_list(
            "organisation_id", flat=True
        )
        ids = [m.organisation_id for m in selectors.memberships(network)]
        field = self.fields["organisation"]
        field.queryset = (
            Organisation.objects.filter(pk__in=ids).exclude(pk__in=taken).order_by("name")
        )
        field.label_from_instance = lambda obj: obj.name
        self.instance.programme = programme


class SubmissionForm(SubmitHelperMixin, forms.Form):
    submit_label = gettext_lazy("Hand in")

    text = forms.CharField(
        label=gettext_lazy("Answer"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    file = forms.FileField(
        label=gettext_lazy("Add a file"),
        required=False,
        help_text=gettext_lazy(
            "PDF, Word (.docx), OpenDocument (.odt) or text (.txt), at most 20 MB."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = documents.ACCEPT
        self.helper = self.build_helper()

    def clean_file(self):
        # The same content checks as governing documents.
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            documents.check_document(file, file.name)
        return file

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("file") and not self.has_files:
            self.add_error("text", _("Write an answer or add a file."))
        return cleaned

    has_files = False


# --- lookups within the network ------------------------------------------------------------------


def _programme_url(programme):
    return reverse(
        "network:programme_detail",
        kwargs={"network": programme.network.slug, "pk": programme.pk},
    )


class ObjectInNetworkMixin:
    """Looks up the URL's object within ``self.network`` before the method is dispatched (so
    another network's object is a 404 for every method). List it after
    ``NetworkAccessMixin``: the access check comes first."""

    def dispatch(self, request, *args, **kwargs):
        self.lookup()
        return super().dispatch(request, *args, **kwargs)


class ProgrammeMixin(ObjectInNetworkMixin):
    model = Programme

    def lookup(self):
        self.programme = get_object_or_404(Programme, pk=self.kwargs["pk"], network=self.network)


class SessionMixin(ObjectInNetworkMixin):
    model = ProgrammeSession

    def lookup(self):
        self.session = get_object_or_404(
            ProgrammeSession.objects.select_related("programme"),
            pk=self.kwargs["pk"],
            programme__network=self.network,
        )


class AssignmentMixin(ObjectInNetworkMixin):
    model = Assignment

    def lookup(self):
        self.assignment = get_object_or_404(
            Assignment.objects.select_related("session__programme"),
            pk=self.kwargs["pk"],
            session__programme__network=self.network,
        )


class _FormPage(FormView):
    template_name = "network/programme/form.html"
    title = ""
    success_message = gettext_lazy("Saved.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        context["cancel_url"] = self.get_cancel_url()
        return context

    def get_title(self):
        return self.title

    def form_valid(self, form):
        try:
            with transaction.atomic():
                obj = form.save()
        except IntegrityError:
            form.add_error(None, _("This already exists."))
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url(obj))


# --- programmes --------------------------------------------------------------------------------


class ProgrammeListView(NetworkAccessMixin, TemplateView):
    audience = BOTH
    template_name = "network/programme/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(rules.programmes(self.network))
        teams = set()
        if self.viewer_organisation is not None:
            teams = set(
                ProgrammeTeam.objects.filter(
                    programme__network=self.network, organisation=self.viewer_organisation
                ).values_list("programme_id", flat=True)
            )
        context["programmes"] = [{"programme": p, "is_team": p.pk in teams} for p in items]
        return context


class ProgrammeCreateView(NetworkAccessMixin, _FormPage):
    audience = COORDINATOR
    form_class = ProgrammeForm
    title = gettext_lazy("New programme")
    success_message = gettext_lazy("The programme was created.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Programme(network=self.network)
        return kwargs

    def get_cancel_url(self):
        return reverse("network:programme_list", kwargs={"network": self.network.slug})

    def get_success_url(self, obj):
        return _programme_url(obj)


class ProgrammeUpdateView(NetworkAccessMixin, ProgrammeMixin, _FormPage):
    audience = COORDINATOR
    form_class = ProgrammeForm
    title = gettext_lazy("Change programme")
    success_message = gettext_lazy("The programme was saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.programme
        return kwargs

    def get_cancel_url(self):
        return _programme_url(self.programme)

    def get_success_url(self, obj):
        return _programme_url(obj)


class ProgrammeDetailView(NetworkAccessMixin, ProgrammeMixin, TemplateView):
    """Sessions with material and assignments; the teams (their people only for the
    coordinator and the team itself); the viewer's team's status per assignment."""

    audience = BOTH
    template_name = "network/programme/detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.programme
        today = timezone.localdate()
        session_list = rules.sessions(programme)
        numbers = rules.session_numbers(session_list)
        team = rules.team_of(programme, self.viewer_organisation)
        own = {}
        if team is not None:
            own = {s.assignment_id: s for s in Submission.objects.filter(team=team)}
        context.update(
            programme=programme,
            team=team,
            teams=list(programme.teams.select_related("organisation")),
            area_titles=dict(AREA_CHOICES),
            sessions=[
                {
                    "session": s,
                    "number": numbers[s.pk],
                    "assignments": [
                        {
                            "assignment": a,
                            "status": rules.status_label(rules.status(a, own.get(a.pk), today))
                            if team is not None
                            else "",
                        }
                        for a in s.assignments.all()
                    ],
                }
                for s in session_list
            ],
        )
        return context


class ProgrammeStatusView(NetworkAccessMixin, ProgrammeMixin, TemplateView):
    """The coordinator's table: teams × assignments."""

    audience = COORDINATOR
    template_name = "network/programme/status.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.programme
        context["programme"] = programme
        context.update(rules.status_table(programme, timezone.localdate()))
        return context


# --- sessions, assignments, teams ----------------------------------------------------------------


class SessionCreateView(NetworkAccessMixin, ProgrammeMixin, _FormPage):
    audience = COORDINATOR
    form_class = SessionForm
    title = gettext_lazy("New session")
    success_message = gettext_lazy("The session was created.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ProgrammeSession(programme=self.programme)
        return kwargs

    def get_cancel_url(self):
        return _programme_url(self.programme)

    def get_success_url(self, obj):
        return _programme_url(self.programme)


class SessionUpdateView(NetworkAccessMixin, SessionMixin, _FormPage):
    audience = COORDINATOR
    form_class = SessionForm
    title = gettext_lazy("Change session")
    success_message = gettext_lazy("The session was saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.session
        return kwargs

    def get_cancel_url(self):
        return _programme_url(self.session.programme)

    def get_success_url(self, obj):
        return _programme_url(self.session.programme)


class AssignmentCreateView(NetworkAccessMixin, SessionMixin, _FormPage):
    audience = COORDINATOR
    form_class = AssignmentForm
    success_message = gettext_lazy("The assignment was created.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Assignment(session=self.session)
        return kwargs

    def get_initial(self):
        return {"due_date": rules.default_due_date(self.session)}

    def get_title(self):
        return _("New assignment for %(session)s") % {"session": self.session.theme}

    def get_cancel_url(self):
        return _programme_url(self.session.programme)

    def get_success_url(self, obj):
        return _programme_url(self.session.programme)


class AssignmentUpdateView(NetworkAccessMixin, AssignmentMixin, _FormPage):
    audience = COORDINATOR
    form_class = AssignmentForm
    title = gettext_lazy("Change assignment")
    success_message = gettext_lazy("The assignment was saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.assignment
        return kwargs

    def get_cancel_url(self):
        return _assignment_url(self.network, self.assignment)

    def get_success_url(self, obj):
        return _assignment_url(self.network, obj)


class TeamCreateView(NetworkAccessMixin, ProgrammeMixin, _FormPage):
    audience = COORDINATOR
    form_class = TeamForm
    title = gettext_lazy("New team")
    success_message = gettext_lazy("The team was added.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(network=self.network, programme=self.programme)
        return kwargs

    def get_cancel_url(self):
        return _programme_url(self.programme)

    def get_success_url(self, obj):
        return _programme_url(self.programme)


class TeamMixin(ObjectInNetworkMixin):
    model = ProgrammeTeam

    def lookup(self):
        self.team = get_object_or_404(
            ProgrammeTeam.objects.select_related("programme", "organisation"),
            pk=self.kwargs["pk"],
            programme__network=self.network,
        )


class TeamUpdateView(NetworkAccessMixin, TeamMixin, _FormPage):
    audience = COORDINATOR
    form_class = TeamForm
    success_message = gettext_lazy("The team was saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(instance=self.team, network=self.network, programme=self.team.programme)
        return kwargs

    def get_title(self):
        return _("Team of %(organisation)s") % {"organisation": self.team.organisation.name}

    def get_cancel_url(self):
        return _programme_url(self.team.programme)

    def get_success_url(self, obj):
        return _programme_url(self.team.programme)


# --- assignments and submissions ---------------------------------------------------------------


def _assignment_url(network, assignment):
    return reverse(
        "network:assignment_detail", kwargs={"network": network.slug, "pk": assignment.pk}
    )


class AssignmentDetailView(NetworkAccessMixin, AssignmentMixin, TemplateView):
    """Instructions and due date; the coordinator sees every team's submission, a team its
    own (and a link to hand in)."""

    audience = BOTH
    template_name = "network/programme/assignment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assignment = self.assignment
        today = timezone.localdate()
        programme = assignment.session.programme
        team = rules.team_of(programme, self.viewer_organisation)
        context.update(assignment=assignment, programme=programme, team=team)
        if self.is_coordinator:
            context["table"] = rules.status_table(programme, today)
            context["cells"] = [
                (row["team"], cell)
                for row in context["table"]["rows"]
                for cell in row["cells"]
                if cell.assignment.pk == assignment.pk
            ]
        if team is not None:
            submission = Submission.objects.filter(assignment=assignment, team=team).first()
            context["submission"] = submission
            context["status"] = rules.status_label(rules.status(assignment, submission, today))
            context["can_submit"] = rules.can_edit(assignment, submission, today)
        return context


class SubmissionEditView(NetworkAccessMixin, AssignmentMixin, FormView):
    """The viewer's team hands in (or changes) its answer until the deadline."""

    audience = MEMBER
    member_access = Access.EDIT
    form_class = SubmissionForm
    template_name = "network/programme/submit.html"

    def setup_objects(self):
        self.team = rules.team_of(self.assignment.session.programme, self.viewer_organisation)
        if self.team is None:
            raise Http404(_("Your organisation is not a team in this programme."))
        self.submission = Submission.objects.filter(
            assignment=self.assignment, team=self.team
        ).first()
        self.open = rules.can_edit(self.assignment, self.submission, timezone.localdate())

    def get(self, request, *args, **kwargs):
        self.setup_objects()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_objects()
        if not self.open:
            messages.error(request, rules.locked_message(self.assignment))
            return HttpResponseRedirect(_assignment_url(self.network, self.assignment))
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.has_files = self.submission is not None and self.submission.files.exists()
        return form

    def get_initial(self):
        return {"text": self.submission.text if self.submission else ""}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            assignment=self.assignment,
            programme=self.assignment.session.programme,
            team=self.team,
            submission=self.submission,
            files=list(self.submission.files.all()) if self.submission else [],
            open=self.open,
            locked_message=rules.locked_message(self.assignment),
            late=today > self.assignment.due_date,
        )
        return context

    def form_valid(self, form):
        try:
            rules.save_submission(
                assignment=self.assignment,
                team=self.team,
                text=form.cleaned_data["text"],
                upload=form.cleaned_data.get("file"),
                user=self.request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Your answer was handed in."))
        return HttpResponseRedirect(
            reverse(
                "network:submission_edit",
                kwargs={"network": self.network.slug, "pk": self.assignment.pk},
            )
        )


def _visible_submission_q(view):
    """A submission or file is the team's organisation's and the coordinator's only."""
    if view.is_coordinator:
        return {}
    return {"team__organisation": view.viewer_organisation}


class SubmissionMixin(ObjectInNetworkMixin):
    model = Submission

    def lookup(self):
        self.submission = get_object_or_404(
            Submission.objects.select_related(
                "assignment__session__programme", "team__organisation", "submitted_by"
            ),
            pk=self.kwargs["pk"],
            assignment__session__programme__network=self.network,
            **_visible_submission_q(self),
        )


class SubmissionDetailView(NetworkAccessMixin, SubmissionMixin, TemplateView):
    audience = BOTH
    template_name = "network/programme/submission.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission
        today = timezone.localdate()
        context.update(
            submission=submission,
            assignment=submission.assignment,
            programme=submission.assignment.session.programme,
            files=list(submission.files.all()),
            status=rules.status_label(rules.status(submission.assignment, submission, today)),
        )
        return context


def _file_for(view) -> SubmissionFile:
    lookup = {"submission__" + k: v for k, v in _visible_submission_q(view).items()}
    return get_object_or_404(
        SubmissionFile.objects.select_related("submission__assignment"),
        pk=view.kwargs["pk"],
        submission__assignment__session__programme__network=view.network,
        **lookup,
    )


class FileMixin(ObjectInNetworkMixin):
    model = SubmissionFile

    def lookup(self):
        self.stored = _file_for(self)


class SubmissionFileDownloadView(NetworkAccessMixin, FileMixin, View):
    """A submitted file, as an attachment: the team's organisation and the coordinator."""

    audience = BOTH

    def get(self, request, *args, **kwargs):
        stored = self.stored
        if not stored.file:
            raise Http404
        try:
            handle = stored.file.storage.open(stored.file.name, "rb")
        except OSError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=stored.file_name or Path(stored.file.name).name,
            content_type=documents.content_type_for(stored.file.name),
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SubmissionFileDeleteView(NetworkAccessMixin, FileMixin, View):
    """POST: the team removes a file of its answer while it is open."""

    audience = MEMBER
    member_access = Access.EDIT
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        stored = self.stored
        assignment = stored.submission.assignment
        if not rules.can_edit(assignment, stored.submission, timezone.localdate()):
            messages.error(request, rules.locked_message(assignment))
        else:
            rules.remove_file(stored)
            messages.success(request, _("The file was removed."))
        return HttpResponseRedirect(
            reverse(
                "network:submission_edit",
                kwargs={"network": self.network.slug, "pk": assignment.pk},
            )
        )


P = "<slug:network>/program/"

urlpatterns = [
    path(P, ProgrammeListView.as_view(), name="programme_list"),
    path(P + "ny/", ProgrammeCreateView.as_view(), name="programme_create"),
    path(P + "<int:pk>/", ProgrammeDetailView.as_view(), name="programme_detail"),
    path(P + "<int:pk>/andra/", ProgrammeUpdateView.as_view(), name="programme_update"),
    path(P + "<int:pk>/status/", ProgrammeStatusView.as_view(), name="programme_status"),
    path(P + "<int:pk>/traffar/ny/", SessionCreateView.as_view(), name="session_create"),
    path(P + "<int:pk>/team/ny/", TeamCreateView.as_view(), name="team_create"),
    path(P + "traffar/<int:pk>/andra/", SessionUpdateView.as_view(), name="session_update"),
    path(
        P + "traffar/<int:pk>/uppgifter/ny/",
        AssignmentCreateView.as_view(),
        name="assignment_create",
    ),
    path(P + "team/<int:pk>/andra/", TeamUpdateView.as_view(), name="team_update"),
    path(P + "uppgifter/<int:pk>/", AssignmentDetailView.as_view(), name="assignment_detail"),
    path(P + "uppgifter/<int:pk>/andra/", AssignmentUpdateView.as_view(), name="assignment_update"),
    path(P + "uppgifter/<int:pk>/inlamning/", SubmissionEditView.as_view(), name="submission_edit"),
    path(P + "inlamningar/<int:pk>/", SubmissionDetailView.as_view(), name="submission_detail"),
    path(P + "filer/<int:pk>/", SubmissionFileDownloadView.as_view(), name="submission_file"),
    path(
        P + "filer/<int:pk>/ta-bort/",
        SubmissionFileDeleteView.as_view(),
        name="submission_file_delete",
    ),
]
