"""The import-linter contracts name every rules package, and nothing registers a signal."""

from __future__ import annotations

import pathlib
import tomllib
from typing import Any

ROOT = pathlib.Path(__file__).resolve().parents[2]


def contracts() -> list[dict[str, Any]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found: list[dict[str, Any]] = config["tool"]["importlinter"]["contracts"]
    return found


class TestContracts:
    def test_every_rules_package_is_forbidden_django(self) -> None:
        packages = {
            ".".join(p.relative_to(ROOT).parts[:-1])
            for p in (ROOT / "safeguard").glob("*/rules/__init__.py")
        }
        purity = next(c for c in contracts() if c["type"] == "forbidden")
        assert packages, "no rules packages found"
        assert packages <= set(purity["source_modules"]), packages - set(purity["source_modules"])
        assert {"django", "rest_framework"} <= set(purity["forbidden_modules"])

    def test_every_app_is_in_the_layers_contract(self) -> None:
        layered = " ".join(next(c for c in contracts() if c["type"] == "layers")["layers"])
        apps = {p.parent.name for p in (ROOT / "safeguard").glob("*/__init__.py")}
        assert {a for a in apps if f"safeguard.{a}" not in layered} == set()


class TestNoSignals:
    def test_no_module_connects_a_signal(self) -> None:
        offenders = [
            str(path.relative_to(ROOT))
            for path in (ROOT / "safeguard").rglob("*.py")
            if "/tests/" not in str(path)
            and any(s in path.read_text() for s in (".connect(", "@receiver", "django.dispatch"))
        ]
        assert offenders == []
