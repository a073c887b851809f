"""A form on screen, built from any definition: every answer is stored the moment it is given.

Nothing here knows a particular form. The view reads the definition for its sections and items, and the
workspace for the answers; each answer is one undoable change through ``ctx.apply``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.dates import long_date
from tidesk.core.errors import TideskError
from tidesk.core.forms import responses
from tidesk.core.forms.library import Entry
from tidesk.core.forms.model import Item, Kind, Section
from tidesk.core.forms.responses import COMPLETE, IN_PROGRESS, NO_ANSWER, Answer, ResponseData
from tidesk.gui.forms.items import (
    ItemEditor,
    MultipleChoiceEditor,
    scale_editor,
    single_choice_editor,
    yes_no_editor,
)
from tidesk.gui.forms.text_items import DateEditor, LineEditor, LongTextEditor, NumberEditor
from tidesk.gui.shell.context import AppContext, PrivateUndo
from tidesk.gui.widgets.basics import heading, named, quiet
from tidesk.gui.widgets.page import RefreshPolicy

KEYS_HINT = (
    "With the keyboard: Tab goes to the next question; arrow keys or a number key choose an answer; "
    "Space ticks a box; Delete clears an answer; Ctrl+Z takes back the last answer."
)


EDITORS: dict[Kind, Callable[[Item, str], ItemEditor]] = {
    Kind.SCALE: scale_editor,
    Kind.SINGLE_CHOICE: single_choice_editor,
    Kind.YES_NO: yes_no_editor,
    Kind.MULTIPLE_CHOICE: MultipleChoiceEditor,
    Kind.SHORT_TEXT: LineEditor,
    Kind.LONG_TEXT: LongTextEditor,
    Kind.NUMBER: NumberEditor,
    Kind.DATE: DateEditor,
}  # one editor per kind of item; a note has none (it is only words to read)


def short(text: str, limit: int = 48) -> str:
    """The start of a question, for undo menus and messages."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def plain_label(text: str, *, wrap: bool = True) -> QLabel:
    """Words from a form definition, shown exactly as written (never read as HTML)."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def day(value: object) -> str:
    return long_date(value) if isinstance(value, date) else ""


class FormView(QWidget):
    """One form, one section at a time or all on one page, answered (or previewed) in place."""

    response_gone = Signal()  # the response was deleted, or starting it was undone

    def __init__(
        self,
        ctx: AppContext,
        entry: Entry,
        response_uuid: str | None = None,
        read_only: bool = False,
        *,
        paged: bool | None = None,
        private: bool | PrivateUndo = False,
    ) -> None:
        super().__init__()
        self.ctx = ctx
        # One member's answers while the laptop is passed round: an undo stack of their own, cleared on close
        # (given when it already holds the start of the response, so that too is undone only by its owner).
        self.private_undo: PrivateUndo | None = (
            private if isinstance(private, PrivateUndo) else ctx.private_undo() if private else None
        )
        self.entry = entry
        self.form = entry.definition
        self.response_uuid = response_uuid
        self.response: ResponseData | None = None
        self._forced_read_only = read_only or response_uuid is None
        self.read_only: bool | None = None
        self.paged = False
        self.current_section = 0
        self.editors: dict[str, ItemEditor] = {}
        self.numbers: dict[str, int] = {}
        self._section_of: dict[str, int] = {}
        self._answers: dict[str, Answer] = {}
        self.setAccessibleName(self.form.title)

        body = QWidget()
        column = self._column = QVBoxLayout(body)
        column.setContentsMargins(24, 20, 24, 24)
        column.setSpacing(12)
        self.title = heading(self.form.title, 1)
        column.addWidget(self.title)
        self.details = quiet(plain_label(f"Version {self.form.version}"))
        column.addWidget(self.details)
        if self.form.purpose:
            column.addWidget(plain_label(self.form.purpose))
        if self.form.credit:
            column.addWidget(quiet(plain_label(f"Source: {self.form.credit}")))
        self.state_panel = QFrame()
        self.state_panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel = QVBoxLayout(self.state_panel)
        self.state_line = QLabel()
        self.state_line.setWordWrap(True)
        self.keys_hint = quiet(QLabel(KEYS_HINT))
        panel.addWidget(self.state_line)
        panel.addWidget(self.keys_hint)
        column.addWidget(self.state_panel)
        column.addLayout(self._layout_controls())

        self.section_widgets = [self._section(i, s) for i, s in enumerate(self.form.sections)]
        for widget in self.section_widgets:
            column.addWidget(widget)
        column.addLayout(self._section_buttons())
        column.addStretch(1)

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll_area.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self._footer())
        self.policy = RefreshPolicy(self, ctx, ("form_response", "form_answer"), self.refresh)
        self.set_paged(len(self.form.sections) > 1 if paged is None else paged)
        self.refresh()
        self.policy.stale = False

    # ---- building -------------------------------------------------------------------------------

    def _layout_controls(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        choice = QHBoxLayout()
        choice.setSpacing(16)
        self.one_section = named(QRadioButton("One section at a time"), "One section at a time")
        self.all_sections = named(QRadioButton("All sections on one page"), "All sections on one page")
        group = QButtonGroup(self)
        for button in (self.one_section, self.all_sections):
            group.addButton(button)
            choice.addWidget(button)
        choice.addStretch(1)
        self.one_section.toggled.connect(lambda on: self.set_paged(on))
        self.section_choice = named(QComboBox(), "Go to section", "Choose a section to show")
        self.section_choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.section_choice.setMinimumContentsLength(12)
        count = len(self.form.sections)
        for index, section in enumerate(self.form.sections):
            self.section_choice.addItem(f"Section {index + 1} of {count}: {section.title}")
        self.section_choice.activated.connect(lambda index: self.go_to(index, focus=False))
        go = QHBoxLayout()
        label = QLabel("Go to &section")
        label.setBuddy(self.section_choice)
        go.addWidget(label)
        go.addWidget(self.section_choice, 1)
        if count < 2:  # (only ever hide here: showing a widget before it has a parent opens a window)
            for widget in (self.one_section, self.all_sections, self.section_choice, label):
                widget.setVisible(False)
        rows.addLayout(choice)
        rows.addLayout(go)
        return rows

    def _section(self, index: int, section: Section) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 18, 0, 6)
        layout.setSpacing(18)
        title = heading(section.title, 2)
        top = QVBoxLayout()
        top.setSpacing(4)
        top.addWidget(title)
        if section.help:
            top.addWidget(quiet(plain_label(section.help)))
        layout.addLayout(top)
        for item in section.items:
            self._section_of[item.id] = index
            layout.addWidget(self._block(item))
        return widget

    def _block(self, item: Item) -> QWidget:
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        maker = EDITORS.get(item.kind)
        editor = maker(item, item.text) if maker is not None else None  # the question is every control's name
        if editor is None:  # a note: words to read
            layout.addWidget(plain_label(item.text))
            if item.help:
                layout.addWidget(quiet(plain_label(item.help)))
            return block
        number = self.numbers[item.id] = len(self.numbers) + 1
        question = plain_label(f"{number}. {item.text}{'  (required)' if item.required else ''}")
        font = QFont()  # only the weight: the size still follows the app's text size
        font.setWeight(QFont.Weight.DemiBold)
        question.setFont(font)
        layout.addWidget(question)
        if item.help:
            layout.addWidget(quiet(plain_label(item.help)))
        if item.required:
            for control in editor.controls():
                control.setAccessibleDescription(f"Required. {control.accessibleDescription()}".strip())
        editor.answered.connect(lambda answer, chosen=item: self._store(chosen, answer))
        layout.addWidget(editor)
        layout.addWidget(editor.message)
        self.editors[item.id] = editor
        return block

    def _section_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.previous_button = named(QPushButton("Previous section"), "Previous section")
        self.next_button = named(QPushButton("Next section"), "Next section")
        self.position = QLabel()
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_section - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_section + 1))
        row.addWidget(self.previous_button)
        row.addWidget(self.position)
        row.addWidget(self.next_button)
        row.addStretch(1)
        return row

    def _footer(self) -> QFrame:
        footer = QFrame()
        footer.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(footer)
        row.setContentsMargins(24, 8, 24, 8)
        self.progress = named(QProgressBar(), "Progress through the form")
        self.progress.setTextVisible(True)
        self.footer_note = quiet(QLabel())
        self.complete_button = named(
            QPushButton("Mark as complete"),
            "Mark as complete",
            "Finish this response; it can then be read but not changed until reopened",
        )
        self.reopen_button = named(QPushButton("Reopen"), "Reopen", "Make this response changeable again")
        self.complete_button.clicked.connect(self.mark_complete)
        self.reopen_button.clicked.connect(self.reopen)
        row.addWidget(self.progress, 1)
        row.addWidget(self.footer_note, 1)
        row.addWidget(self.complete_button)
        row.addWidget(self.reopen_button)
        return footer

    # ---- showing --------------------------------------------------------------------------------

    def set_paged(self, paged: bool) -> None:
        """One section at a time (with Previous and Next), or every section on one scrolling page."""
        if paged and not self.paged:  # keep the place: the section at the top of the page
            top = self.scroll_area.verticalScrollBar().value()
            above = [i for i, w in enumerate(self.section_widgets) if w.y() <= top + 1]
            self.current_section = above[-1] if above else self.current_section
        self.paged = paged
        for button, on in ((self.one_section, paged), (self.all_sections, not paged)):
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)
        self.go_to(self.current_section, focus=False)

    def go_to(self, index: int, *, focus: bool = True) -> None:
        count = len(self.section_widgets)
        if not count:
            return
        self.current_section = index = max(0, min(count - 1, index))
        for i, widget in enumerate(self.section_widgets):
            widget.setVisible(not self.paged or i == index)
        several = self.paged and count > 1
        for widget in (self.previous_button, self.next_button, self.position):
            widget.setVisible(several)
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < count - 1)
        self.position.setText(f"Section {index + 1} of {count}")
        self.section_choice.setCurrentIndex(index)
        if self.paged:
            self.scroll_area.verticalScrollBar().setValue(0)
        else:
            self._column.activate()  # place the sections now, so the scroll lands on the right one
            top = self.section_widgets[index].y() if index else 0  # the first keeps the form's title in sight
            self.scroll_area.verticalScrollBar().setValue(top)
        if focus:
            self._focus_first(self.form.sections[index].items)

    def _focus_first(self, items: tuple[Item, ...] | list[Item]) -> None:
        for item in items:
            editor = self.editors.get(item.id)
            control = editor.first_control() if editor is not None else None
            if control is not None and control.isEnabled():
                control.setFocus(Qt.FocusReason.TabFocusReason)
                self.scroll_area.ensureWidgetVisible(control)
                return
        self.section_choice.setFocus()

    def refresh(self, *_data: object) -> None:
        """Show what the workspace holds (after every answer, undo and redo)."""
        if self.ctx.workspace is None or self.response_uuid is None:
            self._show_state()
            return
        was_here = self.response is not None
        try:
            self.response = responses.get_response(self.ctx.ws, self.response_uuid)
            self._answers = responses.answers(self.ctx.ws, self.response_uuid)
        except TideskError:
            self.response = None
            self._answers = {}
        for item_id, editor in self.editors.items():
            editor.show_answer(self._answers.get(item_id, NO_ANSWER))
        self._show_state()
        if was_here and self.response is None:
            self.response_gone.emit()

    def _show_state(self) -> None:
        gone = self.response_uuid is not None and self.response is None
        complete = self.response is not None and self.response.complete
        read_only = self._forced_read_only or complete or gone
        if read_only != self.read_only:
            self.read_only = read_only
            for editor in self.editors.values():
                editor.set_read_only(read_only)
        if self.response_uuid is None:
            text = (
                "This is a preview, so nothing can be answered here. To answer the form, go back to the "
                "list of forms and choose “Start a response…”."
            )
        elif gone:
            text = "This response is no longer in the workspace: it was deleted, or starting it was undone."
        elif complete:
            text = (
                "This response is marked complete, so its answers can be read but not changed. To change "
                "an answer, choose “Reopen” at the bottom."
            )
        elif read_only:
            text = "These answers can be read here but not changed."
        else:
            skip = (
                "You can skip any question except those marked “(required)”."
                if any(item.required for item in self.form.answerable_items)
                else "You can skip any question."
            )
            kept = (
                "Each answer is kept as soon as you give it; once you go back to all forms, nobody can open "
                "these answers again, not even you."
                if self.form.anonymous
                else "Each answer is kept as soon as you give it, so you can stop and carry on later."
            )
            text = f"{skip} {kept}"
        self.state_line.setText(text)
        self.keys_hint.setVisible(not read_only)
        response = self.response
        if response is not None:
            parts = [
                response.round_label or "No round named",
                response.respondent or "Anonymous",
                f"started {day(response.started_on)}",
                f"version {self.form.version}",
            ]
            self.details.setText(" · ".join(parts))
        answered, total = responses.progress(self.form, self._answers)
        self.progress.setVisible(response is not None and total > 0)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(answered)
        self.progress.setFormat(f"{answered} of {total} answered")
        self.footer_note.setVisible(response is None)
        self.footer_note.setText(f"{total} question{'s' if total != 1 else ''}" + (" · preview" if not gone else ""))
        self.complete_button.setVisible(response is not None and not read_only)
        self.reopen_button.setVisible(complete and not self._forced_read_only)

    # ---- changing -------------------------------------------------------------------------------

    def _store(self, item: Item, new: Answer) -> None:
        editor = self.editors[item.id]
        before = self._answers.get(item.id, NO_ANSWER)
        if self.read_only or self.response_uuid is None or new == before:
            editor.show_answer(before, force=new != before)
            return
        ctx, form, uuid = self.ctx, self.form, self.response_uuid
        text = f"Clear the answer to “{short(item.text)}”" if new.empty else f"Answer “{short(item.text)}”"
        if not ctx.apply(text, lambda: responses.answer(form, uuid, item.id, new)):
            editor.show_answer(before, force=True)

    def commit_typing(self) -> None:
        """Store text typed into a box that still has the focus."""
        if self.response is not None and not self.read_only:
            for editor in self.editors.values():
                editor.commit()

    def mark_complete(self) -> None:
        if self.response_uuid is None or self.read_only:
            return
        self.commit_typing()
        ctx, uuid = self.ctx, self.response_uuid
        unkept = [item for item in self.form.answerable_items if self.editors[item.id].message.text()]
        if unkept:  # something typed that could not be kept: say so rather than finish without it
            listed = "\n".join(f"• {self.numbers[item.id]}. {item.text}" for item in unkept)
            ctx.report(
                f"Before this response is marked complete, please look again at what was typed here; it "
                f"is not kept yet:\n\n{listed}"
            )
            self.go_to(self._section_of[unkept[0].id], focus=False)
            self._focus_first([unkept[0]])
            return
        missing = responses.missing_required(self.form, responses.answers(ctx.ws, uuid))
        if missing:
            needs = "these questions need an answer" if len(missing) > 1 else "this question needs an answer"
            listed = "\n".join(f"• {self.numbers[item.id]}. {item.text}" for item in missing)
            ctx.report(
                f"Nearly there. Before this response can be marked complete, {needs}:\n\n{listed}\n\n"
                "Every other question can be left blank."
            )
            self.go_to(self._section_of[missing[0].id], focus=False)
            self._focus_first([missing[0]])
            return
        if ctx.apply(f"Mark “{short(self.form.title)}” as complete", responses.set_status(uuid, COMPLETE)):
            self.reopen_button.setFocus()

    def reopen(self) -> None:
        if self.response_uuid is None or self.response is None or not self.response.complete:
            return
        ctx, uuid = self.ctx, self.response_uuid
        if ctx.apply(f"Reopen “{short(self.form.title)}”", responses.set_status(uuid, IN_PROGRESS)):
            self.complete_button.setFocus()

    def detach(self) -> None:
        """Stop following the workspace (the view is being closed)."""
        self.commit_typing()
        self.policy.detach()
        if self.private_undo is not None:
            self.private_undo.close()
            self.private_undo = None
