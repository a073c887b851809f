"""The first thing a newcomer sees: start with your own service, or explore a fictional demo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import heading, named, note

if TYPE_CHECKING:
    from tidesk.gui.shell.main_window import MainWindow


class WelcomePage(QWidget):
    def __init__(self, ctx: AppContext, window: MainWindow) -> None:
        super().__init__()
        from tidesk.gui.shell import workspace_flow

        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 32, 40, 32)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(16)
        column.addWidget(heading("Welcome to tidesk"))
        column.addWidget(
            note(
                "tidesk walks your team through becoming trauma-informed, one step at a time: understanding the "
                "service, the lens workshop, the organisational assessment, staff wellbeing, training, and the "
                "plans and reports you share. Everything stays on this computer, and every change is kept as "
                "you make it."
            )
        )
        choices = QHBoxLayout()
        choices.setSpacing(20)
        self.own = named(
            QPushButton("Start with your own service"),
            "Start with your own service",
            "Create your team's workspace and describe your service",
        )
        self.demo = named(
            QPushButton("Explore a demo service"),
            "Explore a demo service",
            "Open a separate, fictional island service to try things out safely",
        )
        for button, text, action in (
            (
                self.own,
                "Create your team's workspace and begin by describing your service. You can open "
                "the demo later from the File menu.",
                lambda: workspace_flow.start_own(window),
            ),
            (
                self.demo,
                "Look around a made-up island service first. It is kept in a separate workspace "
                "and clearly marked as fictional everywhere.",
                lambda: workspace_flow.open_demo(window),
            ),
        ):
            card = QFrame()
            card.setFrameShape(QFrame.Shape.StyledPanel)
            card_layout = QVBoxLayout(card)
            button.setMinimumHeight(40)
            button.clicked.connect(action)
            card_layout.addWidget(button)
            card_layout.addWidget(note(text))
            choices.addWidget(card, 1)
        column.addLayout(choices)
        wrapper = QHBoxLayout()
        wrapper.addStretch(1)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(860)
        wrapper.addWidget(holder, 4)
        wrapper.addStretch(1)
        outer.addLayout(wrapper)
        outer.addStretch(2)
        self.own.setFocus(Qt.FocusReason.OtherFocusReason)
