"""What every page is given: the open workspace, the undo stack, the task runner, places and preferences.

Passed explicitly into constructors (no global application object to reach for). ``changed`` is the one
notification views listen to: it fires after every edit, undo, redo and reload.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from tidesk.core.errors import TideskError
from tidesk.core.places import Places
from tidesk.core.workspace import Workspace
from tidesk.gui.shell.preferences import Preferences
from tidesk.gui.shell.tasks import TaskRunner
from tidesk.gui.shell.undo import UseCaseCommand


class AppContext(QObject):
    changed = Signal()  # something in the workspace changed
    workspace_replaced = Signal()  # another workspace (or none) is now open
    message = Signal(str)  # a short line for the status bar
    navigate = Signal(str)  # ask the window to show the page with this key

    def __init__(self, places: Places, preferences: Preferences, runner: TaskRunner) -> None:
        super().__init__()
        self.places = places
        self.preferences = preferences
        self.runner = runner
        self.undo_stack = QUndoStack(self)
        self.workspace: Workspace | None = None
        self.window: QWidget | None = None

    @property
    def ws(self) -> Workspace:
        if self.workspace is None:
            raise TideskError("no workspace is open")
        return self.workspace

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.runner.wait()
        if self.workspace is not None:
            self.workspace.close()
        self.undo_stack.clear()
        self.workspace = workspace
        self.workspace_replaced.emit()
        self.changed.emit()

    def apply(self, text: str, do: Callable[[], Any], undo: Callable[[Any], object]) -> bool:
        """Make one change through a core use case and put it on the undo stack. False if refused."""
        try:
            memo = do()
        except TideskError as exc:
            self.report(str(exc))
            return False
        self.undo_stack.push(UseCaseCommand(text, do, undo, memo, self.changed.emit, self.report))
        return True

    def report(self, text: str) -> None:
        QMessageBox.information(self.window, "tidesk", _sentence(text))


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
