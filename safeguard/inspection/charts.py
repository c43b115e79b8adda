"""Charts: each area's share indicators (dashboard and pack), and an indicator's breakdowns."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe

from safeguard.core.rules.indicators import Share
from safeguard.inspection.rules.areas import Area
from safeguard.inspection.rules.trends import bar_chart_svg
from safeguard.inspection.selectors import AreaBlock


def area_charts(blocks: Sequence[AreaBlock]) -> dict[Area, SafeString]:
    """An accessible bar chart per area that has share indicators (values 0 to 1)."""
    return {
        block.area: mark_safe(  # noqa: S308 - bar_chart_svg escapes every text it writes
            bar_chart_svg(
                block.label,
                [
                    (v.indicator.title, v.result.value)
                    for v in block.values
                    if v.indicator.kind == "share"
                ],
                max_value=1.0,
            )
        )
        for block in blocks
        if any(v.indicator.kind == "share" for v in block.values)
    }


def breakdown_charts(
    breakdowns: Sequence[tuple[str, str, Sequence[tuple[str, Share]]]],
) -> dict[str, SafeString]:
    """An accessible bar chart per breakdown of an indicator (dimension -> chart)."""
    return {
        dimension: mark_safe(  # noqa: S308 - bar_chart_svg escapes every text it writes
            bar_chart_svg(
                label,
                [(group, share.value) for group, share in rows],
                max_value=1.0,
                chart_id=f"chart-{dimension}",
            )
        )
        for dimension, label, rows in breakdowns
        if rows
    }
