"""Monthly trends for the inspection-readiness dashboard, and an accessible bar chart (issue 9).

Pure: imports only the standard library, and never reads the clock. The chart is built as
text, so it renders inline in a server-rendered page with no script.

Indicator values are stored per month so that trends survive later data corrections
(STYLE.md §4.10). A month with nothing to measure has no value (``None``, "no data"),
never zero (issue 9; :class:`safeguard.core.rules.indicators.Share`).

The chart follows the accessible-SVG pattern: ``role="img"``, a ``<title>`` and a
``<desc>`` that gives every value as text, both named by ``aria-labelledby``. It uses SVG
presentation attributes only (no ``style`` attribute), so a strict content security policy
does not block it, and draws in ``currentColor`` so the page's CSS decides the colours.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

_MONTH_ABBREVIATIONS = (
    # Fixed English names: strftime("%b") would follow the server's locale.
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

MIN_CHART_WIDTH = 100
MIN_CHART_HEIGHT = 80

_TOP = 18  # room for the value labels above the tallest bar
_BOTTOM = 22  # room for the category labels below the axis
_SIDE = 4
_BAR_SHARE_OF_SLOT = 0.7

_CHART_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
# Characters XML 1.0 cannot carry even when escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def month_start(d: date) -> date:
    """Return the first day of the month ``d`` falls in."""
    return d.replace(day=1)


def months_back(d: date, months: int) -> date:
    """The first day of the month ``months - 1`` months before ``d``'s: the start of a run of
    ``months`` calendar months ending with ``d``'s (3 months to 15 March: 1 January)."""
    index = d.year * 12 + d.month - 1 - (months - 1)
    return date(index // 12, index % 12 + 1, 1)


def _next_month(month: date) -> date:
    if month.month == 12:
        return date(month.year + 1, 1, 1)
    return date(month.year, month.month + 1, 1)


def months_between(start: date, end: date) -> list[date]:
    """Return the first day of every month from ``start``'s month to ``end``'s, inclusive.

    ``months_between(date(2026, 11, 15), date(2027, 1, 3))`` is 1 November 2026,
    1 December 2026 and 1 January 2027.

    :raises ValueError: if ``end`` falls in a month before ``start``'s
    """
    first, last = month_start(start), month_start(end)
    if last < first:
        raise ValueError(
            f"The range ends ({end.isoformat()}) in a month before it starts ({start.isoformat()})."
        )
    months = [first]
    while months[-1] < last:
        months.append(_next_month(months[-1]))
    return months


def month_label(month: date) -> str:
    """Return a short English label for a month, such as ``"Oct 2026"``."""
    return f"{_MONTH_ABBREVIATIONS[month.month - 1]} {month.year}"


@dataclass(frozen=True)
class Series:
    """One point of a monthly series: the value for a month, or ``None`` for no data."""

    month: date
    value: float | None

    def __post_init__(self) -> None:
        """Refuse a month that is not given by its first day.

        :raises ValueError: if ``month`` is not the first day of a month
        """
        if self.month.day != 1:
            raise ValueError(f"A month is given by its first day, not {self.month.isoformat()}.")


def monthly_series(values: Mapping[date, float | None], start: date, end: date) -> list[Series]:
    """Return one point per month from ``start`` to ``end``, with ``None`` where none is known.

    ``values`` is keyed by the first day of each month; months outside the range are left
    out, and a month missing from ``values`` is "no data", never zero.

    :raises ValueError: if a key is not the first day of a month, or as
        :func:`months_between`
    """
    for month in values:
        if month.day != 1:
            raise ValueError(f"A month is given by its first day, not {month.isoformat()}.")
    return [Series(month, values.get(month)) for month in months_between(start, end)]


def _xml_text(text: str) -> str:
    """Escape text for XML content or a double-quoted attribute."""
    text = _NOT_XML.sub("", text)
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _coordinate(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def format_value(value: float, *, percent: bool) -> str:
    """Return a value as the chart labels it: a share as ``"87.5%"``, a count as ``"1,234"``.

    One decimal place at most, and none when it would be zero.
    """
    shown = round(value * 100 if percent else value, 1)
    text = f"{shown:,.0f}" if shown.is_integer() else f"{shown:,.1f}"
    return f"{text}%" if percent else text


def _check_value(label: str, value: float, max_value: float | None) -> None:
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"The value for {label!r} must be a finite number of 0 or more.")
    if max_value is not None and value > max_value:
        raise ValueError(f"The value for {label!r} ({value}) is above max_value ({max_value}).")


def bar_chart_svg(
    title: str,
    points: Sequence[tuple[str, float | None]],
    *,
    max_value: float | None = None,
    width: int = 480,
    height: int = 200,
    chart_id: str | None = None,
) -> str:
    """Return an accessible inline SVG bar chart with one bar per ``(label, value)`` point.

    Bars are scaled to ``max_value``, or to the largest value when it is ``None`` (bars of
    zero height when every value is zero). With ``max_value=1.0`` the values are taken to
    be shares and labelled as percentages. A point whose value is ``None`` is drawn as an
    empty dashed outline, the full height of the chart, labelled "no data".

    The ``<desc>`` lists every label and value as text. All text is XML-escaped, and
    characters XML cannot carry are dropped. ``chart_id`` prefixes the ids of the title and
    description; by default it is derived from the chart's content, so two different
    charts on one page get different ids.

    :raises ValueError: if ``width`` or ``height`` is too small, ``max_value`` is not a
        positive finite number, a value is negative, not finite or above ``max_value``, or
        ``chart_id`` is not a valid id
    """
    if width < MIN_CHART_WIDTH or height < MIN_CHART_HEIGHT:
        raise ValueError(
            f"A chart must be at least {MIN_CHART_WIDTH} by {MIN_CHART_HEIGHT} "
            f"(got {width} by {height})."
        )
    if max_value is not None and not (math.isfinite(max_value) and max_value > 0):
        raise ValueError(f"max_value must be a positive finite number (got {max_value}).")
    for label, value in points:
        if value is not None:
            _check_value(label, value, max_value)
    if chart_id is None:
        digest = hashlib.sha256(repr((title, list(points), max_value)).encode()).hexdigest()
        chart_id = f"chart-{digest[:12]}"
    elif not _CHART_ID.fullmatch(chart_id):
        raise ValueError(
            f"chart_id must start with a letter and hold only letters, digits, '-' and '_' "
            f"(got {chart_id!r})."
        )

    percent = max_value == 1.0
    present = [value for _, value in points if value is not None]
    scale = max_value if max_value is not None else max(present, default=0.0)
    if scale == 0:
        scale = 1.0

    def shown(value: float | None) -> str:
        return "no data" if value is None else format_value(value, percent=percent)

    if points:
        description = "; ".join(f"{label}: {shown(value)}" for label, value in points) + "."
    else:
        description = "No data."

    plot_height = height - _TOP - _BOTTOM
    baseline = _TOP + plot_height
    slot = (width - 2 * _SIDE) / max(len(points), 1)
    bar_width = slot * _BAR_SHARE_OF_SLOT

    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bar-chart" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="10">',
        f'<title id="{chart_id}-title">{_xml_text(title)}</title>',
        f'<desc id="{chart_id}-desc">{_xml_text(description)}</desc>',
        f'<line class="axis" x1="{_SIDE}" y1="{baseline}" x2="{width - _SIDE}" '
        f'y2="{baseline}" stroke="currentColor"/>',
    ]
    for index, (label, value) in enumerate(points):
        x = _SIDE + index * slot + (slot - bar_width) / 2
        middle = _coordinate(x + bar_width / 2)
        if value is None:
            bar = (
                f'<rect class="bar bar-no-data" x="{_coordinate(x)}" y="{_TOP}" '
                f'width="{_coordinate(bar_width)}" height="{plot_height}" fill="none" '
                f'stroke="currentColor" stroke-dasharray="4 3"/>'
            )
            top = float(_TOP)
        else:
            bar_height = plot_height * value / scale
            top = baseline - bar_height
            bar = (
                f'<rect class="bar" x="{_coordinate(x)}" y="{_coordinate(top)}" '
                f'width="{_coordinate(bar_width)}" height="{_coordinate(bar_height)}" '
                f'fill="currentColor"/>'
            )
        lines += [
            '<g class="bar-point">',
            bar,
            f'<text class="bar-value" x="{middle}" y="{_coordinate(top - 4)}" '
            f'text-anchor="middle">{_xml_text(shown(value))}</text>',
            f'<text class="bar-label" x="{middle}" y="{height - 8}" '
            f'text-anchor="middle">{_xml_text(label)}</text>',
            "</g>",
        ]
    lines.append("</svg>")
    return "\n".join(lines)
