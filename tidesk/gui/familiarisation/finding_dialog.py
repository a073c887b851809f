"""Editing one finding: what kind it is, the lead's own words for it, who raised it (by role), its tags, and
whether its passage is the theme's quote in the report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.familiarisation.findings import KIND_LABELS, FindingData
from tidesk.core.familiarisation.models import FINDING_KINDS
from tidesk.gui.widgets.basics import named, note, quiet
from tidesk.gui.widgets.dialogs import Dialog, text_width
from tidesk.gui.widgets.tags import TagPicker

QUOTE = "Use as this theme's quote in the report"


@dataclass(frozen=True)
class FindingEdit:
    """What the dialog was left saying."""

    kind: str
    wording: str
    role: str
    tags: frozenset[str]
    quote: bool

    def fields(self, finding: FindingData) -> dict[str, object]:
        """The finding's own fields that differ from what it has now (its tags are kept apart)."""
        now = {"kind": finding.kind, "wording": finding.wording, "role": finding.role, "quote": finding.quote}
        wanted = {"kind": self.kind, "wording": self.wording, "role": self.role, "quote": self.quote}
        return {key: value for key, value in wanted.items() if now[key] != value}


class FindingDialog(Dialog):
    """The whole finding in one place; OK keeps every change as one undo step."""

    def __init__(self, parent: QWidget | None, finding: FindingData, roles: Sequence[str], source: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit finding")
        self.setMinimumWidth(text_width(self, 56))
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        said = quiet(note(f"Said in {source}:" if source else "Said:"))
        passage = note(finding.passage)
        passage.setAccessibleName("The passage as it was said")
        form.addRow(said)
        form.addRow(passage)

        kinds = QWidget()
        kind_row = QHBoxLayout(kinds)
        kind_row.setContentsMargins(0, 0, 0, 0)
        self.kinds: dict[str, QRadioButton] = {}
        for kind in FINDING_KINDS:
            button = named(QRadioButton(KIND_LABELS[kind]), KIND_LABELS[kind])
            button.setChecked(kind == finding.kind)
            kind_row.addWidget(button)
            self.kinds[kind] = button
        kind_row.addStretch(1)
        form.addRow(self._label("Kind", self.kinds[FINDING_KINDS[0]]), kinds)

        self.wording = named(
            QPlainTextEdit(finding.wording),
            "In your own words",
            "Optional: the finding in your words; left empty, the passage itself is shown",
        )
        self.wording.setPlaceholderText("Optional. Left empty, the passage itself is shown.")
        self.wording.setTabChangesFocus(True)
        self.wording.setFixedHeight(self.wording.fontMetrics().lineSpacing() * 4 + 16)
        form.addRow(self._label("In your own &words", self.wording), self.wording)

        self.role = named(QComboBox(), "Raised by (role)", "The role of whoever raised it, never a name")
        self.role.setEditable(True)
        self.role.addItems(list(dict.fromkeys(["", *roles, finding.role])))
        self.role.setCurrentText(finding.role)
        line = self.role.lineEdit()
        if line is not None:
            line.setPlaceholderText("A role, such as “Nurse”; never a name")
        form.addRow(self._label("Raised by (&role)", self.role), self.role)

        self.tags = named(TagPicker(parent=body), "Tags")
        self.tags.set_tags(finding.tags)
        form.addRow(self.tags)

        self.quote = named(QCheckBox(QUOTE), QUOTE, "The passage is quoted just as it was said, and never with a name")
        self.quote.setChecked(finding.quote)
        form.addRow(self.quote)

        scroll = QScrollArea()  # at large text the picker is tall: the fields scroll, the buttons stay in reach
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(self.buttons.button(QDialogButtonBox.StandardButton.Ok), "OK")
        named(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.kinds[finding.kind if finding.kind in self.kinds else FINDING_KINDS[0]].setFocus()

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)  # tidesk's own words, with the key that jumps to the field
        label.setBuddy(buddy)
        return label

    def value(self) -> FindingEdit:
        kind = next((kind for kind, button in self.kinds.items() if button.isChecked()), FINDING_KINDS[0])
        return FindingEdit(
            kind,
            self.wording.toPlainText().strip(),
            self.role.currentText().strip(),
            self.tags.tags(),
            self.quote.isChecked(),
        )

    @classmethod
    def get_value(
        cls, parent: QWidget | None, finding: FindingData, roles: Sequence[str], source: str
    ) -> tuple[FindingEdit, bool]:
        dialog = cls(parent, finding, roles, source)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok
