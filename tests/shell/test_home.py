"""Honest progress on the Home page, and a person's words shown as they typed them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from tidesk.core import service
from tidesk.core.programme import StepState
from tidesk.core.settings import mark_done
from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell import workspace_flow
from tidesk.gui.shell.home import HomePage
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]


def _home(window: MainWindow) -> HomePage:
    window.show_page("home")
    page = window.page("home")
    assert isinstance(page, HomePage)
    return page


def test_the_suggested_pathway_alone_does_not_make_the_step_done(make_window: Make) -> None:
    window = make_window()
    workspace_flow.start_own(window)
    ctx = window.ctx
    area = window._entries["service"].area
    assert area is not None and area.step_state(ctx.ws) == StepState.NOT_STARTED
    ctx.apply("Name", service.edit_profile(name="Carran", organisation="Carran HSCP"))
    ctx.apply("Partner", service.add_partner("Harbour Pharmacy"))
    assert area.step_state(ctx.ws) == StepState.IN_PROGRESS  # the ten suggested stages are not yet theirs
    home = _home(window)
    assert home.next_button.isVisible() and home.next_button.text() == "Go to Service and pathway"
    stage = service.list_stages(ctx.ws)[2]
    ctx.apply("Edit", service.edit_stage(stage.uuid, description="Through the back door, past the dentist."))
    assert area.step_state(ctx.ws) == StepState.DONE
    assert home.next_button.isVisible() and home.next_button.text() == "Go to Familiarisation"
    ctx.apply("Done", mark_done(ctx.ws, "familiarisation", True))
    assert "cannot record this step yet" in home.next_text.text()
    assert not home.next_button.isVisible()  # no button to a step tidesk does not have
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert area.step_state(ctx.ws) == StepState.IN_PROGRESS


def test_the_team_can_say_a_step_is_done_and_take_it_back(make_window: Make) -> None:
    window = make_window()
    workspace_flow.start_own(window)
    window.show_page("service")
    page = window.page("service")
    assert isinstance(page, ServicePage)
    area = window._entries["service"].area
    assert area is not None
    page.done.click()
    assert area.step_state(window.ctx.ws) == StepState.DONE and page.done.isChecked()
    assert window.ctx.undo_stack.undoText() == "Mark “Service and pathway” as done"
    window.ctx.undo_stack.undo()
    assert area.step_state(window.ctx.ws) == StepState.NOT_STARTED and not page.done.isChecked()


def test_a_name_with_markup_is_shown_exactly_as_typed(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "A & <b>B</b>"
    window = make_window(demo_path)
    window.ctx.apply("Rename", service.edit_profile(name=name))
    home = _home(window)
    assert home.title.text() == name and home.title.textFormat() == Qt.TextFormat.PlainText
    assert name in window.windowTitle()
    shown: list[tuple[str, Qt.TextFormat]] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append((box.text(), box.textFormat())) or 0)
    window.ctx.report(f"“{name}” is here")
    assert shown == [(f"“{name}” is here.", Qt.TextFormat.PlainText)]
    labels = [label for label in window.findChildren(QLabel) if name in label.text()]
    assert labels and all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    QApplication.processEvents()
