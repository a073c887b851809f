"""One theme of the findings board: its heading, its counts and its cards, side by side with the others (a
column) or one under another (a row).

The cards are a list view, so the keyboard works as in any list: arrows between cards, Enter edits, Delete
removes. Side by side, Left and Right step to the neighbouring theme; one under another, Up from the first
card and Down from the last step to the theme before or after.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QListView, QSizePolicy, QVBoxLayout, QWidget

from tidesk.core import privacy
from tidesk.core.familiarisation.findings import NO_THEME, Column
from tidesk.core.programme import tag_label
from tidesk.gui.familiarisation.board_cards import Card, CardDelegate, CardModel
from tidesk.gui.widgets.basics import heading, named, note, quiet

WIDEST = 16_777_215  # Qt's largest widget size
FILTERED_OUT = "None of this theme's findings fit these filters."
NONE_YET = "No findings under this theme yet."
KEYS = "Up and Down move between findings; Enter edits the selected one; Delete removes it"


def column_title(theme: int) -> str:
    return "Not given a theme yet" if theme == NO_THEME else tag_label(f"theme:{theme}")


def people_words(cell: privacy.Cell) -> str:
    """How many people raised a theme's findings, as the small-number rule allows it to be said."""
    if isinstance(cell.value, privacy.Withheld):
        return f"raised by {cell.value.reason}" if cell.value.small else "how many people raised them is withheld"
    return f"raised by {cell.value} people"


def count_words(column: Column) -> str:
    """ "12 findings · raised by 7 people" (the findings are counted as they are: passages, not people)."""
    found = len(column.findings)
    if not found:
        return "No findings"
    findings = "1 finding" if found == 1 else f"{found} findings"
    return f"{findings} · {people_words(column.people)}"


class CardList(QListView):
    """A theme's cards; says what the person asked of the selected one."""

    edit_requested = Signal()
    remove_requested = Signal()
    leave = Signal(int, int)  # which way (-1 back, +1 on), and the row the selection left from

    def __init__(self, title: str, delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = CardModel(self)
        self.setModel(self.cards)
        self.setItemDelegate(delegate)
        self.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(200)
        self.setSpacing(3)
        self.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.across = True  # side by side (True) or one under another (False)
        named(self, title, KEYS)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.cards.rowCount():
            index = self.cards.index(row, 0)
            self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(index)

    def current_card(self) -> Card | None:
        row = self.currentIndex().row()
        return self.cards.cards[row] if 0 <= row < len(self.cards.cards) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier:
            key, row = event.key(), self.currentIndex().row()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.edit_requested.emit()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_requested.emit()
                return
            step = self._step(key, row)
            if step:
                self.leave.emit(step, row)
                return
        super().keyPressEvent(event)

    def _step(self, key: int, row: int) -> int:
        """Whether this key leaves the theme, and which way."""
        if self.across:
            return {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(key), 0)
        if key == Qt.Key.Key_Up and row <= 0:
            return -1
        if key == Qt.Key.Key_Down and row >= self.cards.rowCount() - 1:
            return 1
        return 0

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid():
            self.select_row(index.row())
            self.edit_requested.emit()
            return
        super().mouseDoubleClickEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if not self.currentIndex().isValid() and self.cards.rowCount():
            self.select_row(0)  # Tab into a theme and a card is selected at once


class ThemeColumn(QFrame):
    """One theme: its heading, how many findings and how many people, and its cards."""

    def __init__(self, theme: int, delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = theme
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = heading(column_title(theme), 3)
        self.counts = quiet(note(""))
        self.empty = quiet(note(NONE_YET))
        self.list = CardList(column_title(theme), delegate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.column: Column | None = None

    def show_column(self, column: Column, cards: Sequence[Card], *, filtered: bool) -> None:
        """Show these cards, keeping the selection (and the list's place) where the same finding still is."""
        self.column = column
        self.empty.setText(FILTERED_OUT if filtered else NONE_YET)
        self.counts.setText(count_words(column))
        self.counts.setAccessibleName(f"{column_title(self.theme)}: {count_words(column)}")
        chosen = self.list.current_card()
        row = self.list.currentIndex().row()
        place = self.list.verticalScrollBar().value()
        self.list.cards.set_cards(cards)
        self.empty.setVisible(not cards)
        self.list.setVisible(bool(cards))  # an empty theme is not a stop for Tab
        if chosen is not None and row >= 0:
            again = self.list.cards.row_of(chosen.finding.uuid)
            self.list.select_row(again if again >= 0 else min(row, len(cards) - 1))
        self.list.verticalScrollBar().setValue(place)

    def set_across(self, across: bool, width: int) -> None:
        """Side by side: a fixed width, and the cards scroll inside. One under another: the full width, and
        the list as tall as its cards (the board scrolls instead)."""
        self.list.across = across
        view = self.list
        if across:
            self.setFixedWidth(width)
            view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        else:
            self.setMinimumWidth(0)
            self.setMaximumWidth(WIDEST)
            view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        view.updateGeometry()
