"""The network's comparison page (coordinator and members) and the coordinator's peer groups.

The page reads one :class:`network.compare.Comparison` (a fixed number of queries, whatever
the number of members) and shows it as a table, a bar chart, a trend and an export; the export
writes the same rows as the page's table.
"""

import csv

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from collab import figures, formatting
from collab.forms import SubmitHelperMixin
from collab.generic import _csv_value, _xlsx_value
from collab.models import NetworkMembership, Organisation
from collab.sqlite import swedish_key
from network import charts, compare, selectors
from network.access import COORDINATOR, NetworkAccessMixin
from network.models import PeerGroup

# --- the comparison -----------------------------------------------------------------------------

CACHE_SECONDS = 60 * 60


class CompareForm(forms.Form):
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int)
    indicator = forms.ChoiceField(label=gettext_lazy("Indicator"))
    group = forms.ChoiceField(label=gettext_lazy("Compare with"), required=False)

    def __init__(self, *args, years, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["indicator"].choices = [
            (f.key, str(f.name)) for f in figures.catalogue(indicators_only=True)
        ]
        self.fields["group"].choices = groups


def value_text(row, indicator) -> str:
    if not row.shared:
        return _("Not shared")
    if row.value is None:
        return _("No data")
    return formatting.quantity(row.value, indicator.unit)


class CompareView(NetworkAccessMixin, TemplateView):
    """One indicator for one year across the network's members (or a group of them)."""

    template_name = "network/compare/compare.html"

    def get(self, request, *args, **kwargs):
        if self.membership is not None:  # the same organisation, already read by the middleware
            self.membership.organisation = request.organisation
        compute = self.build()
        export = request.GET.get("export")
        if export in ("csv", "xlsx"):
            self.comparison = compute()
            return self.export_csv() if export == "csv" else self.export_xlsx()
        # The table, charts and trend as HTML, kept in the cache until a member's records,
        # membership or consent change or the day ends (a national network has 311 members).
        key = ":".join(
            [
                "network-compare",
                str(self.network.pk),
                str(self.year),
                self.indicator.key,
                self.group.key,
                str(self.viewer_organisation.pk if self.viewer_organisation else 0),
                get_language() or "",
                timezone.localdate().isoformat(),
                selectors.network_state(self.network),
            ]
        )
        self.body = cache.get(key)
        if self.body is None:
            self.comparison = compute()
            self.body = render_to_string(
                "network/compare/_body.html", self.body_context(), request=request
            )
            cache.set(key, self.body, CACHE_SECONDS)
        else:  # read only if someone asks (the page shows the cached HTML)
            self.comparison = SimpleLazyObject(compute)
        return super().get(request, *args, **kwargs)

    def build(self):
        """Read the choices (year, indicator, group) and return the computation."""
        today = timezone.localdate()
        self.years = compare.years_of(self.network, today)
        self.groups = compare.groups(self.network)
        indicators = figures.catalogue(indicators_only=True)
        data = self.request.GET
        year = data.get("year", "")
        year = int(year) if year.isdigit() and int(year) in self.years else today.year
        indicator = figures.get(data.get("indicator", ""))
        if indicator is None or not indicator.indicator:
            indicator = indicators[0]
        group_key = data.get("group", "")
        group = compare.group_for(group_key, self.groups)
        self.form = CompareForm(
            initial={"year": year, "indicator": indicator.key, "group": group.key},
            years=self.years,
            groups=[(group.key, str(group.label)) for group in self.groups],
        )
        self.year, self.indicator, self.group = year, indicator, group
        return lambda: compare.compare(
            self.network, indicator, year, group=group, viewer=self.viewer_organisation
        )

    # --- the table's rows as text (page and export) ---

    def table(self):
        c = self.comparison
        return [
            {
                "row": row,
                "value_text": value_text(row, c.indicator),
                "per_10000_text": formatting.number(row.per_10000)
                if row.per_10000 is not None
                else "",
                "trend": [
                    _("Not shared")
                    if v == selectors.NOT_SHARED
                    else (_("No data") if v is None else formatting.number(v))
                    for v in row.trend
                ],
            }
            for row in c.rows
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Comparison"),
                "comparison": self.comparison,
                "form": self.form,
                "body": self.body,
                "peer_groups_url": reverse(
                    "network:peergroup_list", kwargs={"network": self.network.slug}
                ),
            }
        )
        return context

    def body_context(self) -> dict:
        """What ``_body.html`` shows: the comparison's table, charts and trend."""
        context = {"network": self.network}
        c = self.comparison
        name = str(c.indicator.name)
        measure = _("per 10 000 inhabitants") if c.per_capita else str(c.indicator.unit)
        texts = {
            "not_shared": _("Not shared"),
            "no_data": _("No data"),
            "no_population": _("Population missing"),
            "own": _("you"),
            "mean": _("Mean"),
            "own_line": str(self.viewer_organisation.name) if self.viewer_organisation else "",
        }
        query = self.request.GET.copy()
        query["year"], query["indicator"], query["group"] = c.year, c.indicator.key, c.group.key
        csv_query, xlsx_query = query.copy(), query.copy()
        csv_query["export"], xlsx_query["export"] = "csv", "xlsx"
        context.update(
            {
                "comparison": c,
                "rows": self.table(),
                "mean_text": formatting.quantity(c.mean, c.indicator.unit)
                if c.mean is not None
                else _("No data"),
                "mean_per_10000_text": formatting.number(c.mean_per_10000),
                "trend_means": [
                    formatting.number(v) if v is not None else _("No data") for v in c.trend_means
                ],
                "bar_chart": charts.bar_chart(
                    c,
                    title=_("%(indicator)s %(year)s, %(measure)s")
                    % {"indicator": name, "year": c.year, "measure": measure},
                    description=_(
                        "One bar per member; the line is the mean. The same numbers are in "
                        "the table."
                    ),
                    texts=texts,
                ),
                "trend_chart": charts.trend_chart(
                    c,
                    title=_("%(indicator)s, %(first)s–%(last)s: the mean per year")
                    % {"indicator": name, "first": c.years[0], "last": c.years[-1]},
                    description=_("The same numbers are in the trend table."),
                    texts=texts,
                ),
                "export_csv_url": "?" + csv_query.urlencode(),
                "export_xlsx_url": "?" + xlsx_query.urlencode(),
                "positions": [compare.POSITIONS[k] for k in (4, 3, 0, 2, 1)],
            }
        )
        return context

    # --- export ---

    def export_rows(self) -> list[list]:
        c = self.comparison
        header = [
            _("Organisation"),
            _("Year"),
            _("Indicator"),
            _("Group"),
            _("Value"),
            _("Unit"),
            _("Per 10 000 inhabitants"),
            _("Relative to the network"),
        ]
        rows = [header]
        for row in c.rows:
            if not row.shared:
                value = _("Not shared")
            elif row.value is None:
                value = _("No data")
            else:
                value = row.value
            rows.append(
                [
                    row.organisation.name,
                    c.year,
                    str(c.indicator.name),
                    str(c.group.label),
                    value,
                    str(c.indicator.unit),
                    row.per_10000 if row.per_10000 is not None else "",
                    str(row.position.label) if row.position is not None else "",
                ]
            )
        rows.append(
            [
                _("Mean (%(reported)s of %(members)s members reported)")
                % {"reported": c.reported, "members": c.members},
                c.year,
                str(c.indicator.name),
                str(c.group.label),
                c.mean if c.mean is not None else _("No data"),
                str(c.indicator.unit),
                c.mean_per_10000 if c.mean_per_10000 is not None else "",
                "",
            ]
        )
        return rows

    def export_name(self) -> str:
        c = self.comparison
        return f"jamforelse-{self.network.slug}-{c.indicator.key}-{c.year}"

    def export_csv(self) -> HttpResponse:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.export_name()}.csv"'
        response.write("\ufeff")  # BOM: Excel opens UTF-8 with å, ä, ö correctly
        writer = csv.writer(response, delimiter=";")
        for row in self.export_rows():
            writer.writerow([_csv_value(v) for v in row])
        return response

    def export_xlsx(self) -> HttpResponse:
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(_("Comparison"))[:31])
        for row in self.export_rows():
            sheet.append([_xlsx_value(float(v) if _is_decimal(v) else v) for v in row])
        response = HttpResponse(
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.export_name()}.xlsx"'
        workbook.save(response)
        return response


def _is_decimal(value) -> bool:
    from decimal import Decimal

    return isinstance(value, Decimal)


# --- peer groups (the network coordinator's) ----------------------------------------------------


class PeerGroupForm(SubmitHelperMixin, forms.ModelForm):
    organisations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Members"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PeerGroup
        fields = ["name", "description", "organisations"]

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.network = network
        self.fields["organisations"].queryset = Organisation.objects.filter(
            network_memberships__network=network,
            network_memberships__status=NetworkMembership.Status.ACTIVE,
        ).order_by("name")
        self.helper = self.build_helper()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = PeerGroup.objects.filter(network=self.instance.network, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("The network already has a group with this name."))
        return name


def save_peer_group(form) -> PeerGroup:
    """Save the group and its members (one transaction)."""
    with transaction.atomic():
        return form.save()


class PeerGroupMixin(NetworkAccessMixin):
    audience = COORDINATOR

    def list_url(self):
        return reverse("network:peergroup_list", kwargs={"network": self.network.slug})

    def get_object(self):
        return get_object_or_404(PeerGroup, network=self.network, pk=self.kwargs["pk"])


class PeerGroupListView(PeerGroupMixin, TemplateView):
    template_name = "network/compare/peergroup_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = list(
            PeerGroup.objects.filter(network=self.network).prefetch_related("organisations")
        )
        for group in groups:
            group.member_names = sorted(
                (o.name for o in group.organisations.all()), key=swedish_key
            )
        context.update({"title": _("Peer groups"), "groups": groups})
        return context


class PeerGroupFormView(PeerGroupMixin, FormView):
    template_name = "network/compare/peergroup_form.html"
    form_class = PeerGroupForm

    def get_instance(self):
        return None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["network"] = self.network
        kwargs["instance"] = self.get_instance()
        return kwargs

    def form_valid(self, form):
        try:
            group = save_peer_group(form)
        except IntegrityError:
            form.add_error("name", _("The network already has a group with this name."))
            return self.form_invalid(form)
        messages.success(self.request, _("The peer group “%(name)s” was saved.") % {"name": group})
        return redirect(self.list_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.list_url()
        return context


class PeerGroupCreateView(PeerGroupFormView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("New peer group")
        return context


class PeerGroupUpdateView(PeerGroupFormView):
    model = PeerGroup

    def get_instance(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Edit peer group")
        return context


class PeerGroupDeleteView(PeerGroupMixin, TemplateView):
    model = PeerGroup
    template_name = "network/compare/peergroup_confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "title": _("Delete peer group"),
                "object": self.get_object(),
                "cancel_url": self.list_url(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        group = self.get_object()
        name = group.name
        with transaction.atomic():
            group.delete()
        messages.success(request, _("The peer group “%(name)s” was deleted.") % {"name": name})
        return redirect(self.list_url())
