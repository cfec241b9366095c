"""The comparison's charts as server-rendered SVG: the geometry is computed here, the markup
is in ``templates/network/compare/_bar_chart.svg`` and ``_trend_chart.svg`` (escaped by the
template engine). A chart is an image (``role="img"`` with a title and a description); the
table beside it is the accessible alternative with the same numbers.

Colours on white: bars #0a3a6b (11.6:1), the viewer's own bar #a14a00 (5.6:1) and also marked
in text, the mean line #212529, missing-value texts #495057 (8.3:1).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from collab.formatting import number

BAR = "#0a3a6b"
OWN = "#a14a00"
TEXT = "#212529"
MUTED = "#495057"

LABEL_W = 230
PLOT_W = 380
VALUE_W = 130
ROW_H = 24
TOP = 28
BOTTOM = 12


def c(value) -> str:
    """A coordinate as SVG wants it (a dot, whatever the language's decimal mark)."""
    return f"{float(value):.1f}"


@dataclass
class Bar:
    label: str
    y: str
    text_y: str
    width: str
    value_x: str
    value_text: str
    own: bool
    missing_text: str = ""
    fill: str = BAR


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    width: str
    height: str
    plot_x: str
    label_x: str
    missing_x: str
    bar_h: str
    bars: list[Bar]
    axis_bottom: str
    mean_x: str | None = None
    mean_text: str = ""


def bar_chart(comparison, *, title: str, description: str, texts: dict, chart_id="compare-bars"):
    """Horizontal bars of the compared values (per 10 000 inhabitants for a per-capita
    indicator), one per member in the table's order, with the group's mean as a line.
    ``texts``: "not_shared", "no_data", "no_population", "own" and "mean" (translated)."""
    rows = comparison.rows
    values = [Decimal(r.compared) for r in rows if r.compared is not None]
    top = max([*values, Decimal(0)]) or Decimal(1)
    height = TOP + len(rows) * ROW_H + BOTTOM
    bars = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW_H
        label = str(row.organisation.name)
        if row.is_viewer:
            label = f"{label} ({texts['own']})"
        width = 0.0
        value_text = missing = ""
        if not row.shared:
            missing = texts["not_shared"]
        elif row.value is None:
            missing = texts["no_data"]
        elif row.compared is None:  # a value, but no population to divide by
            missing = texts["no_population"]
        else:
            width = float(Decimal(row.compared) / top) * PLOT_W
            value_text = number(row.compared)
        bars.append(
            Bar(
                label=label,
                y=c(y + 4),
                text_y=c(y + ROW_H / 2 + 4),
                width=c(width),
                value_x=c(LABEL_W + width + 6),
                value_text=value_text,
                own=row.is_viewer,
                missing_text=missing,
                fill=OWN if row.is_viewer else BAR,
            )
        )
    chart = BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        width=str(LABEL_W + PLOT_W + VALUE_W),
        height=str(height),
        plot_x=str(LABEL_W),
        label_x=str(LABEL_W - 6),
        missing_x=str(LABEL_W + 6),
        bar_h=str(ROW_H - 8),
        bars=bars,
        axis_bottom=str(TOP + len(rows) * ROW_H),
    )
    mean = comparison.compared_mean
    if mean is not None:
        chart.mean_x = c(LABEL_W + float(Decimal(mean) / top) * PLOT_W)
        chart.mean_text = f"{texts['mean']} {number(mean)}"
    return chart


@dataclass
class Point:
    x: str
    y: str
    label_y: str
    text: str


@dataclass
class Line:
    label: str
    colour: str
    dashed: bool
    points: list[Point] = field(default_factory=list)
    legend_y: str = ""

    @property
    def path(self) -> str:
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass
class TrendChart:
    chart_id: str
    title: str
    description: str
    width: str
    height: str
    lines: list[Line]
    years: list[tuple[str, int]]  # (x, year)
    axis_y: str
    year_y: str
    left: str
    right: str
    legend_x: str


def trend_chart(comparison, *, title: str, description: str, texts: dict, chart_id="compare-trend"):
    """A small line chart of the group's mean per year and, for a member, its own values."""
    width, height, left, right, upper, lower = 560, 220, 40, 160, 24, 30
    series = [Line(texts["mean"], TEXT, True)]
    own = next((r for r in comparison.rows if r.is_viewer and r.shared), None)
    values_by_line = [comparison.trend_means]
    if own is not None:
        series.append(Line(texts["own_line"], OWN, False))
        values_by_line.append(own.trend)
    present = [Decimal(v) for vs in values_by_line for v in vs if v is not None]
    if not present:
        return None
    top = max(present) or Decimal(1)
    plot_w, plot_h = width - left - right, height - upper - lower
    step = plot_w / max(len(comparison.years) - 1, 1)
    xs = [left + i * step for i in range(len(comparison.years))]
    for index, (line, values) in enumerate(zip(series, values_by_line, strict=True)):
        line.legend_y = c(upper + 14 + index * 18)
        for x, value in zip(xs, values, strict=True):
            if value is None:
                continue
            y = upper + plot_h - float(Decimal(value) / top) * plot_h
            line.points.append(Point(c(x), c(y), c(y - 6), number(value)))
    return TrendChart(
        chart_id=chart_id,
        title=title,
        description=description,
        width=str(width),
        height=str(height),
        lines=[line for line in series if line.points],
        years=[(c(x), year) for x, year in zip(xs, comparison.years, strict=True)],
        axis_y=c(upper + plot_h),
        year_y=c(height - 10),
        left=c(left - 10),
        right=c(width - right + 10),
        legend_x=c(width - right + 20),
    )
