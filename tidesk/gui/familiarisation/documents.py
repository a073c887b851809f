"""The documents tab of familiarisation: the register of the service's policies, procedures, pathways,
leaflets, letter templates and job descriptions, with a copy of each file kept in the workspace.

Every edit is one undoable change. A file is read on the task runner (it can be large, or on a slow network
drive) and only then attached. Opening a file writes a read-only copy to tidesk's temporary folder and hands
it to the program the computer uses for such files; the copies are removed when the workspace closes (the
window closes its workspace when tidesk quits), and any left behind are swept a day later.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QFileDialog, QListWidget, QPushButton, QVBoxLayout, QWidget

from tidesk.core.db import new_uuid
from tidesk.core.familiarisation import documents
from tidesk.core.familiarisation.documents import Attachment, DocumentData
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.documents_dialog import DocumentDialog
from tidesk.gui.shell.context import READ_ONLY, AppContext
from tidesk.gui.shell.tasks import Task, describe_error
from tidesk.gui.widgets.basics import named, note, quiet
from tidesk.gui.widgets.dialogs import warn
from tidesk.gui.widgets.flow import FlowLayout
from tidesk.gui.widgets.page import RefreshPolicy
from tidesk.gui.widgets.two_line import TwoLineDelegate, grow_with_rows, two_line_item

WATCHES = frozenset({"service_document", "service_document_file"})
INTRO = (
    "Gather the service's policies, procedures, pathways, leaflets, letter templates and job descriptions "
    "here, with a copy of each file if you have one. Note who owns each, when it was last reviewed, and "
    "when it was read, or will be read, through a trauma lens. The policy review later in the programme "
    "starts from this list."
)
EMPTY = "No documents yet. Add the first with “Add document…”."


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def describe(row: DocumentData, today: date) -> str:
    """The quieter line beneath a document's title: kind · owner · review status · its file."""
    parts = (row.kind_label, row.owner, row.review_status_on(today), row.file_words or "No file attached")
    return " · ".join(part for part in parts if part)


class DocumentsPanel(QWidget):
    """The register of documents, as a tab of the familiarisation page.

    It refreshes itself while shown, when a change touched the documents (``WATCHES``); ``refresh()`` can
    also be called by the page."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.folder = documents.copies_folder()  # where copies to look at go (tests point it elsewhere)
        self.copies: list[Path] = []  # the copies opened from this workspace, removed when it closes
        self.shown: list[DocumentData] = []
        self._uuids: list[str] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(note(INTRO))
        self.empty = quiet(note(EMPTY))
        layout.addWidget(self.empty)
        self.list = named(
            QListWidget(),
            "Documents",
            "Enter edits the selected document; Delete removes it; Insert adds a new one",
        )
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        grow_with_rows(self.list)
        self.list.itemActivated.connect(lambda _item: self.edit_selected())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        layout.addWidget(self.list)
        layout.addLayout(self._buttons())
        layout.addStretch(1)  # in a tall tab the list stays at the top, under its words
        for keys, action in (
            (QKeySequence.StandardKey.Delete, self.remove_selected),
            ("Insert", self.add),
            ("F2", self.edit_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.list)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(action)
        ctx.workspace_replaced.connect(self.remove_copies)
        self.policy = RefreshPolicy(self, ctx, WATCHES, self.refresh)
        self._enable()

    def _buttons(self) -> FlowLayout:
        buttons = FlowLayout(spacing=8)  # wraps onto a second row rather than widen the page
        self.add_button = named(QPushButton("Add document…"), "Add a document")
        self.edit_button = named(QPushButton("Edit…"), "Edit the selected document")
        self.remove_button = named(QPushButton("Remove"), "Remove the selected document, with its file")
        self.attach_button = named(QPushButton("Attach a file…"), "Attach a file to the selected document")
        self.open_button = named(QPushButton("Open the file"), "Open a copy of the selected document's file")
        self.detach_button = named(QPushButton("Remove the file"), "Remove the file from the selected document")
        for button, action in (
            (self.add_button, self.add),
            (self.edit_button, self.edit_selected),
            (self.remove_button, self.remove_selected),
            (self.attach_button, self.attach_selected),
            (self.open_button, self.open_selected),
            (self.detach_button, self.detach_selected),
        ):
            button.clicked.connect(action)
            buttons.addWidget(button)
        return buttons

    # -- showing --

    def refresh(self) -> None:
        if self.ctx.workspace is None:
            self.shown, self._uuids = [], []
            self.list.clear()
            self.empty.hide()
            self._enable()
            return
        current = self.current_uuid()
        rows = self.shown = documents.list_documents(self.ctx.ws)
        today = date.today()
        self.list.blockSignals(True)
        self.list.clear()
        self._uuids = [row.uuid for row in rows]
        for row in rows:
            self.list.addItem(two_line_item(row.title, describe(row, today), row.uuid))
        self.list.blockSignals(False)
        if current in self._uuids:
            self.list.setCurrentRow(self._uuids.index(current))
        self.empty.setVisible(not rows)
        self._enable()

    def current_uuid(self) -> str | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def select(self, uuid: str) -> None:
        if uuid not in self._uuids:
            self.refresh()  # shown or not, the new row is there to select
        if uuid in self._uuids:
            self.list.setCurrentRow(self._uuids.index(uuid))

    def selected(self) -> DocumentData | None:
        uuid = self.current_uuid()
        return next((row for row in self.shown if row.uuid == uuid), None)

    def _enable(self) -> None:
        row = self.selected()
        for button in (self.edit_button, self.remove_button, self.attach_button):
            button.setEnabled(row is not None)
        for button in (self.open_button, self.detach_button):
            button.setEnabled(row is not None and row.has_file)
        self.attach_button.setText("Replace the file…" if row is not None and row.has_file else "Attach a file…")

    def _refused(self) -> bool:
        """In a workspace open to read only, say so before the person fills anything in."""
        if self.ctx.read_only:
            self.ctx.report(READ_ONLY)
            return True
        return False

    # -- the register --

    def add(self) -> None:
        if self.ctx.workspace is None or self._refused():
            return
        value, ok = DocumentDialog.get_value(self, None)
        if not ok:
            return
        uuid = new_uuid()
        if self.ctx.apply(f"Add document “{value['title']}”", lambda: documents.add_document(**value, uuid=uuid)):
            self.select(uuid)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        value, ok = DocumentDialog.get_value(self, row)
        changes = {key: found for key, found in value.items() if getattr(row, key) != found}
        if ok and changes:  # pressing OK without changing anything is not an edit
            self.ctx.apply(f"Edit document “{value['title']}”", lambda: documents.edit_document(row.uuid, **changes))

    def remove_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        index = self.list.currentRow()
        if self.ctx.apply(f"Remove document “{row.title}”", lambda: documents.remove_document(row.uuid)):
            self.refresh()
            if self.list.count():
                self.list.setCurrentRow(min(index, self.list.count() - 1))  # the keyboard stays in the list
            with_file = " and its file" if row.has_file else ""
            self.ctx.message.emit(f"Removed “{row.title}”{with_file}. Undo (Ctrl+Z) brings it back.")

    # -- its file --

    def attach_selected(self) -> None:
        row = self.selected()
        if row is None or self._refused():
            return
        title = f"Replace the file of “{row.title}”" if row.has_file else f"Attach a file to “{row.title}”"
        chosen, _filter = QFileDialog.getOpenFileName(self, title, "", "All files (*)")
        if chosen:
            self.attach_path(row, Path(chosen))

    def attach_path(self, row: DocumentData, path: Path) -> None:
        """Read the file on the task runner; once it is read whole, attach it as one change."""
        ws = self.ctx.ws
        self.ctx.runner.run(
            Task(
                title=f"Reading “{path.name}”…",
                work=lambda progress: documents.read_attachment(path, progress),
                on_done=lambda found: self._attach(ws, row, found),
                on_error=lambda exc: warn(
                    self, "File not attached", _sentence(describe_error(exc)) + " Nothing was changed."
                ),
            )
        )

    def _attach(self, ws: Workspace, chosen: DocumentData, found: Attachment) -> None:
        if self.ctx.workspace is not ws:
            return  # another workspace was opened while the file was read
        uuid = chosen.uuid
        row = next((r for r in self.shown if r.uuid == uuid), chosen)  # removed meanwhile: the change says so
        text = f"Replace the file of “{row.title}”" if row.has_file else f"Attach “{found.name}” to “{row.title}”"
        if self.ctx.apply(text, lambda: documents.attach_file(uuid, found)):
            size = documents.size_words(found.size)
            self.ctx.message.emit(f"Attached “{found.name}” ({size}) to “{row.title}”.")

    def detach_selected(self) -> None:
        row = self.selected()
        if row is None or not row.has_file:
            return
        if self.ctx.apply(f"Remove the file of “{row.title}”", lambda: documents.detach_file(row.uuid)):
            self.ctx.message.emit(
                f"Removed the file “{row.file_name}” from “{row.title}”. Undo (Ctrl+Z) brings it back."
            )

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or not row.has_file:
            return
        ws, folder = self.ctx.ws, self.folder
        self.ctx.runner.run(
            Task(
                title=f"Opening “{row.file_name}”…",
                work=lambda _progress: documents.open_copy(ws, row.uuid, folder),
                on_done=lambda path: self._show_copy(ws, row, path),
                on_error=lambda exc: warn(self, "File not opened", _sentence(describe_error(exc))),
            )
        )

    def _show_copy(self, ws: Workspace, row: DocumentData, path: Path) -> None:
        self.copies.append(path)
        if self.ctx.workspace is not ws:
            self.remove_copies()  # its workspace closed while the copy was written
            return
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.ctx.message.emit(
                f"Opened a copy of “{row.file_name}”. Changes made to the copy are not kept; "
                "the copy is removed when the workspace closes."
            )
        else:
            warn(
                self,
                "File not opened",
                f"No program on this computer opens “{row.file_name}”. The file is still kept with the document.",
            )

    def remove_copies(self) -> None:
        """Remove the copies opened from the workspace that is closing (a copy a program still holds open on
        Windows stays, and is swept a day later)."""
        for path in self.copies:
            documents.remove_copy(path, self.folder)
        self.copies = []
