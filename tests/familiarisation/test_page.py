"""The familiarisation page as a lead uses it: three conversations in a row, from the keyboard alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tidesk.core.familiarisation import conversations as talk
from tidesk.core.familiarisation import findings
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.mark_dialog import MarkDialog
from tidesk.gui.familiarisation.page import FamiliarisationPage
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import TaskRunner
from tidesk.gui.widgets import live_text

Make = Callable[..., MainWindow]
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    path = tmp_path / "w.tidesk"
    Workspace.create(path).close()
    return path


def open_page(make_window: Make, path: Path, qtbot: QtBot, **kwargs: object) -> FamiliarisationPage:
    window = make_window(path, **kwargs)
    qtbot.waitUntil(lambda: window.warm, timeout=20000)
    window.show_page("familiarisation")
    page = window._pages["familiarisation"]
    assert isinstance(page, FamiliarisationPage)
    return page


@pytest.fixture
def page(make_window: Make, empty_path: Path, qtbot: QtBot) -> FamiliarisationPage:
    return open_page(make_window, empty_path, qtbot)


def focused() -> QWidget:
    """The widget the keys go to (once a closed dialog has handed the focus back)."""
    for _ in range(100):
        if QApplication.focusWidget() is not None:
            break
        QTest.qWait(20)
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(qtbot: QtBot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifiers)


def answer_the_mark_dialog(qtbot: QtBot, keys: str) -> None:
    """When the mark dialog opens, press these keys in it and Enter, as a person would."""

    def answer() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets() if isinstance(w, MarkDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        for key in keys:  # to whatever has the focus in the dialog, as the keys of a person would go
            qtbot.keyClicks(dialog.focusWidget() or dialog, key)
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def test_three_conversations_in_a_row_without_the_mouse(page: FamiliarisationPage, qtbot: QtBot) -> None:
    ws = page.ctx.ws
    page.window().nav.setFocus()  # the keys work from anywhere in the window while the page is shown
    for number, (title, said, marked, keys) in enumerate(
        [
            ("Nursing team", "Cover for leave is hard to find, so training is cancelled.", "Cover for leave", "b3"),
            ("Pharmacy", "The pharmacist knows everyone by name.", "The pharmacist knows everyone", "h1"),
            ("Housing", "Letters arrive long after the ferry has gone.", "Letters arrive", "b9"),
        ],
        start=1,
    ):
        press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)  # a new conversation: its name is ready to type over
        assert focused() is page.conversations.editor.title
        qtbot.keyClicks(focused(), title)
        press(qtbot, Qt.Key.Key_Return)  # into the first note
        box = page.conversations.editor.focused_box()
        assert box is not None and box.prompt is None
        qtbot.keyClicks(focused(), said)
        press(qtbot, Qt.Key.Key_Home)  # select the words to mark, from the start of the line
        for _ in range(len(marked)):
            press(qtbot, Qt.Key.Key_Right, SHIFT)
        answer_the_mark_dialog(qtbot, keys)
        press(qtbot, Qt.Key.Key_M, CTRL)
        press(qtbot, Qt.Key.Key_Return, CTRL)  # the first prompt of the guide
        prompt_box = page.conversations.editor.focused_box()
        assert prompt_box is not None and prompt_box.prompt is not None
        qtbot.keyClicks(focused(), "Referral is by letter, mostly from the GP.")
        press(qtbot, Qt.Key.Key_T, CTRL)  # a new free note
        qtbot.keyClicks(focused(), "Follow up with the manager.")
        page.ctx.flush_edits.emit()
        assert len(talk.list_meetings(ws)) == number
    meetings = {m.title: m for m in talk.list_meetings(ws)}
    assert set(meetings) == {"Nursing team", "Pharmacy", "Housing"}
    found = {f.passage: f for f in findings.list_findings(ws)}
    assert found["Cover for leave"].kind == "barrier" and found["Cover for leave"].themes == (3,)
    helps = found["The pharmacist knows everyone"]
    assert helps.kind == "facilitator" and helps.themes == (1,)
    assert found["Letters arrive"].themes == (9,)
    housing = talk.notes_of(ws, meetings["Housing"].uuid)
    assert [n.text for n in housing if not n.question_id] == [
        "Letters arrive long after the ferry has gone.",
        "Follow up with the manager.",
    ]
    assert [n.text for n in housing if n.question_id] == ["Referral is by letter, mostly from the GP."]


def test_typing_is_kept_within_a_second_and_undone_one_pause_at_a_time(
    make_window: Make, empty_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(make_window, empty_path, qtbot, runner=TaskRunner)
    ws = page.ctx.ws
    page.conversations.new_conversation()
    press(qtbot, Qt.Key.Key_Return)
    box = page.conversations.editor.focused_box()
    assert box is not None and box.note_uuid is not None
    note_uuid = box.note_uuid
    qtbot.keyClicks(box.edit, "Cover for leave")
    qtbot.waitUntil(lambda: talk.get_note(ws, note_uuid).text == "Cover for leave", timeout=1500)
    clock = [live_text.time.monotonic() + 10]  # a pause: the next keys start a new undo step
    monkeypatch.setattr(live_text.time, "monotonic", lambda: clock[0])
    qtbot.keyClicks(box.edit, " is hard")
    qtbot.keyClicks(box.edit, " to find")  # no pause: the same gesture
    qtbot.waitUntil(lambda: talk.get_note(ws, note_uuid).text.endswith("to find"), timeout=1500)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert talk.get_note(ws, note_uuid).text == "Cover for leave" and box.edit.toPlainText() == "Cover for leave"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert talk.get_note(ws, note_uuid).text == ""
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert box.edit.toPlainText() == "Cover for leave is hard to find"


def test_ctrl_z_straight_after_typing_takes_back_the_words_not_yet_stored(
    page: FamiliarisationPage, qtbot: QtBot
) -> None:
    page.conversations.new_conversation()
    press(qtbot, Qt.Key.Key_Return)
    box = page.conversations.editor.focused_box()
    assert box is not None and box.note_uuid is not None
    qtbot.keyClicks(box.edit, "half a thought")
    assert box.edit.pending
    press(qtbot, Qt.Key.Key_Z, CTRL)  # stored first, then undone with its gesture
    assert talk.get_note(page.ctx.ws, box.note_uuid).text == "" and box.edit.toPlainText() == ""


def test_an_answer_is_made_by_its_first_words_in_the_same_undo_step(page: FamiliarisationPage, qtbot: QtBot) -> None:
    ws = page.ctx.ws
    page.conversations.new_conversation()
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return, CTRL)
    box = page.conversations.editor.focused_box()
    assert box is not None and box.prompt is not None and box.note_uuid is None
    qtbot.keyClicks(box.edit, "Same-day appointments help.")
    box.edit.flush()
    meeting = page.conversations.editor.meeting
    assert meeting is not None
    answers = [n for n in talk.notes_of(ws, meeting.uuid) if n.question_id == box.prompt.id]
    assert [a.text for a in answers] == ["Same-day appointments help."]
    page.ctx.undo()
    assert not [n for n in talk.notes_of(ws, meeting.uuid) if n.question_id]


def test_marking_without_a_selection_takes_the_paragraph(
    page: FamiliarisationPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.conversations.new_conversation()
    press(qtbot, Qt.Key.Key_Return)
    box = page.conversations.editor.focused_box()
    assert box is not None
    qtbot.keyClicks(box.edit, "First thought.")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.keyClicks(box.edit, "People worry about being seen at the clinic.")
    seen: list[str] = []

    def chosen(cls: object, parent: object, passage: str, tags: object, roles: object) -> tuple[object, bool]:
        seen.append(passage)
        from tidesk.gui.familiarisation.mark_dialog import Marked

        return Marked("barrier", frozenset({"theme:9", "principle:safety"}), ""), True

    monkeypatch.setattr(MarkDialog, "get_value", classmethod(chosen))
    page.conversations.mark_finding()
    [finding] = findings.list_findings(page.ctx.ws)
    assert finding.passage == "People worry about being seen at the clinic." and finding.start == 15
    assert box.marks.text() == "Marked as findings: one barrier."
    page.ctx.undo()
    assert findings.list_findings(page.ctx.ws) == [] and box.edit.toPlainText().startswith("First thought.")


def test_search_as_you_type_jumps_to_the_words(page: FamiliarisationPage, qtbot: QtBot) -> None:
    ws = page.ctx.ws
    talk.start_meeting("Pharmacy", uuid="m1", first_note="n1").apply(ws)
    talk.set_note_text("n1", "The morning queue for supervised doses runs past the door.").apply(ws)
    page.refresh()
    press_into = page.search.box
    press_into.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, CTRL)
    assert focused() is press_into
    qtbot.keyClicks(press_into, "supervis")
    qtbot.waitUntil(lambda: page.search.results.count() == 1, timeout=2000)
    assert "<b>supervised</b>" in page.search.results.item(0).text()
    press(qtbot, Qt.Key.Key_Return)
    box = page.conversations.editor.focused_box()
    assert box is not None and box.note_uuid == "n1" and page.tabs.currentIndex() == 0
    qtbot.keyClick(press_into, Qt.Key.Key_Escape)
    assert not page.search.results.isVisible()


def test_the_page_lists_its_keys_in_help(make_window: Make, empty_path: Path, qtbot: QtBot) -> None:
    from tidesk.gui.shell.shortcuts import ShortcutsDialog

    window = make_window(empty_path)
    qtbot.waitUntil(lambda: window.warm, timeout=20000)
    dialog = ShortcutsDialog(window, window.menuBar())
    groups = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())
    }
    familiarisation = groups["Familiarisation"]
    words = {familiarisation.child(i).text(0) for i in range(familiarisation.childCount())}
    assert {"New conversation", "Next prompt or note", "Mark the selected words as a finding"} <= words
    edit = groups["Edit"]
    assert any(edit.child(i).text(0) == "Undo" for i in range(edit.childCount()))


def test_the_keys_sleep_while_another_page_is_shown(page: FamiliarisationPage, qtbot: QtBot) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    window.show_page("service")
    window.nav.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    assert talk.list_meetings(page.ctx.ws) == []
    window.show_page("familiarisation")
    window.nav.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    assert len(talk.list_meetings(page.ctx.ws)) == 1
