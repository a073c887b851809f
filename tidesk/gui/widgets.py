"""Small building blocks shared by pages: named controls, headings, and text that commits on leaving."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QFont
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QWidget

W = TypeVar("W", bound=QWidget)


def named(widget: W, name: str, description: str = "") -> W:
    """Give a control the accessible name a screen reader announces (and a tooltip when helpful)."""
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)
        widget.setToolTip(description)
    return widget


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * (1.6 if level == 1 else 1.2))
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    label.setProperty("headingLevel", level)
    return label


def note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class CommitTextEdit(QPlainTextEdit):
    """A multi-line box that reports its text once, when the person leaves it (like editingFinished)."""

    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, so the keyboard never gets trapped

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()
