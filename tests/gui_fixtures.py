"""GUI fixtures: a fresh data folder per test, a synchronous task runner, and no real dialogs or viewers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers import live_state
from tidesk.core.demo import write_demo
from tidesk.core.places import Places
from tidesk.gui.shell import app as gui_app
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import SynchronousRunner


def _delete_closed_widgets() -> None:
    """Widgets closed with deleteLater are only deleted by an event loop; tests run none, so do it here."""
    app = QApplication.instance()
    if app is not None:
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QApplication.processEvents()


@pytest.fixture(autouse=True)
def _fresh_widgets() -> Iterator[None]:
    """Each test starts with the previous test's windows gone, so the suite stays as fast late as early."""
    _delete_closed_widgets()
    yield
    _delete_closed_widgets()


@pytest.fixture(autouse=True)
def _no_real_popups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes would wait for a person; record them instead. Nothing opens a PDF viewer."""
    shown: list[str] = []

    def record(_parent: object, title: str, text: str, *_a: object, **_k: object) -> QMessageBox.StandardButton:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    def exec_box(box: QMessageBox) -> int:
        shown.append(f"{box.windowTitle()}: {box.text()}")
        return int(QMessageBox.StandardButton.Ok.value)

    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: True))
    return shown


@pytest.fixture
def messages(_no_real_popups: list[str]) -> list[str]:
    return _no_real_popups


@pytest.fixture
def make_window(qtbot: QtBot, places: Places) -> Iterator[Callable[..., MainWindow]]:
    made: list[MainWindow] = []

    def make(workspace: Path | None = None, *, runner: type = SynchronousRunner) -> MainWindow:
        window = gui_app.build(places, runner)
        qtbot.addWidget(window)
        window.show()
        gui_app.start(window, workspace)
        made.append(window)
        return window

    yield make
    for window in made:
        window.ctx.runner.wait()
        window.close()
        window.deleteLater()


@pytest.fixture
def demo_path(tmp_path: Path) -> Path:
    path = tmp_path / "demo.tidesk"
    write_demo(path)
    return path


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the workspace holds for a person, to compare before and after (see tests/helpers.py)."""
    return live_state(path)
