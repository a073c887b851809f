"""Slow work off the GUI thread: one serial worker, a progress dialog that does not flash, and cancel.

Core functions take a plain ``progress(done, total)`` callback; here it becomes a signal. A task that is
cancelled stops at its next progress call. Tests swap in :class:`SynchronousRunner`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from tidesk.core.errors import TideskError
from tidesk.core.log import log_unexpected
from tidesk.gui.widgets.dialogs import warn

Progress = Callable[[int, int], None]
SHOW_PROGRESS_AFTER_MS = 500
NEVER_BY_ITSELF_MS = 2**31 - 1


class Cancelled(Exception):
    """Raised inside a task's progress callback when the person pressed Cancel."""


@dataclass
class Task:
    """What to run (``work(progress)`` on a worker thread) and what to do with its result (GUI thread)."""

    title: str
    work: Callable[[Progress], Any]
    on_done: Callable[[Any], None] = lambda _result: None
    on_error: Callable[[BaseException], None] | None = None
    cancellable: bool = True
    quiet: bool = False  # background upkeep (automatic backups): no dialog, no busy cursor
    state: dict[str, bool] = field(default_factory=lambda: {"cancelled": False})


def describe_error(exc: BaseException) -> str:
    if isinstance(exc, TideskError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}"
    return (
        "Something unexpected went wrong, so that was not finished. Everything stored before is safe. "
        "Where it happened is noted in tidesk's log, in the data folder."
    )


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class _Job(QRunnable):
    def __init__(self, task: Task, signals: _Signals) -> None:
        super().__init__()
        self.task = task
        self.signals = signals

    def run(self) -> None:
        def progress(done: int, total: int) -> None:
            if self.task.state["cancelled"]:
                raise Cancelled
            self.signals.progress.emit(done, total)

        try:
            result = self.task.work(progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the person as a message, never a traceback
            if not isinstance(exc, TideskError | OSError):
                log_unexpected(exc)  # a bug: where it happened goes to the log (never what was typed)
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class TaskRunner(QObject):
    """Runs one task at a time on a worker thread (database jobs are serial by design)."""

    busy_changed = Signal(bool)

    def __init__(self, parent_widget: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._running = 0

    def run(self, task: Task) -> None:
        signals = _Signals(self)
        self._set_running(+1)
        finish = self._quiet_feedback() if task.quiet else self._visible_feedback(task, signals)

        # What comes after a task (a question, another window) runs once the finished task's own feedback is
        # gone, from the top of the event loop: never inside the signal that ended the task.
        def done(result: object) -> None:
            finish()
            signals.deleteLater()
            self._set_running(-1)
            QTimer.singleShot(0, self, lambda: task.on_done(result))

        def failed(exc: BaseException) -> None:
            finish()
            signals.deleteLater()
            self._set_running(-1)
            QTimer.singleShot(0, self, lambda: self._report(task, exc))

        def cancelled() -> None:
            finish()
            signals.deleteLater()
            self._set_running(-1)

        signals.finished.connect(done)
        signals.failed.connect(failed)
        signals.cancelled.connect(cancelled)
        self._pool.start(_Job(task, signals))

    def _quiet_feedback(self) -> Callable[[], None]:
        return lambda: None

    def _visible_feedback(self, task: Task, signals: _Signals) -> Callable[[], None]:
        """A busy cursor at once, and a progress dialog only if the work takes longer than half a second."""
        dialog = QProgressDialog(task.title, "Cancel", 0, 0, self._parent_widget())
        # Qt would show the dialog by itself after its own minimum duration (4 s from construction, even
        # once hidden): it is shown here only by our timer, and never again once the task has ended.
        dialog.reset()
        dialog.setMinimumDuration(NEVER_BY_ITSELF_MS)
        dialog.setWindowTitle("tidesk")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        if not task.cancellable:
            dialog.setCancelButton(None)
        dialog.hide()
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(dialog.show)
        timer.start(SHOW_PROGRESS_AFTER_MS)
        dialog.canceled.connect(lambda: task.state.__setitem__("cancelled", True))
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

        def on_progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total > 0 else 0)

        signals.progress.connect(on_progress)

        def finish() -> None:
            timer.stop()
            dialog.reset()  # stops Qt's own timer that would show it again
            dialog.hide()
            dialog.deleteLater()
            timer.deleteLater()
            QApplication.restoreOverrideCursor()

        return finish

    def _report(self, task: Task, exc: BaseException) -> None:
        if task.on_error is not None:
            task.on_error(exc)
        else:
            warn(self._parent_widget(), "tidesk", describe_error(exc))

    def _set_running(self, delta: int) -> None:
        was_busy = self._running > 0
        self._running += delta
        if (self._running > 0) != was_busy:
            self.busy_changed.emit(self._running > 0)

    @property
    def busy(self) -> bool:
        return self._running > 0

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued work is done (used when closing and in tests)."""
        return self._pool.waitForDone(msecs)


class SynchronousRunner(TaskRunner):
    """Runs tasks at once on the calling thread: deterministic tests, same callbacks."""

    def run(self, task: Task) -> None:
        def progress(done: int, total: int) -> None:
            if task.state["cancelled"]:
                raise Cancelled

        try:
            result = task.work(progress)
        except Cancelled:
            return
        except Exception as exc:
            self._report(task, exc)
            return
        task.on_done(result)
