"""A write the disk refuses is told to the person; the page shows what is really stored; nothing is hidden."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.core.test_storage import refuse_writes
from tidesk.core import service
from tidesk.core.log import describe, log_file
from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell import unexpected
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]


def test_a_write_on_a_read_only_workspace_tells_the_person_and_shows_what_is_stored(
    make_window: Make, demo_path: Path, qtbot: QtBot, messages: list[str]
) -> None:
    window = make_window(demo_path)
    window.show_page("service")
    page = window.page("service")
    assert isinstance(page, ServicePage)
    qtbot.waitUntil(window.isActiveWindow)  # typed keys go where a person's would
    stored = service.get_profile(window.ctx.ws).name
    assert window.stored_label.text() == "Every change is stored as you make it"
    allow = refuse_writes(window.ctx.ws, "PRAGMA query_only=ON")
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.name, "A name that cannot be kept")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert messages and messages[-1].startswith("Not stored: This change was not stored")
    assert "can only be read" in messages[-1]
    assert page.name.text() == stored  # the page shows what the workspace really holds
    assert "not stored" in window.stored_label.text()
    assert window.ctx.undo_stack.count() == 0  # nothing to undo: nothing happened
    allow()
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.name, "Carran")
    qtbot.keyClick(page.name, Qt.Key.Key_Tab)
    assert service.get_profile(window.ctx.ws).name == "Carran"
    assert window.stored_label.text() == "Every change is stored as you make it"


def test_an_undo_the_disk_refuses_is_told_too(make_window: Make, demo_path: Path, messages: list[str]) -> None:
    window = make_window(demo_path)
    ctx = window.ctx
    assert ctx.apply("Rename", service.edit_profile(name="Renamed"))
    allow = refuse_writes(ctx.ws, "PRAGMA query_only=ON")
    ctx.undo_stack.undo()
    assert "not stored" in window.stored_label.text() and messages[-1].startswith("Not stored")
    assert service.get_profile(ctx.ws).name == "Renamed"
    allow()


def test_an_unexpected_error_is_logged_without_what_was_typed(
    make_window: Make, demo_path: Path, messages: list[str]
) -> None:
    window = make_window(demo_path)
    secret = "Morag told me about her brother"

    def fails(note: str) -> None:
        raise ValueError(f"could not keep {note}")

    try:
        fails(secret)
    except ValueError as exc:
        from tidesk.core.log import configure

        configure(window.ctx.places.data_dir)
        unexpected.explain(window.ctx, exc)
        described = describe(type(exc), exc.__traceback__)
    written = log_file(window.ctx.places.data_dir).read_text(encoding="utf-8")
    assert "builtins.ValueError" in written and "in fails" in written and "test_storage_errors.py" in written
    assert secret not in written and "could not keep" not in written and secret not in described
    assert messages[-1].startswith("Something went wrong: Something went wrong inside tidesk")
