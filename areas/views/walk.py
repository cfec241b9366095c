"""The seven-area walk: the roadmap (overview), one page per area, and the area's checklist."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from areas import walk
from areas.handbook import get_area
from areas.models import Activity, ActivityStatus, StepProgress, StepStatus
from collab import figures, versioning
from collab.dates import date_widget
from collab.generic import OrganisationAccessMixin
from collab.models import Access


class AreaListView(OrganisationAccessMixin, TemplateView):
    """The roadmap: every area with its level and the next step (politicians see it too)."""

    template_name = "areas/walk/area_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        statuses = walk.walk_status(
            self.request.organisation,
            timezone.localdate(),
            state=figures.request_state(self.request),
        )
        context.update(
            {
                "title": _("The seven areas"),
                "statuses": statuses,
                "level_rule": walk.LEVEL_RULE,
                "established": sum(s.level.value >= 3 for s in statuses),
            }
        )
        return context


class AreaMixin:
    def get_area(self):
        area = get_area(self.kwargs["number"])
        if area is None:
            raise Http404
        return area


class AreaDetailView(AreaMixin, OrganisationAccessMixin, TemplateView):
    """One area: advice, checklist, evidence from the records, level with reasons."""

    template_name = "areas/walk/area_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.get_area()
        today = timezone.localdate()
        status = walk.area_status(area, self.request.organisation, today)
        activities = list(
            Activity.objects.filter(area=area.number)
            .exclude(status=ActivityStatus.CANCELLED)
            .select_related("document", "owner_user")
            .order_by("due_date", "title")
        )
        for activity in activities:
            activity.overdue = activity.is_overdue(today)
        context.update(
            {
                "title": f"{area.number}. {area.title}",
                "area": area,
                "status": status,
                "previous_area": get_area(area.number - 1),
                "next_area": get_area(area.number + 1),
                "activities": activities,
                "add_activity_url": reverse("areas:activity_create") + f"?area={area.number}",
                "checklist_url": reverse("areas:area_checklist", kwargs={"number": area.number}),
                "level_rule": walk.LEVEL_RULE,
            }
        )
        return context


class StepForm(forms.Form):
    """One checklist step's status, date, owner and note."""

    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=StepStatus.choices)
    date = forms.DateField(
        label=gettext_lazy("Date"),
        required=False,
        widget=date_widget(),
    )
    owner = forms.CharField(label=gettext_lazy("Owner"), max_length=200, required=False)
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if status and status != StepStatus.NOT_STARTED and not data.get("date"):
            self.add_error("date", _("Give the date the step reached this status."))
        if data.get("date") and data["date"] > timezone.localdate():
            self.add_error("date", _("The date cannot be in the future."))
        return data


class AreaChecklistView(AreaMixin, OrganisationAccessMixin, TemplateView):
    """Mark the area's steps: not started / started / done / evaluated, with date, owner, note."""

    template_name = "areas/walk/area_checklist.html"
    required_access = Access.EDIT

    def get_rows(self, data=None):
        area = self.get_area()
        rows = walk.step_rows(self.request.organisation, [area.number])[area.number]
        for row in rows:
            progress = row.progress
            initial = {
                "status": row.status,
                "date": progress.date if progress else None,
                "owner": progress.owner if progress else "",
                "note": progress.note if progress else "",
            }
            row.form = StepForm(data=data, initial=initial, prefix=f"step-{row.step.pk}")
            versioning.add_version_field(row.form)
        return area, rows

    def get(self, request, *args, **kwargs):
        area, rows = self.get_rows()
        return self.render_to_response(self.get_context_data(area=area, rows=rows))

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            # The area's progress rows locked and read again: the version check of each step
            # and the save are one step (a step without a row yet: the unique constraint).
            steps = StepProgress.objects.select_for_update(of=("self",)).filter(
                step__area=self.get_area().number
            )
            list(steps.values_list("pk", flat=True))
            return self.save(request)

    def save(self, request):
        area, rows = self.get_rows(data=request.POST)
        valid = [row.form.is_valid() for row in rows]
        conflicts = [(row, versioning.check(row.form, row.progress)) for row in rows]
        conflicts = [(row, conflict) for row, conflict in conflicts if conflict is not None]
        if conflicts:
            # Someone else saved some of these steps since the page was opened: nothing is
            # saved; their values are listed, the user's input is kept (untouched fields
            # take the other person's value), and the page carries the current versions.
            lines = conflicts[0][1].messages()[:1]
            for row, conflict in conflicts:
                lines += [f"{row.step.title} – {line}" for line in conflict.messages()[1:]]
            for line in lines:
                messages.error(request, line)
            response = self.render_to_response(self.get_context_data(area=area, rows=rows))
            response.status_code = 409
            return response
        if not all(valid):
            messages.error(request, _("Some steps could not be saved: see the messages below."))
            return self.render_to_response(self.get_context_data(area=area, rows=rows))
        try:
            with transaction.atomic():
                changed = save_checklist(request.organisation, rows)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return self.render_to_response(self.get_context_data(area=area, rows=rows))
        except IntegrityError:
            # Someone else saved the same step between our read and our write.
            messages.error(
                request, _("Someone else saved the checklist at the same time. Please try again.")
            )
            return self.render_to_response(self.get_context_data(area=area, rows=rows))
        if changed:
            messages.success(request, _("The checklist was saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return HttpResponseRedirect(reverse("areas:area_detail", kwargs={"number": area.number}))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = kwargs["area"]
        context["title"] = _("Checklist: %(area)s") % {"area": f"{area.number}. {area.title}"}
        context["cancel_url"] = reverse("areas:area_detail", kwargs={"number": area.number})
        return context


def save_checklist(organisation, rows) -> int:
    """Create or update the progress rows whose values changed; returns how many changed."""
    changed = 0
    for row in rows:
        data = row.form.cleaned_data
        progress = row.progress
        values = {
            "status": data["status"],
            "date": data["date"],
            "owner": data["owner"],
            "note": data["note"],
        }
        if progress is None:
            if values["status"] == StepStatus.NOT_STARTED and not any(
                values[key] for key in ("date", "owner", "note")
            ):
                continue
            progress = StepProgress(organisation=organisation, step=row.step)
        elif all(getattr(progress, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(progress, key, value)
        # The one-row-per-step constraint is left to the database: a concurrent save raises
        # IntegrityError, which the view answers with a message.
        progress.full_clean(validate_constraints=False)
        progress.save()
        changed += 1
    return changed
