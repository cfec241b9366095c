"""Server-rendered SVG charts: the same markup on the dashboard and in the PDF report.

A chart is an image for sighted readers (``role="img"`` with a title and a description); the
page shows the same numbers in a table for screen readers and for print. Colours: bars
#0a3a6b and target marks #a14a00 on white (contrast 11.6:1 and 5.6:1), text #212529.
"""

from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from collab.formatting import number

BAR = "#0a3a6b"
TARGET = "#a14a00"
TEXT = "#212529"
GRID = "#6c757d"


def bar_chart(
    series: list[tuple[object, object]],
    *,
    title: str,
    chart_id: str,
    targets: dict | None = None,
    unit: str = "",
    width: int = 460,
    height: int = 200,
    description: str = "",
) -> SafeString:
    """Bars for ``series`` [(label, value or None)], with a dashed mark at each target."""
    targets = targets or {}
    values = [Decimal(v) for _label, v in series if v is not None]
    values += [Decimal(t) for t in targets.values() if t is not None]
    top = max(values + [Decimal(0)]) or Decimal(1)
    top = top * Decimal("1.15")
    left, right, upper, lower = 8, 8, 22, 26
    plot_w = width - left - right
    plot_h = height - upper - lower
    slot = plot_w / max(len(series), 1)
    bar_w = slot * 0.6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description or title)}</desc>',
        f'<line x1="{left}" y1="{upper + plot_h}" x2="{width - right}" y2="{upper + plot_h}" '
        f'stroke="{GRID}" stroke-width="1"/>',
    ]
    for index, (label, value) in enumerate(series):
        x = left + index * slot + (slot - bar_w) / 2
        centre = x + bar_w / 2
        if value is not None:
            bar_h = float(Decimal(value) / top) * plot_h
            y = upper + plot_h - bar_h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                f'fill="{BAR}"/>'
            )
            parts.append(
                f'<text x="{centre:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="11" '
                f'fill="{TEXT}">{escape(number(value))}</text>'
            )
        target = targets.get(label)
        if target is not None:
            ty = upper + plot_h - float(Decimal(target) / top) * plot_h
            parts.append(
                f'<line x1="{x - 3:.1f}" y1="{ty:.1f}" x2="{x + bar_w + 3:.1f}" y2="{ty:.1f}" '
                f'stroke="{TARGET}" stroke-width="3" stroke-dasharray="5 3"/>'
            )
        parts.append(
            f'<text x="{centre:.1f}" y="{height - 8}" text-anchor="middle" font-size="12" '
            f'fill="{TEXT}">{escape(str(label))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
