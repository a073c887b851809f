"""Small building blocks shared by pages: named controls, headings, notes, and text that commits on leaving."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control the accessible name a screen reader announces (and a tooltip when helpful)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


HEADING_SCALE = {1: 1.6, 2: 1.2, 3: 1.05}


def heading_font(level: int) -> QFont:
    font = QFont(QApplication.font())
    font.setPointSizeF(font.pointSizeF() * HEADING_SCALE.get(level, 1.2))
    font.setWeight(QFont.Weight.DemiBold)
    return font


def heading(text: str, level: int = 1) -> QLabel:
    """A heading, shown exactly as written: a service called "A & <b>B</b>" is called just that."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(heading_font(level))
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setProperty("headingLevel", level)
    return label


def rescale_headings() -> None:
    """Headings carry their own font size; after the text size changes they follow the new size."""
    for widget in QApplication.allWidgets():
        level = widget.property("headingLevel")
        if isinstance(level, int):
            widget.setFont(heading_font(level))


def note(text: str) -> QLabel:
    """A paragraph of plain words (never read as markup, so a person's words show as typed)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def quiet(label: QLabel) -> QLabel:
    """Secondary words (help, hints): the palette's quieter text colour, readable in light and dark."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that reports its text once, when the person leaves it (like editingFinished)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None, *, lines: int = 0) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, so the keyboard never gets trapped
        self._lines = lines
        self._fit_lines()

    def _fit_lines(self) -> None:
        """As tall as ``lines`` lines of the current font (it grows with the text size)."""
        if self._lines:
            margins = self.contentsMargins()
            document = int(self.document().documentMargin() * 2)
            self.setFixedHeight(
                self.fontMetrics().lineSpacing() * self._lines + margins.top() + margins.bottom() + document + 2
            )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_lines()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()
