"""The rules of the layers and the layout, checked so a break fails here rather than in a later area.

Imports are checked in a fresh interpreter, so nothing else the suite loaded can hide one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import tidesk
from tidesk import areas

PACKAGE = Path(tidesk.__file__).parent
ROOT = PACKAGE.parent
# Every area of the programme, registered or still to come (ARCHITECTURE: one name per area in every layer).
AREA_NAMES = {
    "service",
    "familiarisation",
    "lens",
    "assessment",
    "wellbeing",
    "training",
    "tipig",
    "coaching",
    "plan",
    "policy",
    "involvement",
    "learning",
    "exchange",
}
GUI_SHARED = {"shell", "widgets", "forms"}
REPORT_INFRASTRUCTURE = {"__init__", "document", "registry", "fonts", "render"}
CORE_MECHANISMS = {"forms", "workspace"}
MAX_LINES = 600


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


@pytest.mark.parametrize("layer", ["core", "charts", "reports"])
def test_core_charts_and_reports_never_import_qt_or_the_gui(layer: str) -> None:
    loaded = _loaded_after_import(_modules(layer))
    assert not {m for m in loaded if m.startswith(("PySide6", "tidesk.gui"))}


def test_core_never_imports_reports_charts_or_gui() -> None:
    loaded = _loaded_after_import(_modules("core"))
    assert not {m for m in loaded if m.startswith(("tidesk.reports", "tidesk.charts", "tidesk.gui", "reportlab"))}


def test_charts_are_plain_python() -> None:
    loaded = _loaded_after_import(_modules("charts"))
    assert not {m for m in loaded if m.startswith(("reportlab", "PySide6", "sqlalchemy"))}


def test_the_command_line_and_the_list_of_areas_import_no_qt_widgets() -> None:
    loaded = _loaded_after_import(["tidesk.cli", "tidesk.areas"])
    assert not {m for m in loaded if m.startswith(("PySide6", "tidesk.gui", "reportlab", "sqlalchemy.orm"))}


def test_the_workspace_imports_no_area() -> None:
    loaded = _loaded_after_import(["tidesk.core.workspace"])
    area_modules = {m for m in loaded if m.split(".")[2:3] and m.split(".")[2] in AREA_NAMES}
    assert not area_modules


def test_core_uses_no_sqlite_dialect_outside_workspace() -> None:
    """Portable SQL: pragmas, the backup API and full-text search live in core/workspace/ only."""
    workspace = PACKAGE / "core" / "workspace"
    for path in (PACKAGE / "core").rglob("*.py"):
        if workspace in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        assert "PRAGMA" not in text and "import sqlite3" not in text and "fts5" not in text.lower(), path


def test_every_registered_area_has_every_layer() -> None:
    for area in areas.AREAS:
        assert area.key in AREA_NAMES, f"{area.key} is not an area of the programme"
        assert (PACKAGE / "core" / area.key / "__init__.py").is_file(), f"tidesk/core/{area.key}/ is missing"
        assert (PACKAGE / "gui" / area.key / "page.py").is_file(), f"tidesk/gui/{area.key}/page.py is missing"
        assert (PACKAGE / "reports" / f"{area.key}.py").is_file(), f"tidesk/reports/{area.key}.py is missing"
        tests = ROOT / "tests" / area.key
        assert any(tests.glob("test_*.py")), f"tests/{area.key}/ has no tests"
        assert area.tables, f"{area.key} has no tables in tidesk/core/{area.key}/models.py"


def test_every_dotted_name_in_the_list_of_areas_resolves() -> None:
    for area in areas.AREAS:
        names = [area.state, area.page, area.seed, area.demo]
        names += [name for entry in area.reports for name in (entry.data, entry.build)]
        for name in filter(None, names):
            assert callable(areas.resolve(name)), name


def test_every_gui_folder_is_shared_or_a_registered_area() -> None:
    folders = {path.name for path in (PACKAGE / "gui").iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert folders <= GUI_SHARED | set(areas.KEYS), folders - GUI_SHARED - set(areas.KEYS)
    loose = [path.name for path in (PACKAGE / "gui").glob("*.py") if path.name != "__init__.py"]
    assert not loose, f"modules directly under tidesk/gui/: {loose}"


def test_every_report_and_core_package_is_named_after_an_area() -> None:
    for report in (PACKAGE / "reports").glob("*.py"):
        assert report.stem in REPORT_INFRASTRUCTURE | AREA_NAMES, f"reports/{report.name} is not named after an area"
    for package in (PACKAGE / "core").iterdir():
        if package.is_dir() and (package / "__init__.py").exists():
            assert package.name in AREA_NAMES | CORE_MECHANISMS, f"core/{package.name}/ is not an area"


def test_no_file_of_the_package_is_longer_than_600_lines() -> None:
    long = []
    for path in PACKAGE.rglob("*.py"):
        if "migrations/versions" in path.as_posix():
            continue
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > MAX_LINES:
            long.append(f"{path.relative_to(ROOT)} ({lines} lines)")
    assert not long, f"split these along the programme's areas: {long}"


VALUES = {"QColor", "QSize", "QFont", "TypeVar", "frozenset", "dict", "tuple"}  # plain values, not objects


def test_no_module_level_objects_in_the_gui() -> None:
    """No god object, and no object made at import: a QObject made then lives in whichever thread imported
    the module (the warm-up imports pages in the background), and nothing may reach for a global window."""
    for path in (PACKAGE / "gui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                called = ast.unparse(node.value.func).split(".")[-1]
                assert called in VALUES, (path.name, node.lineno, called)


def test_starting_the_app_does_not_load_reportlab() -> None:
    """ReportLab is loaded when a report is made, not at startup."""
    loaded = _loaded_after_import(["tidesk.gui.shell.app", "tidesk.reports.registry"])
    assert not {m for m in loaded if m.startswith("reportlab")}


def test_the_window_starts_without_the_orm_or_yaml() -> None:
    """The first window shows the workspace before SQLAlchemy (and its ORM) or the YAML parser are loaded:
    they are warmed in the background once it is up (docs/architecture.md, start-up)."""
    loaded = _loaded_after_import(["tidesk.gui.shell.app", "tidesk.cli"])
    assert not {m for m in loaded if m.startswith(("sqlalchemy", "yaml", "alembic", "reportlab"))}
