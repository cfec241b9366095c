"""``/api/v1/figures/`` and ``/api/v1/levels/``: the organisation's yearly figures and the
seven areas' levels, per year.

Both read the stored table of yearly figures the pages read (``collab.figures.values``, through
``followup.selectors.indicator_rows`` for the indicators), never a computation of their own: a
number here is the number the indicator page, the dashboard and the walk show for the same
year.
"""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, viewsets

from api.base import ApiScopeMixin
from areas.figures import level_key
from areas.handbook import AREAS
from areas.walk import LEVEL_NAMES
from collab import figures
from collab.figures import FIRST_YEAR, KRONOR, SHARE
from collab.formatting import Unit
from followup.indicators import CATALOGUE
from followup.selectors import indicator_rows

YEAR_HELP = "The year, from 2000 to next year; the current year when left out."


class YearQuery(serializers.Serializer):
    year = serializers.IntegerField(required=False, help_text=YEAR_HELP)

    def validate_year(self, value: int) -> int:
        # A later year has no records yet, and a stored open year is computed again after
        # every change to the records: none is stored for nothing.
        latest = timezone.localdate().year + 1
        if not FIRST_YEAR <= value <= latest:
            raise serializers.ValidationError(
                _("Give a year from %(first)s to %(latest)s.")
                % {"first": FIRST_YEAR, "latest": latest}
            )
        return value

    def chosen_year(self) -> int:
        return self.validated_data.get("year") or timezone.localdate().year


def _indicator_keys() -> list[tuple[str, str]]:
    return [(figure.key, figure.key) for figure in CATALOGUE]


def unit_code(unit) -> str:
    """The unit as a code: ``sek`` (whole kronor), ``percent`` or ``count``."""
    if unit == KRONOR:
        return "sek"
    if unit == SHARE:
        return "percent"
    return "count"


def api_value(value, unit):
    """The stored value as the API gives it: kronor in whole kronor (as the pages round them),
    a whole number as an integer, else the number."""
    if value is None:
        return None
    if unit == KRONOR:
        return int(round(Decimal(value)))
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else value


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.ReadOnlyField):
    """A number as stored: an integer or a decimal number; null for no data."""


# --- figures --------------------------------------------------------------------------------


class FigureQuery(YearQuery):
    key = serializers.ChoiceField(
        choices=[], required=False, help_text="Only this figure (its key)."
    )
    area = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=len(AREAS),
        help_text="Only the figures that follow up this area of the handbook (1–7).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The catalogue is complete once the apps are ready (their ``contributions``).
        self.fields["key"].choices = _indicator_keys()


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The figure's key (stable).")
    label = serializers.CharField(help_text="The figure's name as the pages show it.")
    definition = serializers.CharField(help_text="How the figure is counted.")
    area = serializers.IntegerField(help_text="The area of the handbook it follows up (1–7).")
    unit = serializers.ChoiceField(
        choices=["count", "sek", "percent"],
        help_text="count: a number of records; sek: whole kronor; percent: per cent.",
    )
    unit_label = serializers.CharField(help_text="The unit as the pages name it.")
    year = serializers.IntegerField()
    value = NumberField(help_text="The figure for the year; null: no data for the year.")
    per_10000 = NumberField(
        help_text="The value per 10 000 inhabitants (one decimal), for the figures the "
        "indicator page shows per inhabitant; null otherwise or without a population."
    )


class FigureViewSet(ApiScopeMixin, viewsets.GenericViewSet):
    """The organisation's computed indicators for one year: the stored yearly figures, the
    same numbers as the indicator page and the dashboard."""

    serializer_class = FigureSerializer
    filter_backends = []

    @extend_schema(parameters=[FigureQuery], operation_id="figures_list")
    def list(self, request):
        query = FigureQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.chosen_year()
        key = query.validated_data.get("key")
        area = query.validated_data.get("area")
        rows = indicator_rows(self.organisation, year, keys=[key] if key else None, manual=False)
        results = [
            {
                "key": row.key,
                "label": row.name,
                "definition": row.definition,
                "area": row.area,
                "unit": unit_code(row.unit),
                "unit_label": str(row.unit) if isinstance(row.unit, Unit) else row.unit,
                "year": year,
                "value": api_value(row.value, row.unit),
                "per_10000": row.per_capita_value,
            }
            for row in rows
            if area is None or row.area == area
        ]
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- the seven areas' levels -----------------------------------------------------------------


class LevelQuery(YearQuery):
    pass


class LevelSerializer(serializers.Serializer):
    area = serializers.IntegerField(help_text="The area's number in the handbook (1–7).")
    area_title = serializers.CharField()
    year = serializers.IntegerField()
    level = serializers.IntegerField(
        allow_null=True,
        help_text="0–4 in the seven-area walk. The current year: today's level; an earlier "
        "year: the level stored when the year ended; null when none was stored.",
    )
    level_name = serializers.CharField(allow_null=True)


class LevelViewSet(ApiScopeMixin, viewsets.GenericViewSet):
    """The seven areas' levels (0–4) for one year, as the walk and the dashboard show them."""

    serializer_class = LevelSerializer
    filter_backends = []

    @extend_schema(parameters=[LevelQuery], operation_id="levels_list")
    def list(self, request):
        query = LevelQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.chosen_year()
        stored = figures.values(
            self.organisation, [level_key(area.number) for area in AREAS], [year]
        )
        results = []
        for area in AREAS:
            level = api_value(stored[level_key(area.number)][year], "")
            results.append(
                {
                    "area": area.number,
                    "area_title": str(area.title),
                    "year": year,
                    "level": level,
                    "level_name": str(LEVEL_NAMES[level]) if level is not None else None,
                }
            )
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


routes = [
    ("figures", FigureViewSet, "figure"),
    ("levels", LevelViewSet, "level"),
]
paths = []
