"""Dialogs built in code: the base for small fields dialogs, and one front door for questions.

Each dialog has a ``get_value(parent, ...) -> (value, ok)`` class method, so pages stay small and tests can
answer them.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from tidesk.gui.widgets.basics import named

SCREEN_MARGIN = 24  # pixels kept free round a dialog, so its frame and buttons are always on the screen


def fit_to_screen(window: QWidget) -> None:
    """No larger than the screen it is on (at 200 % text a dialog would otherwise hang off a 1024×768
    screen, its buttons out of reach): the contents scroll, or wrap, inside instead."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry().size() - QSize(SCREEN_MARGIN, SCREEN_MARGIN)
    window.setMaximumSize(room)
    wanted = window.sizeHint().expandedTo(window.minimumSizeHint())
    window.resize(wanted.boundedTo(room).expandedTo(window.size().boundedTo(room)))


def text_width(widget: QWidget, characters: int) -> int:
    """A width that holds about this many characters of the widget's font: it grows with the text size."""
    return widget.fontMetrics().averageCharWidth() * characters


class Dialog(QDialog):
    """A dialog that always fits the screen it opens on."""

    def showEvent(self, event: QShowEvent) -> None:
        fit_to_screen(self)
        super().showEvent(event)


class FieldsDialog(Dialog):
    """A dialog of labelled fields over OK and Cancel; subclasses add rows to ``self.form``."""

    def __init__(self, parent: QWidget | None, title: str, intro: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(text_width(self, 60))
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


class ChooseDialog(Dialog):
    """Choose one of a list (a backup to go back to, a response to compare with): a list that scrolls, so
    it fits the screen at any text size, unlike Qt's own input dialog."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, labels: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(intro)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(text)
        self.list = named(QListWidget(), title)
        self.list.addItems(labels)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.setMinimumWidth(text_width(self, 50))
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "OK")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @classmethod
    def get_value(cls, parent: QWidget | None, title: str, intro: str, labels: list[str]) -> tuple[int, bool]:
        dialog = cls(parent, title, intro, labels)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.list.currentRow(), ok and dialog.list.currentRow() >= 0


def tell(parent: QWidget | None, title: str, text: str, *, warning: bool = False) -> None:
    """Say something that needs a person's attention, in plain words shown exactly as they are (a service or
    a file called "A & <b>B</b>" is not read as markup)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    box.exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    tell(parent, title, text, warning=True)


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
