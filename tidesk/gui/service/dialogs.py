"""Small dialogs built in code, each with a ``get_value(parent, ...) -> (value, ok)`` front door."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from tidesk.core import service
from tidesk.gui.widgets import named


class _FormDialog(QDialog):
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


class PartnerDialog(_FormDialog):
    def __init__(self, parent: QWidget | None, partner: service.PartnerData | None) -> None:
        super().__init__(parent, "Edit partner" if partner else "Add a partner organisation",
                         "Only the name is needed; the rest can wait.")
        self.name = named(QLineEdit(partner.name if partner else ""), "Partner name")
        self.kind = named(QComboBox(), "Kind of organisation")
        self.kind.setEditable(True)
        self.kind.addItems(service.PARTNER_KINDS)
        self.kind.setCurrentText(partner.kind if partner else "Other")
        self.notes = named(QPlainTextEdit(partner.notes if partner else ""), "Notes about this partner")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("N&otes", self.notes)
        self._require(self.name)

    def value(self) -> dict[str, str]:
        return {"name": self.name.text().strip(), "kind": self.kind.currentText().strip() or "Other",
                "notes": self.notes.toPlainText()}

    @classmethod
    def get_value(cls, parent: QWidget | None, partner: service.PartnerData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, partner)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok


class StageDialog(_FormDialog):
    def __init__(self, parent: QWidget | None, stage: service.StageData | None) -> None:
        super().__init__(parent, "Edit stage" if stage else "Add a journey stage",
                         "A short name for the stage, and what happens there if you like.")
        self.name = named(QLineEdit(stage.name if stage else ""), "Stage name")
        self.description = named(QPlainTextEdit(stage.description if stage else ""), "What happens at this stage")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(110)
        self.form.addRow("&Name", self.name)
        self.form.addRow("&What happens", self.description)
        self._require(self.name)

    def value(self) -> dict[str, str]:
        return {"name": self.name.text().strip(), "description": self.description.toPlainText()}

    @classmethod
    def get_value(cls, parent: QWidget | None, stage: service.StageData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, stage)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok


def ask(parent: QWidget | None, title: str, text: str, detail: str, choices: list[str], *,
        cancel: str = "Close") -> str | None:
    """Ask a question with named answers; returns the chosen answer, or None for ``cancel``.

    One small front door, so every such question looks the same and tests can answer it."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(detail)
    buttons = {box.addButton(choice, QMessageBox.ButtonRole.ActionRole): choice for choice in choices}
    box.addButton(cancel, QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return buttons.get(box.clickedButton())  # type: ignore[call-overload]
