"""When a workspace cannot be opened: a question that stays answerable, with the real task runner, and for a
workspace open in another copy, waiting or reading it here, never a second copy that drifts apart."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from pytestqt.qtbot import QtBot

from tidesk.core import service
from tidesk.core.workspace import Workspace
from tidesk.gui.shell import workspace_flow
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import TaskRunner

Make = Callable[..., MainWindow]


def _progress_dialogs_that_could_show() -> list[QProgressDialog]:
    """Progress dialogs on screen, or with a timer of their own still running that would show them."""
    found = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QProgressDialog):
            timers = [t for t in widget.findChildren(QTimer) if t.isActive()]
            if widget.isVisible() or timers:
                found.append(widget)
    return found


def _wait(qtbot: QtBot, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        qtbot.wait(50)


def test_a_failed_open_never_brings_its_progress_dialog_back(
    make_window: Make, demo_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, list[str], str | None]] = []
    seen_while_asking: list[list[QProgressDialog]] = []

    def answer(_parent: object, title: str, _text: str, _detail: str, choices: list[str], **kw: object) -> None:
        asked.append((title, choices, kw.get("default")))  # type: ignore[arg-type]
        seen_while_asking.append(_progress_dialogs_that_could_show())
        _wait(qtbot, 0.7)  # the person reads the question for a while
        seen_while_asking.append(_progress_dialogs_that_could_show())

    monkeypatch.setattr(workspace_flow, "ask", answer)
    with Workspace.open(demo_path, before_migration=lambda _p: None):
        window = make_window(demo_path, runner=TaskRunner)
        qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
        _wait(qtbot, 0.3)
    assert seen_while_asking == [[], []]
    assert not _progress_dialogs_that_could_show() and QApplication.activeModalWidget() is None
    title, choices, default = asked[0]
    assert choices[0] == workspace_flow.TRY_AGAIN == default and workspace_flow.OPEN_READ_ONLY in choices
    assert workspace_flow.OPEN_BACKUP not in choices  # a copy of a backup would drift apart from the original
    assert window.ctx.workspace is None and "open elsewhere" in title


def test_try_again_opens_it_once_the_other_copy_has_closed_it(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = Workspace.open(demo_path, before_migration=lambda _p: None)

    def answer(*_a: object, **_k: object) -> str:
        other.close()  # meanwhile, the other copy was closed
        return workspace_flow.TRY_AGAIN

    monkeypatch.setattr(workspace_flow, "ask", answer)
    window = make_window(demo_path)
    assert window.ctx.workspace is not None and not window.ctx.read_only


def test_reading_a_workspace_open_elsewhere_changes_nothing(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    monkeypatch.setattr(workspace_flow, "ask", lambda *a, **k: workspace_flow.OPEN_READ_ONLY)
    with Workspace.open(demo_path, before_migration=lambda _p: None) as writer:
        window = make_window(demo_path)
        ctx = window.ctx
        assert ctx.read_only and ctx.workspace is not None
        assert "read only" in window.banner.text() and window.banner.isVisible()
        assert not window.backup_action.isEnabled()
        assert not ctx.apply("Rename", service.edit_profile(name="Changed here"))
        assert "to read only" in messages[-1]
        assert service.get_profile(writer).name == service.get_profile(ctx.ws).name != "Changed here"
        service.edit_profile(name="Changed there").apply(writer)  # the copy that has it open carries on
        assert service.get_profile(ctx.ws).name == "Changed there"


def test_a_workspace_only_the_full_check_finds_damaged_is_never_opened_as_safe(
    make_window: Make, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from tests.cli.test_bad_workspaces import index_damaged

    first = make_window(demo_path)  # a sound backup of it, taken on opening
    first.close()
    damaged = index_damaged(demo_path, tmp_path / "damaged-copy.tidesk")
    shutil.move(damaged, demo_path)
    asked: list[str] = []

    def answer(_parent: object, title: str, _text: str, detail: str, choices: list[str], **_k: object) -> None:
        asked.append(f"{title}: {detail} {choices}")

    monkeypatch.setattr(workspace_flow, "ask", answer)
    window = make_window(demo_path)
    assert window.ctx.workspace is None  # not opened for writing
    assert asked and "damaged" in asked[0] and workspace_flow.OPEN_BACKUP in asked[0]
    assert not any("safe to use" in m or "passed its checks" in m for m in messages)
