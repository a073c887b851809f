"""Editors for form items answered by choosing (scale, single and multiple choice, yes/no), and their base.

Editors know nothing about storage: they emit ``answered(Answer)`` and show what ``show_answer`` gives
them. The form view decides whether and how an answer is kept. Typed answers are in ``form_text_items``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.forms.model import Item, Kind, Special
from tidesk.core.forms.responses import NO_ANSWER, Answer
from tidesk.gui.widgets.basics import named, quiet
from tidesk.gui.widgets.flow import FlowLayout

WRAP_AT = 70  # button labels cannot wrap themselves, so long ones are broken onto lines


def button_text(label: str) -> str:
    """A label as button text: '&' shown as itself, long labels on several lines."""
    words, lines, line = label.replace("&", "&&").split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > WRAP_AT:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


class _ReadOnlyKeys(QObject):
    """Lets through only the keys that move between controls or copy, so a read-only answer cannot change."""

    PASS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab})

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent):
            copying = event.matches(QKeySequence.StandardKey.Copy)
            return not (event.key() in self.PASS or copying)
        return event.type() == QEvent.Type.Wheel  # no scrolling a choice in a box by accident


class ItemEditor(QWidget):
    """Shows one item's answer and emits ``answered`` when the person gives, changes or clears it."""

    answered = Signal(object)  # Answer

    def __init__(self, item: Item, question: str) -> None:
        super().__init__()
        self.item = item
        self.question = question
        self._shown: Answer | None = None
        self.read_only_keys = _ReadOnlyKeys(self)  # the editor's own: it lives in the thread the editor does
        self.message = quiet(QLabel())  # a gentle word when something typed was not kept (placed by the view)
        self.message.setVisible(False)
        named(self, question)

    def show_answer(self, answer: Answer, *, force: bool = False) -> None:
        """Show a stored answer. Unchanged answers leave the widgets alone, so typing in progress stays."""
        if force or answer != self._shown:
            self._shown = answer
            self.say("")
            self.display(answer)

    @property
    def shown(self) -> Answer:
        return self._shown or NO_ANSWER

    def say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def display(self, answer: Answer) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        """Read only, not greyed out: the answer stays as easy to read as when it was given, and the controls
        can still be reached with Tab (a screen reader reads them), but clicks and keys change nothing."""
        for control in self.controls():
            control.setEnabled(True)
            control.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, read_only)
            if read_only:
                control.installEventFilter(self.read_only_keys)
            else:
                control.removeEventFilter(self.read_only_keys)
            described = control.accessibleDescription().removesuffix(" Read only.")
            control.setAccessibleDescription(f"{described} Read only.".strip() if read_only else described)

    def controls(self) -> list[QWidget]:
        raise NotImplementedError

    def first_control(self) -> QWidget | None:
        found = [c for c in self.controls() if c.focusPolicy() & Qt.FocusPolicy.TabFocus]
        return found[0] if found else None

    def commit(self) -> None:
        """Report text typed but not yet stored (used before a response is marked complete)."""


class _ChoiceKeys(QObject):
    """Keyboard for a row of options: arrows move and choose, number keys choose directly, Delete clears."""

    def __init__(self, editor: ChoiceEditor) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return False  # Ctrl+Z and friends belong to the window
        editor, key = self.editor, event.key()
        buttons = editor.buttons
        here = next((i for i, b in enumerate(buttons) if b is watched), 0)
        moves = {
            Qt.Key.Key_Left: here - 1,
            Qt.Key.Key_Up: here - 1,
            Qt.Key.Key_Right: here + 1,
            Qt.Key.Key_Down: here + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(buttons) - 1,
        }
        if key in moves:
            editor.choose(max(0, min(len(buttons) - 1, moves[Qt.Key(key)])))
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            editor.clear()
            return True
        index = editor.index_for_key(event.text())
        if index is not None:
            editor.choose(index)
            return True
        return False


class ChoiceEditor(ItemEditor):
    """One answer from a set of options, as radio buttons: scale points, single choice, yes/no."""

    def __init__(
        self,
        item: Item,
        question: str,
        options: list[tuple[str, str, Answer]],
        *,
        row: bool,
        keys: Callable[[str], int | None],
    ) -> None:
        super().__init__(item, question)
        self.options = options
        self._keys = keys
        self.group = QButtonGroup(self)
        self.buttons: list[QRadioButton] = []
        self._filter = _ChoiceKeys(self)
        hint = (
            "Arrow keys move between the answers, a number key chooses one, and Delete clears it"
            if item.kind != Kind.YES_NO
            else "Y answers yes, N answers no, and Delete clears the answer"
        )
        answers: QLayout = FlowLayout() if row else QVBoxLayout()
        unscored: QLayout = FlowLayout() if row else answers  # "Don't know" on a line of its own in a row
        for index, (text, spoken, answer) in enumerate(options):
            button = named(QRadioButton(button_text(text)), spoken, f"{question} {hint}.")
            button.installEventFilter(self._filter)
            self.group.addButton(button, index)
            self.buttons.append(button)
            (answers if answer.special is None else unscored).addWidget(button)
        self.group.idClicked.connect(lambda index: self.answered.emit(self.options[index][2]))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        for layout in dict.fromkeys((answers, unscored)):
            layout.setContentsMargins(0, 0, 0, 0)
            outer.addLayout(layout)
        self._tab_stop()

    def index_for_key(self, text: str) -> int | None:
        return self._keys(text.lower()) if text else None

    def controls(self) -> list[QWidget]:
        return list(self.buttons)

    def choose(self, index: int) -> None:
        button = self.buttons[index]
        button.setFocus(Qt.FocusReason.OtherFocusReason)
        if not button.isChecked():
            button.click()
        self._tab_stop()

    def clear(self) -> None:
        if self.group.checkedButton() is not None:
            self._uncheck()
            self.answered.emit(NO_ANSWER)

    def _uncheck(self) -> None:
        self.group.setExclusive(False)
        for button in self.buttons:
            button.setChecked(False)
        self.group.setExclusive(True)
        self._tab_stop()

    def display(self, answer: Answer) -> None:
        matches = [i for i, option in enumerate(self.options) if option[2] == answer]
        if matches:
            self.buttons[matches[0]].setChecked(True)
        else:
            self._uncheck()
        self._tab_stop()

    def _tab_stop(self) -> None:
        """One Tab stop per question (the chosen answer, or the first): Tab moves on to the next question."""
        focused = next((b for b in self.buttons if b.hasFocus()), None)
        stop = self.group.checkedButton() or focused or self.buttons[0]
        for button in self.buttons:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus)

    def first_control(self) -> QWidget | None:
        return self.group.checkedButton() or self.buttons[0]


def _specials(item: Item) -> list[tuple[str, str, Answer]]:
    return [(s.label, s.label, Answer(None, s)) for s in item.specials]


def point_text(point: int, label: str) -> str:
    """A scale point as shown: its number and label, without saying the number twice ("1 · 1")."""
    if not label or label == str(point):
        return str(point)
    return label if label.startswith(f"{point} ") else f"{point} · {label}"


def scale_editor(item: Item, question: str) -> ChoiceEditor:
    assert item.scale is not None
    points = item.scale.points
    shown = [point_text(p, item.scale.labels.get(p, "")) for p in points]
    options = [(text, text.replace(" · ", ", "), Answer(p)) for p, text in zip(points, shown, strict=True)]

    def keys(text: str) -> int | None:
        return points.index(int(text)) if text.isdigit() and int(text) in points else None

    return ChoiceEditor(item, question, options + _specials(item), row=True, keys=keys)


def single_choice_editor(item: Item, question: str) -> ChoiceEditor:
    options = [(c.label, c.label, Answer(c.value)) for c in item.choices] + _specials(item)
    count = len(item.choices)

    def keys(text: str) -> int | None:
        return int(text) - 1 if text.isdigit() and 1 <= int(text) <= min(count, 9) else None

    return ChoiceEditor(item, question, options, row=False, keys=keys)


def yes_no_editor(item: Item, question: str) -> ChoiceEditor:
    options = [("Yes", "Yes", Answer(True)), ("No", "No", Answer(False)), *_specials(item)]
    return ChoiceEditor(item, question, options, row=True, keys=lambda text: {"y": 0, "n": 1}.get(text))


class MultipleChoiceEditor(ItemEditor):
    """Any number of options, as check boxes; "Don't know" or "Not applicable" stand instead of them."""

    def __init__(self, item: Item, question: str) -> None:
        super().__init__(item, question)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[tuple[QCheckBox, str | None, Special | None]] = []
        for choice in item.choices:
            self.boxes.append((named(QCheckBox(button_text(choice.label)), choice.label, question), choice.value, None))
        for extra in item.specials:
            self.boxes.append((named(QCheckBox(extra.label), extra.label, question), None, extra))
        for box, value, special in self.boxes:
            layout.addWidget(box)
            box.clicked.connect(lambda checked, v=value, s=special: self._clicked(v, s, checked))

    def controls(self) -> list[QWidget]:
        return [box for box, _v, _s in self.boxes]

    def _clicked(self, value: str | None, special: Special | None, checked: bool) -> None:
        if special is not None:
            answer = Answer(None, special) if checked else NO_ANSWER
        else:
            chosen = [v for box, v, _s in self.boxes if v is not None and box.isChecked()]
            answer = Answer(chosen) if chosen else NO_ANSWER
        self.display(answer)  # a special clears the ticks, and a tick clears a special
        self.answered.emit(answer)

    def display(self, answer: Answer) -> None:
        values = answer.value if isinstance(answer.value, list) else []
        for box, value, special in self.boxes:
            box.setChecked(special == answer.special if special is not None else value in values)
