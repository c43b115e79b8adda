"""The inspection rules package stays pure: standard library and core rules only, no clock reads.

import-linter forbids Django project-wide; this also catches reading the clock, which
import-linter cannot see.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import safeguard.inspection.rules
from safeguard.core.tests.rules.test_purity import _reads_the_clock

RULES_MODULES = sorted(Path(safeguard.inspection.rules.__file__).parent.glob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def _is_allowed(name: str) -> bool:
    return (
        name.partition(".")[0] in sys.stdlib_module_names
        or name.startswith("safeguard.core.rules")
        or name.startswith("safeguard.inspection.rules")
    )


class TestInspectionRulesPurity:
    def test_finds_the_rules_modules(self) -> None:
        assert {"areas.py", "plan.py", "sampling.py", "trends.py"} <= {
            path.name for path in RULES_MODULES
        }

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_imports_only_the_standard_library_and_rules(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))

        assert sorted(n for n in _imports(tree) if not _is_allowed(n)) == []

    @pytest.mark.parametrize("path", RULES_MODULES, ids=lambda path: path.name)
    def test_never_reads_the_clock(self, path: Path) -> None:
        tree = ast.parse(path.read_text(encoding="utf-8"))

        assert [ast.unparse(n) for n in ast.walk(tree) if _reads_the_clock(n)] == []
