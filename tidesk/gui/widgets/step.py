"""The team's own word on a step: "we have finished this", kept with the workspace and undoable."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from tidesk.core.programme import step
from tidesk.core.settings import mark_done, marked_done
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named


class StepDone(QCheckBox):
    """Ticked, the step counts as done whatever tidesk would have judged; unticked, tidesk judges again."""

    def __init__(self, ctx: AppContext, key: str) -> None:
        super().__init__("The team has finished this step")
        self.ctx = ctx
        self.key = key
        named(
            self,
            "The team has finished this step",
            f"Tick when the team agrees “{step(key).title}” is done; the home page then moves on to the next step",
        )
        self.clicked.connect(self._changed)

    def refresh(self) -> None:
        if self.ctx.workspace is not None:
            self.setChecked(marked_done(self.ctx.ws, self.key))

    def _changed(self, done: bool) -> None:
        title = step(self.key).title
        words = f"Mark “{title}” as done" if done else f"Mark “{title}” as not done yet"
        if not self.ctx.apply(words, lambda: mark_done(self.ctx.ws, self.key, done)):
            self.refresh()
