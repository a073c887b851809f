"""The first window shows the workspace at once; its pages arrive a moment later, once the ORM has loaded in
the background, and then open without waiting."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import TaskRunner

Make = Callable[..., MainWindow]


def test_the_window_shows_the_workspace_then_its_last_page(make_window: Make, demo_path: Path, qtbot: QtBot) -> None:
    first = make_window(demo_path)
    first.show_page("service")
    first.close()
    window = make_window(demo_path, runner=TaskRunner)
    qtbot.waitUntil(lambda: window.ctx.workspace is not None, timeout=10_000)
    assert "Carran Community Substance Use Service" in window.windowTitle()  # from the quick read
    assert window.nav.isVisible() and window.current_page_key() == "service"
    if not window.warm:  # a calm word in the page's place, for the moment the pages take to load
        assert window.stack.currentWidget() is window.getting_ready
        assert "Opening Service and pathway" in window.getting_ready.text()
    qtbot.waitUntil(lambda: window.warm, timeout=10_000)
    assert isinstance(window.stack.currentWidget(), ServicePage)
    item = next(i for i in window._nav_items() if i.data(0, Qt.ItemDataRole.UserRole) == "service")
    assert "●" in item.text(0)  # the step's state, read once the pages' code had loaded
