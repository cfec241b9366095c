"""The seven-area matrix page: members × the seven areas, with each member's level."""

from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from areas.walk import LEVEL_RULE
from network import matrix, selectors
from network.access import BOTH, NetworkAccessMixin

CACHE_SECONDS = 60 * 60


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, str(year)) for year in years]
        self.fields["year"].error_messages["invalid_choice"] = _(
            "Choose one of the years in the list."
        )


class AreaMatrixView(NetworkAccessMixin, TemplateView):
    """Every member's level in each of the seven areas for a year (default: the current one),
    with the progress since the year before; a member that does not share its levels shows
    "not shared". Coordinator and members alike; a member's own row is highlighted."""

    audience = BOTH
    template_name = "network/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = matrix.years()
        form = YearForm(self.request.GET or None, years=years)
        year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else years[0]
        if not form.is_bound:
            form = YearForm(initial={"year": year}, years=years)
        context["form"] = form
        context["level_rule"] = LEVEL_RULE
        context["matrix"], context["texts"] = self.matrix(year)
        return context

    def matrix(self, year: int):
        """The matrix with its rows rendered, kept in the cache until a member's records,
        membership or consent change or the day ends (a national network has 311 members)."""
        viewer = self.viewer_organisation
        key = ":".join(
            [
                "network-matrix",
                str(self.network.pk),
                str(year),
                str(viewer.pk if viewer is not None else 0),
                get_language() or "",
                timezone.localdate().isoformat(),
                selectors.network_state(self.network),
            ]
        )
        cached = cache.get(key)
        if cached is not None:
            return cached
        built = matrix.build(self.network, year, viewer)
        previous = built.previous_year
        texts = {
            "not_recorded": _("not recorded for the year"),
            "up": _("up since %(year)s") % {"year": previous},
            "down": _("down since %(year)s") % {"year": previous},
            "same": _("the same as %(year)s") % {"year": previous},
            "new_short": _("new"),
            "new": _("new: not recorded %(year)s") % {"year": previous},
        }
        _render_rows(built, texts)
        texts = {name: str(text) for name, text in texts.items()}
        cache.set(key, (built, texts), CACHE_SECONDS)
        return built, texts


def _render_rows(built, texts) -> None:
    """Each member's row as HTML (``row.html``), for the hundreds of members of a national
    network: a cell is rendered from its template once per distinct level and change (a few
    dozen), and a row is put together with ``format_html``."""
    rendered = {}
    not_shared = format_html(
        '<td colspan="{}" class="text-body-secondary fst-italic">{}</td>',
        len(built.areas),
        _("Not shared"),
    )
    you = format_html(' <span class="badge text-bg-secondary">{}</span>', _("you"))
    for row in built.rows:
        if row.shared:
            parts = []
            for cell in row.cells:
                html = rendered.get(cell)
                if html is None:
                    html = rendered[cell] = render_to_string(
                        "network/_matrix_cell.html", {"cell": cell, "texts": texts}
                    )
                parts.append(html)
            cells = format_html("{}" * len(parts), *parts)
        else:
            cells = not_shared
        row.html = format_html(
            '<tr class="{}"><th scope="row">{}{}</th>{}</tr>',
            "table-active" if row.own else "",
            row.organisation.name,
            you if row.own else "",
            cells,
        )
