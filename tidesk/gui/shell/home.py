"""Home: where the team is in the programme, and what to do next."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from tidesk import areas
from tidesk.core import service
from tidesk.core.programme import StepState
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import heading, named, note
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
        self.steps = QGridLayout()
        self.steps.setHorizontalSpacing(24)
        self.column.addLayout(self.steps)
        self.finish()
        self.watch(ctx, frozenset().union(*(found.tables for found in areas.AREAS)))

    def refresh(self, *_data: object) -> None:
        if self.ctx.workspace is None:
            return
        ws = self.ctx.ws
        name = service.get_profile(ws).name
        self.title.setText(name or "Your service")
        while self.steps.count():
            item = self.steps.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        next_spec = None
        for row, spec in enumerate(areas.ordered()):
            state = spec.step_state(ws)
            if next_spec is None and state != StepState.DONE:
                next_spec = spec
            step = QLabel(f"<b>{spec.title}</b><br>{spec.summary}")
            step.setWordWrap(True)
            self.steps.addWidget(QLabel(spec.phase.heading), row, 0)
            self.steps.addWidget(step, row, 1)
            self.steps.addWidget(QLabel(STATE_MARKS[state]), row, 2)
        self.steps.setColumnStretch(1, 1)
        if next_spec is None:
            self.next_text.setText("Every step available so far is done. Reports are ready to share.")
            self._next_key = "reports"
            self.next_button.setText("Go to Reports")
        else:
            self._next_key = next_spec.key
            self.next_text.setText(next_spec.summary)
            self.next_button.setText(f"Go to {next_spec.title}")
        self.next_button.setAccessibleName(self.next_button.text())
