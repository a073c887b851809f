"""Dialogs built in code: the base for small fields dialogs, and one front door for questions.

Each dialog has a ``get_value(parent, ...) -> (value, ok)`` class method, so pages stay small and tests can
answer them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tidesk.gui.widgets.basics import named


class FieldsDialog(QDialog):
    """A dialog of labelled fields over OK and Cancel; subclasses add rows to ``self.form``."""

    def __init__(self, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        if intro:
            label = QLabel(intro)
            label.setWordWrap(True)
            layout.addWidget(label)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout.addLayout(self.form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), "OK")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _require(self, name_edit: QLineEdit) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(name_edit.text().strip()))
        name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    detail: str,
    choices: list[str],
    *,
    cancel: str = "Close",
    default: str | None = None,
) -> str | None:
    """Ask a question with named answers; returns the chosen answer, or None for ``cancel``. ``default`` is
    the answer Enter chooses (Escape always closes).

    One small front door, so every such question looks the same and tests can answer it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names of files and services are shown exactly as they are
    box.setText(text)
    box.setInformativeText(detail)
    buttons = [(box.addButton(choice, QMessageBox.ButtonRole.ActionRole), choice) for choice in choices]
    closing = box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.setEscapeButton(closing)
    for button, choice in buttons:
        if choice == default:
            box.setDefaultButton(button)
    box.exec()
    clicked = box.clickedButton()
    return next((choice for button, choice in buttons if button is clicked), None)
