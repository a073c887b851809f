"""Settings, the demo from the File menu, and coming back to the workspace and page last used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tidesk.core.places import Places
from tidesk.core.privacy import rule_for
from tidesk.core.settings import get_setting
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.settings_dialog import Chosen, SettingsDialog

Make = Callable[..., MainWindow]


def test_settings_change_the_workspace_in_one_undoable_step_and_the_app_at_once(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_path)
    dialog = SettingsDialog(window, window.ctx)
    assert dialog.threshold.minimum() == 5  # never below five
    assert dialog.marking.currentText() == "OFFICIAL-SENSITIVE"
    assert not dialog.keep_names.isChecked()  # roles only, unless the team chooses names
    chosen = Chosen(marking="OFFICIAL", threshold=7, keep_names=True, theme="dark", text_scale=130)
    monkeypatch.setattr(SettingsDialog, "get_value", classmethod(lambda cls, parent, ctx: (chosen, True)))
    window.settings_action.trigger()
    ws = window.ctx.ws
    assert get_setting(ws, "protective_marking") == "OFFICIAL" and rule_for(ws).threshold == 7
    assert get_setting(ws, "keep_names") is True
    assert window.ctx.preferences.get("theme") == "dark" and window.theme_actions["dark"].isChecked()
    assert window.ctx.preferences.get("text_scale") == 130
    assert window.ctx.undo_stack.undoText() == "Change the settings"
    window.ctx.undo_stack.undo()
    assert get_setting(ws, "protective_marking") == "OFFICIAL-SENSITIVE" and rule_for(ws).threshold == 5
    assert get_setting(ws, "keep_names") is False
    window.set_theme("light")
    window.set_text_scale(100)


def test_the_demo_opens_from_the_file_menu(make_window: Make, places: Places) -> None:
    window = make_window()
    demo = next(a for a in window.findChildren(QAction) if "demo" in a.text())
    demo.trigger()
    assert window.ctx.ws.is_demo and window.ctx.ws.path == places.demo_workspace.resolve()


def test_the_app_comes_back_to_the_workspace_and_page_last_used(
    make_window: Make, demo_path: Path, tmp_path: Path
) -> None:
    window = make_window(demo_path)
    window.show_page("service")
    QApplication.processEvents()
    window.close()
    again = make_window()  # started with no workspace named
    assert again.ctx.ws.path == demo_path.resolve() and again.current_page_key() == "service"
