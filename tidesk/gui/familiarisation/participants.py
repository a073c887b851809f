"""Who took part in a conversation: by role and organisation, with a name only where the team keeps names."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QSpinBox, QWidget

from tidesk.core.familiarisation import conversations as talk
from tidesk.core.settings import get_setting
from tidesk.core.workspace import Workspace
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.dialogs import FieldsDialog
from tidesk.gui.widgets.ordered_list import ListUseCases, OrderedList

ROLE_SUGGESTIONS = (
    "Nurses",
    "Recovery or support workers",
    "Social workers",
    "Doctors or prescribers",
    "Psychologists",
    "Admin and reception",
    "Managers",
    "Peer workers",
    "Partner organisation staff",
)


class ParticipantDialog(FieldsDialog):
    keep_names = False  # set from the workspace setting before the dialog opens

    def __init__(self, parent: QWidget | None, row: talk.ParticipantData | None) -> None:
        super().__init__(
            parent,
            "Edit who took part" if row else "Add who took part",
            "A role, an organisation, or both. Keep roles broad on a small team, so nobody can be picked out.",
        )
        self.role = named(QComboBox(), "Role")
        self.role.setEditable(True)
        self.role.addItems(ROLE_SUGGESTIONS)
        self.role.setCurrentText(row.role if row else "")
        self.organisation = named(QLineEdit(row.organisation if row else ""), "Organisation")
        self.organisation.setPlaceholderText("For example: NHS Carran, Harbour Pharmacy")
        self.people = named(QSpinBox(), "How many took part in this role")
        self.people.setRange(1, talk.MAX_PEOPLE)
        self.people.setValue(row.people if row else 1)
        self.form.addRow("&Role", self.role)
        self.form.addRow("&Organisation", self.organisation)
        self.form.addRow("How &many", self.people)
        self.name = named(QLineEdit(row.name if row else ""), "Name")
        if self.keep_names:
            self.name.setPlaceholderText("Only if they are happy for it to be kept")
            self.form.addRow("N&ame", self.name)
        else:
            self.name.setVisible(False)

    def value(self) -> dict[str, Any]:
        return {
            "role": self.role.currentText().strip(),
            "organisation": self.organisation.text().strip(),
            "people": self.people.value(),
            **({"name": self.name.text().strip()} if self.keep_names else {}),
        }

    @classmethod
    def get_value(cls, parent: QWidget | None, row: talk.ParticipantData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, row)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok


class ParticipantList(OrderedList):
    """The participants of the conversation shown in the editor (``meeting_uuid``)."""

    def __init__(self, ctx: AppContext) -> None:
        self.meeting_uuid = ""
        super().__init__(
            "Who took part",
            "who took part",
            ctx,
            ListUseCases(
                self._rows,
                lambda **value: talk.add_participant(self.meeting_uuid, **value),
                talk.edit_participant,
                talk.remove_participant,
                lambda uuid, index: talk.move_participant(uuid, index, self.meeting_uuid),
                ParticipantDialog,
            ),
            insert_after_current=False,
        )
        self.add_button.setText("Add who took part…")

    def _rows(self, ws: Workspace) -> list[talk.ParticipantData]:
        if not self.meeting_uuid:
            return []
        return list(talk.get_meeting(ws, self.meeting_uuid).participants)

    def describe(self, row: talk.ParticipantData) -> tuple[str, str]:
        people = "1 person" if row.people == 1 else f"{row.people} people"
        return row.label, " · ".join(part for part in (people, row.name) if part)

    def _keep_names(self) -> None:
        ParticipantDialog.keep_names = bool(get_setting(self.ctx.ws, "keep_names"))

    def add(self) -> None:
        if not self.meeting_uuid:
            return
        self._keep_names()
        value, ok = ParticipantDialog.get_value(self, None)
        if ok and self.ctx.apply(
            f"Add “{value['role'] or value['organisation']}” to the conversation",
            lambda: talk.add_participant(self.meeting_uuid, **value),
        ):
            self.refresh()
            self.list.setCurrentRow(self.list.count() - 1)

    def edit(self, row: talk.ParticipantData) -> None:
        self._keep_names()
        value, ok = ParticipantDialog.get_value(self, row)
        if ok:
            self.ctx.apply(f"Change “{row.label}”", lambda: talk.edit_participant(row.uuid, **value))

    def remove(self, row: talk.ParticipantData) -> None:
        self.ctx.apply(f"Remove “{row.label}” from the conversation", lambda: talk.remove_participant(row.uuid))
