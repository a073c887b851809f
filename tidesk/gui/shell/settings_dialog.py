"""Settings: the workspace's own (reports' protective marking, the small-number threshold, whether names of
who took part in conversations are kept) and this computer's (theme, text size). Workspace settings are one
undoable change; the app's apply at once."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.privacy import MIN_THRESHOLD
from tidesk.core.settings import PROTECTIVE_MARKINGS, get_setting
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.preferences import TEXT_SCALES
from tidesk.gui.shell.theme import THEMES
from tidesk.gui.widgets.basics import named, note
from tidesk.gui.widgets.dialogs import Dialog, text_width

NO_MARKING = "No marking"


@dataclass(frozen=True)
class Chosen:
    marking: str
    threshold: int
    keep_names: bool
    theme: str
    text_scale: int


class SettingsDialog(Dialog):
    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(text_width(self, 60))
        layout = QVBoxLayout(self)
        workspace = QGroupBox("This workspace")
        form = QFormLayout(workspace)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.marking = named(
            QComboBox(),
            "Protective marking on reports",
            "The line printed at the top and bottom of every page of a report",
        )
        self.marking.setEditable(True)
        self.marking.addItems([m or NO_MARKING for m in PROTECTIVE_MARKINGS])
        self.threshold = named(
            QSpinBox(),
            "Smallest group whose results are shown",
            "Figures about fewer people than this are withheld everywhere; never below five",
        )
        self.threshold.setRange(MIN_THRESHOLD, 50)
        self.threshold.setSuffix(" people")
        form.addRow("Protective &marking", self.marking)
        form.addRow("&Smallest group shown", self.threshold)
        form.addRow(
            note(
                "On a small island a count of two can say who answered, so results about fewer people "
                "than this are not shown. It can be raised for this workspace, never set below five."
            )
        )
        self.keep_names = named(
            QCheckBox("Keep the &names of who took part in conversations"),
            "Keep names of who took part",
            "Off: conversations record roles and organisations only. Names never appear in reports either way.",
        )
        form.addRow(self.keep_names)
        if ctx.workspace is not None:
            self.keep_names.setChecked(bool(get_setting(ctx.ws, "keep_names")))
            marking = str(get_setting(ctx.ws, "protective_marking"))
            self.marking.setCurrentText(marking or NO_MARKING)
            self.threshold.setValue(int(get_setting(ctx.ws, "small_number_threshold")))
        workspace.setEnabled(ctx.workspace is not None and not ctx.read_only)
        layout.addWidget(workspace)
        app = QGroupBox("On this computer")
        app_form = QFormLayout(app)
        self.theme = named(QComboBox(), "Theme")
        for key, label in THEMES.items():
            self.theme.addItem(label, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(ctx.preferences.get("theme"))))
        self.text_scale = named(QComboBox(), "Text size")
        for percent in TEXT_SCALES:
            self.text_scale.addItem(f"{percent} %", percent)
        current = ctx.preferences.get("text_scale")
        self.text_scale.setCurrentIndex(max(0, self.text_scale.findData(current)))
        app_form.addRow("&Theme", self.theme)
        app_form.addRow("Text si&ze", self.text_scale)
        layout.addWidget(app)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        named(buttons.button(QDialogButtonBox.StandardButton.Ok), "OK")
        named(buttons.button(QDialogButtonBox.StandardButton.Cancel), "Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value(self) -> Chosen:
        marking = self.marking.currentText().strip()
        return Chosen(
            "" if marking == NO_MARKING else marking,
            self.threshold.value(),
            self.keep_names.isChecked(),
            str(self.theme.currentData()),
            int(self.text_scale.currentData()),
        )

    @classmethod
    def get_value(cls, parent: QWidget | None, ctx: AppContext) -> tuple[Chosen, bool]:
        dialog = cls(parent, ctx)
        ok = dialog.exec() == Dialog.DialogCode.Accepted
        return dialog.value(), ok
