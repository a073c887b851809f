"""A box that keeps what is typed as it is typed: for notes taken while someone talks.

Typing is stored in bursts: once the keys rest for a moment, and at least every second while they do not, so
nothing more than a second of typing can be lost. A pause (a second and a half without a key) ends one
gesture: every burst of a gesture carries the same number, and the undo stack merges them, so one Ctrl+Z
takes back what was typed since the last pause. The box has no undo of its own; Ctrl+Z goes to the app,
which first asks every such box to store what is pending (``AppContext.flush_edits``).
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

IDLE_MS = 300  # a burst ends when the keys rest this long
MOST_MS = 1000  # and is stored at least this often while typing goes on
PAUSE_S = 1.5  # a rest this long ends the gesture: the next key starts a new undo step


class LiveTextEdit(QPlainTextEdit):
    """``burst(text, gesture)`` is emitted with the whole text each time a burst is to be stored."""

    burst = Signal(str, int)
    _last_gesture = 0  # gestures are numbered across every box, so two boxes never merge into one undo step

    @classmethod
    def _next_gesture(cls) -> int:
        LiveTextEdit._last_gesture += 1
        return LiveTextEdit._last_gesture

    def __init__(self, parent: QWidget | None = None, *, lines: int = 2, most_lines: int = 18) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, so the keyboard is never trapped
        self.setUndoRedoEnabled(False)  # the app's undo takes it back, burst by burst
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._lines, self._most_lines = lines, most_lines
        self._gesture = self._next_gesture()
        self._last_key = 0.0
        self._pending = False
        self._stored_text = ""
        self._idle = self._timer(IDLE_MS)
        self._most = self._timer(MOST_MS)
        self.textChanged.connect(self._typed)
        self.document().contentsChanged.connect(self._fit)
        self._fit()

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self.flush)
        return timer

    # ---- storing -------------------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return self._pending

    def _typed(self) -> None:
        if self.signalsBlocked():
            return
        now = time.monotonic()
        if now - self._last_key > PAUSE_S:
            self._gesture = self._next_gesture()
        self._last_key = now
        self._pending = self.toPlainText() != self._stored_text
        if not self._pending:
            return
        self._idle.start()
        if not self._most.isActive():
            self._most.start()

    def flush(self) -> None:
        """Store what is pending now (leaving the box, Ctrl+Z, closing the workspace)."""
        self._idle.stop()
        self._most.stop()
        if not self._pending:
            return
        self._pending = False
        text = self.toPlainText()
        self._stored_text = text
        self.burst.emit(text, self._gesture)

    def new_gesture(self) -> None:
        """What is typed next is a step of its own (after a finding is marked, say)."""
        self.flush()
        self._gesture = self._next_gesture()

    def show_stored(self, text: str) -> None:
        """Show what the workspace holds (after an undo, say), keeping the cursor near where it was. Typing
        not yet stored is kept: the box wins until it has stored it."""
        if self._pending:
            return
        self._stored_text = text
        if text == self.toPlainText():
            return
        cursor = self.textCursor()
        position, anchor = cursor.position(), cursor.anchor()
        bar = self.verticalScrollBar().value()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._fit()
        cursor = self.textCursor()
        cursor.setPosition(min(anchor, len(text)))
        cursor.setPosition(min(position, len(text)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(bar)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.flush()
        self._gesture = self._next_gesture()
        super().focusOutEvent(event)

    # ---- size: as tall as the text, within bounds ------------------------------------------------

    def _fit(self) -> None:
        lines = max(self._lines, min(self._most_lines, self._visual_lines()))
        margins = self.contentsMargins()
        frame = int(self.document().documentMargin() * 2) + margins.top() + margins.bottom() + 4
        height = self.fontMetrics().lineSpacing() * lines + frame
        if height != self.height():
            self.setFixedHeight(height)

    def _visual_lines(self) -> int:
        """Lines as shown, wrapped ones counted (each paragraph at least one)."""
        block, lines = self.document().begin(), 0
        while block.isValid():
            shown = block.layout()
            lines += max(1, shown.lineCount() if shown is not None else 1)
            block = block.next()
        return max(1, lines)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._fit)  # wrapped lines change with the width

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.height())
