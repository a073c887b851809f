"""Starting the app: one QApplication, the preferences, the window, and the workspace to open."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from tidesk import __version__
from tidesk.core.log import configure as configure_log
from tidesk.core.places import Places
from tidesk.gui.shell import unexpected, workspace_flow
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.preferences import Preferences
from tidesk.gui.shell.tasks import TaskRunner
from tidesk.gui.shell.theme import apply_text_scale, apply_theme


def build(places: Places, runner_class: type[TaskRunner] = TaskRunner) -> MainWindow:
    """Make the window with its context; used by run() and by the tests (with a synchronous runner)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    preferences = Preferences(places.config_dir)
    base_font = app.property("tidesk-base-font")  # the system's size, before any scaling of ours
    if not isinstance(base_font, QFont):
        base_font = QFont(app.font())
        app.setProperty("tidesk-base-font", base_font)
    apply_theme(app, preferences.get("theme"))
    apply_text_scale(app, base_font, preferences.get("text_scale"))
    window: MainWindow | None = None
    runner = runner_class(lambda: window)
    ctx = AppContext(places, preferences, runner)
    window = MainWindow(ctx, base_font)
    return window


def start(window: MainWindow, workspace: Path | None, *, on_ready: object = None) -> None:
    """Open the named workspace, else the one used last, else the default one; a first run, with none of
    them, shows the welcome page."""
    ready = on_ready if callable(on_ready) else None
    chosen = workspace or last_used(window.ctx.preferences.get("recent"), window.ctx.places.default_workspace)
    if chosen is not None:
        workspace_flow.open_path(window, chosen, on_ready=ready)
    elif ready is not None:
        ready()  # the welcome page is showing: nothing to load


def last_used(recent: list[str], default: Path) -> Path | None:
    for path in [*recent, str(default)]:
        if Path(path).is_file():
            return Path(path)
    return None


def run(workspace: Path | None, places: Places, *, exit_when_ready: bool = False) -> int:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    app.setApplicationName("tidesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("tidesk")
    app.setDesktopFileName("tidesk")
    window = build(places)
    configure_log(places.data_dir)
    unexpected.install(window.ctx)
    window.exit_when_ready = exit_when_ready
    window.show()

    def ready() -> None:
        if exit_when_ready:
            QTimer.singleShot(0, window.close)  # once the event loop is idle

    QTimer.singleShot(0, lambda: start(window, workspace, on_ready=ready))
    app.exec()
    return leave(window.exit_code)


def leave(code: int) -> NoReturn:
    """A prompt exit: by now the window has closed the workspace (every change was stored as it was made),
    saved its preferences and waited for background work, so the interpreter's slow tidy-up of every module
    and Qt object (about 0.15 s) is skipped."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
