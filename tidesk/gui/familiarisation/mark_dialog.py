"""Marking a passage as a finding, from the keyboard in a breath: H or B for the kind, digits for themes,
Enter to keep it. Nothing else is asked; the rest can be added on the findings board later."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tidesk.gui.widgets.basics import named, note, quiet
from tidesk.gui.widgets.dialogs import Dialog, text_width
from tidesk.gui.widgets.tags import TagPicker

SHOWN_WORDS = 300


@dataclass(frozen=True)
class Marked:
    kind: str
    tags: frozenset[str]
    role: str


class MarkDialog(Dialog):
    """Which kind of finding the words are, the themes and principles they touch, and who raised them."""

    def __init__(
        self, parent: QWidget | None, passage: str, tags: Sequence[str], roles: Sequence[str], kind: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Mark as a finding")
        self.setMinimumWidth(text_width(self, 56))
        layout = QVBoxLayout(self)
        shown = passage if len(passage) <= SHOWN_WORDS else passage[:SHOWN_WORDS].rstrip() + "…"
        layout.addWidget(quiet(note(f"“{shown}”")))
        kinds = QHBoxLayout()
        self.helps = named(QRadioButton("What &helps (H)"), "What helps", "A facilitator: it helps the work succeed")
        self.barrier = named(
            QRadioButton("What gets in the way (&B)"), "What gets in the way", "A barrier: it could hold the work back"
        )
        self.kinds = QButtonGroup(self)
        for button in (self.helps, self.barrier):
            self.kinds.addButton(button)
            kinds.addWidget(button)
        kinds.addStretch(1)
        (self.barrier if kind == "barrier" else self.helps).setChecked(True)
        layout.addLayout(kinds)
        self.picker = TagPicker()
        self.picker.set_tags(tags)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.picker)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        form = QFormLayout()
        self.role = named(QComboBox(), "Who raised it", "The role of who said it, if it was one role")
        self.role.setEditable(True)
        self.role.addItems(["", *roles])
        self.role.setCurrentText(roles[0] if len(roles) == 1 else "")
        form.addRow("Raised &by (role)", self.role)
        layout.addLayout(form)
        layout.addWidget(quiet(note("Keys: H or B for the kind, 1 to 9 for themes, Enter to keep it.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "Keep the finding")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Keep the finding")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.picker.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """H and B choose the kind and digits tick themes, wherever the focus is (unless typing a role)."""
        line = self.role.lineEdit()
        typing = self.role.hasFocus() or (line is not None and line.hasFocus())
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
        if plain and not typing:
            if event.key() == Qt.Key.Key_H:
                self.helps.setChecked(True)
                return
            if event.key() == Qt.Key.Key_B:
                self.barrier.setChecked(True)
                return
            if Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_9:
                self.picker.keyPressEvent(event)
                return
        super().keyPressEvent(event)

    def value(self) -> Marked:
        return Marked(
            "barrier" if self.barrier.isChecked() else "facilitator",
            self.picker.tags(),
            self.role.currentText().strip(),
        )

    @classmethod
    def get_value(
        cls, parent: QWidget | None, passage: str, tags: Sequence[str], roles: Sequence[str]
    ) -> tuple[Marked, bool]:
        dialog = cls(parent, passage, tags, roles)
        ok = dialog.exec() == Dialog.DialogCode.Accepted
        return dialog.value(), ok
