"""Form items answered by typing: short and long text, numbers and dates (stored on leaving the box)."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from tidesk.core.errors import TideskError
from tidesk.core.forms.model import Item, Special
from tidesk.core.forms.responses import NO_ANSWER, Answer, check_value
from tidesk.gui.forms.items import ItemEditor
from tidesk.gui.widgets.basics import CommitTextEdit, named


class _SpecialBoxes(QWidget):
    """ "Don't know" and "Not applicable" beside a box to type in; ticking one stands instead of a value."""

    chosen = Signal(object)  # Answer

    def __init__(self, item: Item, question: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = {s: named(QCheckBox(s.label), s.label, question) for s in item.specials}
        for special, box in self.boxes.items():
            layout.addWidget(box)
            box.clicked.connect(lambda checked, s=special: self.chosen.emit(Answer(None, s) if checked else NO_ANSWER))
        if not self.boxes:
            self.setVisible(False)

    def mark(self, special: Special | None) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key == special)


class LineEditor(ItemEditor):
    """A one-line box: short text, a number or a date. Stored when the person leaves the box."""

    def __init__(self, item: Item, question: str, placeholder: str = "", *, narrow: bool = False) -> None:
        super().__init__(item, question)
        self.edit = named(QLineEdit(), question, item.help)
        self.edit.setPlaceholderText(placeholder)
        self.edit.editingFinished.connect(self.commit)
        self.row = QHBoxLayout()
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.edit, 0 if narrow else 1)
        if narrow:  # a number or a date: a box about as wide as its placeholder, not the whole page
            self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance(placeholder + "0000"))
        self.specials = _SpecialBoxes(item, question)
        self.specials.chosen.connect(self._special)
        self.row.addWidget(self.specials)
        if narrow:
            self.row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.row)

    def controls(self) -> list[QWidget]:
        return [self.edit, *self.specials.boxes.values()]

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        # A text box has a read-only mode of its own: still selectable, its cursor moves, it can be copied.
        self.edit.removeEventFilter(self.read_only_keys)
        self.edit.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.edit.setReadOnly(read_only)

    def _special(self, answer: Answer) -> None:
        self.edit.clear()
        self.say("")
        self.answered.emit(answer)

    def as_text(self, value: Any) -> str:
        return "" if value is None else str(value)

    def parse(self, text: str) -> Any:
        """The value typed, or a TideskError saying kindly what would fit."""
        return text

    def display(self, answer: Answer) -> None:
        self.edit.setText(self.as_text(answer.value))
        self.specials.mark(answer.special)

    def commit(self) -> None:
        if self.edit.isReadOnly():
            return
        text = self.edit.text()
        if text == self.as_text(self.shown.value):
            return
        if not text.strip():
            if self.shown.special is None:
                self.say("")
                self.answered.emit(NO_ANSWER)
            return
        try:
            value = check_value(self.item, self.parse(text))
        except TideskError as exc:
            typed = text.strip() if len(text.strip()) <= 40 else text.strip()[:40] + "…"
            self.say(f"“{typed}” is not kept yet: {exc}.")
            return
        self.say("")
        self.specials.mark(None)
        self.answered.emit(Answer(value))


class NumberEditor(LineEditor):
    def __init__(self, item: Item, question: str) -> None:
        low, high = item.minimum, item.maximum
        if low is not None and high is not None:
            hint = f"A number from {_plain(low)} to {_plain(high)}"
        elif low is not None:
            hint = f"A number of {_plain(low)} or more"
        elif high is not None:
            hint = f"A number up to {_plain(high)}"
        else:
            hint = "A number"
        super().__init__(
            item, question, hint.replace("A number", "A whole number") if item.integer else hint, narrow=True
        )

    def as_text(self, value: Any) -> str:
        return "" if value is None else _plain(value)

    def parse(self, text: str) -> Any:
        cleaned = text.strip().replace(" ", "")
        if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned):  # 1,250 is a thousand and more, as in the UK
            cleaned = cleaned.replace(",", "")
        try:
            number = float(cleaned)
        except ValueError as exc:
            raise TideskError("give a number written with digits, such as 12 or 2.5") from exc
        if not math.isfinite(number):
            raise TideskError("give a number written with digits, such as 12 or 2.5")
        return int(number) if number.is_integer() else number


class DateEditor(LineEditor):
    def __init__(self, item: Item, question: str) -> None:
        super().__init__(item, question, "Year-month-day, such as 2026-03-14", narrow=True)
        self.calendar_button = named(QToolButton(), f"Choose the date from a calendar: {question}")
        self.calendar_button.setText("Calendar…")
        self.calendar_button.clicked.connect(self.open_calendar)
        self.row.insertWidget(1, self.calendar_button)

    def controls(self) -> list[QWidget]:
        return [self.edit, self.calendar_button, *self.specials.boxes.values()]

    def parse(self, text: str) -> Any:
        cleaned = text.strip()
        british = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", cleaned)
        try:
            if british:  # day first, as written in the UK
                return date(int(british[3]), int(british[2]), int(british[1])).isoformat()
            return date.fromisoformat(cleaned).isoformat()
        except ValueError as exc:
            raise TideskError("give a date such as 2026-03-14 (year, month, day) or 14/03/2026") from exc

    def open_calendar(self) -> None:
        menu = QMenu(self)
        calendar = named(
            QCalendarWidget(),
            f"Calendar for: {self.question}",
            "Arrow keys move the day; Enter chooses it; Escape closes without choosing",
        )
        calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        shown = QDate.fromString(str(self.shown.value or ""), Qt.DateFormat.ISODate)
        calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())

        def chosen(day: QDate) -> None:
            menu.close()
            self.edit.setText(day.toString(Qt.DateFormat.ISODate))
            self.commit()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.calendar_button.mapToGlobal(QPoint(0, self.calendar_button.height())))
        calendar.setFocus()


class LongTextBox(CommitTextEdit):
    """A box a few lines high, measured in lines of the current font so it grows with larger text."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.fontMetrics().lineSpacing() * 5 + 14)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.fontMetrics().lineSpacing() * 3 + 14)


class LongTextEditor(ItemEditor):
    def __init__(self, item: Item, question: str) -> None:
        super().__init__(item, question)
        self.edit = named(LongTextBox(), question, item.help)
        self.edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.edit.editingFinished.connect(self.commit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def controls(self) -> list[QWidget]:
        return [self.edit]

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)

    def display(self, answer: Answer) -> None:
        self.edit.setPlainText(answer.value or "")

    def commit(self) -> None:
        text = self.edit.toPlainText()
        if self.edit.isReadOnly() or text == (self.shown.value or "") or (not text.strip() and self.shown.empty):
            return
        try:
            value = check_value(self.item, text)
        except TideskError as exc:
            self.say(f"That is not kept yet: {exc}.")
            return
        self.say("")
        self.answered.emit(Answer(value))


def _plain(number: Any) -> str:
    if isinstance(number, float) and number.is_integer():
        return str(int(number))
    return str(number)
