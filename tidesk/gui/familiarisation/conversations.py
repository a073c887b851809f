"""Conversations: the list of meetings with staff and partners, and the one being typed into beside it.

Made for typing while someone talks: a new conversation, the next prompt, a new note and marking a finding
are each one key chord, and nothing asks the lead to wait.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QPushButton, QSplitter, QVBoxLayout, QWidget

from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import conversations as talk
from tidesk.core.familiarisation import findings
from tidesk.core.forms import library
from tidesk.gui.familiarisation.conversation_editor import ConversationEditor, short
from tidesk.gui.familiarisation.mark_dialog import MarkDialog
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.flow import FlowLayout
from tidesk.gui.widgets.two_line import TwoLineDelegate, two_line_item

NARROW = 700  # below this width a chooser above the conversation takes the place of the list beside it


class ConversationsPanel(QWidget):
    marked = Signal(str)  # a finding's uuid, once marked

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        side = self.side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        buttons = FlowLayout(spacing=8)
        self.new_button = named(
            QPushButton("New conversation"), "New conversation", "Start a new conversation (Ctrl+Shift+N)"
        )
        self.new_button.clicked.connect(self.new_conversation)
        self.remove_button = named(QPushButton("Remove"), "Remove the selected conversation")
        self.remove_button.clicked.connect(self.remove_selected)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.remove_button)
        side_layout.addLayout(buttons)
        self.list = named(QListWidget(), "Conversations", "Newest first; Delete removes the selected one")
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.currentItemChanged.connect(lambda *_a: self._chosen())
        side_layout.addWidget(self.list, 1)
        # On a narrow window (a small screen, large text) a chooser takes the list's place.
        self.chooser = named(QComboBox(), "Conversation", "Which conversation is shown below")
        self.chooser.activated.connect(lambda row: self.list.setCurrentRow(row))
        self.chooser.setVisible(False)
        side_layout.addWidget(self.chooser)
        self.editor = ConversationEditor(ctx)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._uuids: list[str] = []
        ctx.flush_edits.connect(self.editor.flush)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < NARROW
        wanted = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if self.splitter.orientation() != wanted:
            self.splitter.setOrientation(wanted)
            self.list.setVisible(not narrow)
            self.chooser.setVisible(narrow)
            # Narrow: the chooser and its buttons above, only as tall as they need, the rest for the conversation.
            self.side.setMaximumHeight(self.side.sizeHint().height() if narrow else 16_777_215)
            if not narrow:
                self.splitter.setSizes([self.width() // 4, self.width() - self.width() // 4])

    # ---- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.workspace is None:
            return
        meetings = talk.list_meetings(self.ctx.ws)
        current = self.current_uuid()
        self.list.blockSignals(True)
        self.list.clear()
        self._uuids = [m.uuid for m in meetings]
        self.chooser.clear()
        for meeting in meetings:
            self.list.addItem(two_line_item(meeting.title, meeting.describe, meeting.uuid))
            self.chooser.addItem(f"{meeting.title} · {meeting.held_on.strftime('%-d %b %Y')}")
        if current in self._uuids:
            self.list.setCurrentRow(self._uuids.index(current))
        elif self._uuids and current is None and self.editor.meeting is None:
            self.list.setCurrentRow(0)
        self.list.blockSignals(False)
        self.chooser.setCurrentIndex(self.list.currentRow())
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        wanted = self.current_uuid()
        if wanted != self.editor.people.meeting_uuid:
            self.editor.show_meeting(wanted)
        else:
            self.editor.refresh(findings.list_findings(self.ctx.ws))

    def current_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _chosen(self) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        self.chooser.setCurrentIndex(self.list.currentRow())
        self.editor.show_meeting(self.current_uuid())
        self.editor.refresh(findings.list_findings(self.ctx.ws))

    def select(self, uuid: str) -> None:
        if uuid in self._uuids:
            self.list.setCurrentRow(self._uuids.index(uuid))

    # ---- what the keys do -------------------------------------------------------------------------

    def new_conversation(self) -> None:
        """A new conversation today, its name ready to type over and its first note waiting."""
        if self.ctx.workspace is None:
            return
        self.editor.flush()
        uuid = new_uuid()
        guide = library.catalogue(self.ctx.ws).latest(talk.GUIDE_ID)
        title = f"Conversation on {date.today().strftime('%-d %B')}"
        made = talk.start_meeting(title, guide_version=guide.definition.version if guide else None, uuid=uuid)
        if self.ctx.apply("Start a conversation", made):
            self.refresh()
            self.select(uuid)
            self.editor.title.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.editor.title.selectAll()
            self.ctx.message.emit("New conversation: type its name, then Enter to start the notes.")

    def remove_selected(self) -> None:
        uuid = self.current_uuid()
        if uuid is None:
            return
        self.editor.flush()
        title = self.list.currentItem().text() or "the conversation"
        if self.ctx.apply(f"Remove the conversation “{short(title)}”", talk.remove_meeting(uuid)):
            self.ctx.message.emit("Conversation removed with its notes and findings. Undo (Ctrl+Z) brings it back.")

    def new_note(self) -> None:
        self.editor.new_note()

    def step(self, by: int) -> None:
        self.editor.step(by)

    def mark_finding(self) -> None:
        """Mark the selected words (or the paragraph the cursor is in) as a finding."""
        box = self.editor.focused_box()
        meeting = self.editor.meeting
        if box is None or meeting is None:
            self.ctx.message.emit("Put the cursor in a note or an answer, select the words, then press Ctrl+M.")
            return
        box.edit.new_gesture()  # the typing so far is kept first, as its own step
        start, passage = box.selected_passage()
        if not passage.strip() or box.note_uuid is None:
            self.ctx.message.emit("Select the words that say what helps or what gets in the way, then press Ctrl+M.")
            return
        tags = box.prompt.tags if box.prompt else ()
        chosen, ok = MarkDialog.get_value(self, passage, tags, meeting.roles)
        self.window().activateWindow()  # typing carries on where it was
        if not ok:
            box.edit.setFocus()
            return
        uuid = new_uuid()
        change = findings.mark_finding(
            box.note_uuid, start, passage, chosen.kind, chosen.tags, role=chosen.role, uuid=uuid
        )
        kind = findings.KIND_LABELS[chosen.kind].lower()
        if self.ctx.apply(f"Mark “{short(passage.strip(), 30)}” as {kind}", change):
            self.marked.emit(uuid)
            self.ctx.message.emit(f"Marked as {kind}. It is on the findings board; Ctrl+Z takes it back.")
        box.edit.setFocus()

    def show_passage(self, note_uuid: str, finding_uuid: str = "") -> bool:
        """Open the conversation a note belongs to, and select the note's words (or a finding's passage)."""
        try:
            stored = talk.get_note(self.ctx.ws, note_uuid)
        except TideskError:  # gone meanwhile: the caller says so
            return False
        self.refresh()
        self.select(stored.meeting_uuid)
        box = self.editor.focus_note(note_uuid)
        if box is None:
            return False
        found = next((f for f in findings.list_findings(self.ctx.ws) if f.uuid == finding_uuid), None)
        place = findings.locate(found, box.edit.toPlainText()) if found else None
        if place is not None:
            box.select(*place)
        elif found is not None:
            self.ctx.message.emit("The note has changed since, so those exact words are no longer in it.")
        return True
