"""The layer rules of ARCHITECTURE.md, checked in a fresh interpreter so nothing else has loaded Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tidesk

PACKAGE = Path(tidesk.__file__).parent


def _modules(layer: str) -> list[str]:
    return sorted(
        "tidesk." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        for path in (PACKAGE / layer).rglob("*.py")
        if path.name != "__init__.py"
    )


def _loaded_after_import(modules: list[str]) -> set[str]:
    script = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("layer", ["core", "reports"])
def test_core_and_reports_never_import_qt(layer: str) -> None:
    loaded = _loaded_after_import(_modules(layer))
    assert not {m for m in loaded if m.startswith("PySide6")}
    assert not {m for m in loaded if m.startswith("tidesk.gui")}


def test_core_never_imports_reports_or_gui() -> None:
    loaded = _loaded_after_import(_modules("core"))
    assert not {m for m in loaded if m.startswith(("tidesk.reports", "tidesk.gui"))}


def test_core_uses_no_sqlite_dialect_outside_workspace() -> None:
    """Rule 10: pragmas and the backup API live in core/workspace.py only."""
    for path in (PACKAGE / "core").rglob("*.py"):
        if path.name == "workspace.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "PRAGMA" not in text and "import sqlite3" not in text, path


def test_every_area_module_is_named_after_the_programme() -> None:
    areas = {"service", "familiarisation", "lens", "assessment", "wellbeing", "training", "tipig", "plan",
             "involvement", "exchange"}
    for report in (PACKAGE / "reports").glob("*.py"):
        if report.stem not in {"__init__", "document", "registry", "fonts", "drawing", "styles"}:
            assert report.stem in areas, f"reports/{report.name} is not named after an area"


def test_starting_the_app_does_not_load_reportlab() -> None:
    """ReportLab is loaded when a report is made, not at startup."""
    loaded = _loaded_after_import(["tidesk.gui.shell.app", "tidesk.reports"])
    assert not {m for m in loaded if m.startswith("reportlab")}
