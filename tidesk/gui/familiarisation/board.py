"""The findings board: every finding under its themes, side by side or one under another, with filters.

Each theme says how many findings it has (passages, shown as they are) and how many people raised them (a
figure about people, so under the small-number rule). A card is edited in one dialog as one undo step, removed
with Delete (undo brings it back), and "Show where it was said" asks the page to show the passage.

The board follows the workspace itself (a ``RefreshPolicy``: read on the task runner, shown only while it is
visible); ``refresh()`` reads again at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tidesk.core import privacy
from tidesk.core.changes import Batch, Change
from tidesk.core.familiarisation.conversations import MeetingData, list_meetings
from tidesk.core.familiarisation.findings import (
    KIND_LABELS,
    NO_THEME,
    THEME_NUMBERS,
    Column,
    Filters,
    FindingData,
    board,
    edit_finding,
    list_findings,
    remove_finding,
    tag_finding,
)
from tidesk.core.programme import Principle
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.board_cards import Card, CardDelegate
from tidesk.gui.familiarisation.board_columns import CardList, ThemeColumn
from tidesk.gui.familiarisation.finding_dialog import FindingDialog
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.preferences import DEFAULTS
from tidesk.gui.widgets.basics import named, note, quiet
from tidesk.gui.widgets.dialogs import text_width
from tidesk.gui.widgets.flow import FlowLayout
from tidesk.gui.widgets.page import RefreshPolicy

ACROSS, DOWN = "columns", "rows"
LAYOUT_KEY = "findings_board_layout"  # kept in the preferences once they declare it; for the session until then
COLUMN_CHARS = 36  # a column's width, in characters of the current font
HINT_LINES = 8  # the least height the board asks for, in lines of text (else two fifths of the screen); it takes more
CHOICE_CHARS = 18  # the width of the role and conversation filters, in characters
WATCHES = (
    "familiarisation_finding",
    "familiarisation_note",
    "familiarisation_meeting",
    "familiarisation_participant",
    "tag",
    "setting",
)
NOTHING_YET = (
    "No findings yet. Mark what helps and what gets in the way in a conversation's notes, and the findings "
    "gather here under their themes."
)


@dataclass(frozen=True)
class BoardData:
    """What the board shows, read in one go (on the task runner)."""

    findings: tuple[FindingData, ...]
    meetings: tuple[MeetingData, ...]
    rule: privacy.Rule
    revision: int = 0  # the workspace's revision when it was read


def read_board_data(ws: Workspace) -> BoardData:
    revision = ws.revision
    return BoardData(tuple(list_findings(ws)), tuple(list_meetings(ws)), privacy.rule_for(ws), revision)


def said_on(meeting: MeetingData) -> str:
    return f"{meeting.title}, {meeting.held_on.day} {meeting.held_on:%B %Y}"


def source_words(finding: FindingData, meetings: dict[str, MeetingData]) -> str:
    """ "Nurses · Nursing team, 3 March 2026": who raised it (by role) and where."""
    meeting = meetings.get(finding.meeting_uuid)
    parts = [finding.role] if finding.role else []
    if meeting is not None:
        parts.append(said_on(meeting))
    return " · ".join(parts)


class SpaceTaker(QScrollArea):
    """A scroll area that asks for little and takes the room it is given: in a page that scrolls, the board
    fills what is left of the window rather than making the page taller than it."""

    def sizeHint(self) -> QSize:
        screen = self.screen()
        room = screen.availableGeometry().height() * 2 // 5 if screen is not None else 0
        return QSize(super().sizeHint().width(), max(room, self.fontMetrics().lineSpacing() * HINT_LINES))


def _choice(name: str, help_text: str, choices: Sequence[tuple[str, str]]) -> QComboBox:
    box = named(QComboBox(), name, help_text)
    for label, data in choices:
        box.addItem(label, data)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


def _labelled(text: str, field: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    label = QLabel(text)
    label.setBuddy(field)
    row.addWidget(label)
    row.addWidget(field)
    return holder


class FindingsBoard(QWidget):
    """Findings by theme; ``show_source(note uuid, finding uuid)`` asks for the passage to be shown."""

    show_source = Signal(str, str)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.data: BoardData | None = None
        self.delegate = CardDelegate(self)
        self.delegate.show_source.connect(self.show_source)
        self._current: CardList | None = None
        self._seen: tuple[Workspace, int] | None = None
        self._pending: tuple[str, int | None] | None = None  # a card to select once the board has read

        self.kind = _choice(
            "Kind",
            "Show every finding, or only what helps, or only what gets in the way",
            [("All findings", ""), *((words, kind) for kind, words in KIND_LABELS.items())],
        )
        self.principle = _choice(
            "Principle",
            "Show only the findings tagged with one principle",
            [("Any principle", ""), *((p.label, p.value) for p in Principle)],
        )
        self.role = _choice("Raised by", "Show only the findings raised by one role", [("Any role", "")])
        self.meeting = _choice("Conversation", "Show only the findings of one conversation", [("Any conversation", "")])
        for box in (self.role, self.meeting):  # long names of roles and conversations never widen the board
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(CHOICE_CHARS)
        self.arrangement = _choice(
            "Show themes", "Themes side by side in columns, or one under another", [("Side by side", ACROSS)]
        )
        self.arrangement.addItem("One under another", DOWN)
        filters = FlowLayout(spacing=12)
        for text, field in (
            ("&Kind", self.kind),
            ("&Principle", self.principle),
            ("Raised &by", self.role),
            ("C&onversation", self.meeting),
            ("Show &themes", self.arrangement),
        ):
            filters.addWidget(_labelled(text, field))
        for box in (self.kind, self.principle, self.role, self.meeting):
            box.activated.connect(lambda _i: self._lay_out())
        self.arrangement.activated.connect(lambda _i: self._arrange(self.arrangement.currentData(), remember=True))

        self.edit_button = named(QPushButton("Edit…"), "Edit the selected finding", "Or press Enter on a finding")
        self.show_button = named(
            QPushButton("Show where it was said"), "Show where the selected finding was said", "In its conversation"
        )
        self.remove_button = named(
            QPushButton("Remove"), "Remove the selected finding", "Or press Delete; Undo (Ctrl+Z) brings it back"
        )
        self.edit_button.clicked.connect(self.edit_selected)
        self.show_button.clicked.connect(self.show_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        for button in (self.edit_button, self.show_button, self.remove_button):
            filters.addWidget(button)  # one flow with the filters: a row less above the themes

        self.summary = quiet(note(""))
        self.nothing = note(NOTHING_YET)
        self.holder = QWidget()
        self.lanes = QBoxLayout(QBoxLayout.Direction.LeftToRight, self.holder)
        self.lanes.setContentsMargins(0, 0, 0, 0)
        self.lanes.setSpacing(10)
        self.columns: dict[int, ThemeColumn] = {}
        for theme in (*THEME_NUMBERS, NO_THEME):
            column = ThemeColumn(theme, self.delegate, self.holder)
            self._wire(column.list)
            self.lanes.addWidget(column)
            self.columns[theme] = column
        self.area = SpaceTaker()
        self.area.setWidgetResizable(True)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setWidget(self.holder)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.nothing)
        layout.addWidget(self.area, 1)
        self.across = True
        self._arrange(self._remembered(), remember=False)
        self._enable()
        self.setFocusProxy(self.kind)  # the page's Ctrl+2 lands on the first filter
        self.policy = RefreshPolicy(self, ctx, WATCHES, self._show_data, read=read_board_data)

    # -- reading and showing --

    def refresh(self) -> None:
        """Read the workspace again and show it, unless nothing was stored since the last read (the board
        follows changes by itself while it is shown)."""
        ws = self.ctx.workspace
        if ws is None or (self._seen == (ws, ws.revision) and not self.policy.stale):
            return
        self.policy.refresh_now()

    def _show_data(self, data: BoardData) -> None:
        self.data = data
        if self.ctx.workspace is not None:
            self._seen = (self.ctx.workspace, data.revision)
        self._refill(self.role, "Any role", [(r, r) for r in sorted({f.role for f in data.findings if f.role})])
        self._refill(self.meeting, "Any conversation", [(said_on(m), m.uuid) for m in data.meetings])
        self._lay_out()
        if self._pending is not None:
            pending, self._pending = self._pending, None
            self.select(*pending)

    @staticmethod
    def _refill(box: QComboBox, anything: str, choices: list[tuple[str, str]]) -> None:
        """New choices for a filter, keeping the chosen one if it is still there (or else showing all)."""
        chosen = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(anything, "")
        for label, data in choices:
            box.addItem(label, data)
        box.setCurrentIndex(max(0, box.findData(chosen)))
        box.blockSignals(False)

    def filters(self) -> Filters:
        return Filters(
            str(self.kind.currentData() or ""),
            str(self.principle.currentData() or ""),
            str(self.role.currentData() or ""),
            str(self.meeting.currentData() or ""),
        )

    def shown_columns(self) -> list[Column]:
        if self.data is None:
            return []
        data = self.data
        return board(data.findings, data.meetings, data.rule, self.filters())

    def _lay_out(self) -> None:
        data = self.data
        if data is None:
            return
        meetings = {meeting.uuid: meeting for meeting in data.meetings}
        filters = self.filters()
        found = self.shown_columns()
        shown = {column.theme: column for column in found}
        for theme, widget in self.columns.items():
            column = shown.get(theme)
            widget.setVisible(column is not None)
            if column is not None:
                cards = [Card(f, theme, source_words(f, meetings)) for f in column.findings]
                widget.show_column(column, cards, filtered=filters != Filters())
        kept = len({f.uuid for column in found for f in column.findings})
        total = len(data.findings)
        count = f"Showing {kept} of {total} findings." if kept != total else f"Showing all {total} findings."
        self.summary.setText(f"{count} {privacy.note(data.rule)}")
        self.nothing.setVisible(not total)
        self.area.setVisible(bool(total))
        self.summary.setVisible(bool(total))
        self.area.setWidgetResizable(True)  # the themes' heights changed: the scroll area works out its own again
        self._enable()

    # -- side by side, or one under another --

    def _remembered(self) -> str:
        if LAYOUT_KEY in DEFAULTS:
            return str(self.ctx.preferences.get(LAYOUT_KEY))
        return str(self.ctx.property(LAYOUT_KEY) or ACROSS)

    def _arrange(self, arrangement: str, *, remember: bool) -> None:
        across = arrangement != DOWN
        self.across = across
        self.arrangement.setCurrentIndex(self.arrangement.findData(ACROSS if across else DOWN))
        if remember:
            if LAYOUT_KEY in DEFAULTS:
                self.ctx.preferences.set(LAYOUT_KEY, ACROSS if across else DOWN)
            else:
                self.ctx.setProperty(LAYOUT_KEY, ACROSS if across else DOWN)
        self.lanes.setDirection(QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom)
        width = text_width(self, COLUMN_CHARS)
        for column in self.columns.values():
            column.set_across(across, width)
        self.area.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if across else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )

    # -- the selected card --

    def _wire(self, cards: CardList) -> None:
        cards.edit_requested.connect(self.edit_selected)
        cards.remove_requested.connect(self.remove_selected)
        cards.leave.connect(lambda step, row, source=cards: self._step(source, step, row))
        cards.selectionModel().currentChanged.connect(
            lambda current, _previous, source=cards: self._picked(source, current)
        )

    def _picked(self, cards: CardList, current: QModelIndex) -> None:
        if not current.isValid():
            if self._current is cards:
                self._enable()
            return
        if self._current is not None and self._current is not cards:
            self._current.clearSelection()  # one card is selected on the whole board
            self._current.setCurrentIndex(QModelIndex())
        self._current = cards
        if not self.across:
            rect = cards.visualRect(current)
            middle = cards.mapTo(self.holder, rect.center())
            self.area.ensureVisible(middle.x(), middle.y(), 0, rect.height() // 2 + 8)
        self._enable()

    def selected(self) -> Card | None:
        return self._current.current_card() if self._current is not None else None

    def _enable(self) -> None:
        has = self.selected() is not None
        for button in (self.edit_button, self.show_button, self.remove_button):
            button.setEnabled(has)

    def _step(self, source: CardList, step: int, row: int) -> None:
        """Arrow keys that leave a theme go to the next theme that has cards, that way."""
        order = [c.list for c in self.columns.values() if c.isVisible() and c.list.isVisible()]
        if source not in order:
            return
        at = order.index(source) + step
        if not 0 <= at < len(order):
            return
        target = order[at]
        count = target.cards.rowCount()
        wanted = min(max(row, 0), count - 1) if self.across else (0 if step > 0 else count - 1)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        target.select_row(wanted)
        self.area.ensureWidgetVisible(target.parentWidget() or target, 8, 8)

    def select(self, uuid: str, theme: int | None = None) -> bool:
        """Select a finding's card (in this theme, or the first theme it is in) and give it the focus. A card
        the filters hide is shown by clearing them; one the board has not read yet is selected once it has.
        False when the finding is not in the workspace (as last read, with nothing stored since)."""
        if self._select_now(uuid, theme):
            return True
        if self.data is not None and any(f.uuid == uuid for f in self.data.findings):
            for box in (self.kind, self.principle, self.role, self.meeting):
                box.setCurrentIndex(0)
            self._lay_out()
            return self._select_now(uuid, theme)
        ws = self.ctx.workspace
        if ws is None or self._seen == (ws, ws.revision):
            return False
        self._pending = (uuid, theme)  # a read is on its way
        return True

    def _select_now(self, uuid: str, theme: int | None) -> bool:
        for column in self.columns.values():
            if column.isVisible() and (theme is None or column.theme == theme):
                row = column.list.cards.row_of(uuid)
                if row >= 0:
                    column.list.setFocus(Qt.FocusReason.OtherFocusReason)
                    column.list.select_row(row)
                    self.area.ensureWidgetVisible(column, 8, 8)
                    return True
        return False

    # -- what a person does with a card --

    def edit_selected(self) -> None:
        card = self.selected()
        if card is None or self.data is None:
            return
        finding = card.finding
        meeting = next((m for m in self.data.meetings if m.uuid == finding.meeting_uuid), None)
        roles = meeting.roles if meeting is not None else ()
        value, ok = FindingDialog.get_value(self, finding, roles, said_on(meeting) if meeting else "")
        if not ok:
            return
        fields = value.fields(finding)
        retag = value.tags != finding.tags
        if not fields and not retag:
            return  # OK without a change is not an edit

        def change() -> Change:
            made = [edit_finding(finding.uuid, **fields)] if fields else []
            return Batch((*made, *([tag_finding(finding.uuid, value.tags)] if retag else [])))

        self.ctx.apply("Edit a finding", change)

    def remove_selected(self) -> None:
        card = self.selected()
        if card is None:
            return
        if self.ctx.apply("Remove a finding", lambda: remove_finding(card.finding.uuid)):
            self.ctx.message.emit("Finding removed. Undo (Ctrl+Z) brings it back.")

    def show_selected(self) -> None:
        card = self.selected()
        if card is not None:
            self.show_source.emit(card.finding.note_uuid, card.finding.uuid)
