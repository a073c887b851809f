"""The tag picker: what it holds, a person's ticks (mouse, Space, the keys 1 to 9) and a narrow window."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from tidesk.core.programme import tag_label
from tidesk.gui.widgets.tags import TagPicker


@pytest.fixture
def picker(qtbot: QtBot) -> TagPicker:
    made = TagPicker()
    qtbot.addWidget(made)
    made.resize(700, 600)
    made.show()
    return made


def test_set_tags_shows_them_without_a_change_signal(picker: TagPicker, qtbot: QtBot) -> None:
    heard: list[int] = []
    picker.changed.connect(lambda: heard.append(1))
    picker.set_tags(["theme:3", "principle:trust"])
    assert picker.tags() == {"theme:3", "principle:trust"}
    assert picker.boxes["theme:3"].isChecked() and not picker.boxes["theme:4"].isChecked()
    picker.set_tags([])
    assert picker.tags() == frozenset() and not heard


def test_the_boxes_carry_the_programme_s_words(picker: TagPicker) -> None:
    assert picker.boxes["theme:9"].text() == tag_label("theme:9")
    assert picker.boxes["mat:10"].accessibleName() == tag_label("mat:10")
    assert len(picker.boxes) == 9 + 5 + 10


def test_a_click_ticks_and_says_so(picker: TagPicker, qtbot: QtBot) -> None:
    with qtbot.waitSignal(picker.changed, timeout=1000):
        qtbot.mouseClick(picker.boxes["principle:choice"], Qt.MouseButton.LeftButton)
    assert picker.tags() == {"principle:choice"}
    # the words are part of the box: a click on them ticks it too
    box = picker.boxes["theme:4"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())
    assert "theme:4" in picker.tags()


def test_space_and_the_number_keys(picker: TagPicker, qtbot: QtBot) -> None:
    heard: list[int] = []
    picker.changed.connect(lambda: heard.append(1))
    first = picker.boxes["theme:1"]
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert picker.tags() == {"theme:1"}
    qtbot.keyClick(first, Qt.Key.Key_7)  # any theme, from whichever box has the focus
    qtbot.keyClick(picker.boxes["principle:safety"], Qt.Key.Key_3)
    assert picker.tags() == {"theme:1", "theme:3", "theme:7"}
    qtbot.keyClick(QApplication.focusWidget() or first, Qt.Key.Key_7)
    assert picker.tags() == {"theme:1", "theme:3"}
    assert len(heard) == 4
    qtbot.keyClick(first, Qt.Key.Key_0)  # no theme 0: nothing happens
    assert picker.tags() == {"theme:1", "theme:3"}


def test_tab_reaches_each_box(picker: TagPicker, qtbot: QtBot) -> None:
    picker.boxes["principle:safety"].setFocus()
    qtbot.keyClick(picker.boxes["principle:safety"], Qt.Key.Key_Tab)
    assert picker.boxes["principle:trust"].hasFocus()


def test_the_mat_standards_are_folded_away_until_asked_for(picker: TagPicker, qtbot: QtBot) -> None:
    assert picker.fold is not None
    assert not picker.boxes["mat:6"].isVisible() and picker.boxes["theme:1"].isVisible()
    picker.fold.setFocus()
    qtbot.keyClick(picker.fold, Qt.Key.Key_Space)
    assert picker.boxes["mat:6"].isVisible()
    qtbot.mouseClick(picker.boxes["mat:6"], Qt.MouseButton.LeftButton)
    picker.fold.click()  # folded again, it still says what is ticked inside
    assert "1 ticked" in picker.fold.text() and picker.tags() == {"mat:6"}


def test_a_row_with_a_mat_standard_shows_it(picker: TagPicker) -> None:
    picker.set_tags(["mat:10", "theme:5"])
    assert picker.boxes["mat:10"].isVisible() and picker.boxes["mat:10"].isChecked()


def test_tags_of_families_not_shown_are_kept(qtbot: QtBot) -> None:
    themes = TagPicker(("theme",))
    qtbot.addWidget(themes)
    themes.set_tags(["theme:2", "principle:trust", "mat:1"])
    assert set(themes.boxes) == {f"theme:{n}" for n in range(1, 10)} and themes.fold is None
    themes.boxes["theme:2"].click()
    assert themes.tags() == {"principle:trust", "mat:1"}
    with pytest.raises(ValueError):
        TagPicker(("colour",))


@pytest.fixture
def large_text() -> Iterator[None]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = QFont(app.font())
    large = QFont(saved)
    large.setPointSizeF(saved.pointSizeF() * 2)
    app.setFont(large)
    yield
    app.setFont(saved)


@pytest.mark.usefixtures("large_text")
def test_at_200_percent_in_a_narrow_window_the_words_wrap_and_nothing_is_cut_off(qtbot: QtBot) -> None:
    made = TagPicker()
    made.set_tags(["mat:8"])
    holder = QScrollArea()
    holder.setWidgetResizable(True)
    holder.setWidget(made)
    qtbot.addWidget(holder)
    holder.resize(420, 700)
    holder.show()
    QApplication.processEvents()
    assert holder.horizontalScrollBar().maximum() == 0
    for tag, box in made.boxes.items():
        assert box.geometry().right() <= made.width(), tag
        assert box.height() >= box.heightForWidth(box.width()), tag
    long = made.boxes["theme:4"]
    assert long.height() > 2 * long.fontMetrics().height()  # wrapped onto several lines, all of them shown
    # the boxes flow into columns again when there is room
    holder.resize(1000, 700)
    QApplication.processEvents()
    assert made.boxes["principle:trust"].y() == made.boxes["principle:safety"].y()
