"""The findings board: themes with their counts (people under the small-number rule), side by side or one under
another, the filters, editing and removing a card (each undoable) and showing where a finding was said."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QBoxLayout, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from tests.gui_fixtures import dump
from tidesk.core.changes import Change
from tidesk.core.db import new_uuid
from tidesk.core.familiarisation import conversations, findings
from tidesk.core.familiarisation.findings import NO_THEME, FindingData
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.board import FindingsBoard
from tidesk.gui.familiarisation.board_cards import KIND_INK, Card
from tidesk.gui.familiarisation.board_columns import CardList
from tidesk.gui.familiarisation.finding_dialog import FindingDialog, FindingEdit
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]


@dataclass(frozen=True)
class Made:
    """The uuids of what ``fill`` made."""

    nursing: str
    pharmacy: str
    welcome: str  # theme 1, helps, trust, raised by nurses
    waiting: str  # theme 1, in the way
    letters: str  # theme 2, in the way, safety, raised by the pharmacist
    untagged: str  # no theme yet


def _do(ws: Workspace, change: Change) -> None:
    change.apply(ws)


def meeting(ws: Workspace, title: str, held_on: date, who: list[tuple[str, int]]) -> str:
    uuid = new_uuid()
    _do(ws, conversations.add_meeting(title, held_on, uuid=uuid))
    for role, people in who:
        _do(ws, conversations.add_participant(uuid, role, people=people))
    return uuid


def finding(ws: Workspace, meeting_uuid: str, text: str, kind: str, tags: list[str], role: str = "") -> str:
    """A note with these words, and the whole of them marked as a finding."""
    note, uuid = new_uuid(), new_uuid()
    _do(ws, conversations.add_note(meeting_uuid, text=f"We said: {text}", uuid=note))
    _do(ws, findings.mark_finding(note, 9, text, kind, tags, role=role, uuid=uuid))
    return uuid


def fill(ws: Workspace) -> Made:
    """Seven nurses in one conversation, two pharmacists in another."""
    nursing = meeting(ws, "Nursing team", date(2026, 3, 3), [("Nurses", 7)])
    pharmacy = meeting(ws, "Pharmacy", date(2026, 3, 5), [("Pharmacist", 2)])
    return Made(
        nursing,
        pharmacy,
        finding(ws, nursing, "Nurses know people by name.", "facilitator", ["theme:1", "principle:trust"], "Nurses"),
        finding(ws, nursing, "The waiting list is long.", "barrier", ["theme:1"]),
        finding(ws, pharmacy, "Letters are hard to read.", "barrier", ["theme:2", "principle:safety"], "Pharmacist"),
        finding(ws, pharmacy, "The pharmacy opens early.", "facilitator", []),
    )


@pytest.fixture
def made_path(tmp_path: Path) -> tuple[Path, Made]:
    path = tmp_path / "board.tidesk"
    ws = Workspace.create(path)
    try:
        made = fill(ws)
    finally:
        ws.close()
    return path, made


@pytest.fixture
def board(made_path: tuple[Path, Made], make_window: Make, qtbot: QtBot) -> FindingsBoard:
    window = make_window(made_path[0])
    shown = FindingsBoard(window.ctx)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    QApplication.processEvents()
    return shown


@pytest.fixture
def made(made_path: tuple[Path, Made]) -> Made:
    return made_path[1]


def shown(board: FindingsBoard, theme: int) -> list[str]:
    column = board.columns[theme]
    if not column.isVisible():
        return []
    return [card.finding.uuid for card in column.list.cards.cards]


def choose(box: QComboBox, data: str) -> None:
    index = box.findData(data)
    assert index >= 0, data
    box.setCurrentIndex(index)
    box.activated.emit(index)


def picked(board: FindingsBoard) -> str | None:
    card = board.selected()
    return None if card is None else card.finding.uuid


def card_of(board: FindingsBoard, theme: int, uuid: str) -> CardList:
    cards = board.columns[theme].list
    cards.setFocus()
    cards.select_row(cards.cards.row_of(uuid))
    assert picked(board) == uuid
    return cards


# ---- what the board shows ------------------------------------------------------------------------------


def test_each_theme_has_its_findings_and_counts(board: FindingsBoard, made: Made) -> None:
    assert shown(board, 1) == [made.welcome, made.waiting]
    assert shown(board, 2) == [made.letters]
    assert shown(board, NO_THEME) == [made.untagged]
    assert board.columns[1].counts.text() == "2 findings · raised by 7 people"
    assert board.columns[3].counts.text() == "No findings" and not board.columns[3].list.isVisible()
    assert "Showing all 4 findings." in board.summary.text()
    assert board.columns[1].title.text() == "Theme 1: Organisational culture"


def test_a_theme_raised_by_two_people_never_shows_the_two(board: FindingsBoard) -> None:
    words = board.columns[2].counts.text()
    assert words == "1 finding · raised by fewer than 5 people"
    everything = " ".join(w.text() for w in board.columns[2].findChildren(QWidget) if hasattr(w, "text"))
    assert "2 people" not in everything and "raised by 2" not in everything
    assert "fewer than 5 people" in board.summary.text()  # the rule is said on the board itself


def test_a_card_says_its_kind_tags_and_where_it_was_said(board: FindingsBoard, made: Made) -> None:
    card = board.columns[1].list.cards.cards[0]
    assert isinstance(card, Card)
    assert card.kind_words == "What helps"
    assert card.tag_words == "Trust"  # its own column's theme goes without saying
    assert card.source == "Nurses · Nursing team, 3 March 2026"
    spoken = board.columns[1].list.model().index(0, 0).data()
    assert spoken.startswith("What helps: Nurses know people by name.")
    letters = board.columns[2].list.cards.cards[0]
    assert letters.kind_words == "What gets in the way" and letters.tag_words == "Safety"


def test_columns_or_rows_and_the_choice_is_kept(board: FindingsBoard, qtbot: QtBot) -> None:
    assert board.lanes.direction() == QBoxLayout.Direction.LeftToRight
    assert board.columns[1].width() == board.columns[2].width()
    choose(board.arrangement, "rows")
    assert board.lanes.direction() == QBoxLayout.Direction.TopToBottom and not board.across
    QApplication.processEvents()
    assert board.columns[2].y() > board.columns[1].y()
    assert board.columns[1].width() > board.columns[1].list.cards.rowCount()  # as wide as the board, not fixed
    again = FindingsBoard(board.ctx)  # the page built again (another workspace): the choice holds
    qtbot.addWidget(again)
    assert not again.across and again.arrangement.currentData() == "rows"
    choose(again.arrangement, "columns")
    assert again.across


def test_the_filters(board: FindingsBoard, made: Made) -> None:
    choose(board.kind, "barrier")
    assert shown(board, 1) == [made.waiting] and shown(board, NO_THEME) == []
    assert "Showing 2 of 4 findings." in board.summary.text()
    assert board.columns[3].empty.text() == "None of this theme's findings fit these filters."
    choose(board.kind, "")
    choose(board.principle, "trust")
    assert shown(board, 1) == [made.welcome] and shown(board, 2) == []
    choose(board.principle, "")
    roles = [board.role.itemText(i) for i in range(board.role.count())]
    assert roles == ["Any role", "Nurses", "Pharmacist"]  # from the findings' roles
    choose(board.role, "Pharmacist")
    assert shown(board, 2) == [made.letters] and shown(board, 1) == []
    choose(board.role, "")
    choose(board.meeting, made.pharmacy)
    assert board.meeting.currentText() == "Pharmacy, 5 March 2026"
    assert shown(board, 2) == [made.letters] and shown(board, NO_THEME) == [made.untagged] and shown(board, 1) == []
    assert board.columns[2].counts.text() == "1 finding · raised by fewer than 5 people"


def test_a_filter_survives_a_refresh(board: FindingsBoard, made: Made) -> None:
    choose(board.role, "Nurses")
    assert board.ctx.apply("Reword", findings.edit_finding(made.welcome, wording="Nurses know everyone."))
    assert board.role.currentData() == "Nurses"
    assert board.columns[1].list.cards.cards[0].finding.text == "Nurses know everyone."


# ---- what a person does ----------------------------------------------------------------------------


def test_edit_a_card_with_enter_as_one_undo_step(
    board: FindingsBoard, made: Made, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = board.ctx
    before = dump(ctx.ws.path)
    asked: list[FindingData] = []

    def answer(_cls: type, _parent: QWidget, found: FindingData, roles: list[str], source: str) -> tuple[object, bool]:
        asked.append(found)
        assert list(roles) == ["Nurses"] and source == "Nursing team, 3 March 2026"
        return FindingEdit("barrier", "Names matter here.", "Nurses", frozenset({"theme:1", "theme:5"}), True), True

    monkeypatch.setattr(FindingDialog, "get_value", classmethod(answer))
    cards = card_of(board, 1, made.welcome)
    qtbot.keyClick(cards, Qt.Key.Key_Return)
    assert asked and asked[0].uuid == made.welcome
    now = next(f for f in findings.list_findings(ctx.ws) if f.uuid == made.welcome)
    assert (now.kind, now.wording, now.quote) == ("barrier", "Names matter here.", True)
    assert now.tags == {"theme:1", "theme:5"}
    assert made.welcome in shown(board, 5)  # the board follows at once
    assert ctx.undo_stack.count() == 1 and ctx.undo_stack.undoText() == "Edit a finding"
    assert picked(board) == made.welcome
    ctx.undo_stack.undo()
    assert dump(ctx.ws.path) == before
    assert made.welcome not in shown(board, 5)


def test_double_click_edits_and_ok_without_a_change_is_no_edit(
    board: FindingsBoard, made: Made, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unchanged(_cls: type, _parent: QWidget, found: FindingData, *_rest: object) -> tuple[object, bool]:
        return FindingEdit(found.kind, found.wording, found.role, found.tags, found.quote), True

    monkeypatch.setattr(FindingDialog, "get_value", classmethod(unchanged))
    cards = board.columns[2].list
    rect = cards.visualRect(cards.model().index(0, 0))
    qtbot.mouseDClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=rect.topLeft() + QPoint(20, 12))
    assert board.selected() is not None and board.ctx.undo_stack.count() == 0


def test_delete_removes_a_card_and_undo_brings_it_back(board: FindingsBoard, made: Made, qtbot: QtBot) -> None:
    ctx = board.ctx
    before = dump(ctx.ws.path)
    said: list[str] = []
    ctx.message.connect(said.append)
    cards = card_of(board, 1, made.welcome)
    qtbot.keyClick(cards, Qt.Key.Key_Delete)
    assert made.welcome not in [f.uuid for f in findings.list_findings(ctx.ws)]
    assert shown(board, 1) == [made.waiting]
    assert said == ["Finding removed. Undo (Ctrl+Z) brings it back."]
    assert picked(board) == made.waiting
    ctx.undo_stack.undo()
    assert dump(ctx.ws.path) == before and shown(board, 1) == [made.welcome, made.waiting]


def test_the_buttons_act_on_the_selected_card(board: FindingsBoard, made: Made, qtbot: QtBot) -> None:
    assert not board.remove_button.isEnabled()
    card_of(board, 2, made.letters)
    assert board.remove_button.isEnabled()
    with qtbot.waitSignal(board.show_source, timeout=1000) as heard:
        qtbot.mouseClick(board.show_button, Qt.MouseButton.LeftButton)
    note_uuid = next(f.note_uuid for f in findings.list_findings(board.ctx.ws) if f.uuid == made.letters)
    assert heard.args == [note_uuid, made.letters]
    qtbot.mouseClick(board.remove_button, Qt.MouseButton.LeftButton)
    assert shown(board, 2) == []
    board.ctx.undo_stack.undo()
    assert shown(board, 2) == [made.letters]


def test_one_click_on_show_where_it_was_said(board: FindingsBoard, made: Made, qtbot: QtBot) -> None:
    cards = board.columns[1].list
    index = cards.model().index(1, 0)
    rect = cards.visualRect(index)
    card = cards.cards.cards[1]
    link = board.delegate.shape(card, cards.font(), board.delegate._width(_option(cards))).link
    where = rect.topLeft() + link.center()
    note_uuid = next(f.note_uuid for f in findings.list_findings(board.ctx.ws) if f.uuid == made.waiting)
    with qtbot.waitSignal(board.show_source, timeout=1000) as heard:
        qtbot.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert heard.args == [note_uuid, made.waiting]


def _option(cards: CardList) -> object:
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(cards)
    option.widget = cards
    return option


def test_keyboard_only_tab_in_and_arrows_between_cards_and_themes(
    board: FindingsBoard, made: Made, qtbot: QtBot
) -> None:
    board.kind.setFocus()
    for _ in range(20):  # Tab through the filters and buttons into the first theme
        if isinstance(QApplication.focusWidget(), CardList):
            break
        qtbot.keyClick(QApplication.focusWidget() or board.kind, Qt.Key.Key_Tab)
    first = QApplication.focusWidget()
    assert first is board.columns[1].list
    assert picked(board) == made.welcome
    qtbot.keyClick(first, Qt.Key.Key_Down)
    assert picked(board) == made.waiting
    qtbot.keyClick(first, Qt.Key.Key_Right)  # to the next theme that has findings
    assert QApplication.focusWidget() is board.columns[2].list
    assert picked(board) == made.letters
    assert not board.columns[1].list.selectionModel().hasSelection()  # one card selected on the whole board
    qtbot.keyClick(board.columns[2].list, Qt.Key.Key_Left)
    assert QApplication.focusWidget() is board.columns[1].list
    choose(board.arrangement, "rows")  # one under another: Down from the last card goes to the next theme
    cards = card_of(board, 1, made.waiting)
    qtbot.keyClick(cards, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is board.columns[2].list
    qtbot.keyClick(board.columns[2].list, Qt.Key.Key_Up)
    assert picked(board) == made.waiting


def test_a_workspace_with_no_findings_says_how_they_come(make_window: Make, tmp_path: Path, qtbot: QtBot) -> None:
    path = tmp_path / "empty.tidesk"
    Workspace.create(path).close()
    window = make_window(path)
    empty = FindingsBoard(window.ctx)
    qtbot.addWidget(empty)
    empty.show()
    QApplication.processEvents()
    assert empty.nothing.isVisible() and not empty.area.isVisible()
    assert not empty.edit_button.isEnabled()
    empty.edit_selected()  # nothing selected: nothing happens
    empty.remove_selected()
    assert window.ctx.undo_stack.count() == 0


def test_refresh_reads_only_when_something_changed(board: FindingsBoard, made: Made) -> None:
    reads = board.policy.refreshes
    board.refresh()
    assert board.policy.refreshes == reads
    assert board.ctx.apply("Tag", findings.tag_finding(made.untagged, ["theme:9"]))
    assert board.policy.refreshes == reads + 1  # it follows the change by itself, once
    board.refresh()
    assert board.policy.refreshes == reads + 1 and shown(board, 9) == [made.untagged]


# ---- the edit dialog ----------------------------------------------------------------------------------


def test_the_dialog_starts_from_the_finding_and_says_what_changed(
    board: FindingsBoard, made: Made, qtbot: QtBot
) -> None:
    found = next(f for f in findings.list_findings(board.ctx.ws) if f.uuid == made.welcome)
    dialog = FindingDialog(board, found, ["Nurses", "Health visitors"], "Nursing team, 3 March 2026")
    qtbot.addWidget(dialog)
    assert dialog.kinds["facilitator"].isChecked() and dialog.role.currentText() == "Nurses"
    assert dialog.tags.tags() == {"theme:1", "principle:trust"}
    assert dialog.value().fields(found) == {}
    dialog.kinds["barrier"].setChecked(True)
    dialog.role.setCurrentText("Health visitors")
    dialog.quote.setChecked(True)
    dialog.tags.boxes["theme:4"].click()
    value = dialog.value()
    assert value.fields(found) == {"kind": "barrier", "role": "Health visitors", "quote": True}
    assert value.tags == {"theme:1", "theme:4", "principle:trust"}


# ---- colour that works in light and dark -------------------------------------------------------------


def _luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def _contrast(one: QColor, other: QColor) -> float:
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_the_kind_colours_read_on_light_and_dark(dark: bool) -> None:
    from tidesk.gui.shell.theme import _palette

    palette = _palette(dark)
    base = palette.color(QPalette.ColorRole.Base)
    helps, hinders = QColor(KIND_INK[("facilitator", dark)]), QColor(KIND_INK[("barrier", dark)])
    assert _contrast(helps, base) >= 4.5 and _contrast(hinders, base) >= 4.5  # the kind's words are in it
    assert abs(helps.hue() - hinders.hue()) > 60  # and the two are told apart by more than lightness


def test_select_a_finding_from_a_search_hit(board: FindingsBoard, made: Made) -> None:
    choose(board.kind, "facilitator")  # the filters hide it: they are cleared to show it
    assert board.select(made.letters)
    assert picked(board) == made.letters and board.kind.currentData() == ""
    assert QApplication.focusWidget() is board.columns[2].list
    assert not board.select(new_uuid())  # not in the workspace


def test_select_before_the_board_has_read_waits_for_it(
    made_path: tuple[Path, Made], make_window: Make, qtbot: QtBot
) -> None:
    window = make_window(made_path[0])
    later = FindingsBoard(window.ctx)
    qtbot.addWidget(later)
    assert later.data is None and later.select(made_path[1].waiting)
    later.show()  # shown, it reads, and then selects
    QApplication.processEvents()
    assert picked(later) == made_path[1].waiting
