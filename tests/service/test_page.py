"""The service and pathway page: edits by keyboard and mouse, every one undoable, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.gui_fixtures import dump
from tidesk.core import service, tags
from tidesk.gui.service.dialogs import PartnerDialog, StageDialog
from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.widgets.two_line import TITLE_ROLE

Make = Callable[..., MainWindow]


@pytest.fixture
def page(make_window: Make, demo_path: Path) -> ServicePage:
    window = make_window(demo_path)
    window.show_page("service")
    found = window._pages["service"]
    assert isinstance(found, ServicePage)
    return found


def _answer(monkeypatch: pytest.MonkeyPatch, dialog: type, value: dict[str, Any]) -> None:
    monkeypatch.setattr(dialog, "get_value", classmethod(lambda cls, parent, row: (value, True)))


def _type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Tab)  # leaving the box stores it


def test_typing_a_name_stores_it_and_undo_restores_it(page: ServicePage, qtbot: QtBot) -> None:
    ctx = page.ctx
    before = service.get_profile(ctx.ws).name
    _type_into(qtbot, page.name, "Carran Recovery Service")
    assert service.get_profile(ctx.ws).name == "Carran Recovery Service"
    assert ctx.undo_stack.undoText() == "Change the service name"
    ctx.undo_stack.undo()
    assert service.get_profile(ctx.ws).name == before and page.name.text() == before
    ctx.undo_stack.redo()
    assert page.name.text() == "Carran Recovery Service"


def test_leaving_a_box_unchanged_is_not_an_edit(page: ServicePage, qtbot: QtBot) -> None:
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert page.ctx.undo_stack.count() == 0


def test_setting_and_description(page: ServicePage, qtbot: QtBot) -> None:
    page.setting.setFocus()
    page.setting.setCurrentIndex(page.setting.findData("town"))
    page.setting.activated.emit(page.setting.currentIndex())
    _type_into(qtbot, page.description, "A team of five.")
    profile = service.get_profile(page.ctx.ws)
    assert profile.setting == "town" and profile.description == "A team of five."


def test_pathway_by_keyboard_with_undo_back_to_the_start(
    page: ServicePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx = page.ctx
    start = dump(ctx.ws.path)
    stages = page.stages
    stages.list.setFocus()
    stages.list.setCurrentRow(2)
    moving = stages.current_uuid()
    qtbot.keyClick(stages.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [s.uuid for s in service.list_stages(ctx.ws)].index(moving) == 1
    assert stages.current_uuid() == moving  # the selection follows the moved stage
    _answer(monkeypatch, StageDialog, {"name": "Peer welcome", "description": "A cup of tea first."})
    qtbot.keyClick(stages.list, Qt.Key.Key_Insert)
    names = [s.name for s in service.list_stages(ctx.ws)]
    assert names[2] == "Peer welcome" and len(names) == 11
    _answer(monkeypatch, StageDialog, {"name": "Peer welcome and tea", "description": ""})
    stages.list.setCurrentRow(2)
    qtbot.keyClick(stages.list, Qt.Key.Key_F2)
    assert service.list_stages(ctx.ws)[2].name == "Peer welcome and tea"
    stages.list.setCurrentRow(0)
    qtbot.keyClick(stages.list, Qt.Key.Key_Delete)
    assert len(service.list_stages(ctx.ws)) == 10
    window = ctx.window
    assert isinstance(window, MainWindow)
    window.show_page("home")  # undo works across pages too
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert dump(ctx.ws.path) == start
    while ctx.undo_stack.canRedo():
        ctx.undo_stack.redo()
    assert service.list_stages(ctx.ws)[1].name == "Peer welcome and tea"


def test_partners_add_edit_remove_and_undo(page: ServicePage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = page.ctx
    start = dump(ctx.ws.path)
    _answer(monkeypatch, PartnerDialog, {"name": "Skerry Men's Shed", "kind": "Third sector", "notes": ""})
    qtbot.mouseClick(page.partners.add_button, Qt.MouseButton.LeftButton)
    assert service.list_partners(ctx.ws)[-1].name == "Skerry Men's Shed"
    assert page.partners.list.currentRow() == page.partners.list.count() - 1
    _answer(monkeypatch, PartnerDialog, {"name": "Skerry Men's Shed", "kind": "Third sector", "notes": "Weds"})
    qtbot.mouseClick(page.partners.edit_button, Qt.MouseButton.LeftButton)
    assert service.list_partners(ctx.ws)[-1].notes == "Weds"
    page.partners.list.setCurrentRow(0)
    qtbot.mouseClick(page.partners.remove_button, Qt.MouseButton.LeftButton)
    assert ctx.undo_stack.undoText().startswith("Remove partner")
    for _ in range(3):
        ctx.undo_stack.undo()
    assert dump(ctx.ws.path) == start


def test_refused_edit_never_reaches_the_undo_stack(page: ServicePage, messages: list[str]) -> None:
    ctx = page.ctx
    assert not ctx.apply("bad", lambda: service.add_stage("  "))
    assert ctx.undo_stack.count() == 0 and "needs a name" in messages[-1]


def test_dragging_a_stage_reorders_the_pathway(page: ServicePage, qtbot: QtBot) -> None:
    ctx = page.ctx
    stages = page.stages.list
    assert stages.dragDropMode() == QAbstractItemView.DragDropMode.InternalMove
    first = service.list_stages(ctx.ws)[0]
    # What a drop does to the view's model: move row 0 below row 3.
    stages.model().moveRow(stages.rootIndex(), 0, stages.rootIndex(), 4)
    qtbot.waitUntil(lambda: service.list_stages(ctx.ws)[3].uuid == first.uuid, timeout=2000)
    ctx.undo_stack.undo()
    assert service.list_stages(ctx.ws)[0].uuid == first.uuid


def test_every_focusable_control_has_an_accessible_name(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    missing = []
    for key in window._pages:
        window.show_page(key)
        QApplication.processEvents()
        for widget in window.findChildren(QWidget):
            if (
                widget.isVisible()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isEnabled()
                and not widget.accessibleName()
                and type(widget).__name__
                not in {"QScrollBar", "QSplitterHandle", "QWidget", "QMenuBar", "QStackedWidget"}
            ):
                missing.append(f"{key}: {type(widget).__name__} {widget.objectName()}")
    assert not missing, missing


def test_tab_order_reaches_every_control_on_the_service_page(page: ServicePage) -> None:
    page.name.setFocus()
    seen = set()
    widget: QWidget | None = page.name
    for _ in range(60):
        assert widget is not None
        seen.add(widget)
        widget = widget.nextInFocusChain()
    for control in (
        page.name,
        page.organisation,
        page.setting,
        page.description,
        page.partners.list,
        page.stages.list,
        page.export_button,
    ):
        assert control in seen, control.accessibleName()


def test_layout_survives_strings_twice_as_long(page: ServicePage) -> None:
    """A pseudo-translation: double every visible label and button, and the page still fits the window."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    window = page.window()
    for widget in window.findChildren(QLabel) + window.findChildren(QAbstractButton):
        if widget.text():
            widget.setText(widget.text() + " " + widget.text())
    for box in window.findChildren(QGroupBox):
        box.setTitle(box.title() * 2)
    window.resize(1280, 800)
    QApplication.processEvents()
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800
    body = page.widget()
    assert body.minimumSizeHint().width() <= page.viewport().width() + 1
    clipped = [
        w.text()
        for w in body.findChildren(QAbstractButton)
        if w.isVisible() and w.width() < w.fontMetrics().horizontalAdvance(w.text().replace("&", "")) - 2
    ]
    assert not clipped
    assert body.mapTo(window, QPoint(0, 0)).x() >= 0


def test_ctrl_z_in_an_untouched_box_undoes_the_last_stored_change(page: ServicePage, qtbot: QtBot) -> None:
    before = service.get_profile(page.ctx.ws).name
    _type_into(qtbot, page.name, "Carran (Skerry too)")  # Tab leaves focus in the organisation box
    assert page.organisation.hasFocus() or page.window().focusWidget() is not page.name
    qtbot.keyClick(QApplication.focusWidget() or page.organisation, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert service.get_profile(page.ctx.ws).name == before
    qtbot.keyClick(
        QApplication.focusWidget() or page.organisation,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert service.get_profile(page.ctx.ws).name == "Carran (Skerry too)"


def test_ctrl_z_while_typing_undoes_the_typing_first(page: ServicePage, qtbot: QtBot) -> None:
    page.name.setFocus()
    qtbot.keyClicks(page.name, "xyz")
    qtbot.keyClick(page.name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not page.name.text().endswith("xyz")
    assert page.ctx.undo_stack.count() == 0


def test_the_list_on_screen_matches_the_pathway_after_a_move(page: ServicePage, qtbot: QtBot) -> None:
    stages = page.stages
    stages.list.setFocus()
    stages.list.setCurrentRow(2)
    qtbot.keyClick(stages.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    shown = [stages.list.model().index(r, 0).data(TITLE_ROLE) for r in range(stages.list.model().rowCount())]
    assert shown == [f"{s.position + 1}. {s.name}" for s in service.list_stages(page.ctx.ws)]
    assert len(stages.list.selectedItems()) == 1


def test_undoing_the_removal_of_a_stage_brings_back_exactly_what_was_there(page: ServicePage, qtbot: QtBot) -> None:
    ctx = page.ctx
    stage = service.list_stages(ctx.ws)[4]
    assert ctx.apply("Tag", tags.set_tags("pathway_stage", stage.uuid, ["theme:9", "mat:1"]))
    before = dump(ctx.ws.path)
    page.stages.list.setFocus()
    page.stages.select(stage.uuid)
    qtbot.keyClick(page.stages.list, Qt.Key.Key_Delete)
    assert stage.uuid not in [s.uuid for s in service.list_stages(ctx.ws)]
    assert tags.tags_of(ctx.ws, [stage.uuid]) == {}  # its tags went with it
    qtbot.keyClick(page.stages.list, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dump(ctx.ws.path) == before  # the stage, its place in the pathway and its tags
    assert page.stages.current_uuid() == stage.uuid or stage.uuid in page.stages._uuids
    assert [s.name for s in page.stages.shown] == [s.name for s in service.list_stages(ctx.ws)]
