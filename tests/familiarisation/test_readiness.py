"""The readiness panel: what was found under each theme, the team's judgement and words, and the questions
for the lens event, every edit one undo step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.familiarisation.test_board import fill
from tests.gui_fixtures import dump
from tidesk.core.familiarisation import readiness
from tidesk.core.familiarisation.readiness import LEVELS, ThemeReadiness
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.readiness import NOT_JUDGED, QuestionDialog, ReadinessPanel
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]


@pytest.fixture
def panel(tmp_path: Path, make_window: Make, qtbot: QtBot) -> ReadinessPanel:
    path = tmp_path / "readiness.tidesk"
    ws = Workspace.create(path)
    try:
        fill(ws)
    finally:
        ws.close()
    window = make_window(path)
    shown = ReadinessPanel(window.ctx)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    QApplication.processEvents()
    return shown


def theme(panel: ReadinessPanel, number: int) -> ThemeReadiness:
    return next(row for row in readiness.readiness(panel.ctx.ws) if row.theme == number)


def texts(widget: QWidget) -> list[str]:
    return [w.text() for w in widget.findChildren(QWidget) if hasattr(w, "text") and w.isVisible()]


def press(qtbot: QtBot, button: QWidget) -> None:
    """A click on the words of a round answer (its right-hand side is empty space)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(12, button.height() // 2))


def answer(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(QuestionDialog, "get_value", classmethod(lambda cls, parent, row: ({"name": text}, True)))


def test_each_theme_shows_what_was_found(panel: ReadinessPanel) -> None:
    assert panel.list.count() == 9 and panel.theme == 1
    assert panel.list.item(0).text().startswith("1. Organisational culture. Not judged yet · 1 help · 1 in the way")
    found = texts(panel.found)
    assert "What helps (1 finding)" in found and "What gets in the way (1 finding)" in found
    assert "• Nurses know people by name." in found
    panel.list.setCurrentRow(2)  # theme 3: nothing yet
    assert panel.theme == 3 and panel.title.text() == "Theme 3: Workforce care, support and wellbeing"
    assert texts(panel.found).count("None found yet.") == 2


def test_judge_a_theme_and_undo(panel: ReadinessPanel, qtbot: QtBot) -> None:
    ctx = panel.ctx
    before = dump(ctx.ws.path)
    panel.list.setCurrentRow(1)
    assert panel.level_buttons[NOT_JUDGED].isChecked()
    press(qtbot, panel.level_buttons[3])
    assert theme(panel, 2).level == 3
    assert ctx.undo_stack.undoText() == "Judge “Theme 2: Leadership” as ready to start"
    assert "Ready to start" in panel.list.item(1).text()
    assert panel.level_buttons[3].accessibleDescription() == LEVELS[3][1]  # the step's sentence goes with it
    press(qtbot, panel.level_buttons[4])
    assert theme(panel, 2).level == 4
    press(qtbot, panel.level_buttons[4])  # the same step again is no edit
    assert ctx.undo_stack.count() == 2
    ctx.undo_stack.undo()
    assert theme(panel, 2).level == 3 and panel.level_buttons[3].isChecked()
    ctx.undo_stack.undo()
    assert dump(ctx.ws.path) == before and panel.level_buttons[NOT_JUDGED].isChecked()


def test_the_team_s_words_are_stored_on_leaving_as_one_step(panel: ReadinessPanel, qtbot: QtBot) -> None:
    ctx = panel.ctx
    panel.words.setFocus()
    qtbot.keyClicks(panel.words, "Good will, ")
    qtbot.keyClicks(panel.words, "little time.")
    assert ctx.undo_stack.count() == 0  # nothing is stored while typing
    qtbot.keyClick(panel.words, Qt.Key.Key_Tab)
    assert theme(panel, 1).judgement == "Good will, little time."
    assert ctx.undo_stack.count() == 1
    panel.words.setFocus()
    qtbot.keyClick(panel.words, Qt.Key.Key_Tab)  # leaving it unchanged is no edit
    assert ctx.undo_stack.count() == 1
    ctx.undo_stack.undo()
    assert theme(panel, 1).judgement == "" and panel.words.toPlainText() == ""
    ctx.undo_stack.redo()
    assert panel.words.toPlainText() == "Good will, little time."


def test_words_typed_for_one_theme_stay_with_it(panel: ReadinessPanel, qtbot: QtBot) -> None:
    panel.words.setFocus()
    qtbot.keyClicks(panel.words, "Culture words")
    panel.list.setFocus()  # leaving the box (as a click on the list does) stores it first
    panel.list.setCurrentRow(4)
    assert theme(panel, 1).judgement == "Culture words" and theme(panel, 5).judgement == ""
    assert panel.words.toPlainText() == ""


def test_questions_add_move_remove_and_undo_each(
    panel: ReadinessPanel, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = panel.ctx
    panel.list.setCurrentRow(3)
    questions = panel.questions

    def listed() -> list[str]:
        return [q.text for q in readiness.questions_of(ctx.ws) if q.theme == 4]

    answer(monkeypatch, "Who speaks for people who use the service?")
    qtbot.mouseClick(questions.add_button, Qt.MouseButton.LeftButton)
    answer(monkeypatch, "How are peer workers paid?")
    questions.list.setFocus()
    questions.list.setCurrentRow(0)
    qtbot.keyClick(questions.list, Qt.Key.Key_Insert)
    assert listed() == ["Who speaks for people who use the service?", "How are peer workers paid?"]
    questions.list.setFocus()
    questions.list.setCurrentRow(1)
    qtbot.keyClick(questions.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert listed() == ["How are peer workers paid?", "Who speaks for people who use the service?"]
    answer(monkeypatch, "How are peer workers thanked and paid?")
    questions.list.setCurrentRow(0)
    qtbot.keyClick(questions.list, Qt.Key.Key_F2)
    assert listed()[0] == "How are peer workers thanked and paid?"
    questions.list.setCurrentRow(1)
    qtbot.keyClick(questions.list, Qt.Key.Key_Delete)
    assert listed() == ["How are peer workers thanked and paid?"]
    assert ctx.undo_stack.undoText().startswith("Remove question “Who speaks")
    assert "1 question" in panel.list.item(3).text()
    ctx.undo_stack.undo()
    assert listed() == ["How are peer workers thanked and paid?", "Who speaks for people who use the service?"]
    ctx.undo_stack.undo()
    assert listed()[0] == "How are peer workers paid?"
    ctx.undo_stack.undo()
    assert listed() == ["Who speaks for people who use the service?", "How are peer workers paid?"]
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert listed() == [] and questions.list.count() == 0
    assert [q.text for q in readiness.questions_of(ctx.ws)] == []  # another theme's questions stay apart


def test_questions_belong_to_their_theme(panel: ReadinessPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    answer(monkeypatch, "A question about leadership")
    panel.list.setCurrentRow(1)
    panel.questions.add()
    panel.list.setCurrentRow(2)
    assert panel.questions.list.count() == 0
    panel.list.setCurrentRow(1)
    assert panel.questions.list.count() == 1
    assert [q.theme for q in readiness.questions_of(panel.ctx.ws)] == [2]


def test_a_narrow_window_chooses_the_theme_from_a_drop_down_list(panel: ReadinessPanel) -> None:
    assert panel.list.isVisible() and not panel.chooser.isVisible()
    panel.resize(360, 700)
    QApplication.processEvents()
    assert panel.chooser.isVisible() and not panel.list.isVisible()
    panel.chooser.setCurrentIndex(6)
    panel.chooser.activated.emit(6)
    assert panel.theme == 7 and panel.title.text() == "Theme 7: Policies and processes"
    panel.resize(1000, 700)
    QApplication.processEvents()
    assert panel.list.isVisible() and panel.list.currentRow() == 6


def test_refresh_reads_only_when_something_changed(panel: ReadinessPanel) -> None:
    reads = panel.policy.refreshes
    panel.refresh()
    assert panel.policy.refreshes == reads
    assert panel.ctx.apply("Judge", readiness.judge(9, level=1))
    assert panel.policy.refreshes == reads + 1
    panel.refresh()
    assert panel.policy.refreshes == reads + 1
