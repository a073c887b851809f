"""The form view: built from any definition, answered with the keyboard alone, every answer kept and undoable."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from tidesk.core.forms import library, responses
from tidesk.core.forms.library import Entry, Source
from tidesk.core.forms.loader import parse
from tidesk.core.forms.model import Special
from tidesk.core.forms.responses import COMPLETE, IN_PROGRESS, Answer
from tidesk.core.workspace import Workspace
from tidesk.gui.forms.dialogs import StartResponseDialog
from tidesk.gui.forms.items import ChoiceEditor, MultipleChoiceEditor
from tidesk.gui.forms.page import FormsPage
from tidesk.gui.forms.text_items import LineEditor, LongTextEditor
from tidesk.gui.forms.view import FormView
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]

EVERY_KIND = """\
form: every-kind
version: 1
title: Every kind of question
purpose: A small form with one question of each kind.
credit: Written for the tests.
answered_by: individual
anonymous: false
scales:
  agree:
    min: 1
    max: 5
    labels: {1: Strongly disagree, 2: Disagree, 3: Neither, 4: Agree, 5: Strongly agree}
sections:
  - id: first
    title: Choices
    help: Pick whatever fits.
    items:
      - id: words
        kind: note
        text: Some words to read first.
      - id: safe
        kind: scale
        scale: agree
        text: I feel safe at work.
        help: Think of the last month.
        dont_know: true
        not_applicable: true
      - id: island
        kind: single_choice
        text: Which island do you work on?
        choices: [North Isle, South Isle, East Isle]
      - id: days
        kind: multiple_choice
        text: Which days do you work?
        choices: [Monday, Tuesday, Wednesday]
        not_applicable: true
  - id: second
    title: In your own words
    items:
      - id: role
        kind: short_text
        text: What is your role?
      - id: nickname
        kind: short_text
        text: A name you like to be called
      - id: story
        kind: long_text
        text: Anything else you would like to say?
      - id: staff
        kind: number
        text: How many staff are in your team?
        min: 0
        max: 50
        integer: true
        dont_know: true
      - id: started
        kind: date
        text: When did you start?
      - id: trained
        kind: yes_no
        text: Have you had trauma training?
"""

NEEDS_ONE = """\
form: needs-one
version: 1
title: A form with one required question
purpose: ""
answered_by: group
anonymous: true
sections:
  - id: only
    title: Only section
    items:
      - id: team
        kind: short_text
        text: Which team answered?
        required: true
      - id: mood
        kind: yes_no
        text: Was the session useful?
"""


def stored_entry(ws: Workspace, text: str, name: str = "test.yaml") -> Entry:
    change = library.store(ws, text, Source.TEAM, name=name)
    assert change is not None
    change.apply(ws)
    definition = parse(text)
    entry = library.catalogue(ws).find(definition.id, definition.version)
    assert entry is not None
    return entry


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    path = tmp_path / "forms.tidesk"
    Workspace.create(path).close()
    return path


@pytest.fixture
def page(make_window: Make, empty_path: Path) -> FormsPage:
    window = make_window(empty_path)
    window.show_page("forms")
    found = window._pages["forms"]
    assert isinstance(found, FormsPage)
    return found


def start(ctx: AppContext, entry: Entry) -> str:
    change = responses.start_response(entry, round_label="Baseline")
    change.apply(ctx.ws)
    return change.uuid


def press(qtbot: QtBot, key: Qt.Key | str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def typed(qtbot: QtBot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def test_answer_a_form_with_the_keyboard_alone(page: FormsPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    assert view.paged and view.read_only is False
    scale = view.editors["safe"]
    assert isinstance(scale, ChoiceEditor)
    assert QApplication.focusWidget() is scale.buttons[0]  # the first question has the keyboard

    def stored() -> dict[str, Answer]:
        return responses.answers(ctx.ws, uuid)

    press(qtbot, "4")
    assert stored()["safe"] == Answer(4)
    press(qtbot, Qt.Key.Key_Left)
    assert stored()["safe"] == Answer(3)
    press(qtbot, Qt.Key.Key_End)  # the last choice: "Not applicable"
    assert stored()["safe"] == Answer(None, Special.NOT_APPLICABLE)
    press(qtbot, Qt.Key.Key_Delete)
    assert "safe" not in stored()
    press(qtbot, "2")
    assert stored()["safe"] == Answer(2) and scale.buttons[1].isChecked()

    press(qtbot, Qt.Key.Key_Tab)  # one Tab stop per question
    island = view.editors["island"]
    assert isinstance(island, ChoiceEditor) and QApplication.focusWidget() is island.buttons[0]
    press(qtbot, "2")
    press(qtbot, Qt.Key.Key_Down)
    assert stored()["island"] == Answer("east_isle")

    press(qtbot, Qt.Key.Key_Tab)
    days = view.editors["days"]
    assert isinstance(days, MultipleChoiceEditor)
    press(qtbot, Qt.Key.Key_Space)  # Monday
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Wednesday
    assert stored()["days"] == Answer(["monday", "wednesday"])
    press(qtbot, Qt.Key.Key_Tab)  # past "Not applicable"
    press(qtbot, Qt.Key.Key_Tab)  # "Previous section" is off in the first section
    assert QApplication.focusWidget() is view.next_button
    press(qtbot, Qt.Key.Key_Space)
    assert view.current_section == 1 and not view.section_widgets[0].isVisible()

    role = view.editors["role"]
    assert isinstance(role, LineEditor) and QApplication.focusWidget() is role.edit
    typed(qtbot, "Peer support worker")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # the nickname is skipped
    typed(qtbot, "Mostly good.")
    press(qtbot, Qt.Key.Key_Tab)  # Tab leaves a long text box too
    assert stored()["role"] == Answer("Peer support worker") and stored()["story"] == Answer("Mostly good.")
    assert "nickname" not in stored()

    staff = view.editors["staff"]
    assert isinstance(staff, LineEditor) and QApplication.focusWidget() is staff.edit
    typed(qtbot, "75")
    press(qtbot, Qt.Key.Key_Tab)
    assert "staff" not in stored()
    assert staff.message.isVisible() and "from 0 to 50" in staff.message.text()  # said kindly, not kept
    press(qtbot, Qt.Key.Key_Backtab)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    typed(qtbot, "12")
    press(qtbot, Qt.Key.Key_Tab)
    assert stored()["staff"] == Answer(12) and not staff.message.isVisible()

    press(qtbot, Qt.Key.Key_Tab)  # past "Don't know"
    typed(qtbot, "14/03/2026")
    press(qtbot, Qt.Key.Key_Tab)
    assert stored()["started"] == Answer("2026-03-14")
    press(qtbot, Qt.Key.Key_Tab)  # past the calendar button
    press(qtbot, "n")
    assert stored()["trained"] == Answer(False)
    assert view.progress.text() == "8 of 9 answered"

    page.close_view()
    assert page.view is None and page.currentWidget() is page.library
    again = page.open_view(entry, uuid)
    assert again is not view
    shown = {item_id: editor.shown for item_id, editor in again.editors.items()}
    assert shown == {item_id: stored().get(item_id, Answer()) for item_id in again.editors}
    checked = again.editors["safe"]
    assert isinstance(checked, ChoiceEditor) and checked.buttons[1].isChecked()
    ticked = again.editors["days"]
    assert isinstance(ticked, MultipleChoiceEditor)
    assert [box.text() for box, _v, _s in ticked.boxes if box.isChecked()] == ["Monday", "Wednesday"]
    texts = {k: e.edit.text() for k, e in again.editors.items() if isinstance(e, LineEditor)}
    assert texts == {"role": "Peer support worker", "nickname": "", "staff": "12", "started": "2026-03-14"}
    story = again.editors["story"]
    assert isinstance(story, LongTextEditor) and story.edit.toPlainText() == "Mostly good."


def test_undo_takes_answers_back_one_at_a_time(page: FormsPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    scale = view.editors["safe"]
    assert isinstance(scale, ChoiceEditor)
    press(qtbot, "3")
    press(qtbot, "5")
    assert ctx.undo_stack.undoText() == "Answer “I feel safe at work.”"
    ctx.undo_stack.undo()
    assert responses.answers(ctx.ws, uuid)["safe"] == Answer(3) and scale.buttons[2].isChecked()
    ctx.undo_stack.undo()
    assert "safe" not in responses.answers(ctx.ws, uuid)
    assert not any(b.isChecked() for b in scale.buttons)
    assert view.progress.text() == "0 of 9 answered"
    ctx.undo_stack.redo()
    assert scale.buttons[2].isChecked() and view.progress.text() == "1 of 9 answered"
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the keys work from the question itself
    assert "safe" not in responses.answers(ctx.ws, uuid)


def test_typing_in_progress_survives_a_refresh(page: FormsPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    view.set_paged(False)
    role = view.editors["role"]
    assert isinstance(role, LineEditor)
    responses.answer(entry.definition, uuid, "staff", Answer(3)).apply(ctx.ws)
    role.edit.setFocus()
    qtbot.keyClicks(role.edit, "Nurse")
    ctx.changed.emit(None)  # something else changed meanwhile
    assert role.edit.text() == "Nurse"
    assert isinstance(view.editors["staff"], LineEditor) and view.editors["staff"].edit.text() == "3"


def _editable(widget: QWidget) -> bool:
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        return widget.isEnabled() and not widget.isReadOnly()
    return widget.isEnabled() and not widget.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)


def test_a_completed_response_and_a_preview_are_read_only(page: FormsPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    view.mark_complete()
    assert responses.get_response(ctx.ws, uuid).status == COMPLETE
    controls = [c for editor in view.editors.values() for c in editor.controls()]
    assert controls and not any(_editable(c) for c in controls)
    assert all(c.isEnabled() for c in controls)  # read only, but not greyed out: as easy to read as before
    assert "marked complete" in view.state_line.text() and view.reopen_button.isVisible()
    assert not view.complete_button.isVisible()
    scale = view.editors["safe"]
    assert isinstance(scale, ChoiceEditor)
    qtbot.mouseClick(scale.buttons[0], Qt.MouseButton.LeftButton)
    scale.buttons[1].setFocus()
    qtbot.keyClick(scale.buttons[1], Qt.Key.Key_Space)
    qtbot.keyClick(scale.buttons[1], Qt.Key.Key_3)
    assert "safe" not in responses.answers(ctx.ws, uuid)
    assert not any(b.isChecked() for b in scale.buttons)
    qtbot.mouseClick(view.reopen_button, Qt.MouseButton.LeftButton)
    assert responses.get_response(ctx.ws, uuid).status == IN_PROGRESS
    assert all(_editable(c) for c in controls if c.isVisible())
    ctx.undo_stack.undo()  # reopening is undoable, and so is marking complete
    assert view.read_only
    ctx.undo_stack.undo()
    assert not view.read_only

    preview = page.open_view(entry, None, read_only=True)
    assert page.view is preview and view is not preview
    assert "preview" in preview.state_line.text()
    assert not any(_editable(c) for editor in preview.editors.values() for c in editor.controls())
    assert not preview.progress.isVisible() and not preview.complete_button.isVisible()


def test_a_required_question_blocks_mark_as_complete(page: FormsPage, messages: list[str]) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, NEEDS_ONE)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    assert "except those marked “(required)”" in view.state_line.text()
    view.mark_complete()
    assert responses.get_response(ctx.ws, uuid).status == IN_PROGRESS
    assert "Which team answered?" in messages[-1] and "Was the session useful?" not in messages[-1]
    team = view.editors["team"]
    assert isinstance(team, LineEditor) and QApplication.focusWidget() is team.edit
    team.edit.setText("x" * 20_001)  # longer than tidesk keeps: said gently, and not complete without it
    view.mark_complete()
    assert "not kept yet" in team.message.text() and "Which team answered?" in messages[-1]
    assert responses.get_response(ctx.ws, uuid).status == IN_PROGRESS
    team.edit.setText("Harbour team")
    view.mark_complete()  # the typed answer is kept first, then the response is complete
    assert responses.answers(ctx.ws, uuid)["team"] == Answer("Harbour team")
    assert responses.get_response(ctx.ws, uuid).status == COMPLETE


def test_one_section_at_a_time_or_all_on_one_page(page: FormsPage, qtbot: QtBot) -> None:
    entry = stored_entry(page.ctx.ws, EVERY_KIND)
    view = page.open_view(entry, start(page.ctx, entry))
    assert [w.isVisible() for w in view.section_widgets] == [True, False]
    assert view.position.text() == "Section 1 of 2" and not view.previous_button.isEnabled()
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert [w.isVisible() for w in view.section_widgets] == [False, True]
    assert view.section_choice.currentText() == "Section 2 of 2: In your own words"
    qtbot.mouseClick(view.all_sections, Qt.MouseButton.LeftButton)
    assert not view.paged and all(w.isVisible() for w in view.section_widgets)
    assert not view.next_button.isVisible()
    page.close_view()
    assert page.open_view(entry, None, read_only=True).paged is False  # the choice is remembered


def test_every_focusable_control_in_the_view_has_an_accessible_name(page: FormsPage) -> None:
    entry = stored_entry(page.ctx.ws, EVERY_KIND)
    view = page.open_view(entry, start(page.ctx, entry))
    view.set_paged(False)
    QApplication.processEvents()
    missing = [
        f"{type(w).__name__} {w.objectName()}"
        for w in page.holder.findChildren(QWidget)
        if w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not w.accessibleName()
        and type(w).__name__ not in {"QScrollBar"}
    ]
    assert not missing, missing
    buttons = [b for b in view.findChildren(QAbstractButton) if b.isVisible()]  # Tab stops or not
    assert buttons and all(b.accessibleName() for b in buttons)
    stray = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not page.window()]
    assert not stray, stray  # nothing is left showing as a window of its own


def test_every_shipped_form_can_be_shown(page: FormsPage) -> None:
    """Whatever forms come with tidesk, the view builds from their definitions alone."""
    shipped = library.read_folder(library.shipped_folder())
    for entry in shipped.entries:
        view = FormView(page.ctx, entry, None, read_only=True)
        assert len(view.editors) == len(entry.definition.answerable_items)
        view.detach()
        view.deleteLater()


def test_undoing_the_start_closes_the_view(page: FormsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = stored_entry(page.ctx.ws, EVERY_KIND)
    page.refresh()
    page.select_form(entry.definition.id, entry.definition.version)
    monkeypatch.setattr(
        StartResponseDialog,
        "get_value",
        classmethod(lambda cls, parent, form, rounds=None: ({"round_label": "Spring", "respondent": "Sam"}, True)),
    )
    page.start_response()
    assert page.view is not None and page.view.response is not None
    assert page.view.response.respondent == "Sam"
    page.ctx.undo_stack.undo()
    assert page.view is None and responses.list_responses(page.ctx.ws, "every-kind") == []
    page.ctx.undo_stack.redo()
    assert [r.round_label for r in responses.list_responses(page.ctx.ws, "every-kind")] == ["Spring"]


def test_a_date_from_the_calendar_and_a_special_answer(page: FormsPage) -> None:
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget, QCheckBox

    from tidesk.gui.forms.text_items import DateEditor, NumberEditor

    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    view = page.open_view(entry, uuid)
    view.go_to(1)
    started = view.editors["started"]
    assert isinstance(started, DateEditor)
    started.open_calendar()
    calendar = started.findChildren(QCalendarWidget)[-1]
    calendar.activated.emit(QDate(2025, 11, 3))
    assert responses.answers(ctx.ws, uuid)["started"] == Answer("2025-11-03")
    assert started.edit.text() == "2025-11-03"
    staff = view.editors["staff"]
    assert isinstance(staff, NumberEditor)
    staff.edit.setText("1,250")
    staff.commit()
    assert "from 0 to 50" in staff.message.text()  # read as one thousand two hundred and fifty
    dont_know = staff.findChildren(QCheckBox)[0]
    dont_know.click()
    assert responses.answers(ctx.ws, uuid)["staff"] == Answer(None, Special.DONT_KNOW)
    assert staff.edit.text() == "" and dont_know.isChecked() and not staff.message.text()
    staff.edit.setText("7")
    staff.commit()
    assert responses.answers(ctx.ws, uuid)["staff"] == Answer(7) and not dont_know.isChecked()
