"""The service area's dialogs: a partner organisation, a journey stage."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from tidesk.core import service
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.dialogs import FieldsDialog


class PartnerDialog(FieldsDialog):
    def __init__(self, parent: QWidget | None, partner: service.PartnerData | None) -> None:
        super().__init__(
            parent,
            "Edit partner" if partner else "Add a partner organisation",
            "Only the name is needed; the rest can wait.",
        )
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
        return {
            "name": self.name.text().strip(),
            "kind": self.kind.currentText().strip() or "Other",
            "notes": self.notes.toPlainText(),
        }

    @classmethod
    def get_value(cls, parent: QWidget | None, partner: service.PartnerData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, partner)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok


class StageDialog(FieldsDialog):
    def __init__(self, parent: QWidget | None, stage: service.StageData | None) -> None:
        super().__init__(
            parent,
            "Edit stage" if stage else "Add a journey stage",
            "A short name for the stage, and what happens there if you like.",
        )
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
