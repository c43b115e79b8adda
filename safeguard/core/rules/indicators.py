"""The share an inspection indicator reports, shared by every pathway's indicator rules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Share:
    """``numerator`` of ``denominator`` records met the measure.

    With nothing behind it the value is ``None`` ("no data"), never zero (issue 9).
    """

    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator
