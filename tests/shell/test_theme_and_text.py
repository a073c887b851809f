"""Dark theme and text size hold everywhere, at once; a chosen answer is clearly marked in both themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton, QWidget

from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.theme import apply_theme

Make = Callable[..., MainWindow]


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(one: QColor, other: QColor) -> float:
    """The WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def themed() -> Iterator[Callable[[str], None]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield lambda theme: apply_theme(app, theme)
    apply_theme(app, "light")


def test_switching_to_dark_reaches_every_widget_at_once(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.show_page("service")
    window.set_theme("dark")
    QApplication.processEvents()  # what the event loop does at once, before the next paint
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert window.nav.palette().color(QPalette.ColorRole.Base) == base
    assert window.nav.viewport().palette().color(QPalette.ColorRole.Base) == base
    assert window.banner.palette().color(QPalette.ColorRole.Window).lightness() < 128  # a dark notice
    assert (
        contrast(
            window.banner.palette().color(QPalette.ColorRole.Window),
            window.banner.palette().color(QPalette.ColorRole.WindowText),
        )
        >= 4.5
    )
    lightish = [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible() and w is not window.banner and w.palette().color(w.backgroundRole()).lightness() > 200
    ]
    assert not lightish, [type(w).__name__ for w in lightish][:10]
    window.set_theme("light")


def test_a_larger_text_size_reaches_every_widget_at_once(make_window: Make, demo_path: Path) -> None:
    window = make_window(demo_path)
    window.show_page("service")
    window.set_text_scale(200)
    QApplication.processEvents()
    try:
        size = QApplication.font().pointSizeF()
        for widget in (window.nav, window.banner, window.stored_label, window.backup_label):
            assert widget.font().pointSizeF() == pytest.approx(size), type(widget).__name__
        row = window.nav.visualItemRect(window._nav_items()[0]).height()
        assert row >= window.nav.fontMetrics().height()
    finally:
        window.set_text_scale(100)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_a_chosen_answer_stands_out_from_the_window(theme: str, themed: Callable[[str], None], qtbot: object) -> None:
    themed(theme)
    holder = QWidget()
    holder.resize(200, 120)
    chosen, not_chosen, ticked = (
        QRadioButton("Chosen", holder),
        QRadioButton("Not chosen", holder),
        QCheckBox("Ticked", holder),
    )
    chosen.setChecked(True)
    ticked.setChecked(True)
    for index, button in enumerate((chosen, not_chosen, ticked)):
        button.move(4, 4 + 30 * index)
    holder.show()
    QApplication.processEvents()
    image = holder.grab().toImage()
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    for button in (chosen, not_chosen, ticked):
        box = button.geometry()
        strongest = max(
            contrast(image.pixelColor(x, y), window)
            for x in range(box.x(), box.x() + box.height())
            for y in range(box.y(), box.y() + box.height())
        )
        assert strongest >= 3, (theme, button.text(), strongest)
    accent = QApplication.palette().color(QPalette.ColorRole.Highlight)
    assert contrast(accent, window) >= 3  # the fill that marks the chosen answer
    holder.deleteLater()
