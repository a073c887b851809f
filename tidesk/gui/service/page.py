"""Service and pathway page: the service's profile, its partners and its pathway of journey stages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tidesk.core import service
from tidesk.core.db import new_uuid
from tidesk.core.programme import Phase
from tidesk.core.workspace import Workspace
from tidesk.gui.service.dialogs import PartnerDialog, StageDialog
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.export import ask_and_export
from tidesk.gui.shell.pages import PageSpec, register
from tidesk.gui.widgets import DETAIL_ROLE, TITLE_ROLE, CommitTextEdit, Page, TwoLineDelegate, named, note


@dataclass(frozen=True)
class ListUseCases:
    """The core use cases behind an ordered list; each one is a unit of work whose result undo needs."""

    rows: Callable[[Workspace], list[Any]]
    add: Callable[..., Any]  # add(ws, **value, position=…, uuid=…) -> the row added
    update: Callable[..., Any]  # update(ws, uuid, **value) -> the row as it was
    remove: Callable[[Workspace, str], Any]  # -> the row removed, for restore
    restore: Callable[[Workspace, Any], Any]
    move: Callable[[Workspace, str, int], int]  # -> the old index
    fields: tuple[str, ...]  # what an edit changes, so undo puts exactly those back
    dialog: Any  # a dialog class with get_value(parent, row or None) -> (value, ok)


class OrderedList(QWidget):
    """A list the person can add to, edit, remove from and reorder by dragging or with Alt+Up/Down.

    Subclasses say only how a row looks (``describe``); the use cases come in as data."""

    def __init__(self, title: str, noun: str, ctx: AppContext, use_cases: ListUseCases, *,
                 insert_after_current: bool) -> None:
        super().__init__()
        self.ctx = ctx
        self.use_cases = use_cases
        self.insert_after_current = insert_after_current
        self.noun = noun
        self.list = named(QListWidget(), title, f"Alt+Up and Alt+Down move the selected {noun}; "
                          f"Enter edits it; Delete removes it; Insert adds a new one")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setMinimumHeight(220)
        self.list.model().rowsMoved.connect(self._dropped)
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        buttons = QHBoxLayout()
        self.add_button = named(QPushButton(f"Add {noun}…"), f"Add {noun}")
        self.edit_button = named(QPushButton("Edit…"), f"Edit the selected {noun}")
        self.remove_button = named(QPushButton("Remove"), f"Remove the selected {noun}")
        self.up_button = named(QPushButton("Move up"), f"Move the selected {noun} up")
        self.down_button = named(QPushButton("Move down"), f"Move the selected {noun} down")
        for button, action in (
            (self.add_button, self.add),
            (self.edit_button, self.edit_selected),
            (self.remove_button, self.remove_selected),
            (self.up_button, lambda: self.move_selected(-1)),
            (self.down_button, lambda: self.move_selected(+1)),
        ):
            button.clicked.connect(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        for keys, action in (
            ("Alt+Up", lambda: self.move_selected(-1)),
            ("Alt+Down", lambda: self.move_selected(+1)),
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            ("Insert", self.add),
            ("F2", self.edit_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._uuids: list[str] = []

    # -- subclasses say how their rows look and which use cases they call --

    def describe(self, row: Any) -> tuple[str, str]:
        """The row's title and its quieter detail line."""
        raise NotImplementedError

    def rows(self) -> list[Any]:
        return self.use_cases.rows(self.ctx.ws)

    def add(self) -> None:
        value, ok = self.use_cases.dialog.get_value(self, None)
        if not ok:
            return
        ctx, cases = self.ctx, self.use_cases
        row = self.list.currentRow()
        position = row + 1 if self.insert_after_current and row >= 0 else None
        uuid = new_uuid()  # the same on every redo, so later commands still find it
        if ctx.apply(f"Add {self.noun} “{value['name']}”",
                     lambda: cases.add(ctx.ws, **value, position=position, uuid=uuid),
                     lambda added: cases.remove(ctx.ws, added.uuid)):
            self.select(uuid)

    def edit(self, row: Any) -> None:
        value, ok = self.use_cases.dialog.get_value(self, row)
        if not ok:
            return
        ctx, cases = self.ctx, self.use_cases
        ctx.apply(f"Edit {self.noun} “{value['name']}”",
                  lambda: cases.update(ctx.ws, row.uuid, **value),
                  lambda before: cases.update(ctx.ws, row.uuid, **{f: getattr(before, f) for f in cases.fields}))

    def remove(self, row: Any) -> None:
        ctx, cases = self.ctx, self.use_cases
        ctx.apply(f"Remove {self.noun} “{row.name}”",
                  lambda: cases.remove(ctx.ws, row.uuid),
                  lambda removed: cases.restore(ctx.ws, removed))

    # -- shared behaviour --

    def refresh(self) -> None:
        current = self.current_uuid()
        rows = self.rows()
        self.list.blockSignals(True)  # the view itself must still hear the model, so only the list is muted
        self.list.clear()
        self._uuids = [row.uuid for row in rows]
        for row in rows:
            title, detail = self.describe(row)
            item = QListWidgetItem(f"{title}. {detail}" if detail else title)  # what a screen reader says
            item.setData(TITLE_ROLE, title)
            item.setData(DETAIL_ROLE, detail)
            item.setData(Qt.ItemDataRole.UserRole, row.uuid)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if current in self._uuids:
            self.list.setCurrentRow(self._uuids.index(current))
        self._enable()

    def current_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, uuid: str) -> None:
        if uuid in self._uuids:
            self.list.setCurrentRow(self._uuids.index(uuid))

    def _selected_row(self) -> Any | None:
        uuid = self.current_uuid()
        return next((row for row in self.rows() if row.uuid == uuid), None)

    def _enable(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self.up_button.setEnabled(has and row > 0)
        self.down_button.setEnabled(has and row < self.list.count() - 1)

    def edit_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.edit(row)

    def remove_selected(self) -> None:
        row = self._selected_row()
        if row is not None:
            self.remove(row)

    def move_selected(self, step: int) -> None:
        uuid = self.current_uuid()
        if uuid is None:
            return
        new_index = self._uuids.index(uuid) + step
        if 0 <= new_index < len(self._uuids):
            self._move(uuid, new_index)
            self.select(uuid)
            self.list.setFocus()

    def _move(self, uuid: str, new_index: int) -> None:
        move = self.use_cases.move
        name = self.list.item(self._uuids.index(uuid)).data(TITLE_ROLE)
        self.ctx.apply(
            f"Move {self.noun} “{name}”",
            lambda: move(self.ctx.ws, uuid, new_index),
            lambda old_index: move(self.ctx.ws, uuid, old_index),
        )

    def _dropped(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        uuid = self._uuids[start]
        new_index = row if row < start else row - 1
        # Let the view finish its own move before the list is rebuilt from the workspace.
        def finish() -> None:
            self._move(uuid, new_index)
            self.select(uuid)

        QTimer.singleShot(0, finish)


class PartnerList(OrderedList):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Partner organisations", "partner", ctx, ListUseCases(
            service.list_partners, service.add_partner, service.update_partner, service.remove_partner,
            service.restore_partner, service.move_partner, ("name", "kind", "notes"), PartnerDialog,
        ), insert_after_current=False)

    def describe(self, row: service.PartnerData) -> tuple[str, str]:
        return row.name, " · ".join(part for part in (row.kind, row.notes) if part)


class StageList(OrderedList):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Pathway stages", "stage", ctx, ListUseCases(
            service.list_stages, service.add_stage, service.update_stage, service.remove_stage,
            service.restore_stage, service.move_stage, ("name", "description"), StageDialog,
        ), insert_after_current=True)

    def describe(self, row: service.StageData) -> tuple[str, str]:
        return f"{row.position + 1}. {row.name}", row.description


PROFILE_LABELS = {"name": "service name", "organisation": "organisation", "setting": "setting",
                  "description": "description"}


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
        self.description = named(CommitTextEdit(), "Description",
                                 "Who is in the team, where it works, anything a newcomer should know")
        self.description.setPlaceholderText("Who is in the team, where it works, what a newcomer should know")
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 5 + 12)
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
        self.description.editingFinished.connect(
            lambda: self._commit("description", self.description.toPlainText())
        )
        layout.addWidget(about)

        partners = QGroupBox("Partner organisations")
        partners_layout = QVBoxLayout(partners)
        partners_layout.addWidget(note("Mental health teams, GP practices, pharmacies, prisons, the ADP and "
                                       "third sector groups the service works alongside."))
        self.partners = PartnerList(ctx)
        partners_layout.addWidget(self.partners)
        layout.addWidget(partners)

        pathway = QGroupBox("Service pathway")
        pathway_layout = QVBoxLayout(pathway)
        pathway_layout.addWidget(note("The stages of a person's journey, in order. Start from the usual stages "
                                      "and change them to match how your service really works."))
        self.stages = StageList(ctx)
        self.stages.list.setMinimumHeight(320)
        pathway_layout.addWidget(self.stages)
        layout.addWidget(pathway)

        export_row = QHBoxLayout()
        self.export_button = named(QPushButton("Export service report…"), "Export service report",
                                   "Write the profile, partners and pathway as a PDF to share")
        self.export_button.clicked.connect(lambda: ask_and_export(ctx, "service"))
        export_row.addWidget(self.export_button)
        export_row.addStretch(1)
        layout.addLayout(export_row)
        self.finish()
        ctx.changed.connect(self.refresh)
        self.refresh()

    def _commit(self, field: str, value: str) -> None:
        ctx = self.ctx
        if ctx.workspace is None:
            return
        stored = value if field == "description" else value.strip()
        if getattr(service.get_profile(ctx.ws), field) == stored:
            return  # leaving a box without changing it is not an edit
        ctx.apply(
            f"Change the {PROFILE_LABELS[field]}",
            lambda: service.update_profile(ctx.ws, **{field: value}),
            lambda before: service.update_profile(ctx.ws, **{field: getattr(before, field)}),
        )

    def refresh(self) -> None:
        if self.ctx.workspace is None:
            return
        profile = service.get_profile(self.ctx.ws)
        for edit, value in ((self.name, profile.name), (self.organisation, profile.organisation)):
            if edit.text() != value:
                edit.setText(value)
        index = self.setting.findData(profile.setting)
        if index >= 0 and index != self.setting.currentIndex():
            self.setting.setCurrentIndex(index)
        if self.description.toPlainText() != profile.description:
            self.description.setPlainText(profile.description)
        self.partners.refresh()
        self.stages.refresh()


register(PageSpec(
    key="service",
    title="Service and pathway",
    phase=Phase.UNDERSTANDING,
    order=10,
    factory=ServicePage,
    state=service.step_state,
    summary="Describe the service, its partners and the journey through it.",
))
