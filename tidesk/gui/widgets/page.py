"""The Page base, and the refresh rule every view of the workspace keeps.

A view refreshes only while it is shown, and only when a change touched a table it shows; a hidden view
that missed a change refreshes when it is next shown. It keeps its place (the scroll position; lists keep
their own selection) across its own refresh. A read that can take long runs on the task runner and hands
plain data back to the GUI thread.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QScrollArea, QVBoxLayout, QWidget

from tidesk.core.units import Touched
from tidesk.core.workspace import Workspace
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.tasks import Task
from tidesk.gui.widgets.basics import heading, note

EVERY_TABLE = frozenset({"*"})


class RefreshPolicy(QObject):
    """Calls ``refresh()`` when ``widget`` shows something a change touched, and only then.

    With ``read`` given, the data is read on the task runner (``read(ws) -> data``) and ``refresh(data)`` runs
    on the GUI thread with it; a result overtaken by a newer change is dropped."""

    def __init__(
        self,
        widget: QWidget,
        ctx: AppContext,
        watches: Iterable[str],
        refresh: Callable[..., None],
        *,
        read: Callable[[Workspace], Any] | None = None,
        scroll: QAbstractScrollArea | None = None,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.ctx = ctx
        self.watches = frozenset(watches)
        self._refresh = refresh
        self._read = read
        self._scroll = scroll
        self.stale = True
        self.refreshes = 0  # how often this view was rebuilt (the refresh benchmark reads it)
        self._generation = 0
        widget.installEventFilter(self)
        ctx.changed.connect(self.changed)

    def detach(self) -> None:
        """Stop following the workspace (the view is closing)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.ctx.changed.disconnect(self.changed)
        self.widget.removeEventFilter(self)

    def shows(self, touched: Touched | None) -> bool:
        return touched is None or "*" in self.watches or touched.touches(self.watches)

    def changed(self, touched: Touched | None) -> None:
        if not self.shows(touched):
            return
        self.stale = True
        if self.widget.isVisible():
            self.refresh_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self.refresh_now()
        return False

    def refresh_now(self) -> None:
        if self.ctx.workspace is None:
            return
        self.stale = False
        self._generation += 1
        if self._read is None:
            self._show(None, self._generation)
            return
        generation, read, ws = self._generation, self._read, self.ctx.ws
        self.ctx.runner.run(
            Task(
                title="Reading…",
                work=lambda _progress: read(ws),
                on_done=lambda data: self._show(data, generation),
                quiet=True,
                cancellable=False,
            )
        )

    def _show(self, data: Any, generation: int) -> None:
        if generation != self._generation or self.ctx.workspace is None:
            return  # a newer change is on its way
        bar = self._scroll.verticalScrollBar() if self._scroll is not None else None
        place = bar.value() if bar is not None else 0
        self.refreshes += 1
        if self._read is None:
            self._refresh()
        else:
            self._refresh(data)
        if bar is not None:
            bar.setValue(place)


class Page(QScrollArea):
    """A page of the programme: a heading and introduction over a scrolling column of content.

    Subclasses add to ``self.column``, call ``self.finish()`` at the end of their constructor, and call
    ``self.watch(ctx, tables)`` so ``refresh()`` runs when (and only when) something they show changed."""

    def __init__(self, title: str, intro: str = "") -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the first control
        self.setAccessibleName(title)
        self._body = QWidget()
        self.column = QVBoxLayout(self._body)
        self.column.setContentsMargins(24, 20, 24, 24)
        self.column.setSpacing(14)
        self.title = heading(title)
        self.column.addWidget(self.title)
        self.intro = note(intro)
        self.column.addWidget(self.intro)
        self.policy: RefreshPolicy | None = None

    def finish(self, *, stretch: bool = True) -> None:
        if stretch:
            self.column.addStretch(1)
        self.setWidget(self._body)

    def watch(
        self, ctx: AppContext, tables: Iterable[str], *, read: Callable[[Workspace], Any] | None = None
    ) -> RefreshPolicy:
        self.policy = RefreshPolicy(self, ctx, tables, self.refresh, read=read, scroll=self)
        return self.policy

    def refresh(self, *_data: Any) -> None:
        """Show what the workspace holds now (subclasses)."""
