"""Undo: one thin command around one change from the core; undo applies its inverse, redo the inverse's.

A change is applied before its command is pushed, so a refused change never reaches the stack. After that,
undo and redo are the same step: apply the change held, and hold the change it returns. Commands whose
changes share a merge key (one gesture: typing in one field, dragging one item) merge into one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from tidesk.core.errors import StorageError, TideskError
from tidesk.core.units import Touched
from tidesk.core.workspace import Workspace

if TYPE_CHECKING:
    from tidesk.core.changes import Change

MERGEABLE = 1  # Qt merges consecutive commands with the same id; mergeWith then compares the changes' keys


class ChangeCommand(QUndoCommand):
    """A change already made; holds its inverse. ``after(touched)`` tells the views what changed."""

    def __init__(
        self,
        text: str,
        inverse: Change,
        merge_key: object,
        ws: Callable[[], Workspace],
        after: Callable[[Touched | None], None],
        failed: Callable[[TideskError, bool], None],
    ) -> None:
        super().__init__(text)
        self.inverse = inverse
        self.merge_key = merge_key
        self._ws = ws
        self._after = after
        self._failed = failed
        self._done_already = True

    def id(self) -> int:
        return MERGEABLE if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeCommand) or other.merge_key is None or other.merge_key != self.merge_key:
            return False
        # Undoing the gesture undoes the newer step first, then this one.
        self.inverse = other.inverse.then(self.inverse)
        return True

    def redo(self) -> None:
        if self._done_already:  # the change was made before the push
            self._done_already = False
            return
        self._step()

    def undo(self) -> None:
        self._step()

    def _step(self) -> None:
        ws = self._ws()
        try:
            self.inverse = self.inverse.apply(ws)
        except TideskError as exc:  # the item changed meanwhile, or the disk refused the write
            self.setObsolete(True)
            self._failed(exc, isinstance(exc, StorageError))
            self._after(None)
            return
        self._after(ws.last_touched)


class TextUndoFallthrough(QObject):
    """Ctrl+Z in a text box undoes that box's typing; once it has none, the keys undo the last stored
    change instead (without this, a focused empty box would swallow the app's Undo and Redo)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
            return False
        undo, redo = event.matches(QKeySequence.StandardKey.Undo), event.matches(QKeySequence.StandardKey.Redo)
        if not (undo or redo):
            return False
        if isinstance(watched, QLineEdit):
            own = watched.isUndoAvailable() if undo else watched.isRedoAvailable()
        elif isinstance(watched, QPlainTextEdit):
            document = watched.document()
            own = document.isUndoAvailable() if undo else document.isRedoAvailable()
        else:
            return False
        if own:
            return False
        event.ignore()
        return True  # not consumed by the box: the Edit menu's shortcut runs
