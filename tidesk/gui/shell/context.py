"""What every page is given: the open workspace, the undo stacks, the task runner, places and preferences.

Passed explicitly into constructors (no global application object to reach for). ``changed`` is the one
notification views listen to: it carries what a change touched (a ``Touched``), or None when anything may
differ (another workspace, a failed write, a reload), so each page refreshes only for what it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup, QUndoStack
from PySide6.QtWidgets import QWidget

from tidesk.core.errors import StorageError, TideskError
from tidesk.core.places import Places
from tidesk.core.units import Touched
from tidesk.core.workspace import Workspace

if TYPE_CHECKING:
    from tidesk.core.changes import Change
from tidesk.gui.shell.preferences import Preferences
from tidesk.gui.shell.tasks import TaskRunner
from tidesk.gui.shell.undo import ChangeCommand
from tidesk.gui.widgets.dialogs import tell, warn

READ_ONLY = (
    "This workspace is open here to read only, because another copy of tidesk has it open for changes. "
    "Make changes there; here you can read, and export reports"
)


class PrivateUndo:
    """An undo stack of its own for a private context (a person's own plan, one member's answers while the
    laptop is passed round). While open it is the stack Ctrl+Z works on; closing it clears it, so the next
    person's Ctrl+Z can never reveal or change the previous person's words."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx
        self.stack = QUndoStack(ctx.undo_group)
        ctx.undo_group.setActiveStack(self.stack)

    def close(self) -> None:
        """Out of reach at once; its commands go with the stack once control is back in the event loop, since
        closing may happen inside one of them (undoing the start of a response closes its view)."""
        group = self._ctx.undo_group
        group.setActiveStack(self._ctx.undo_stack)
        group.removeStack(self.stack)
        self.stack.deleteLater()


class AppContext(QObject):
    changed = Signal(object)  # a Touched, or None: anything may have changed
    workspace_replaced = Signal()  # another workspace (or none) is now open
    message = Signal(str)  # a short line for the status bar
    navigate = Signal(str)  # ask the window to show the page with this key
    stored = Signal(bool, str)  # whether the last write was kept, and if not, why
    flush_edits = Signal()  # boxes that store typing in bursts store what is pending, now

    def __init__(self, places: Places, preferences: Preferences, runner: TaskRunner) -> None:
        super().__init__()
        self.places = places
        self.preferences = preferences
        self.runner = runner
        self.undo_group = QUndoGroup(self)
        self.undo_stack = QUndoStack(self.undo_group)
        self.undo_group.setActiveStack(self.undo_stack)
        self.workspace: Workspace | None = None
        self.read_only = False
        self.window: QWidget | None = None

    @property
    def ws(self) -> Workspace:
        if self.workspace is None:
            raise TideskError("no workspace is open")
        return self.workspace

    def set_workspace(self, workspace: Workspace | None, *, read_only: bool = False) -> None:
        """Show another workspace (or none). ``read_only``: it is open for changes in another copy of tidesk,
        so this one only reads and exports."""
        self.flush_edits.emit()
        self.runner.wait()
        if self.workspace is not None:
            self.workspace.close()
        for stack in self.undo_group.stacks():
            stack.clear()
        self.undo_group.setActiveStack(self.undo_stack)
        self.workspace = workspace
        self.read_only = read_only and workspace is not None
        self.workspace_replaced.emit()
        self.changed.emit(None)

    def undo(self) -> None:
        """Ctrl+Z: typing not yet stored is stored first, so it is undone with the rest of its gesture."""
        self.flush_edits.emit()
        self.undo_group.undo()

    def redo(self) -> None:
        self.flush_edits.emit()
        self.undo_group.redo()

    def private_undo(self) -> PrivateUndo:
        return PrivateUndo(self)

    def apply(self, text: str, change: Change | Callable[[], Change], *, stack: QUndoStack | None = None) -> bool:
        """Make one change and put it on the undo stack (the active one unless given). False if it was refused
        (said in plain words) or could not be written (said, and the pages show what is really stored)."""
        if self.read_only:
            self.report(READ_ONLY)
            return False
        try:
            from tidesk.core.changes import Change

            made = change() if callable(change) and not isinstance(change, Change) else change
            assert isinstance(made, Change)
            inverse = made.apply(self.ws)
        except TideskError as exc:
            self.failed(exc, isinstance(exc, StorageError))
            if isinstance(exc, StorageError):
                self.changed.emit(None)
            return False
        command = ChangeCommand(text, inverse, made.merge_key, lambda: self.ws, self._after, self.failed)
        (stack or self.undo_group.activeStack() or self.undo_stack).push(command)
        self._after(self.ws.last_touched)
        return True

    def _after(self, touched: Touched | None) -> None:
        if touched is not None:
            self.stored.emit(True, "")
        self.changed.emit(touched)

    def failed(self, exc: TideskError, storage: bool) -> None:
        """A refused change is explained; a failed write is explained and shown as not stored."""
        if storage:
            self.stored.emit(False, str(exc))
            warn(
                self.window,
                "Not stored",
                _sentence(str(exc)) + "\n\nWhat you see now is what "
                "the workspace holds. Your data folder and backups are untouched.",
            )
        else:
            self.report(str(exc))

    def report(self, text: str) -> None:
        tell(self.window, "tidesk", _sentence(text))


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
