"""Targeted refresh: pages are built when first shown, and refresh only while shown and only for what they show."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tidesk.areas import Area
from tidesk.core import service
from tidesk.core.forms import library
from tidesk.core.forms.library import Source
from tidesk.core.programme import StepState
from tidesk.core.workspace import Workspace
from tidesk.gui.forms.page import FormsPage
from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell.home import HomePage
from tidesk.gui.shell.main_window import MainWindow

Make = Callable[..., MainWindow]


def test_pages_are_built_when_first_shown(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.show_page("home")
    assert set(window._pages) == {"home"}
    window.show_page("service")
    assert set(window._pages) == {"home", "service"}


def test_an_edit_on_the_service_page_refreshes_only_that_page(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    for key in ("home", "forms", "reports", "service"):
        window.show_page(key)
    service_page, home, forms = window.page("service"), window.page("home"), window.page("forms")
    assert isinstance(service_page, ServicePage) and isinstance(home, HomePage) and isinstance(forms, FormsPage)
    assert service_page.policy and home.policy
    counts = (service_page.policy.refreshes, home.policy.refreshes, forms.policy.refreshes)
    stage = service.list_stages(window.ctx.ws)[0]
    assert window.ctx.apply("Edit", service.edit_stage(stage.uuid, description="A cup of tea first."))
    assert service_page.policy.refreshes == counts[0] + 1
    assert home.policy.refreshes == counts[1] and home.policy.stale  # hidden: it catches up when shown
    assert forms.policy.refreshes == counts[2] and not forms.policy.stale  # shows nothing of the service
    window.show_page("home")
    assert home.policy.refreshes == counts[1] + 1 and not home.policy.stale


def test_a_refresh_keeps_the_selection_and_the_scroll_position(
    make_window: Make, demo_path: Path, qtbot: QtBot
) -> None:
    window = make_window(demo_path)
    window.resize(1024, 600)
    window.show_page("service")
    page = window.page("service")
    assert isinstance(page, ServicePage)
    QApplication.processEvents()
    bar = page.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    place = bar.value()
    assert place > 0
    page.stages.list.setCurrentRow(5)
    chosen = page.stages.current_uuid()
    partner = service.list_partners(window.ctx.ws)[0]
    assert window.ctx.apply("Edit", service.edit_partner(partner.uuid, notes="Thursdays now."))
    QApplication.processEvents()
    assert page.stages.current_uuid() == chosen and bar.value() == place


def test_the_navigation_reads_a_step_state_again_only_when_its_area_changed(
    make_window: Make, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(demo_path)
    window.show_page("reports")  # the home page, hidden, reads nothing
    calls: list[str] = []
    original = Area.step_state

    def counted(area: Area, ws: Workspace) -> StepState:
        calls.append(area.key)
        return original(area, ws)

    monkeypatch.setattr(Area, "step_state", counted)
    form = (Path(__file__).resolve().parents[2] / "forms" / "wellbeing-checkin.v1.yaml").read_text(encoding="utf-8")
    loaded = library.store(window.ctx.ws, form.replace("version: 1", "version: 7"), Source.TEAM)
    assert loaded is not None and window.ctx.apply("Load a form", loaded)
    assert calls == []  # no area's state reads the forms
    window.ctx.apply("Rename", service.edit_profile(name="Carran Service"))
    assert calls == ["service"]


def test_a_slow_read_runs_on_the_task_runner_and_a_result_overtaken_by_a_change_is_dropped(
    make_window: Make, demo_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    from tidesk.gui.shell.tasks import TaskRunner
    from tidesk.gui.widgets.page import RefreshPolicy

    window = make_window(demo_path, runner=TaskRunner)
    qtbot.waitUntil(lambda: window.ctx.workspace is not None, timeout=10_000)
    shown: list[str] = []
    threads: list[bool] = []
    label = QLabel()
    qtbot.addWidget(label)

    def read(ws: Workspace) -> str:
        import threading

        threads.append(threading.current_thread() is threading.main_thread())
        return service.get_profile(ws).name

    RefreshPolicy(label, window.ctx, ["service_profile"], lambda name: shown.append(name), read=read)
    label.show()  # first shown: read in the background, then shown
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert threads == [False] and shown == ["Carran Community Substance Use Service"]
    window.ctx.apply("Rename", service.edit_profile(name="First"))
    window.ctx.apply("Rename", service.edit_profile(name="Second"))  # overtakes the read the first one began
    qtbot.waitUntil(lambda: shown[-1] == "Second", timeout=10_000)
    window.ctx.runner.wait()
    QApplication.processEvents()
    # Both edits were made before the first read's answer came back, so that answer was never shown.
    assert shown == ["Carran Community Substance Use Service", "Second"]
    assert len(threads) == 3 and not any(threads)
