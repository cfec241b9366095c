"""The effect chain (effektkedja) as a server-rendered SVG: the same markup on the chain's page
and in the PDF status report.

Five columns, resources → activities → outputs → outcomes → impacts, with an arrow between
each pair of column headings; each step is a box with its wrapped title and the names of the
indicators that measure it. The diagram is an image for sighted readers (``role="img"`` with a
title and a description that lists the content); the page shows the same content as a
structured list for screen readers and for print.

Colours on white: headings white on #0a3a6b (11.6:1), step text #212529 on #eef4fa (14.6:1),
indicator names #3d4349 on #eef4fa (9.2:1), box borders #0a3a6b (11.6:1 against white and the
box fill), arrows #495057 (8.2:1), empty-column text #495057 with a dashed #6c757d border
(4.7:1).
"""

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from followup.indicators import get_indicator
from followup.models import STAGE_ORDER, Stage

HEADING_FILL = "#0a3a6b"
HEADING_TEXT = "#ffffff"
BOX_FILL = "#eef4fa"
BOX_BORDER = "#0a3a6b"
TEXT = "#212529"
INDICATOR_TEXT = "#3d4349"
ARROW = "#495057"
EMPTY_BORDER = "#6c757d"
EMPTY_TEXT = "#495057"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

WIDTH = 1000
MARGIN = 4
GAP = 36  # between columns: room for the arrow
COLUMN = (WIDTH - 2 * MARGIN - 4 * GAP) / 5
HEADING_HEIGHT = 36
BOX_GAP = 10
PADDING = 8
TITLE_SIZE, TITLE_LINE = 12, 15
INDICATOR_SIZE, INDICATOR_LINE = 11, 14
# Average glyph width as a share of the font size (sans-serif; bold a little wider).
TITLE_CHARS = int((COLUMN - 2 * PADDING) / (TITLE_SIZE * 0.57))
INDICATOR_CHARS = int((COLUMN - 2 * PADDING - 8) / (INDICATOR_SIZE * 0.55))


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; a longer word (Swedish compounds such as
    "arbetsmarknadsenheten") is split with a hyphen."""
    words = []
    for word in str(text).split():
        while len(word) > width:
            words.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        words.append(word)
    lines: list[str] = []
    for word in words:
        if lines and not lines[-1].endswith("-") and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        elif lines and lines[-1].endswith("-") and len(lines[-1]) < width:
            lines.append(word)
        else:
            lines.append(word)
    return lines or [""]


def step_indicator_names(step, indicator_names: dict[str, str]) -> list[str]:
    """The names of the step's computed and manual indicators, in that order.

    ``indicator_names`` maps a computed indicator's key and ``"manual-<pk>"`` to a name (e.g.
    from ``indicator_rows``); a name not given there comes from the catalogue or the record.
    """
    names = []
    for key in step.indicator_keys or []:
        indicator = get_indicator(key)
        names.append(indicator_names.get(key) or (str(indicator.name) if indicator else key))
    for manual in step.manual_indicators.all():
        names.append(indicator_names.get(f"manual-{manual.pk}") or manual.name)
    return names


def steps_by_stage(steps: Iterable) -> list[tuple[Stage, list]]:
    """The five stages in chain order, each with its steps (by position, then creation)."""
    ordered = sorted(steps, key=lambda s: (STAGE_ORDER.get(s.stage, 99), s.position, s.pk or 0))
    return [(stage, [s for s in ordered if s.stage == stage]) for stage in Stage]


def effect_chain_svg(
    steps: Iterable, *, title: str, chart_id: str, indicator_names: dict[str, str]
) -> SafeString:
    """The effect chain of ``steps`` (``EffectStep`` with ``manual_indicators`` prefetched)."""
    columns = steps_by_stage(steps)
    boxes = []  # (column index, y, height, title lines, indicator lines)
    heights = []
    description = []
    for index, (stage, stage_steps) in enumerate(columns):
        y = HEADING_HEIGHT + 14
        texts = []
        for step in stage_steps:
            names = step_indicator_names(step, indicator_names)
            title_lines = _wrap(step.title, TITLE_CHARS)
            indicator_lines = []
            for name in names:
                wrapped = _wrap(name, INDICATOR_CHARS)
                indicator_lines.append((0, "• " + wrapped[0]))
                indicator_lines.extend((9, line) for line in wrapped[1:])
            height = 2 * PADDING + len(title_lines) * TITLE_LINE
            if indicator_lines:
                height += 4 + len(indicator_lines) * INDICATOR_LINE
            boxes.append((index, y, height, title_lines, indicator_lines))
            y += height + BOX_GAP
            texts.append(
                str(step.title)
                + (" (" + _("measured by") + " " + ", ".join(names) + ")" if names else "")
            )
        if not stage_steps:
            y += 44 + BOX_GAP
        heights.append(y)
        description.append(f"{stage.label}: " + ("; ".join(texts) if texts else _("no steps")))
    height = int(max(heights)) + 2

    def x_of(index: int) -> float:
        return MARGIN + index * (COLUMN + GAP)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="effect-diagram" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="{escape(FONT)}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(". ".join(description))}.</desc>',
    ]
    for index, (stage, stage_steps) in enumerate(columns):
        x = x_of(index)
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{COLUMN:.1f}" height="{HEADING_HEIGHT}" rx="4" '
            f'fill="{HEADING_FILL}"/>'
        )
        parts.append(
            f'<text x="{x + COLUMN / 2:.1f}" y="{HEADING_HEIGHT / 2 + 5:.1f}" '
            f'text-anchor="middle" font-size="14" font-weight="700" fill="{HEADING_TEXT}">'
            f"{escape(stage.label)}</text>"
        )
        if index < len(columns) - 1:
            start, end = x + COLUMN + 4, x + COLUMN + GAP - 4
            mid = HEADING_HEIGHT / 2
            parts.append(
                f'<line x1="{start:.1f}" y1="{mid:.1f}" x2="{end - 8:.1f}" y2="{mid:.1f}" '
                f'stroke="{ARROW}" stroke-width="3"/>'
            )
            parts.append(
                f'<polygon points="{end - 10:.1f},{mid - 7:.1f} {end:.1f},{mid:.1f} '
                f'{end - 10:.1f},{mid + 7:.1f}" fill="{ARROW}"/>'
            )
        if not stage_steps:
            y = HEADING_HEIGHT + 14
            parts.append(
                f'<rect x="{x + 1:.1f}" y="{y}" width="{COLUMN - 2:.1f}" height="44" rx="4" '
                f'fill="#ffffff" stroke="{EMPTY_BORDER}" stroke-width="1.5" '
                f'stroke-dasharray="5 4"/>'
            )
            parts.append(
                f'<text x="{x + COLUMN / 2:.1f}" y="{y + 27}" text-anchor="middle" '
                f'font-size="12" font-style="italic" fill="{EMPTY_TEXT}">'
                f"{escape(_('No steps yet'))}</text>"
            )
    for index, y, box_height, title_lines, indicator_lines in boxes:
        x = x_of(index)
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{y}" width="{COLUMN - 2:.1f}" height="{box_height}" '
            f'rx="4" fill="{BOX_FILL}" stroke="{BOX_BORDER}" stroke-width="1.5"/>'
        )
        line_y = y + PADDING + TITLE_SIZE
        for line in title_lines:
            parts.append(
                f'<text x="{x + PADDING:.1f}" y="{line_y}" font-size="{TITLE_SIZE}" '
                f'font-weight="600" fill="{TEXT}">{escape(line)}</text>'
            )
            line_y += TITLE_LINE
        if indicator_lines:
            line_y += 4 - TITLE_LINE + INDICATOR_LINE
            for indent, line in indicator_lines:
                parts.append(
                    f'<text x="{x + PADDING + indent:.1f}" y="{line_y}" '
                    f'font-size="{INDICATOR_SIZE}" fill="{INDICATOR_TEXT}">{escape(line)}</text>'
                )
                line_y += INDICATOR_LINE
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
