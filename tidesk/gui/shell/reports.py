"""Reports: the PDFs this workspace can produce, each exported in the background and opened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton

from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.export import ask_and_export
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.page import Page
from tidesk.gui.widgets.two_line import TwoLineDelegate, two_line_item
from tidesk.reports.registry import available_reports


class ReportsPage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Reports",
            "PDF reports to share with managers and partners. Each carries the protective marking chosen "
            "for this workspace, and a fictional demo is labelled on every page.",
        )
        self.ctx = ctx
        layout = self.column
        self.list = named(QListWidget(), "Reports", "Choose a report, then press Enter or Export")
        self.list.setWordWrap(True)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.itemActivated.connect(lambda _item: self.export_selected())
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.export_button = named(QPushButton("Export…"), "Export the selected report")
        self.export_button.clicked.connect(self.export_selected)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.finish(stretch=False)
        self.watch(ctx, ())  # the list of reports changes only with the workspace

    def refresh(self, *_data: object) -> None:
        chosen = self.list.currentRow()
        self.list.clear()
        if self.ctx.workspace is None:
            return
        for spec in available_reports(self.ctx.ws):
            self.list.addItem(two_line_item(spec.title, spec.description, spec.name))
        self.list.setCurrentRow(max(0, chosen))

    def export_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            ask_and_export(self.ctx, item.data(Qt.ItemDataRole.UserRole))
