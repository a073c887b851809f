"""One place to type what was said: a prompt of the discussion guide (with its help), or a free note.

The words are kept as they are typed (``LiveTextEdit``); passages already marked as findings are shaded,
with words beside them saying which kind, so colour is never the only sign.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextEdit, QVBoxLayout, QWidget

from tidesk.core.familiarisation.conversations import NoteData, Prompt
from tidesk.core.familiarisation.findings import FindingData, locate
from tidesk.gui.widgets.basics import named, note, quiet
from tidesk.gui.widgets.live_text import LiveTextEdit

# Shades mixed from the palette's base colour, so they read in the light theme and the dark one.
SHADES = {"facilitator": QColor(46, 160, 90), "barrier": QColor(214, 140, 20)}


def shade(palette: QPalette, kind: str) -> QColor:
    base, tint = palette.color(QPalette.ColorRole.Base), SHADES[kind]
    mix = 0.28 if base.lightness() < 128 else 0.22
    return QColor(
        int(base.red() * (1 - mix) + tint.red() * mix),
        int(base.green() * (1 - mix) + tint.green() * mix),
        int(base.blue() * (1 - mix) + tint.blue() * mix),
    )


class NoteBox(QWidget):
    """A prompt's box (``prompt`` given) or a free note's. ``note`` is None until the first words are kept."""

    typed = Signal(object, str, int)  # this box, the text, the gesture
    remove_requested = Signal(object)

    def __init__(self, prompt: Prompt | None, stored: NoteData | None, *, number: int = 0) -> None:
        super().__init__()
        self.prompt = prompt
        self.note = stored
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = prompt.text if prompt else f"Note {number}"
        top = QHBoxLayout()
        self.title = note(title)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title, 1)
        self.marks = quiet(note(""))
        self.marks.setVisible(False)
        layout.addLayout(top)
        if prompt is not None and prompt.help:
            layout.addWidget(quiet(note(prompt.help)))
        self.edit = named(
            LiveTextEdit(lines=3 if prompt is None else 2),
            title,
            "Kept as you type. Select words and press Ctrl+M to mark them as a finding.",
        )
        self.edit.burst.connect(lambda text, gesture: self.typed.emit(self, text, gesture))
        layout.addWidget(self.edit)
        layout.addWidget(self.marks)
        if prompt is None:
            self.remove_button = named(QPushButton("Remove this note"), f"Remove {title}")
            self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
            top.addWidget(self.remove_button)
        if stored is not None:
            self.edit.show_stored(stored.text)

    @property
    def question_id(self) -> str:
        return self.prompt.id if self.prompt else ""

    @property
    def note_uuid(self) -> str | None:
        return self.note.uuid if self.note else None

    def show_note(self, stored: NoteData | None) -> None:
        self.note = stored
        self.edit.show_stored(stored.text if stored else "")

    def show_findings(self, found: list[FindingData]) -> None:
        """Shade the passages marked in this note, and say how many of each kind there are."""
        text = self.edit.toPlainText()
        selections = []
        for finding in found:
            place = locate(finding, text)
            if place is None:
                continue
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.edit.document())
            cursor.setPosition(place[0])
            cursor.setPosition(place[1], QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            form = QTextCharFormat()
            form.setBackground(shade(self.edit.palette(), finding.kind))
            selection.format = form
            selections.append(selection)
        self.edit.setExtraSelections(selections)
        helps = sum(1 for f in found if f.kind == "facilitator")
        gets = len(found) - helps
        words = [
            w for w in (_count(helps, "thing that helps", "things that help"), _count(gets, "barrier", "barriers")) if w
        ]
        self.marks.setText(f"Marked as findings: {' and '.join(words)}." if words else "")
        self.marks.setVisible(bool(words))

    def selected_passage(self) -> tuple[int, str]:
        """The selected words (or, with nothing selected, the paragraph the cursor is in) and where they start."""
        cursor = self.edit.textCursor()
        if not cursor.hasSelection():
            cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
        start = cursor.selectionStart()
        words = cursor.selectedText().replace("\u2029", "\n")
        return start, words

    def select(self, start: int, end: int) -> None:
        cursor = self.edit.textCursor()
        length = len(self.edit.toPlainText())
        cursor.setPosition(min(start, length))
        cursor.setPosition(min(end, length), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)


def _count(n: int, one: str, many: str) -> str:
    if n == 0:
        return ""
    return f"one {one}" if n == 1 else f"{n} {many}"
