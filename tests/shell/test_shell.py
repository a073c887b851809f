"""The app shell as a person uses it: first run, the demo, navigation, menus, problems when opening."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tidesk.core import service
from tidesk.core.places import Places
from tidesk.core.workspace import Workspace
from tidesk.gui.shell import workspace_flow
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import TaskRunner
from tidesk.gui.widgets.dialogs import ChooseDialog

Make = Callable[..., MainWindow]


def test_first_run_shows_the_welcome_page(make_window: Make, places: Places) -> None:
    window = make_window()
    assert window.stack.currentWidget() is window.welcome
    assert not window.nav.isVisible()
    assert not places.default_workspace.exists()


def test_start_with_your_own_service(make_window: Make, qtbot: QtBot, places: Places) -> None:
    window = make_window()
    qtbot.mouseClick(window.welcome.own, Qt.MouseButton.LeftButton)
    assert places.default_workspace.exists()
    assert window.ctx.workspace is not None and not window.ctx.workspace.is_demo
    assert window.nav.isVisible() and not window.banner.isVisible()


def test_explore_the_demo(make_window: Make, qtbot: QtBot, places: Places) -> None:
    window = make_window()
    qtbot.mouseClick(window.welcome.demo, Qt.MouseButton.LeftButton)
    ws = window.ctx.ws
    assert ws.is_demo and ws.path == places.demo_workspace.resolve()
    assert window.banner.isVisible() and "Fictional" in window.banner.text()
    assert "fictional demo" in window.windowTitle()
    assert not places.default_workspace.exists()  # the team's own workspace is untouched


def test_the_default_workspace_opens_on_later_runs(make_window: Make, places: Places) -> None:
    Workspace.create(
        places.data_dir / "workspace.tidesk"
        if places.data_dir.mkdir(parents=True) is None
        else places.default_workspace
    ).close()
    window = make_window()
    assert window.ctx.ws.path == places.default_workspace.resolve()


def test_navigation_lists_registered_pages_with_their_state(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    texts = [item.text(0) for item in window._nav_items()]
    assert texts[0] == "Home"
    assert any("Service and pathway" in t and "●" in t for t in texts)
    assert texts[-1] == "Reports"
    window.show_page("service")
    assert window.current_page_key() == "service"
    assert window.stack.currentWidget() is window._pages["service"]


def test_keyboard_walks_the_navigation(make_window: Make, qtbot: QtBot, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.nav.setFocus()
    window.show_page("home")
    seen = []
    for _ in range(len(window._nav_items()) + 4):  # every step, past the phase headings
        qtbot.keyClick(window.nav, Qt.Key.Key_Down)
        seen.append(window.current_page_key())
    assert "service" in seen and "reports" in seen


def test_step_state_follows_the_data(make_window: Make) -> None:
    window = make_window()
    workspace_flow.start_own(window)
    item = next(i for i in window._nav_items() if i.data(0, Qt.ItemDataRole.UserRole) == "service")
    assert "○" in item.text(0)
    window.ctx.apply("name", service.edit_profile(name="Carran"))
    assert "◐" in item.text(0)
    assert "in progress" in item.data(0, Qt.ItemDataRole.AccessibleTextRole)


def test_last_page_and_text_size_are_remembered(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.show_page("service")
    window.step_text(+1)
    scaled = QApplication.font().pointSizeF()
    window.close()
    again = make_window(demo_path)
    assert again.current_page_key() == "service"
    assert again.ctx.preferences.get("text_scale") > 100
    assert QApplication.font().pointSizeF() == pytest.approx(scaled)
    again.set_text_scale(100)


def test_theme_choice_is_applied_and_remembered(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.set_theme("dark")
    assert QApplication.palette().window().color().lightness() < 80
    assert window.ctx.preferences.get("theme") == "dark"
    window.set_theme("light")
    assert QApplication.palette().window().color().lightness() > 200


def test_back_up_now_updates_the_status_bar(make_window: Make, demo_path: Path, places: Places) -> None:
    window = make_window(demo_path)
    window.backup_action.trigger()
    assert "Last backup today" in window.backup_label.text()
    assert any(places.backups.rglob("*-manual.tidesk"))


def test_a_damaged_workspace_offers_the_latest_backup(
    make_window: Make, demo_path: Path, places: Places, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_window(demo_path)  # opening takes a verified backup
    first.close()
    good = demo_path.read_bytes()
    demo_path.write_bytes(good[: len(good) // 3])
    damaged = demo_path.read_bytes()
    asked: list[str] = []

    def answer(_parent: QWidget, _title: str, text: str, detail: str, choices: list[str], **_k: object) -> str:
        asked.append(detail)
        return workspace_flow.OPEN_BACKUP

    monkeypatch.setattr(workspace_flow, "ask", answer)
    window = make_window(demo_path)
    assert asked and "damaged" in asked[0] and "newest sound backup" in asked[0]
    assert window.ctx.ws.path.name.startswith("demo-recovered-")
    assert demo_path.read_bytes() == damaged  # nothing is overwritten
    assert service.get_profile(window.ctx.ws).name.startswith("Carran")


def test_a_locked_workspace_says_where_it_is_open(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(workspace_flow, "ask", lambda *a, **k: asked.append(a[3]))
    with Workspace.open(demo_path, before_migration=lambda _p: None):
        window = make_window(demo_path)
    assert asked and "already open in tidesk" in asked[0]
    assert window.ctx.workspace is None


def test_export_runs_in_the_background_and_opens_the_pdf(
    make_window: Make, qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "tidesk.gui.shell.export.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    target = tmp_path / "out" / "service.pdf"
    target.parent.mkdir()
    monkeypatch.setattr("tidesk.gui.shell.export.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), ""))
    window = make_window(demo_path, runner=TaskRunner)
    qtbot.waitUntil(lambda: window.warm, timeout=10_000)
    window.show_page("reports")
    page = window._pages["reports"]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    assert opened == [str(target)] and target.read_bytes().startswith(b"%PDF")


def test_exit_when_ready(demo_path: Path, tmp_path: Path) -> None:
    env_cmd = [sys.executable, "-m", "tidesk", "--data-dir", str(tmp_path / "data")]
    ok = subprocess.run([*env_cmd, str(demo_path), "--exit-when-ready"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    broken = tmp_path / "broken.tidesk"
    shutil.copy(demo_path, broken)
    broken.write_bytes(broken.read_bytes()[:5000])
    bad = subprocess.run([*env_cmd, str(broken), "--exit-when-ready"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("tidesk: ") and "damaged" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_restore_from_backup_keeps_the_current_file_aside(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_path)
    ctx = window.ctx
    window.backup_action.trigger()  # a backup with the demo's own name
    ctx.apply("rename", service.edit_profile(name="Renamed"))
    monkeypatch.setattr(ChooseDialog, "get_value", classmethod(lambda cls, *_a: (0, True)))
    window.restore_action.trigger()
    assert service.get_profile(ctx.ws).name == "Carran Community Substance Use Service"
    aside = list(demo_path.parent.glob("demo.replaced-*.tidesk"))
    assert len(aside) == 1
    with Workspace.open_read_only(aside[0]) as kept:
        assert service.get_profile(kept).name == "Renamed"


def test_new_workspace_from_the_file_menu(
    make_window: Make, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_path)
    window.ctx.apply("rename", service.edit_profile(name="Renamed"))
    target = tmp_path / "second"
    monkeypatch.setattr(
        "tidesk.gui.shell.workspace_flow.QFileDialog.getSaveFileName", lambda *a, **k: (str(target), "")
    )
    workspace_flow.new_workspace(window)
    ws = window.ctx.ws
    assert ws.path == target.with_suffix(".tidesk").resolve() and not ws.is_demo
    assert window.ctx.undo_stack.count() == 0  # undo never reaches into another workspace
    assert str(ws.path) == window.ctx.preferences.get("recent")[0]


def test_about_names_the_version_data_folder_and_licence(make_window: Make, demo_path: Path) -> None:
    from tidesk import __version__
    from tidesk.gui.shell.about import about_text

    window = make_window(demo_path)
    text = about_text(window.ctx)
    assert __version__ in text and str(window.ctx.places.data_dir) in text and "Open Government" in text


def test_a_broken_form_file_is_named_and_the_app_carries_on(
    make_window: Make, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "broken.v1.yaml").write_text("form: broken\nversion: 1\ntitle: [unclosed\n")
    monkeypatch.setattr("tidesk.core.forms.library.shipped_folder", lambda: folder)
    window = make_window(demo_path)
    assert window.ctx.workspace is not None
    message = window.statusBar().currentMessage()
    assert "broken.v1.yaml:" in message and "not valid YAML" in message
