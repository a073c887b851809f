"""Familiarisation (phase 1): conversations with staff and partners, the findings marked in what was said,
the service's documents, and the readiness of each theme, with one search across all of them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QPushButton, QTabWidget

from tidesk import areas
from tidesk.core.familiarisation.search import Hit
from tidesk.gui.familiarisation.board import FindingsBoard
from tidesk.gui.familiarisation.conversations import ConversationsPanel
from tidesk.gui.familiarisation.documents import DocumentsPanel
from tidesk.gui.familiarisation.readiness import ReadinessPanel
from tidesk.gui.familiarisation.search import SearchBox
from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.export import ask_and_export
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.flow import FlowLayout
from tidesk.gui.widgets.page import Page
from tidesk.gui.widgets.step import StepDone

CONVERSATIONS, FINDINGS, DOCUMENTS, READINESS = 0, 1, 2, 3


class FamiliarisationPage(Page):
    # The page's own key chords, as Help ▸ Keyboard shortcuts lists them (and as they are made below).
    KEYS = (
        ("New conversation", "Ctrl+Shift+N"),
        ("Next prompt or note", "Ctrl+Return"),
        ("Previous prompt or note", "Ctrl+Shift+Return"),
        ("New note in this conversation", "Ctrl+T"),
        ("Mark the selected words as a finding", "Ctrl+M"),
        ("Search notes, answers, findings and documents", "Ctrl+F"),
        ("Show conversations, findings, documents, readiness", "Ctrl+1 to Ctrl+4"),
    )

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(
            "Familiarisation",
            "Talk with staff and partners, gather the service's documents, and note what helps and what gets in "
            "the way. What you type is kept as you type it.",
        )
        self.ctx = ctx
        self.search = SearchBox(ctx)
        self.search.chosen.connect(self.open_hit)
        self.column.addWidget(self.search)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.conversations = ConversationsPanel(ctx)
        self.board = FindingsBoard(ctx)
        self.documents = DocumentsPanel(ctx)
        self.readiness = ReadinessPanel(ctx)
        for panel, title in (
            (self.conversations, "&Conversations"),
            (self.board, "&Findings"),
            (self.documents, "&Documents"),
            (self.readiness, "&Readiness"),
        ):
            self.tabs.addTab(panel, title)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_current())
        self.board.show_source.connect(self.show_source)
        self.column.addWidget(self.tabs, 1)
        footer = FlowLayout(spacing=12)  # wraps at large text rather than widen the page
        self.done = StepDone(ctx, "familiarisation")
        footer.addWidget(self.done)
        self.export_button = named(
            QPushButton("Export familiarisation report…"),
            "Export familiarisation report",
            "Write who was heard, the findings by theme, the documents and readiness as a PDF to share",
        )
        self.export_button.clicked.connect(lambda: ask_and_export(ctx, "familiarisation"))
        footer.addWidget(self.export_button)
        self.column.addLayout(footer)
        self._keys()
        self.finish(stretch=False)
        self._stale = set(range(self.tabs.count()))
        # The board shows tags; the conversations show the discussion guide, which is a form.
        self.watch(ctx, areas.area("familiarisation").tables | {"tag", "form_definition"})

    def resizeEvent(self, event: QResizeEvent) -> None:
        """On a short window the tabs keep most of its height, and the heading scrolls away above them."""
        super().resizeEvent(event)
        self.tabs.setMinimumHeight(max(320, int(self.viewport().height() * 0.85)))

    def _keys(self) -> None:
        chords = (
            ("Ctrl+Shift+N", self.new_conversation),
            ("Ctrl+Return", lambda: self._in_conversation(lambda: self.conversations.step(+1))),
            ("Ctrl+Enter", lambda: self._in_conversation(lambda: self.conversations.step(+1))),
            ("Ctrl+Shift+Return", lambda: self._in_conversation(lambda: self.conversations.step(-1))),
            ("Ctrl+T", lambda: self._in_conversation(self.conversations.new_note)),
            ("Ctrl+M", self.conversations.mark_finding),
            ("Ctrl+F", self.search.focus),
            *((f"Ctrl+{n + 1}", lambda _c=False, n=n: self.show_tab(n)) for n in range(4)),
        )
        for keys, slot in chords:
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            # Anywhere in the window while this page is shown (from the navigation too); a hidden page's keys sleep.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # ---- refreshing: the tab on screen now, the others when they are shown --------------------------

    def refresh(self, *_data: object) -> None:
        if self.ctx.workspace is None:
            return
        self._stale = set(range(self.tabs.count()))
        self._refresh_current()
        self.done.refresh()

    def _refresh_current(self) -> None:
        index = self.tabs.currentIndex()
        if index in self._stale and self.ctx.workspace is not None:
            self._stale.discard(index)
            panel = self.tabs.widget(index)
            refresh = getattr(panel, "refresh", None)
            if callable(refresh):
                refresh()

    # ---- moving about ---------------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        self.tabs.currentWidget().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _in_conversation(self, then: object) -> None:
        if self.tabs.currentIndex() != CONVERSATIONS:
            self.tabs.setCurrentIndex(CONVERSATIONS)
        if callable(then):
            then()

    def new_conversation(self) -> None:
        self.tabs.setCurrentIndex(CONVERSATIONS)
        self.conversations.new_conversation()

    def show_source(self, note_uuid: str, finding_uuid: str = "") -> None:
        """Where a finding (or a note) was said: its conversation, with the words selected."""
        self.tabs.setCurrentIndex(CONVERSATIONS)
        if not self.conversations.show_passage(note_uuid, finding_uuid):
            self.ctx.message.emit("That note is no longer in the workspace.")

    def open_hit(self, hit: Hit) -> None:
        if hit.kind == "document":
            self.tabs.setCurrentIndex(DOCUMENTS)
            self.documents.select(hit.uuid)
            self.documents.list.setFocus()
        elif hit.kind == "finding":
            self.tabs.setCurrentIndex(FINDINGS)
            if not self.board.select(hit.uuid):
                self.show_source(hit.note_uuid, hit.uuid)
        else:
            self.show_source(hit.note_uuid)
