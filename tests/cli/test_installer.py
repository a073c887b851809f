"""The installer: build installer.spec with PyInstaller, then run the bundle it makes, away from the source.

Slow (a minute or more): the build is done once for the module, and its size and time are printed
(see them with `pytest -s` or `-rA`).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = "tidesk.exe" if sys.platform == "win32" else "tidesk"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(900),  # the build runs inside the first test's time
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed: pip install -e '.[test]' to build the installer",
    ),
]


class Bundle:
    def __init__(self, folder: Path, scratch: Path) -> None:
        self.folder = folder  # dist/tidesk
        # PyInstaller 6 puts everything but the executable in _internal/ (sys._MEIPASS).
        self.contents = folder / "_internal" if (folder / "_internal").is_dir() else folder
        self.scratch = scratch  # a working folder outside the repository

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run the bundled tidesk with a clean environment, from a folder where no source can be found."""
        env = {
            "TIDESK_DATA_DIR": str(self.scratch / "data"),
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(self.scratch),
        }
        if sys.platform == "win32":  # Windows programs cannot start without it
            env["SYSTEMROOT"] = os.environ.get("SYSTEMROOT", r"C:\Windows")
        return subprocess.run(
            [str(self.folder / EXECUTABLE), *args],
            cwd=self.scratch,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _size_mb(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files) / 1_000_000, len(files)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    tmp = tmp_path_factory.mktemp("installer")
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean"]
    command += ["--distpath", str(tmp / "dist"), "--workpath", str(tmp / "build"), "installer.spec"]
    built = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.monotonic() - started
    assert built.returncode == 0, f"PyInstaller failed:\n{built.stdout[-4000:]}\n{built.stderr[-8000:]}"
    folder = tmp / "dist" / "tidesk"
    assert (folder / EXECUTABLE).is_file(), f"no {EXECUTABLE} in {folder}"
    megabytes, count = _size_mb(folder)
    print(f"\ninstaller: dist/tidesk/ is {megabytes:.1f} MB in {count} files; built in {seconds:.0f} s")
    scratch = tmp / "run"
    scratch.mkdir()
    return Bundle(folder, scratch)


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


def _package_version() -> str:
    namespace: dict[str, object] = {}
    exec((ROOT / "tidesk" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return str(namespace["__version__"])


def test_bundle_ships_fonts_forms_and_migrations(bundle: Bundle) -> None:
    contents = bundle.contents
    assert (contents / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (contents / "forms").is_dir()
    migrations = contents / "tidesk" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    in_source = {p.name for p in (ROOT / "tidesk" / "migrations" / "versions").glob("*.py")}
    assert in_source, "the source tree has no migrations?"
    assert shipped == in_source


def test_bundle_leaves_out_what_tidesk_does_not_use(bundle: Bundle) -> None:
    names = {p.name.split(".")[0] for p in bundle.contents.rglob("*")}
    qt = ("QtWebEngineCore", "Qt3DCore", "QtQml", "QtQuick", "QtNetwork", "QtMultimedia", "QtPdf")
    unwanted = {*qt, *(f"libQt6{m[2:]}" for m in qt), "tkinter", "_tkinter", "numpy", "matplotlib", "pytest"}
    assert not names & unwanted


def test_bundled_version(bundle: Bundle) -> None:
    assert _ok(bundle.run("--version")).strip() == f"tidesk {_package_version()}"


def test_bundled_demo_check_and_export(bundle: Bundle) -> None:
    # demo creates a workspace through the Alembic migrations shipped as files in the bundle
    assert "Wrote a fictional demo workspace" in _ok(bundle.run("demo", "X.tidesk"))
    assert (bundle.scratch / "X.tidesk").is_file()
    checked = _ok(bundle.run("check", "X.tidesk"))
    assert "Integrity:  ok" in checked
    assert "(current)" in checked
    listed = _ok(bundle.run("export", "X.tidesk", "--list"))
    assert listed.strip(), "export --list printed no reports"
    _ok(bundle.run("export", "X.tidesk", "--report", "service", "-o", "S.pdf"))
    assert (bundle.scratch / "S.pdf").read_bytes().startswith(b"%PDF")


def test_bundled_forms_check_and_spreadsheet_import(bundle: Bundle) -> None:
    # The shipped forms load with the bundled YAML parser; pyxform (imported lazily) made it into the bundle.
    assert "no problems found" in _ok(bundle.run("forms", "check"))
    shutil.copy(ROOT / "tests" / "fixtures" / "xlsform" / "supported.xlsx", bundle.scratch / "supported.xlsx")
    _ok(bundle.run("forms", "import-xlsform", "supported.xlsx", "-o", "supported.yaml"))
    assert "no problems found" in _ok(bundle.run("forms", "check", "supported.yaml"))


def test_bundled_app_opens_a_workspace(bundle: Bundle) -> None:
    # The window on Qt's offscreen platform: proves the bundle's Qt libraries and plugins load.
    _ok(bundle.run("demo", "G.tidesk"))
    _ok(bundle.run("--exit-when-ready", "G.tidesk"))
