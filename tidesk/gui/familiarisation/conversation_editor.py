"""One conversation as the lead types it: its details, who took part, free notes, and the discussion guide's
prompts, answered in any order. Every word is kept within a second of being typed."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.changes import Keyed
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import conversations as talk
from tidesk.core.familiarisation.findings import FindingData
from tidesk.core.forms import library
from tidesk.core.units import Touched
from tidesk.gui.familiarisation.note_box import NoteBox
from tidesk.gui.familiarisation.participants import ParticipantList
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import heading, named, note, quiet


def short(text: str, most: int = 48) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


class ConversationEditor(QScrollArea):
    """Shows the conversation ``meeting_uuid``; ``refresh()`` shows what the workspace holds now."""

    boxes_changed = Signal()

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.meeting: talk.MeetingData | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(12, 8, 12, 12)
        self.column.setSpacing(12)
        self.empty = note(
            "Choose a conversation on the left, or start a new one (Ctrl+Shift+N). Everything you type is kept "
            "as you type it."
        )
        self.column.addWidget(self.empty)
        self.details = self._details()
        self.column.addWidget(self.details)
        self.people_box = QGroupBox("Who took part")
        people_layout = QVBoxLayout(self.people_box)
        people_layout.addWidget(quiet(note("By role and organisation; names are not needed.")))
        self.people = ParticipantList(ctx)
        people_layout.addWidget(self.people)
        self.column.addWidget(self.people_box)
        self.notes_box = QGroupBox("Notes")
        self.notes_layout = QVBoxLayout(self.notes_box)
        self.new_note_button = named(QPushButton("New note"), "New note", "Start another free note (Ctrl+T)")
        self.new_note_button.clicked.connect(self.new_note)
        self.column.addWidget(self.notes_box)
        self.guide_box = QGroupBox("The discussion guide")
        self.guide_layout = QVBoxLayout(self.guide_box)
        self.column.addWidget(self.guide_box)
        self.column.addStretch(1)
        self.setWidget(body)
        self.boxes: list[NoteBox] = []
        self._shape: tuple[object, ...] = ()
        self._guides: dict[tuple[str, int | None], list[talk.Prompt]] = {}
        ctx.changed.connect(self._forms_changed)
        self._show_parts(False)

    def _details(self) -> QWidget:
        box = QGroupBox("The conversation")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.title = named(QLineEdit(), "Conversation name", "A short name, such as Nursing team")
        self.held_on = named(QDateEdit(), "Day it was held")
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("d MMMM yyyy")
        self.group_kind = named(QComboBox(), "One person or a group")
        for key, label in talk.GROUP_LABELS.items():
            self.group_kind.addItem(label, key)
        self.setting = named(QComboBox(), "How you met")
        for key, label in talk.SETTING_LABELS.items():
            self.setting.addItem(label, key)
        self.held_on.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        row = QHBoxLayout()
        row.addWidget(self.group_kind)
        row.addWidget(self.setting)
        row.addStretch(1)
        with_label = QLabel("&With")
        with_label.setBuddy(self.group_kind)
        form.addRow("&Name", self.title)
        form.addRow("&Day", self.held_on)
        form.addRow(with_label, row)
        self.title.editingFinished.connect(lambda: self._edit("title", self.title.text(), "Rename the conversation"))
        self.title.returnPressed.connect(self.focus_first_note)
        self.held_on.editingFinished.connect(
            lambda: self._edit("held_on", self.held_on.date().toPython(), "Change the day of the conversation")
        )
        self.group_kind.activated.connect(
            lambda _i: self._edit("group_kind", self.group_kind.currentData(), "Change who the conversation was with")
        )
        self.setting.activated.connect(
            lambda _i: self._edit("setting", self.setting.currentData(), "Change how you met")
        )
        return box

    def _show_parts(self, shown: bool) -> None:
        self.empty.setVisible(not shown)
        for part in (self.details, self.people_box, self.notes_box, self.guide_box):
            part.setVisible(shown)

    # ---- showing ----------------------------------------------------------------------------------

    def show_meeting(self, uuid: str | None) -> None:
        self.flush()
        self.people.meeting_uuid = uuid or ""
        self.meeting = None
        self._shape = ()
        self.refresh()
        self.verticalScrollBar().setValue(0)

    def refresh(self, findings: list[FindingData] | None = None) -> None:
        ws = self.ctx.ws
        uuid = self.people.meeting_uuid
        try:
            meeting = talk.get_meeting(ws, uuid) if uuid else None
        except TideskError:  # removed meanwhile (an undo elsewhere): show nothing rather than fail
            meeting = None
        self.meeting = meeting
        self._show_parts(meeting is not None)
        if meeting is None:
            self._clear_boxes()
            return
        if self.title.text() != meeting.title and not self.title.hasFocus():
            self.title.setText(meeting.title)
            self.title.setCursorPosition(0)
        wanted = QDate(meeting.held_on.year, meeting.held_on.month, meeting.held_on.day)
        if self.held_on.date() != wanted and not self.held_on.hasFocus():
            self.held_on.setDate(wanted)
        self.group_kind.setCurrentIndex(max(0, self.group_kind.findData(meeting.group_kind)))
        self.setting.setCurrentIndex(max(0, self.setting.findData(meeting.setting)))
        self.people.refresh()
        self._fill_notes(meeting, talk.notes_of(ws, meeting.uuid), findings or [])

    def _fill_notes(self, meeting: talk.MeetingData, notes: list[talk.NoteData], found: list[FindingData]) -> None:
        prompts = self._prompts(meeting)
        free = [n for n in notes if not n.question_id]
        answers = {n.question_id: n for n in notes if n.question_id}
        strays = [n for n in notes if n.question_id and n.question_id not in {p.id for p in prompts}]
        shape = (meeting.uuid, tuple(n.uuid for n in free), tuple(p.id for p in prompts), tuple(answers), len(strays))
        if shape != self._shape:
            self._build(prompts, free, answers, strays)
            self._shape = shape
        by_note: dict[str, list[FindingData]] = {}
        for finding in found:
            by_note.setdefault(finding.note_uuid, []).append(finding)
        for box in self.boxes:
            stored = (
                answers.get(box.question_id)
                if box.prompt
                else next((n for n in [*free, *strays] if n.uuid == box.note_uuid), None)
            )
            box.show_note(stored)
            box.show_findings(by_note.get(box.note_uuid or "", []))

    def _prompts(self, meeting: talk.MeetingData) -> list[talk.Prompt]:
        """The prompts of the guide this conversation used (read once: the forms change rarely)."""
        key = (meeting.guide_id, meeting.guide_version)
        if key not in self._guides:
            catalogue = library.catalogue(self.ctx.ws)
            entry = None
            if meeting.guide_version is not None:
                entry = catalogue.find(meeting.guide_id, meeting.guide_version)
            entry = entry or catalogue.latest(meeting.guide_id)
            self._guides[key] = talk.guide_prompts(entry.definition if entry else None)
        return self._guides[key]

    def _forms_changed(self, touched: Touched | None) -> None:
        if touched is None or touched.touches({"form_definition"}):
            self._guides.clear()

    def _clear_boxes(self) -> None:
        for box in self.boxes:
            box.edit.flush()
            box.setParent(None)
            box.deleteLater()
        self.boxes = []
        while self.notes_layout.count():
            self.notes_layout.takeAt(0)
        while self.guide_layout.count():
            item = self.guide_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._shape = ()

    def _build(
        self,
        prompts: list[talk.Prompt],
        free: list[talk.NoteData],
        answers: dict[str, talk.NoteData],
        strays: list[talk.NoteData],
    ) -> None:
        focused = self.focused_box()
        keep = (focused.note_uuid, focused.question_id) if focused else None
        self._clear_boxes()
        for number, stored in enumerate([*free, *strays], start=1):
            self._add_box(NoteBox(None, stored, number=number), self.notes_layout)
        self.notes_layout.addWidget(self.new_note_button, 0, Qt.AlignmentFlag.AlignLeft)
        section = None
        for prompt in prompts:
            if prompt.section != section:
                section = prompt.section
                self.guide_layout.addWidget(heading(section, 3))
            self._add_box(NoteBox(prompt, answers.get(prompt.id)), self.guide_layout)
        if not prompts:
            self.guide_layout.addWidget(quiet(note("The discussion guide could not be found, so only free notes.")))
        self.boxes_changed.emit()
        if keep is not None:
            for box in self.boxes:
                if (box.note_uuid and box.note_uuid == keep[0]) or (box.prompt and box.question_id == keep[1]):
                    box.edit.setFocus()
                    break

    def _add_box(self, box: NoteBox, layout: QVBoxLayout) -> None:
        box.typed.connect(self._typed)
        box.remove_requested.connect(self._remove_note)
        layout.addWidget(box)
        self.boxes.append(box)

    # ---- typing and notes -----------------------------------------------------------------------

    def _typed(self, box: NoteBox, text: str, gesture: int) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        where = short(box.prompt.text if box.prompt else box.title.text(), 40)
        if box.note_uuid is not None:
            self.ctx.apply(f"Typing in “{where}”", talk.set_note_text(box.note_uuid, text, gesture))
            return
        uuid = new_uuid()  # the first words of an answer add its note, in the same undo step as what follows
        made = talk.add_note(meeting.uuid, box.question_id, text, uuid=uuid)
        if self.ctx.apply(f"Typing in “{where}”", Keyed(made, ("note", uuid, gesture))):
            box.note = talk.NoteData(uuid, meeting.uuid, box.question_id, text, 0)

    def new_note(self) -> None:
        meeting = self.meeting
        if meeting is None:
            return
        uuid = new_uuid()
        if self.ctx.apply("Add a note", talk.add_note(meeting.uuid, uuid=uuid)):
            self.refresh()
            self.focus_note(uuid)

    def _remove_note(self, box: NoteBox) -> None:
        if box.note_uuid is None:
            return
        box.edit.flush()
        if self.ctx.apply(f"Remove “{box.title.text()}”", talk.remove_note(box.note_uuid)):
            self.ctx.message.emit("Note removed, with any findings marked in it. Undo (Ctrl+Z) brings it back.")

    def _edit(self, field: str, value: object, words: str) -> None:
        meeting = self.meeting
        if meeting is None or getattr(meeting, field) == (value.strip() if isinstance(value, str) else value):
            return  # leaving a box without changing it is not an edit
        self.ctx.apply(words, lambda: talk.edit_meeting(meeting.uuid, **{field: value}))

    # ---- moving about ----------------------------------------------------------------------------

    def flush(self) -> None:
        for box in self.boxes:
            box.edit.flush()

    def focused_box(self) -> NoteBox | None:
        return next((box for box in self.boxes if box.edit.hasFocus()), None)

    def focus_first_note(self) -> None:
        if self.boxes:
            self._focus(self.boxes[0])

    def focus_note(self, uuid: str) -> NoteBox | None:
        box = next((b for b in self.boxes if b.note_uuid == uuid), None)
        if box is not None:
            self._focus(box)
        return box

    def step(self, by: int) -> None:
        """The next (or previous) prompt or note: Ctrl+Enter and Ctrl+Shift+Enter."""
        if not self.boxes:
            return
        current = self.focused_box()
        index = self.boxes.index(current) + by if current else 0
        self._focus(self.boxes[max(0, min(len(self.boxes) - 1, index))])

    def _focus(self, box: NoteBox) -> None:
        box.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ensureWidgetVisible(box, 0, 40)
