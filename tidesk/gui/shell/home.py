"""Home: where the team is in the programme, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from tidesk import areas
from tidesk.core import service
from tidesk.core.programme import STEPS, Step, StepState
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import heading, named, note, quiet
from tidesk.gui.widgets.page import Page

STATE_MARKS = {
    StepState.NOT_STARTED: "○  Not started",
    StepState.IN_PROGRESS: "◐  In progress",
    StepState.DONE: "●  Done",
}


class HomePage(Page):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Your service",
            "Here is where the team is in the programme. Each step shows how far "
            "along it is; choose one on the left, or carry on with the next step below.",
        )
        self.ctx = ctx
        self.setAccessibleName("Home")

        self.next_box = QFrame()
        self.next_box.setFrameShape(QFrame.Shape.StyledPanel)
        next_layout = QVBoxLayout(self.next_box)
        next_layout.addWidget(heading("What to do next", 2))
        self.next_text = note("")
        next_layout.addWidget(self.next_text)
        self._next_key = "service"
        self.next_button = named(QPushButton(""), "Go to the next step")
        self.next_button.clicked.connect(lambda: ctx.navigate.emit(self._next_key))
        button_row = QHBoxLayout()
        button_row.addWidget(self.next_button)
        button_row.addStretch(1)
        next_layout.addLayout(button_row)
        self.column.addWidget(self.next_box)

        self.column.addWidget(heading("The programme so far", 2))
        self.steps = QVBoxLayout()
        self.steps.setSpacing(10)
        self.column.addLayout(self.steps)
        self.finish()
        self.watch(ctx, frozenset().union(*(found.tables for found in areas.AREAS)))

    def refresh(self, *_data: object) -> None:
        if self.ctx.workspace is None:
            return
        ws = self.ctx.ws
        self.title.setText(service.get_profile(ws).name or "Your service")
        while self.steps.count():
            item = self.steps.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        built = {found.key: found for found in areas.AREAS}
        states = {key: found.step_state(ws) for key, found in built.items()}
        phase = None
        for step in STEPS:
            if step.phase != phase:
                phase = step.phase
                self.steps.addWidget(heading(phase.heading, 3))
            words = STATE_MARKS[states[step.key]] if step.key in built else "Not in tidesk yet"
            so_far = built[step.key].progress_words(ws) if step.key in built else ""
            self.steps.addWidget(step_row(step, words, done=states.get(step.key) == StepState.DONE, so_far=so_far))
        self._show_next(next((s for s in STEPS if states.get(s.key) != StepState.DONE), None), built)

    def _show_next(self, coming: Step | None, built: dict[str, areas.Area]) -> None:
        """The next step of the programme that is not done, even one tidesk cannot record yet."""
        if coming is None:
            self.next_text.setText(
                "Every step of the programme is marked done. Well done: the reports are ready to share."
            )
            self._next_key = "reports"
            self.next_button.setText("Go to Reports")
        elif coming.key in built:
            self.next_text.setText(coming.summary)
            self._next_key = coming.key
            self.next_button.setText(f"Go to {coming.title}")
        else:
            self.next_text.setText(
                f"Next in the programme: {coming.title}. {coming.summary} This version of tidesk cannot record "
                "this step yet, so keep notes of it elsewhere for now; the steps before it stay here to change."
            )
        self.next_button.setVisible(coming is None or coming.key in built)
        self.next_button.setAccessibleName(self.next_button.text())


def step_row(step: Step, words: str, *, done: bool, so_far: str = "") -> QWidget:
    """One step: its name and what it is for, with how far along it is beside them (and, for a step that
    counts what it holds, what that is)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(12, 0, 0, 0)
    text = QVBoxLayout()
    text.setSpacing(2)
    text.addWidget(plain(step.title, bold=True))
    text.addWidget(quiet(plain(step.summary)))
    if so_far:
        text.addWidget(plain(so_far))
    layout.addLayout(text, 1)
    state = plain(words)
    state.setWordWrap(False)
    if not done and words.startswith("Not in"):
        quiet(state)
    layout.addWidget(state, 0, Qt.AlignmentFlag.AlignTop)
    row.setAccessibleName(f"{step.title}: {words}" + (f". {so_far}" if so_far else ""))
    return row


def plain(text: str, *, bold: bool = False) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if bold:
        font = QFont()
        font.setBold(True)
        label.setFont(font)
    return label
