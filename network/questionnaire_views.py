"""A network's questionnaires (``/natverk/<network>/enkater/``).

The coordinator creates a questionnaire (SKR's seven questions by default), edits its questions
while it is a draft, sends it, follows who answered, reads the answers side by side, exports
them and turns an answer into a good example. A member answers for its own organisation and
sees only its own answers.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from collab import submissions
from collab.generic import ALREADY_SAVED, add_errors
from collab.imports.export import csv_bytes, csv_cell
from collab.models import Access
from network import questions as service
from network.access import COORDINATOR, MEMBER, NetworkAccessMixin
from network.example_forms import QuestionFormSet, QuestionnaireForm, answer_form_class
from network.models import Answer, Questionnaire, QuestionnaireResponse


def _url(name: str, network, pk=None) -> str:
    kwargs = {"network": network.slug}
    if pk is not None:
        kwargs["pk"] = pk
    return reverse(f"network:{name}", kwargs=kwargs)


class QuestionnaireMixin:
    model = Questionnaire

    def get_questionnaire(self) -> Questionnaire:
        if not hasattr(self, "_questionnaire"):
            queryset = Questionnaire.objects.filter(network=self.network)
            if not self.is_coordinator or self.audience == MEMBER:
                queryset = service.visible_to_members(self.network)
            self._questionnaire = get_object_or_404(queryset, pk=self.kwargs["pk"])
        return self._questionnaire

    def http_method_not_allowed(self, request, *args, **kwargs):
        self.get_questionnaire()  # another network's questionnaire does not exist (404)
        return super().http_method_not_allowed(request, *args, **kwargs)


class QuestionnaireListView(NetworkAccessMixin, TemplateView):
    """The coordinator sees every questionnaire; a member the sent ones, with its own state."""

    template_name = "network/questionnaires/questionnaire_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        if self.is_coordinator:
            questionnaires = Questionnaire.objects.filter(network=self.network)
        else:
            questionnaires = service.visible_to_members(self.network)
        rows = []
        organisation = self.viewer_organisation
        own = {}
        if organisation is not None:
            own = {
                r.questionnaire_id: r
                for r in QuestionnaireResponse.objects.filter(
                    questionnaire__network=self.network, organisation=organisation
                )
            }
        for questionnaire in questionnaires.order_by("-deadline", "title"):
            rows.append(
                {
                    "questionnaire": questionnaire,
                    "open": service.is_open(questionnaire, today),
                    "own": own.get(questionnaire.pk),
                    "answer_url": _url("questionnaire_answer", self.network, questionnaire.pk)
                    if organisation is not None
                    and questionnaire.status != Questionnaire.Status.DRAFT
                    else None,
                    "detail_url": _url("questionnaire_detail", self.network, questionnaire.pk)
                    if self.is_coordinator
                    else None,
                }
            )
        context["rows"] = rows
        context["create_url"] = (
            _url("questionnaire_create", self.network) if self.is_coordinator else None
        )
        return context


class QuestionnaireFormPage(NetworkAccessMixin, TemplateView):
    """Create or edit: title, introduction, deadline; the questions while it is a draft."""

    audience = COORDINATOR
    template_name = "network/questionnaires/questionnaire_form.html"

    def get_questionnaire(self):
        return None

    def forms(self, data=None):
        questionnaire = self.get_questionnaire()
        instance = questionnaire or Questionnaire(network=self.network)
        form = QuestionnaireForm(data, instance=instance)
        submissions.add_submission_field(form)  # a double click saves once
        formset = None
        if questionnaire is not None and questionnaire.status == Questionnaire.Status.DRAFT:
            initial = [
                {
                    "id": q.pk,
                    "text": q.text,
                    "help_text": q.help_text,
                    "example_kind": q.example_kind,
                }
                for q in questionnaire.questions.all()
            ]
            formset = QuestionFormSet(data, initial=initial, prefix="questions")
        return form, formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.get_questionnaire()
        if "form" not in kwargs:
            context["form"], context["formset"] = self.forms()
        context["questionnaire"] = questionnaire
        context["questions"] = list(questionnaire.questions.all()) if questionnaire else []
        context["title"] = (
            _("Edit %(name)s") % {"name": questionnaire}
            if questionnaire
            else _("New questionnaire")
        )
        context["cancel_url"] = (
            _url("questionnaire_detail", self.network, questionnaire.pk)
            if questionnaire
            else _url("questionnaire_list", self.network)
        )
        return context

    def post(self, request, *args, **kwargs):
        earlier = submissions.earlier_result(request)
        if earlier is not None:
            messages.info(request, ALREADY_SAVED)
            return HttpResponseRedirect(earlier)
        form, formset = self.forms(request.POST)
        valid = form.is_valid() and (formset is None or formset.is_valid())
        if valid:
            try:
                with transaction.atomic():
                    earlier = submissions.claim(request)
                    if earlier is None:
                        questionnaire = self.save(form, formset)
                        target = _url("questionnaire_detail", self.network, questionnaire.pk)
                        submissions.record(request, target)
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if earlier is not None:
                    messages.info(request, ALREADY_SAVED)
                    return HttpResponseRedirect(earlier)
                messages.success(request, _("Saved."))
                return HttpResponseRedirect(target)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def save(self, form, formset):
        data = form.cleaned_data
        return service.create_questionnaire(
            network=self.network,
            title=data["title"],
            introduction=data["introduction"],
            deadline=data["deadline"],
        )


class QuestionnaireCreateView(QuestionnaireFormPage):
    pass


class QuestionnaireUpdateView(QuestionnaireMixin, QuestionnaireFormPage):
    def save(self, form, formset):
        with transaction.atomic():
            questionnaire = form.save()
            if formset is not None:
                rows = [
                    f.cleaned_data
                    for f in formset.forms
                    if f.cleaned_data
                    and not f.cleaned_data.get("DELETE")
                    and f.cleaned_data.get("text")
                ]
                if not rows:
                    raise ValidationError(_("A questionnaire needs at least one question."))
                service.save_questions(questionnaire, rows)
        return questionnaire


class QuestionnaireDetailView(QuestionnaireMixin, NetworkAccessMixin, TemplateView):
    """The coordinator's page of a questionnaire: its questions and who answered."""

    audience = COORDINATOR
    template_name = "network/questionnaires/questionnaire_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.get_questionnaire()
        statuses = service.member_statuses(questionnaire)
        context.update(
            {
                "questionnaire": questionnaire,
                "questions": list(questionnaire.questions.all()),
                "statuses": statuses,
                "submitted_count": sum(1 for s in statuses if s.state == "submitted"),
                "is_draft": questionnaire.status == Questionnaire.Status.DRAFT,
                "open": service.is_open(questionnaire, timezone.localdate()),
            }
        )
        return context


class QuestionnaireSendView(QuestionnaireMixin, NetworkAccessMixin, View):
    audience = COORDINATOR
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        questionnaire = self.get_questionnaire()
        try:
            service.send(questionnaire, timezone.localdate())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("The questionnaire was sent. The members see it on their home page."),
            )
        return HttpResponseRedirect(_url("questionnaire_detail", self.network, questionnaire.pk))


class QuestionnaireAnswersView(QuestionnaireMixin, NetworkAccessMixin, TemplateView):
    """The submitted answers side by side, question by question."""

    audience = COORDINATOR
    template_name = "network/questionnaires/questionnaire_answers.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        questionnaire = self.get_questionnaire()
        questions, responses, rows = service.side_by_side(questionnaire)
        context.update(
            {
                "questionnaire": questionnaire,
                "responses": responses,
                "rows": rows,
                "detail_url": _url("questionnaire_detail", self.network, questionnaire.pk),
                "export_url": _url("questionnaire_export", self.network, questionnaire.pk),
            }
        )
        return context


class QuestionnaireExportView(QuestionnaireMixin, NetworkAccessMixin, View):
    """The submitted answers as CSV (``?format=csv``, the default) or XLSX."""

    audience = COORDINATOR

    def get(self, request, *args, **kwargs):
        questionnaire = self.get_questionnaire()
        table = service.export_rows(questionnaire)
        stamp = timezone.localdate().isoformat()
        name = f"enkat-{questionnaire.pk}-{stamp}"
        if request.GET.get("format") == "xlsx":
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            sheet = workbook.create_sheet(title=_("Answers")[:31])
            for row in table:
                sheet.append([csv_cell(v) if isinstance(v, str) else v for v in row])
            response = HttpResponse(
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
            workbook.save(response)
            return response
        rows = [
            [csv_cell(v) if isinstance(v, str) else v.strftime("%Y-%m-%d %H:%M") for v in row]
            for row in table
        ]
        response = HttpResponse(csv_bytes(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response


class AnswerToExampleView(NetworkAccessMixin, View):
    """One click: a submitted answer becomes a draft good example of its member."""

    audience = COORDINATOR
    model = Answer
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        answer = get_object_or_404(
            Answer.objects.select_related("response__questionnaire", "response__organisation"),
            pk=self.kwargs["pk"],
            response__questionnaire__network=self.network,
        )
        questionnaire = answer.response.questionnaire
        try:
            _example, created = service.example_from_answer(answer, request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if created:
                messages.success(
                    request,
                    _(
                        "The answer is now a draft good example of %(organisation)s. The member "
                        "sees it among its drafts and can publish it."
                    )
                    % {"organisation": answer.response.organisation},
                )
            else:
                messages.info(request, _("This answer has already been made into an example."))
        return HttpResponseRedirect(_url("questionnaire_answers", self.network, questionnaire.pk))


class QuestionnaireAnswerView(QuestionnaireMixin, NetworkAccessMixin, TemplateView):
    """A member answers for its own organisation: save a draft or submit; changeable until
    the deadline. Only its own answers are ever shown here."""

    audience = MEMBER
    member_access = Access.EDIT
    template_name = "network/questionnaires/questionnaire_answer.html"

    def setup_answer(self):
        questionnaire = self.get_questionnaire()
        self.questions = list(questionnaire.questions.all())
        self.response = service.response_of(questionnaire, self.viewer_organisation)
        self.open = service.is_open(questionnaire, timezone.localdate())
        self.form_class = answer_form_class(self.questions, disabled=not self.open)

    def initial(self) -> dict:
        if self.response is None:
            return {}
        return {f"q{a.question_id}": a.text for a in self.response.answers.all()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            self.setup_answer()
            context["form"] = self.form_class(initial=self.initial())
        context.update(
            {
                "questionnaire": self.get_questionnaire(),
                "response": self.response,
                "open": self.open,
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        self.setup_answer()
        form = self.form_class(request.POST, initial=self.initial())
        if not self.open:
            messages.error(
                request, _("The deadline has passed: the answers can no longer be changed.")
            )
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            submit = "submit" in request.POST
            texts = {q.pk: form.cleaned_data.get(f"q{q.pk}", "") for q in self.questions}
            try:
                service.save_response(
                    questionnaire=self.get_questionnaire(),
                    organisation=self.viewer_organisation,
                    texts=texts,
                    submit=submit,
                    user=request.user,
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                if submit:
                    messages.success(
                        request,
                        _(
                            "Your answers were submitted to the network coordinator. You can "
                            "change them until the deadline."
                        ),
                    )
                else:
                    messages.success(request, _("Your answers were saved as a draft."))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(form=form))
