"""The core rules package stays pure (STYLE.md §4.1 and §4.6).

It may import only the standard library, ``holidays`` and itself, and must never read the
clock. import-linter enforces the first rule project-wide; this test also catches the
second, which import-linter cannot see.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import safeguard.core.rules

RULES_DIRECTORY = Path(safeguard.core.rules.__file__).parent
RULES_MODULES = sorted(RULES_DIRECTORY.glob("*.py"))
ALLOWED_THIRD_PARTY = frozenset({"holidays"})
CLOCK_READING_ATTRIBUTES = frozenset(
    {"now", "today", "utcnow", "monotonic", "perf_counter", "time_ns"}
)


def _imported_top_level_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _is_allowed_import(name: str) -> bool:
    top_level = name.partition(".")[0]
    return (
        top_level in sys.stdlib_module_names
        or top_level in ALLOWED_THIRD_PARTY
        or name == "safeguard.core.rules"
        or name.startswith("safeguard.core.rules.")
    )


def _reads_the_clock(node: ast.AST) -> bool:
    if not isinstance(node, ast.Attribute):
        return False
    if node.attr in CLOCK_READING_ATTRIBUTES:
        return True
    # A call of the time module's clock, as in `time.time`.
    return node.attr == "time" and isinstance(node.value, ast.Name) and node.value.id == "time"


class TestRulesPackagePurity:
    def test_finds_the_rules_modules(self) -> None:
        names = {path.name for path in RULES_MODULES}

        assert {"periods.py", "bank_holidays.py", "calendar.py", "deadlines.py"} <= names

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_imports_only_the_standard_library_holidays_and_itself(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))

        forbidden = sorted(
            name for name in _imported_top_level_names(tree) if not _is_allowed_import(name)
        )

        assert forbidden == []

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_never_reads_the_clock(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))

        clock_reads = [
            f"line {node.lineno}: .{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and _reads_the_clock(node)
        ]

        assert clock_reads == []

    @pytest.mark.parametrize(
        ("source", "expected"),
        [
            pytest.param("datetime.now(tz=UTC)", True, id="datetime.now"),
            pytest.param("date.today()", True, id="date.today"),
            pytest.param("time.time()", True, id="time.time"),
            pytest.param("time.monotonic()", True, id="time.monotonic"),
            pytest.param("time(8, 30)", False, id="building a wall time"),
            pytest.param("calendar.day_starts_at", False, id="an ordinary attribute"),
        ],
    )
    def test_checker_recognises_clock_reads(self, source: str, expected: bool) -> None:
        tree = ast.parse(source)

        assert any(_reads_the_clock(node) for node in ast.walk(tree)) is expected

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            pytest.param("datetime", True, id="stdlib"),
            pytest.param("zoneinfo", True, id="zoneinfo"),
            pytest.param("holidays", True, id="holidays"),
            pytest.param("safeguard.core.rules.periods", True, id="itself"),
            pytest.param("django.utils.timezone", False, id="django"),
            pytest.param("safeguard.core.models", False, id="the rest of core"),
            pytest.param("rest_framework", False, id="rest_framework"),
        ],
    )
    def test_checker_recognises_allowed_imports(self, name: str, expected: bool) -> None:
        assert _is_allowed_import(name) is expected
