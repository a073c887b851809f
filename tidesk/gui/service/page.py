"""Service and pathway page: the service's profile, its partners and its pathway of journey stages."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from tidesk import areas
from tidesk.core import service
from tidesk.gui.service.dialogs import PartnerDialog, StageDialog
from tidesk.gui.service.pathway import PathwayView
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.export import ask_and_export
from tidesk.gui.widgets.basics import CommitTextEdit, named, note
from tidesk.gui.widgets.ordered_list import ListUseCases, OrderedList
from tidesk.gui.widgets.page import Page
from tidesk.gui.widgets.step import StepDone


class PartnerList(OrderedList):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Partner organisations",
            "partner",
            ctx,
            ListUseCases(
                service.list_partners,
                service.add_partner,
                service.edit_partner,
                service.remove_partner,
                service.move_partner,
                PartnerDialog,
            ),
            insert_after_current=False,
        )

    def describe(self, row: service.PartnerData) -> tuple[str, str]:
        return row.name, " · ".join(part for part in (row.kind, row.notes) if part)


class StageList(OrderedList):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Pathway stages",
            "stage",
            ctx,
            ListUseCases(
                service.list_stages,
                service.add_stage,
                service.edit_stage,
                service.remove_stage,
                service.move_stage,
                StageDialog,
            ),
            insert_after_current=True,
        )

    def describe(self, row: service.StageData) -> tuple[str, str]:
        return f"{row.position + 1}. {row.name}", row.description


PROFILE_LABELS = {
    "name": "service name",
    "organisation": "organisation",
    "setting": "setting",
    "description": "description",
}


class ServicePage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Service and pathway",
            "Describe the service as it is today, who it works with, and the journey a person takes through "
            "it. The lens event uses this pathway for its journey maps. Every box can be left empty and "
            "filled in later; changes are kept as you make them.",
        )
        self.ctx = ctx
        layout = self.column

        about = QGroupBox("About the service")
        form = QFormLayout(about)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.name = named(QLineEdit(), "Service name")
        self.name.setPlaceholderText("For example: Carran Community Substance Use Service")
        self.organisation = named(QLineEdit(), "Organisation")
        self.organisation.setPlaceholderText("The board, partnership or charity that runs it")
        self.setting = named(QComboBox(), "Setting")
        for value in service.ServiceSetting:
            self.setting.addItem(value.label, value.value)
        self.description = named(
            CommitTextEdit(lines=5),
            "Description",
            "Who is in the team, where it works, anything a newcomer should know",
        )
        self.description.setPlaceholderText("Who is in the team, where it works, what a newcomer should know")
        form.addRow("&Name", self.name)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Setting", self.setting)
        form.addRow("&Description", self.description)
        for label_field in (self.name, self.organisation, self.setting, self.description):
            label = form.labelForField(label_field)
            if isinstance(label, QLabel):
                label.setBuddy(label_field)
        self.name.editingFinished.connect(lambda: self._commit("name", self.name.text()))
        self.organisation.editingFinished.connect(lambda: self._commit("organisation", self.organisation.text()))
        self.setting.activated.connect(lambda _i: self._commit("setting", self.setting.currentData()))
        self.description.editingFinished.connect(lambda: self._commit("description", self.description.toPlainText()))
        layout.addWidget(about)

        partners = QGroupBox("Partner organisations")
        partners_layout = QVBoxLayout(partners)
        partners_layout.addWidget(
            note(
                "Mental health teams, GP practices, pharmacies, prisons, the ADP and "
                "third sector groups the service works alongside."
            )
        )
        self.partners = PartnerList(ctx)
        partners_layout.addWidget(self.partners)
        layout.addWidget(partners)

        pathway = QGroupBox("Service pathway")
        pathway_layout = QVBoxLayout(pathway)
        pathway_layout.addWidget(
            note(
                "The stages of a person's journey, in order. Start from the usual stages "
                "and change them to match how your service really works."
            )
        )
        self.stages = StageList(ctx)
        pathway_layout.addWidget(self.stages)
        pathway_layout.addWidget(note("The pathway as it appears in the service report:"))
        self.drawing = PathwayView()
        pathway_layout.addWidget(self.drawing)
        layout.addWidget(pathway)

        self.done = StepDone(ctx, "service")
        layout.addWidget(self.done)
        export_row = QHBoxLayout()
        self.export_button = named(
            QPushButton("Export service report…"),
            "Export service report",
            "Write the profile, partners and pathway as a PDF to share",
        )
        self.export_button.clicked.connect(lambda: ask_and_export(ctx, "service"))
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)
        self.finish()
        self.watch(ctx, areas.area("service").tables)

    def _commit(self, field: str, value: str) -> None:
        ctx = self.ctx
        if ctx.workspace is None:
            return
        stored = value if field == "description" else value.strip()
        if getattr(service.get_profile(ctx.ws), field) == stored:
            return  # leaving a box without changing it is not an edit
        ctx.apply(f"Change the {PROFILE_LABELS[field]}", lambda: service.edit_profile(**{field: value}))

    def refresh(self, *_data: object) -> None:
        if self.ctx.workspace is None:
            return
        profile = service.get_profile(self.ctx.ws)
        for edit, value in ((self.name, profile.name), (self.organisation, profile.organisation)):
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)  # a long name shows its start, not its end
        index = self.setting.findData(profile.setting)
        if index >= 0 and index != self.setting.currentIndex():
            self.setting.setCurrentIndex(index)
        if self.description.toPlainText() != profile.description:
            self.description.setPlainText(profile.description)
        self.partners.refresh()
        self.stages.refresh()
        self.drawing.set_stages([stage.name for stage in self.stages.shown])
        self.done.refresh()
