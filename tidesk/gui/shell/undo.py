"""Undo: every edit is one QUndoCommand that calls one core use case; undo calls its inverse."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QUndoCommand
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from tidesk.core.errors import TideskError


class UseCaseCommand(QUndoCommand):
    """A change already made by ``do()`` (which returned ``memo``); ``undo(memo)`` reverses it.

    The use case runs before the command is pushed, so a refused change never reaches the stack; the
    push's own first redo() therefore does nothing. Later redos run ``do`` again from the same state.
    """

    def __init__(
        self,
        text: str,
        do: Callable[[], Any],
        undo: Callable[[Any], object],
        memo: Any,
        after: Callable[[], None],
        report: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._memo = memo
        self._after = after
        self._report = report
        self._done_already = True

    def redo(self) -> None:
        if self._done_already:
            self._done_already = False
            self._after()
            return
        self._guard(lambda: setattr(self, "_memo", self._do()))

    def undo(self) -> None:
        self._guard(lambda: self._undo(self._memo))

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except TideskError as exc:  # e.g. the item was changed by an import meanwhile
            self.setObsolete(True)
            self._report(f"That step could not be undone or redone: {exc}")
        self._after()


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
