"""A list the person adds to, edits, removes from and reorders, every edit one undoable change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QPushButton, QVBoxLayout, QWidget

from tidesk.core.changes import Change
from tidesk.core.db import new_uuid
from tidesk.core.workspace import Workspace
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.flow import FlowLayout
from tidesk.gui.widgets.two_line import TITLE_ROLE, TwoLineDelegate, grow_with_rows, two_line_item


@dataclass(frozen=True)
class ListUseCases:
    """The core use cases behind an ordered list: each builds the change for one edit."""

    rows: Callable[[Workspace], list[Any]]
    add: Callable[..., Change]  # add(**value, position=…, uuid=…)
    edit: Callable[..., Change]  # edit(uuid, **value)
    remove: Callable[[str], Change]
    move: Callable[[str, int], Change]
    dialog: Any  # a dialog class with get_value(parent, row or None) -> (value, ok)


class OrderedList(QWidget):
    """A list the person can add to, edit, remove from and reorder by dragging or with Alt+Up/Down.

    Subclasses say only how a row looks (``describe``); the use cases come in as data."""

    def __init__(
        self, title: str, noun: str, ctx: AppContext, use_cases: ListUseCases, *, insert_after_current: bool
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self.use_cases = use_cases
        self.insert_after_current = insert_after_current
        self.noun = noun
        self.list = named(
            QListWidget(),
            title,
            f"Alt+Up and Alt+Down move the selected {noun}; Enter edits it; Delete removes it; Insert adds a new one",
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        grow_with_rows(self.list)
        self.list.model().rowsMoved.connect(self._dropped)
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        buttons = FlowLayout(spacing=8)  # the buttons wrap onto a second row rather than widen the page
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
        self.shown: list[Any] = []  # the rows as last read, in order

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
        row = self.list.currentRow()
        position = row + 1 if self.insert_after_current and row >= 0 else None
        uuid = new_uuid()
        if self.ctx.apply(
            f"Add {self.noun} “{value['name']}”", lambda: self.use_cases.add(**value, position=position, uuid=uuid)
        ):
            self.select(uuid)

    def edit(self, row: Any) -> None:
        value, ok = self.use_cases.dialog.get_value(self, row)
        if not ok:
            return
        self.ctx.apply(f"Edit {self.noun} “{value['name']}”", lambda: self.use_cases.edit(row.uuid, **value))

    def remove(self, row: Any) -> None:
        self.ctx.apply(f"Remove {self.noun} “{row.name}”", lambda: self.use_cases.remove(row.uuid))

    # -- shared behaviour --

    def refresh(self) -> None:
        current = self.current_uuid()
        rows = self.shown = self.rows()
        self.list.blockSignals(True)  # the view itself must still hear the model, so only the list is muted
        self.list.clear()
        self._uuids = [row.uuid for row in rows]
        for row in rows:
            title, detail = self.describe(row)
            self.list.addItem(two_line_item(title, detail, row.uuid))
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
        return next((row for row in self.shown if row.uuid == uuid), None)

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
        name = self.list.item(self._uuids.index(uuid)).data(TITLE_ROLE)
        self.ctx.apply(f"Move {self.noun} “{name}”", lambda: self.use_cases.move(uuid, new_index))

    def _dropped(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        uuid = self._uuids[start]
        new_index = row if row < start else row - 1

        # Let the view finish its own move before the list is rebuilt from the workspace.
        def finish() -> None:
            self._move(uuid, new_index)
            self.select(uuid)

        QTimer.singleShot(0, self, finish)
