from __future__ import annotations

import math
import xml.etree.ElementTree as ET  # parses only SVG this test built
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.core.tests.rules.samples import PROPERTY_SETTINGS
from safeguard.inspection.rules.trends import (
    Series,
    bar_chart_svg,
    format_value,
    month_label,
    month_start,
    monthly_series,
    months_back,
    months_between,
)

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314  # the input is this module's own output


def _texts(root: ET.Element, css_class: str) -> list[str]:
    return [
        "".join(node.itertext())
        for node in root.iter(f"{SVG}text")
        if node.get("class") == css_class
    ]


def _bars(root: ET.Element) -> list[ET.Element]:
    return [node for node in root.iter(f"{SVG}rect") if "bar" in (node.get("class") or "").split()]


class TestMonthStart:
    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2026, 10, 1), date(2026, 10, 1)),
            (date(2026, 10, 31), date(2026, 10, 1)),
            (date(2028, 2, 29), date(2028, 2, 1)),
        ],
    )
    def test_returns_the_first_of_the_month(self, day: date, expected: date) -> None:
        assert month_start(day) == expected


class TestMonthsBetween:
    @pytest.mark.parametrize(
        ("start", "end", "expected"),
        [
            pytest.param(date(2026, 10, 9), date(2026, 10, 20), [date(2026, 10, 1)], id="same"),
            pytest.param(
                date(2026, 11, 15),
                date(2027, 1, 3),
                [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)],
                id="across-new-year",
            ),
            pytest.param(
                date(2026, 1, 31),
                date(2026, 3, 1),
                [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)],
                id="month-ends",
            ),
        ],
    )
    def test_lists_first_days_inclusive(self, start: date, end: date, expected: list[date]) -> None:
        assert months_between(start, end) == expected

    def test_a_year_has_twelve_months(self) -> None:
        assert len(months_between(date(2026, 4, 1), date(2027, 3, 31))) == 12

    def test_refuses_a_range_that_ends_before_it_starts(self) -> None:
        with pytest.raises(ValueError, match="ends \\(2026-09-30\\) in a month before"):
            months_between(date(2026, 10, 1), date(2026, 9, 30))


class TestMonthLabel:
    @pytest.mark.parametrize(
        ("month", "expected"),
        [
            (date(2026, 1, 1), "Jan 2026"),
            (date(2026, 10, 1), "Oct 2026"),
            (date(2027, 12, 1), "Dec 2027"),
        ],
    )
    def test_labels_in_english(self, month: date, expected: str) -> None:
        assert month_label(month) == expected


class TestSeries:
    def test_holds_a_month_and_a_value_or_none(self) -> None:
        assert Series(date(2026, 10, 1), None).value is None
        assert Series(date(2026, 10, 1), 0.5).value == 0.5

    def test_refuses_a_month_not_given_by_its_first_day(self) -> None:
        with pytest.raises(ValueError, match="first day, not 2026-10-02"):
            Series(date(2026, 10, 2), 1.0)


class TestMonthlySeries:
    def test_fills_missing_months_with_no_data_not_zero(self) -> None:
        values = {date(2026, 9, 1): 0.5, date(2026, 11, 1): 0.0, date(2027, 5, 1): 1.0}

        assert monthly_series(values, date(2026, 9, 1), date(2026, 11, 30)) == [
            Series(date(2026, 9, 1), 0.5),
            Series(date(2026, 10, 1), None),
            Series(date(2026, 11, 1), 0.0),
        ]

    def test_refuses_a_key_that_is_not_a_first_day(self) -> None:
        with pytest.raises(ValueError, match="first day, not 2026-09-15"):
            monthly_series({date(2026, 9, 15): 1.0}, date(2026, 9, 1), date(2026, 9, 1))


class TestFormatValue:
    @pytest.mark.parametrize(
        ("value", "percent", "expected"),
        [
            (0.875, True, "87.5%"),
            (1.0, True, "100%"),
            (0.0, True, "0%"),
            (1 / 3, True, "33.3%"),
            (12.0, False, "12"),
            (1234.0, False, "1,234"),
            (2.75, False, "2.8"),
            (0.0, False, "0"),
        ],
    )
    def test_formats(self, value: float, percent: bool, expected: str) -> None:
        assert format_value(value, percent=percent) == expected


class TestBarChartSvg:
    def test_draws_an_accessible_chart_of_shares(self) -> None:
        # given
        points = [("Sep 2026", 0.5), ("Oct 2026", None), ("Nov 2026", 1.0)]

        # when
        root = _parse(bar_chart_svg("Return interviews in 72 hours", points, max_value=1.0))

        # then
        assert root.tag == f"{SVG}svg"
        assert root.get("role") == "img"
        chart_id = root.get("aria-labelledby", "").split()[0].removesuffix("-title")
        assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
        title = root.find(f"{SVG}title")
        desc = root.find(f"{SVG}desc")
        assert title is not None
        assert desc is not None
        assert title.get("id") == f"{chart_id}-title"
        assert desc.get("id") == f"{chart_id}-desc"
        assert title.text == "Return interviews in 72 hours"
        assert desc.text == "Sep 2026: 50%; Oct 2026: no data; Nov 2026: 100%."
        assert _texts(root, "bar-value") == ["50%", "no data", "100%"]
        assert _texts(root, "bar-label") == ["Sep 2026", "Oct 2026", "Nov 2026"]

    def test_draws_no_data_as_an_empty_outlined_bar(self) -> None:
        root = _parse(bar_chart_svg("Shares", [("Oct", None), ("Nov", 0.25)], max_value=1.0))

        empty, filled = _bars(root)
        assert empty.get("class") == "bar bar-no-data"
        assert empty.get("fill") == "none"
        assert empty.get("stroke") == "currentColor"
        assert filled.get("fill") == "currentColor"

    def test_scales_bars_to_max_value(self) -> None:
        # height 200 leaves a plot 160 high, from y=18 to the axis at y=178
        root = _parse(bar_chart_svg("Shares", [("A", 1.0), ("B", 0.25), ("C", 0.0)], max_value=1.0))

        heights = [float(bar.get("height", "")) for bar in _bars(root)]
        tops = [float(bar.get("y", "")) for bar in _bars(root)]
        assert heights == [160, 40, 0]
        assert tops == [18, 138, 178]

    def test_scales_counts_to_the_largest_value_without_a_maximum(self) -> None:
        root = _parse(bar_chart_svg("Referrals", [("A", 40.0), ("B", 10.0), ("C", None)]))

        assert [float(bar.get("height", "")) for bar in _bars(root)] == [160, 40, 160]
        assert _texts(root, "bar-value") == ["40", "10", "no data"]

    def test_a_maximum_other_than_one_labels_counts_not_percentages(self) -> None:
        root = _parse(bar_chart_svg("Referrals", [("A", 1.0)], max_value=2.0))

        assert _texts(root, "bar-value") == ["1"]
        assert [float(bar.get("height", "")) for bar in _bars(root)] == [80]

    @pytest.mark.parametrize(
        ("points", "heights"),
        [
            pytest.param([("A", 0.0), ("B", 0.0)], [0, 0], id="all-zero"),
            # the no-data outline is drawn full height; it is not a value
            pytest.param([("A", None), ("B", 0.0)], [160, 0], id="no-data-and-zero"),
        ],
    )
    def test_draws_zero_bars_when_nothing_is_above_zero(
        self, points: list[tuple[str, float | None]], heights: list[float]
    ) -> None:
        root = _parse(bar_chart_svg("Nothing yet", points))

        assert [float(bar.get("height", "")) for bar in _bars(root)] == heights

    def test_draws_an_empty_chart_with_no_points(self) -> None:
        root = _parse(bar_chart_svg("Empty", []))

        assert _bars(root) == []
        desc = root.find(f"{SVG}desc")
        assert desc is not None
        assert desc.text == "No data."

    @pytest.mark.parametrize(
        "title",
        [
            "<script>alert(1)</script>",
            "Missing & absent",
            "Quotes \" and ' and ]]>",
            "Control \x00\x08 characters",
        ],
    )
    def test_escapes_the_title_and_still_parses(self, title: str) -> None:
        svg = bar_chart_svg(title, [(title, 0.5)], max_value=1.0)

        root = _parse(svg)

        assert "<script>" not in svg
        title_node = root.find(f"{SVG}title")
        assert title_node is not None
        assert title_node.text == title.replace("\x00", "").replace("\x08", "")
        assert [node.tag for node in root.iter() if node.tag.endswith("script")] == []
        assert _texts(root, "bar-label") == [title.replace("\x00", "").replace("\x08", "")]

    def test_escapes_ampersands_in_the_raw_output(self) -> None:
        svg = bar_chart_svg("A & B <c>", [("x&y", 1.0)], chart_id="c")

        assert "A &amp; B &lt;c&gt;" in svg
        assert "x&amp;y" in svg

    def test_uses_a_given_chart_id(self) -> None:
        root = _parse(bar_chart_svg("T", [("A", 1.0)], chart_id="readiness-1"))

        assert root.get("aria-labelledby") == "readiness-1-title readiness-1-desc"

    def test_different_charts_get_different_ids(self) -> None:
        first = _parse(bar_chart_svg("T", [("A", 1.0)]))
        second = _parse(bar_chart_svg("T", [("A", 2.0)]))

        assert first.get("aria-labelledby") != second.get("aria-labelledby")

    def test_uses_no_style_attributes(self) -> None:
        root = _parse(bar_chart_svg("T", [("A", 1.0), ("B", None)]))

        assert [node.tag for node in root.iter() if "style" in node.attrib] == []

    def test_sizes_the_chart(self) -> None:
        root = _parse(bar_chart_svg("T", [("A", 1.0)], width=300, height=120))

        assert (root.get("width"), root.get("height"), root.get("viewBox")) == (
            "300",
            "120",
            "0 0 300 120",
        )

    @pytest.mark.parametrize(
        ("points", "kwargs", "message"),
        [
            pytest.param([("A", -0.1)], {}, "'A' must be a finite number of 0 or more", id="neg"),
            pytest.param([("A", math.nan)], {}, "finite number", id="nan"),
            pytest.param([("A", math.inf)], {}, "finite number", id="inf"),
            pytest.param(
                [("A", 1.2)], {"max_value": 1.0}, r"\(1.2\) is above max_value", id="above-max"
            ),
            pytest.param([("A", 1.0)], {"max_value": 0.0}, "positive finite", id="zero-max"),
            pytest.param([("A", 1.0)], {"max_value": math.inf}, "positive finite", id="inf-max"),
            pytest.param([("A", 1.0)], {"width": 99}, "at least 100 by 80", id="narrow"),
            pytest.param([("A", 1.0)], {"height": 79}, "at least 100 by 80", id="short"),
            pytest.param([("A", 1.0)], {"chart_id": "1abc"}, "start with a letter", id="id-digit"),
            pytest.param([("A", 1.0)], {"chart_id": 'a" x="'}, "chart_id", id="id-quote"),
        ],
    )
    def test_refuses_bad_input(
        self, points: list[tuple[str, float | None]], kwargs: dict[str, object], message: str
    ) -> None:
        with pytest.raises(ValueError, match=message):
            bar_chart_svg("T", points, **kwargs)  # type: ignore[arg-type]  # kwargs vary by case

    @PROPERTY_SETTINGS
    @given(
        title=st.text(max_size=40),
        points=st.lists(
            st.tuples(
                st.text(max_size=12),
                st.none() | st.floats(min_value=0, max_value=1, allow_nan=False),
            ),
            max_size=14,
        ),
    )
    def test_any_text_gives_well_formed_svg_with_a_bar_per_point(
        self, title: str, points: list[tuple[str, float | None]]
    ) -> None:
        root = _parse(bar_chart_svg(title, points, max_value=1.0))

        assert len(_bars(root)) == len(points)
        assert len(_texts(root, "bar-value")) == len(points)


@pytest.mark.parametrize(
    ("today", "months", "start"),
    [
        (date(2027, 3, 15), 3, date(2027, 1, 1)),
        (date(2027, 3, 1), 1, date(2027, 3, 1)),
        (date(2027, 1, 31), 3, date(2026, 11, 1)),
        (date(2026, 11, 27), 12, date(2025, 12, 1)),
        (date(2027, 12, 31), 12, date(2027, 1, 1)),
    ],
)
def test_months_back_counts_calendar_months_ending_with_this_one(
    today: date, months: int, start: date
) -> None:
    assert months_back(today, months) == start
