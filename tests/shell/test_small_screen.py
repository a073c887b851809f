"""200 % text on a 1024×768 screen: the window and every dialog fit the screen, lists grow with the page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from tidesk.core import service
from tidesk.core.forms import library
from tidesk.gui.forms.dialogs import StartResponseDialog
from tidesk.gui.service.dialogs import PartnerDialog, StageDialog
from tidesk.gui.service.page import ServicePage
from tidesk.gui.shell.about import AboutDialog
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.widgets.dialogs import ChooseDialog

Make = Callable[..., MainWindow]


@pytest.fixture
def large_text(make_window: Make, demo_path: Path) -> Iterator[MainWindow]:
    window = make_window(demo_path)
    window.set_text_scale(200)
    QApplication.processEvents()
    yield window
    window.set_text_scale(100)


def _room() -> tuple[int, int]:
    screen = QApplication.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (1024, 768)  # tests run on the small screen (conftest)
    return screen.width(), screen.height()


def _fits(widget: QWidget) -> None:
    width, height = _room()
    frame = widget.frameGeometry()
    assert frame.width() <= width and frame.height() <= height, (type(widget).__name__, frame)


def test_the_window_opens_within_the_screen(large_text: MainWindow) -> None:
    _fits(large_text)


def test_every_dialog_fits_the_screen_at_200_percent(large_text: MainWindow, qtbot: QtBot) -> None:
    ctx = large_text.ctx
    stage = service.list_stages(ctx.ws)[0]
    form = library.catalogue(ctx.ws).entries[0].definition
    dialogs: list[QDialog] = [
        AboutDialog(large_text, ctx),
        ChooseDialog(
            large_text,
            "Restore from backup",
            "Choose the backup to go back to. " * 6,
            [f"{n} March 2026, 10:{n:02}  (while editing)" for n in range(1, 40)],
        ),
        StageDialog(large_text, stage),
        PartnerDialog(large_text, None),
        StartResponseDialog(large_text, form, ["Baseline", "6 months"]),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        _fits(dialog)
        buttons = [b for b in dialog.findChildren(QWidget) if type(b).__name__ == "QPushButton" and b.isVisible()]
        for button in buttons:  # every button can be reached: inside the dialog, inside the screen
            corner = button.mapToGlobal(button.rect().bottomRight())
            assert corner.x() <= 1024 and corner.y() <= 768, (type(dialog).__name__, button.text())
        dialog.close()


def test_lists_on_the_service_page_grow_with_their_rows(large_text: MainWindow) -> None:
    large_text.show_page("service")
    page = large_text.page("service")
    assert isinstance(page, ServicePage)
    QApplication.processEvents()
    for rows in (page.partners.list, page.stages.list):
        needed = sum(rows.sizeHintForRow(i) for i in range(rows.count()))
        assert rows.height() >= needed, (rows.accessibleName(), rows.height(), needed)
        assert rows.verticalScrollBar().maximum() == 0  # nothing hidden inside: the page scrolls instead


def test_the_service_page_fits_beside_the_navigation_at_200_percent(large_text: MainWindow) -> None:
    large_text.resize(1024, 740)
    large_text.show_page("service")
    page = large_text.page("service")
    assert isinstance(page, ServicePage)
    QApplication.processEvents()
    body = page.widget()
    assert body.minimumSizeHint().width() <= page.viewport().width(), (body.minimumSizeHint(), page.viewport())
    assert page.horizontalScrollBar().maximum() == 0  # nothing hidden off to the right
    assert large_text.nav.width() <= large_text.width() // 3 + 1
