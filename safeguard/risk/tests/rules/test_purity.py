"""The risk rules package stays pure (STYLE.md §4.1 and §4.6).

It may import only the standard library and itself, and must never read the clock.
import-linter enforces the first rule project-wide; this test also catches the second.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import safeguard.risk.rules

RULES_MODULES = sorted(Path(safeguard.risk.rules.__file__).parent.glob("*.py"))
CLOCK_READING_ATTRIBUTES = frozenset(
    {"now", "today", "utcnow", "monotonic", "perf_counter", "time_ns"}
)


def _imported_names(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _is_allowed(name: str) -> bool:
    return name.partition(".")[0] in sys.stdlib_module_names or name.startswith(
        "safeguard.risk.rules"
    )


class TestRiskRulesPurity:
    def test_finds_the_rules_modules(self) -> None:
        names = {path.name for path in RULES_MODULES}
        assert {"instruments.py", "thrive.py", "ppn_rag.py", "judgement.py"} <= names

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_imports_only_the_standard_library_and_itself(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert sorted(n for n in _imported_names(tree) if not _is_allowed(n)) == []

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_never_reads_the_clock(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        reads = [
            f"line {node.lineno}: .{node.attr}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in CLOCK_READING_ATTRIBUTES
        ]
        assert reads == []

    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("datetime", True),
            ("safeguard.risk.rules.instruments", True),
            ("django.conf", False),
            ("safeguard.risk.models", False),
        ],
    )
    def test_checker_tells_allowed_imports_apart(self, name: str, expected: bool) -> None:
        assert _is_allowed(name) is expected
