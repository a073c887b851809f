"""The fields of one document of the register: its title, kind, owner, review days and notes.

A day is typed into a plain box that may be left empty (most documents have no trauma-lens review yet), in
any of the ways people in the UK write one: 14/3/2026, 14-3-26, 14 March 2026, 2026-03-14 or "today". Once
the box is left, the day is written back in words, so 3/4 is seen to mean 3 April. A box tidesk cannot read
says so beneath it, and OK waits until it can.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.dates import long_date
from tidesk.core.familiarisation import documents
from tidesk.core.familiarisation.documents import NOT_A_DAY, read_day
from tidesk.core.familiarisation.models import DOCUMENT_KINDS
from tidesk.gui.widgets.basics import named, note
from tidesk.gui.widgets.dialogs import Dialog, fit_to_screen, text_width


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


class FieldsArea(QScrollArea):
    """The fields, as tall as they need: the dialog grows to hold them, and they scroll only once the dialog
    is as tall as the screen (large text on a small screen)."""

    def sizeHint(self) -> QSize:
        fields = self.widget()
        inner = fields.sizeHint() if fields is not None else QSize()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar + 2 * self.frameWidth(), inner.height() + 2 * self.frameWidth())


class DayField(QWidget):
    """A box for a day that may be left empty, with a line beneath saying when it cannot be read."""

    def __init__(self, name: str, day: date | None, on_change: Callable[[], None]) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)  # never stretched taller
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = named(QLineEdit(long_date(day) if day else ""), name, "A day, such as 14 March 2026; or empty")
        self.edit.setPlaceholderText("Such as 14 March 2026")
        self.problem = note(_sentence(NOT_A_DAY))
        self.problem.hide()
        layout.addWidget(self.edit)
        layout.addWidget(self.problem)
        self.edit.textChanged.connect(self._check)
        self.edit.textChanged.connect(lambda _text: on_change())  # after the check: the words are shown or not
        self.edit.editingFinished.connect(self._tidy)

    def day(self) -> date | None:
        """The day in the box; ValueError if it cannot be read."""
        return read_day(self.edit.text())

    def readable(self) -> bool:
        try:
            self.day()
        except ValueError:
            return False
        return True

    def _check(self, _text: str = "") -> None:
        self.problem.setVisible(not self.readable())

    def _tidy(self) -> None:
        """Write the day back in words, so the person sees how it was read."""
        if self.readable():
            found = self.day()
            words = long_date(found) if found else ""
            if words != self.edit.text():
                self.edit.setText(words)


class DocumentDialog(Dialog):
    """Add or edit a document; the fields scroll inside the dialog when the text is large."""

    def __init__(self, parent: QWidget | None, document: documents.DocumentData | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit document" if document else "Add a document")
        self.setMinimumWidth(text_width(self, 60))
        self._problems: tuple[bool, ...] = ()
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Only the title is needed; the rest can be filled in as the documents are gathered. A day can be "
            "left empty."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        fields = QWidget()
        column = QVBoxLayout(fields)
        column.setContentsMargins(0, 0, 0, 0)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        column.addLayout(self.form)
        column.addStretch(1)  # room to spare goes below the fields, not between them
        scroll = self.fields_area = FieldsArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(fields)
        layout.addWidget(scroll, 1)
        self._build_fields(document)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), "OK")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(lambda _text: self._enable())
        self._enable()

    def _build_fields(self, document: documents.DocumentData | None) -> None:
        self.title = named(QLineEdit(document.title if document else ""), "Document title")
        self.title.setMaxLength(documents.MAX_TITLE)
        self.title.setPlaceholderText("For example: Lone working policy")
        self.kind = named(QComboBox(), "Kind of document")
        for kind in DOCUMENT_KINDS:
            self.kind.addItem(documents.KIND_LABELS[kind], kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(document.kind if document else "policy")))
        self.owner = named(QLineEdit(document.owner if document else ""), "Owner", "Who looks after the document")
        self.owner.setMaxLength(documents.MAX_OWNER)
        self.owner.setPlaceholderText("Who looks after it: a role or a team")
        self.reviewed_on = DayField("Last reviewed", document.reviewed_on if document else None, self._enable)
        self.lens_reviewed_on = DayField(
            "Trauma-lens review done", document.lens_reviewed_on if document else None, self._enable
        )
        self.lens_review_due = DayField(
            "Trauma-lens review due", document.lens_review_due if document else None, self._enable
        )
        self.notes = named(QPlainTextEdit(document.notes if document else ""), "Notes about this document")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 5 + 12)
        for text, widget in (
            ("&Title", self.title),
            ("&Kind", self.kind),
            ("&Owner", self.owner),
            ("&Last reviewed", self.reviewed_on),
            ("Trauma-lens review &done", self.lens_reviewed_on),
            ("Trauma-lens review d&ue", self.lens_review_due),
            ("N&otes", self.notes),
        ):
            label = QLabel(text)
            label.setWordWrap(True)
            label.setBuddy(widget.edit if isinstance(widget, DayField) else widget)
            self.form.addRow(label, widget)

    def _days(self) -> tuple[DayField, ...]:
        return self.reviewed_on, self.lens_reviewed_on, self.lens_review_due

    def ready(self) -> bool:
        return bool(self.title.text().strip()) and all(day.readable() for day in self._days())

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.ready())
        problems = tuple(day.problem.isVisibleTo(self) for day in self._days())
        if problems != self._problems:
            self._problems = problems
            if self.isVisible():  # room for the words beneath a day, while the screen has it
                self.fields_area.updateGeometry()
                layout = self.layout()
                if layout is not None:
                    layout.activate()
                fit_to_screen(self)

    def value(self) -> dict[str, Any]:
        """The fields as the core takes them (call only when ``ready()``)."""
        return {
            "title": self.title.text().strip(),
            "kind": self.kind.currentData(),
            "owner": self.owner.text().strip(),
            "reviewed_on": self.reviewed_on.day(),
            "lens_reviewed_on": self.lens_reviewed_on.day(),
            "lens_review_due": self.lens_review_due.day(),
            "notes": self.notes.toPlainText(),
        }

    @classmethod
    def get_value(cls, parent: QWidget | None, document: documents.DocumentData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, document)
        ok = dialog.exec() == QDialog.DialogCode.Accepted and dialog.ready()
        return (dialog.value() if ok else {}), ok
