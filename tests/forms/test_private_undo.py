"""A private context (one member's answers while the laptop is passed round) has an undo stack of its own,
cleared when it closes, so the next person's Ctrl+Z never reveals or changes the previous person's words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.forms.test_view import EVERY_KIND, empty_path, page, start, stored_entry
from tidesk.core.forms import responses
from tidesk.gui.forms.page import FormsPage
from tidesk.gui.forms.text_items import LineEditor
from tidesk.gui.forms.view import FormView
from tidesk.gui.shell.main_window import MainWindow

__all__ = ["empty_path", "page"]  # fixtures shared with the form view's tests


def test_a_private_view_keeps_its_own_undo_and_forgets_it_when_closed(page: FormsPage, qtbot: QtBot) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, EVERY_KIND)
    uuid = start(ctx, entry)
    public_before = ctx.undo_stack.count()
    view = FormView(ctx, entry, uuid, private=True)
    qtbot.addWidget(view)
    view.show()
    assert view.private_undo is not None
    assert ctx.undo_group.activeStack() is view.private_undo.stack
    role = view.editors["role"]
    assert isinstance(role, LineEditor)
    role.edit.setFocus()
    qtbot.keyClicks(role.edit, "Nurse on nights")
    role.commit()
    assert responses.answers(ctx.ws, uuid)["role"].value == "Nurse on nights"
    assert view.private_undo.stack.count() == 1 and ctx.undo_stack.count() == public_before
    view.detach()  # the person is done: their undo history goes with them
    assert view.private_undo is None and ctx.undo_group.activeStack() is ctx.undo_stack
    window = ctx.window
    assert isinstance(window, MainWindow)
    while window.undo_action.isEnabled():
        assert "Nurse" not in window.undo_action.text()
        window.undo_action.trigger()
    assert responses.answers(ctx.ws, uuid)["role"].value == "Nurse on nights"  # the next person cannot undo it
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert responses.answers(ctx.ws, uuid)["role"].value == "Nurse on nights"
