"""Closed years: the stored figures of a past year change only by an explicit recalculation
with a reason, logged (``collab.figures.recalculate``)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from collab import figures, formatting
from collab.generic import OrganisationAccessMixin, safe_return_url
from collab.models import Access, FigureRecalculation


class RecalculationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "Why the closed year's figures are computed again, e.g. “Payments for December "
            "were imported in February”. Kept with the figures that changed."
        ),
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the recalculation."))
        return reason


def figure_value(key: str, value) -> str:
    figure = figures.get(key)
    if figure is None:
        return formatting.display_value(value)
    unit = "%" if figure.is_share else figure.unit
    return formatting.quantity(value, unit) if value is not None else _("no data")


def change_rows(changes: list[dict]) -> list[dict]:
    return [
        {
            "name": str(figures.get(c["key"]).name) if figures.get(c["key"]) else c["key"],
            "before": figure_value(c["key"], c["before"]),
            "after": figure_value(c["key"], c["after"]),
        }
        for c in changes
    ]


def preview(organisation, year: int) -> list[dict]:
    """What a recalculation would change: the stored values against today's records."""
    catalogue = figures.catalogue(indicators_only=True)
    keys = [indicator.key for indicator in catalogue]
    stored = figures.values(organisation, keys, [year])
    changes = []
    for indicator in catalogue:
        now = indicator.compute([year])[year]
        before = stored[indicator.key][year]
        if (None if now is None else round(now, 2)) != (
            None if before is None else round(before, 2)
        ):
            changes.append({"key": indicator.key, "before": before, "after": now})
    return change_rows(changes)


class RecalculateYearView(OrganisationAccessMixin, FormView):
    """``/siffror/<year>/rakna-om/``: compute a closed year's figures again."""

    required_access = Access.EDIT
    form_class = RecalculationForm
    template_name = "collab/recalculate.html"

    def dispatch(self, request, *args, **kwargs):
        self.year = kwargs["year"]
        if not (figures.FIRST_YEAR <= self.year < timezone.localdate().year):
            raise Http404(_("Only a closed year's figures are recalculated."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.request.organisation
        context.update(
            {
                "title": _("Recalculate the figures for %(year)s") % {"year": self.year},
                "year": self.year,
                "changes": preview(organisation, self.year),
                "log": [
                    {"entry": entry, "changes": change_rows(entry.changes)}
                    for entry in FigureRecalculation.objects.filter(year=self.year)
                    .select_related("changed_by")
                    .order_by("-changed_at", "-pk")[:20]
                ],
                "back_url": self.back_url(),
            }
        )
        return context

    def back_url(self) -> str:
        """Where the recalculation was asked from (``?next=``, a path of this site), else the
        home page."""
        return safe_return_url(self.request) or reverse("collab:home")

    def form_valid(self, form):
        result = figures.recalculate(
            self.request.organisation,
            self.year,
            reason=form.cleaned_data["reason"],
            user=self.request.user,
        )
        if result.changes:
            messages.success(
                self.request,
                _("The figures for %(year)s were recalculated: %(changes)s.")
                % {
                    "year": self.year,
                    "changes": "; ".join(
                        f"{row['name']} {row['before']} → {row['after']}"
                        for row in change_rows(result.changes)
                    ),
                },
            )
        else:
            messages.info(
                self.request,
                _("The figures for %(year)s were recalculated; none changed.")
                % {"year": self.year},
            )
        return HttpResponseRedirect(self.back_url())
