"""What the forms page asks and says: starting a response, problems in a form file, a team copy's notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from tidesk.core import files
from tidesk.core.forms.loader import FormProblem
from tidesk.core.forms.model import AnsweredBy, FormDefinition
from tidesk.gui.widgets.basics import named, note
from tidesk.gui.widgets.dialogs import Dialog, text_width

MAX_PROBLEMS_SHOWN = 12
WHO = {
    AnsweredBy.INDIVIDUAL: "&Name (optional)",
    AnsweredBy.GROUP: "&Group or team (optional)",
    AnsweredBy.FACILITATOR: "&Facilitator (optional)",
}


def problems_text(problems: list[FormProblem]) -> str:
    lines = [f"{Path(p.file).name}:{p.line}: {p.message}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        lines.append(f"…and {len(problems) - MAX_PROBLEMS_SHOWN} more")
    return "\n".join(lines)


def not_loaded(name: str, problems: list[FormProblem], *, spreadsheet: bool = False) -> str:
    """Why a form file (or spreadsheet) was not taken in, one FILE:LINE problem a line."""
    if spreadsheet:
        where = "These rows of its survey sheet need" if len(problems) > 1 else "This row of its survey sheet needs"
        return (
            f"“{name}” was not imported, so nothing has changed. {where} a look (the number after the file "
            f"name is the row):\n\n{problems_text(problems)}"
        )
    where = "These lines need" if len(problems) > 1 else "This line needs"
    return (
        f"“{name}” was not loaded, so nothing has changed. {where} a look:\n\n{problems_text(problems)}\n\n"
        f"You can check a form file at any time with: tidesk forms check {name}"
    )


def team_copy_header(form: FormDefinition, made_from: int, file_name: str) -> str:
    lines = [
        f"A team copy of “{form.title}” (form id '{form.id}'), made with tidesk on {date.today().isoformat()}",
        f"from version {made_from}. It is version {form.version}.",
        "",
        "To adapt it, open this file in any text editor:",
        "  - change the wording, help or choices, or add new items;",
        "  - keep every existing item's id exactly as it is: answers are compared across versions by id,",
        "    and a new item needs a new id of its own (lower-case letters, digits, - and _);",
        f"  - leave 'version: {form.version}' as it is (a changed form is always a new, higher version).",
        f"Check it with: tidesk forms check {file_name}",
        "Then, in tidesk, open the Forms page and choose “Load a form file…”.",
    ]
    if form.credit:
        lines += ["", "This form credits a source (see 'credit'): check its licence allows changes to the wording."]
    return "\n".join(lines)


def write_whole(path: Path, text: str) -> None:
    """Write a file completely or not at all (over a file the person chose to replace, never a workspace)."""
    files.check_output(path, force=True)
    files.write_text(path, text, replace=True)


class StartResponseDialog(Dialog):
    """Which round a new response belongs to, and (unless the form is anonymous) who is answering."""

    def __init__(self, parent: QWidget | None, form: FormDefinition, rounds: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a response")
        self.setMinimumWidth(text_width(self, 60))
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                f"A new response to “{form.title}” (version {form.version}). Each answer is kept as "
                + (
                    "it is given. The answers are anonymous: once you go back to all forms, nobody can open "
                    "them again, not even you."
                    if form.anonymous
                    else "it is given, so you can stop and carry on later."
                )
            )
        )
        fields = QFormLayout()
        fields.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.round = named(QComboBox(), "Round", "Which round this is, such as Baseline or Follow-up at 6 months")
        self.round.setEditable(True)
        self.round.addItems(rounds or ["Baseline"])
        self.round.setCurrentText(rounds[-1] if rounds else "Baseline")
        fields.addRow(self._label("&Round", self.round), self.round)
        self.respondent: QLineEdit | None = None
        layout.addLayout(fields)
        if form.anonymous:
            layout.addWidget(note("This form is answered anonymously: no name is kept with the answers."))
        else:
            self.respondent = named(QLineEdit(), WHO[form.answered_by].replace("&", ""))
            fields.addRow(self._label(WHO[form.answered_by], self.respondent), self.respondent)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Start")
        named(ok, "Start")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _label(text: str, field: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(field)  # Alt and the underlined letter move to the box
        return label

    def value(self) -> dict[str, Any]:
        return {
            "round_label": self.round.currentText().strip(),
            "respondent": self.respondent.text().strip() or None if self.respondent else None,
        }

    @classmethod
    def get_value(
        cls, parent: QWidget | None, form: FormDefinition, rounds: list[str] | None = None
    ) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, form, rounds or [])
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok
