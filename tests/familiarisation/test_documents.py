"""The documents register: its rules, every edit undone and redone exactly, files refused plainly and never
half-stored, copies opened to look at and removed again, and the tab driven as a person would."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from tests.helpers import live_state
from tidesk.core.changes import Change
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import documents
from tidesk.core.familiarisation.documents import ReviewState, read_day
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.documents import DocumentsPanel, describe
from tidesk.gui.familiarisation.documents_dialog import DocumentDialog
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.shell.tasks import Cancelled, TaskRunner

Make = Callable[..., MainWindow]
TODAY = date(2026, 3, 14)
PDF = b"%PDF-1.4\n" + bytes(range(256)) * 40


def _round_trip(ws: Workspace, change: Change) -> None:
    """Apply, undo and redo, checking the workspace is exactly as it was at each step."""
    before = live_state(ws.path)
    undo = change.apply(ws)
    after = live_state(ws.path)
    assert after != before
    redo = undo.apply(ws)
    assert live_state(ws.path) == before
    redo.apply(ws)
    assert live_state(ws.path) == after


def _add(ws: Workspace, title: str = "Lone working policy", **values: object) -> str:
    uuid = f"doc-{title}"
    documents.add_document(title, **values, uuid=uuid).apply(ws)  # type: ignore[arg-type]
    return uuid


def _file(tmp_path: Path, name: str = "lone-working.pdf", data: bytes = PDF) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _file_rows(ws: Workspace) -> list[tuple[str, int | None]]:
    with sqlite3.connect(ws.path) as db:
        return list(db.execute("SELECT document_uuid, removed_in FROM service_document_file ORDER BY id"))


# ---- the register's rules --------------------------------------------------------------------------------


def test_documents_are_listed_by_kind_then_title(workspace: Workspace) -> None:
    for title, kind in (
        ("Zebra leaflet", "leaflet"),
        ("b policy", "policy"),
        ("A policy", "policy"),
        ("Misc", "other"),
    ):
        _add(workspace, title, kind=kind)
    assert [d.title for d in documents.list_documents(workspace)] == ["A policy", "b policy", "Zebra leaflet", "Misc"]


def test_add_edit_and_remove_are_each_undone_and_redone_exactly(workspace: Workspace) -> None:
    _round_trip(workspace, documents.add_document("  Referral pathway ", "pathway", owner=" Team lead ", uuid="d1"))
    found = documents.get_document(workspace, "d1")
    assert (found.title, found.owner, found.kind_label) == ("Referral pathway", "Team lead", "Pathway")
    _round_trip(workspace, documents.edit_document("d1", title="Referral route", lens_review_due=date(2026, 6, 1)))
    assert documents.get_document(workspace, "d1").lens_review_due == date(2026, 6, 1)
    _round_trip(workspace, documents.remove_document("d1"))
    assert documents.list_documents(workspace) == []


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"title": "   "}, "needs a title"),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"kind": "memo"}, "policy, procedure, pathway, leaflet, letter template, job description, other"),
        ({"reviewed_on": "14/3/2026"}, "is a day, or left empty"),
        ({"lens_review_due": datetime(2026, 3, 14, 9, 0)}, "is a day, or left empty"),
        ({"owner": "o" * 201}, "at most 200 characters"),
    ],
)
def test_edits_are_checked_before_anything_is_written(
    workspace: Workspace, changes: dict[str, object], words: str
) -> None:
    uuid = _add(workspace)
    revision = workspace.revision
    with pytest.raises(TideskError, match=words):
        documents.edit_document(uuid, **changes)
    assert workspace.revision == revision
    with pytest.raises(ValueError, match="unknown document fields"):
        documents.edit_document(uuid, file_name="x.pdf")


def test_title_of_300_characters_and_empty_days_are_fine(workspace: Workspace) -> None:
    uuid = _add(workspace, "t" * 300, reviewed_on=date(2025, 1, 2))
    documents.edit_document(uuid, reviewed_on=None).apply(workspace)
    assert documents.get_document(workspace, uuid).reviewed_on is None


@pytest.mark.parametrize(
    ("done", "due", "state", "words"),
    [
        (None, None, ReviewState.NOT_PLANNED, "No trauma-lens review planned"),
        (None, date(2026, 6, 1), ReviewState.DUE, "Due 1 June 2026"),
        (None, TODAY, ReviewState.DUE, "Due 14 March 2026"),
        (None, date(2026, 1, 31), ReviewState.OVERDUE, "Overdue since 31 January 2026"),
        (date(2026, 2, 3), None, ReviewState.DONE, "Trauma-lens review done 3 February 2026"),
        (date(2026, 2, 3), date(2026, 2, 1), ReviewState.DONE, "Trauma-lens review done 3 February 2026"),
        (date(2025, 2, 3), date(2026, 2, 1), ReviewState.OVERDUE, "Overdue since 1 February 2026"),  # the next one
    ],
)
def test_review_status(
    workspace: Workspace, done: date | None, due: date | None, state: ReviewState, words: str
) -> None:
    uuid = _add(workspace, lens_reviewed_on=done, lens_review_due=due)
    found = documents.get_document(workspace, uuid)
    assert found.review_state_on(TODAY) is state and found.review_status_on(TODAY) == words


# ---- attached files --------------------------------------------------------------------------------------


def test_attach_replace_and_detach_are_each_one_change_undone_and_redone_exactly(
    workspace: Workspace, tmp_path: Path
) -> None:
    uuid = _add(workspace)
    first = documents.read_attachment(_file(tmp_path))
    assert (first.name, first.size, first.sha256) == ("lone-working.pdf", len(PDF), hashlib.sha256(PDF).hexdigest())
    _round_trip(workspace, documents.attach_file(uuid, first))
    found = documents.get_document(workspace, uuid)
    assert (found.file_name, found.file_size, found.file_sha256) == (first.name, first.size, first.sha256)
    assert documents.file_bytes(workspace, uuid) == PDF
    second = documents.read_attachment(_file(tmp_path, "lone-working-2026.docx", b"new words"))
    _round_trip(workspace, documents.attach_file(uuid, second))
    assert documents.file_bytes(workspace, uuid) == b"new words"
    rows = _file_rows(workspace)  # the old bytes are marked removed, not deleted
    assert len(rows) == 2 and rows[0][1] is not None and rows[1][1] is None
    undo = documents.attach_file(uuid, first).apply(workspace)
    undo.apply(workspace)  # undoing a replacement brings back the file it replaced
    assert documents.file_bytes(workspace, uuid) == b"new words"
    assert documents.get_document(workspace, uuid).file_name == "lone-working-2026.docx"
    _round_trip(workspace, documents.detach_file(uuid))
    assert not documents.get_document(workspace, uuid).has_file
    with pytest.raises(TideskError, match="no file attached"):
        documents.file_bytes(workspace, uuid)
    with pytest.raises(TideskError, match="no file attached"):
        documents.detach_file(uuid).apply(workspace)


def test_removing_a_document_takes_its_file_and_undo_brings_both_back(workspace: Workspace, tmp_path: Path) -> None:
    uuid = _add(workspace)
    documents.attach_file(uuid, documents.read_attachment(_file(tmp_path))).apply(workspace)
    undo = documents.remove_document(uuid).apply(workspace)
    assert all(removed is not None for _d, removed in _file_rows(workspace))
    undo.apply(workspace)
    assert documents.file_bytes(workspace, uuid) == PDF and documents.get_document(workspace, uuid).has_file


def test_a_file_cannot_be_attached_to_a_removed_document(workspace: Workspace, tmp_path: Path) -> None:
    uuid = _add(workspace)
    documents.remove_document(uuid).apply(workspace)
    with pytest.raises(TideskError, match="no longer in this workspace"):
        documents.attach_file(uuid, documents.read_attachment(_file(tmp_path))).apply(workspace)
    assert _file_rows(workspace) == []


def _refused(path: Path, *words: str) -> None:
    with pytest.raises(TideskError) as refused:
        documents.read_attachment(path)
    for word in words:
        assert word in str(refused.value)


def test_a_file_over_the_limit_is_refused_naming_it_its_size_and_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "annual-report.pdf"
    with open(big, "wb") as out:
        out.truncate(documents.MAX_FILE_SIZE + 6 * 1024 * 1024)  # sparse: nothing is really written
    _refused(big, "“annual-report.pdf”", "31.0 MB", "25.0 MB", "not attached")


def test_a_folder_a_pipe_an_empty_file_and_a_missing_one_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "policies"
    folder.mkdir()
    _refused(folder, str(folder), "is a folder")
    empty = _file(tmp_path, "empty.txt", b"")
    _refused(empty, "“empty.txt”", "nothing to attach")
    _refused(tmp_path / "gone.pdf", "gone.pdf", "no longer there")
    if hasattr(os, "mkfifo"):
        pipe = tmp_path / "pipe"
        os.mkfifo(pipe)  # opening it to read would wait for a writer for ever
        _refused(pipe, str(pipe), "not an ordinary file")


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, "locked.pdf")
    if os.name == "posix" and os.geteuid() != 0:
        path.chmod(0)
        _refused(path, "locked.pdf", "not allowed to read")
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    real_open = os.open

    def refuse(name: object, *args: object, **kwargs: object) -> int:
        if Path(str(name)) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # as root (a container) permissions do not stop a read
    _refused(path, "locked.pdf", "not allowed to read")


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "MAX_FILE_SIZE", 2 * documents.CHUNK)
    path = _file(tmp_path, "growing.log", b"x" * (documents.CHUNK + 10))

    def grow(_done: int, _total: int) -> None:
        with open(path, "ab") as out:
            out.write(b"y" * documents.CHUNK)

    with pytest.raises(TideskError, match=r"larger than the 2\.0 MB"):
        documents.read_attachment(path, grow)


def test_cancelling_a_read_stops_it(tmp_path: Path) -> None:
    path = _file(tmp_path, data=b"z" * (documents.CHUNK * 2))

    def cancel(_done: int, _total: int) -> None:
        raise Cancelled

    with pytest.raises(Cancelled):
        documents.read_attachment(path, cancel)


def test_an_attachment_keeps_its_bytes_out_of_its_repr(tmp_path: Path) -> None:
    assert "PDF" not in repr(documents.read_attachment(_file(tmp_path)))


# ---- copies to look at -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("lone-working.pdf", "lone-working.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\lead\\Policy: v2?.docx", "Policy_ v2_.docx"),
        (".hidden.pdf", "hidden.pdf"),
        ("CON.txt", "document-CON.txt"),
        ("...", "document"),
        ("report.pdf ", "report.pdf"),
        ("x" * 300 + ".pdf", "x" * 116 + ".pdf"),
    ],
)
def test_safe_file_names_keep_the_extension(name: str, safe: str) -> None:
    assert documents.safe_file_name(name) == safe


def test_a_copy_has_the_bytes_is_read_only_and_is_removed_again(workspace: Workspace, tmp_path: Path) -> None:
    uuid = _add(workspace)
    documents.attach_file(uuid, documents.read_attachment(_file(tmp_path, "a/b.pdf".replace("/", "_")))).apply(
        workspace
    )
    folder = tmp_path / "copies"
    first = documents.open_copy(workspace, uuid, folder)
    second = documents.open_copy(workspace, uuid, folder)
    assert first != second and first.name == second.name == "a_b.pdf"
    assert first.read_bytes() == PDF and not os.stat(first).st_mode & stat.S_IWUSR
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert documents.remove_copy(first, folder) and not first.parent.exists()
    assert not documents.remove_copy(tmp_path / "lone-working.pdf", folder)  # never outside the folder
    assert (tmp_path / "a_b.pdf").exists()


def test_copies_older_than_a_day_are_swept_at_the_next_open(workspace: Workspace, tmp_path: Path) -> None:
    uuid = _add(workspace)
    documents.attach_file(uuid, documents.read_attachment(_file(tmp_path))).apply(workspace)
    folder = tmp_path / "copies"
    old = documents.open_copy(workspace, uuid, folder)
    recent = documents.open_copy(workspace, uuid, folder)
    long_ago = time.time() - 2 * documents.SWEEP_AFTER_SECONDS
    os.utime(old.parent, (long_ago, long_ago))
    newest = documents.open_copy(workspace, uuid, folder)
    assert not old.parent.exists() and recent.exists() and newest.exists()


def test_no_copy_for_a_document_without_a_file_or_in_a_folder_that_is_not_ours(
    workspace: Workspace, tmp_path: Path
) -> None:
    uuid = _add(workspace)
    with pytest.raises(TideskError, match="no file attached"):
        documents.open_copy(workspace, uuid, tmp_path / "copies")
    documents.attach_file(uuid, documents.read_attachment(_file(tmp_path))).apply(workspace)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "link").symlink_to(elsewhere)
    with pytest.raises(TideskError, match="other than tidesk's folder"):
        documents.open_copy(workspace, uuid, tmp_path / "link")
    assert list(elsewhere.iterdir()) == []


def test_the_copies_folder_is_tidesks_own_in_the_temporary_folder() -> None:
    assert documents.copies_folder().name.startswith("tidesk-open-")


# ---- typing a day ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("", None),
        ("  ", None),
        ("14/3/2026", date(2026, 3, 14)),
        ("3-4-26", date(2026, 4, 3)),
        ("14.03.2026", date(2026, 3, 14)),
        ("2026-03-14", date(2026, 3, 14)),
        ("14 March 2026", date(2026, 3, 14)),
        ("1st sept 2026", date(2026, 9, 1)),
        ("14 Mar, 2026", date(2026, 3, 14)),
        ("today", TODAY),
    ],
)
def test_days_are_read_as_people_in_the_uk_write_them(text: str, day: date | None) -> None:
    assert read_day(text, TODAY) == day


@pytest.mark.parametrize("text", ["31/6/2026", "14 Ma 2026", "next week", "14/3", "3/14/2026", "1 May 3000"])
def test_what_is_not_a_day_is_said(text: str) -> None:
    with pytest.raises(ValueError):
        read_day(text, TODAY)


# ---- the tab ---------------------------------------------------------------------------------------------


@pytest.fixture
def empty_path(tmp_path: Path) -> Path:
    path = tmp_path / "service.tidesk"
    Workspace.create(path).close()
    return path


@pytest.fixture
def panel(make_window: Make, empty_path: Path, qtbot: QtBot, tmp_path: Path) -> Iterator[DocumentsPanel]:
    window = make_window(empty_path)
    found = DocumentsPanel(window.ctx)
    found.folder = tmp_path / "copies"
    qtbot.addWidget(found)
    found.resize(700, 500)
    found.show()
    yield found


def _fill(monkeypatch: pytest.MonkeyPatch, **typed: str) -> None:
    """Answer the document dialog by typing into its fields, then pressing OK."""

    def answer(dialog: DocumentDialog) -> int:
        for name, text in typed.items():
            if name == "kind":
                dialog.kind.setCurrentIndex(dialog.kind.findText(text))
            elif name == "notes":
                dialog.notes.setPlainText(text)
            else:
                edit = getattr(dialog, name)
                (edit.edit if hasattr(edit, "edit") else edit).setText(text)
        assert dialog.ready()
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(DocumentDialog, "exec", answer)


def _choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), "")))


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    opened: list[Path] = []

    def record(url: QUrl) -> bool:
        opened.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(record))
    return opened


def test_add_attach_open_and_the_copy_goes_when_the_workspace_closes(
    panel: DocumentsPanel, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ctx = panel.ctx
    assert panel.empty.isVisible() and not panel.edit_button.isEnabled()
    _fill(monkeypatch, title="Lone working policy", kind="Policy", owner="Team lead", lens_review_due="1/6/2026")
    panel.add_button.click()
    assert ctx.undo_stack.undoText() == "Add document “Lone working policy”"
    row = panel.selected()
    assert row is not None and row.lens_review_due == date(2026, 6, 1) and not panel.empty.isVisible()
    assert describe(row, TODAY) == "Policy · Team lead · Due 1 June 2026 · No file attached"
    assert not panel.open_button.isEnabled() and panel.attach_button.text() == "Attach a file…"
    _choose(monkeypatch, _file(tmp_path))
    panel.attach_button.click()
    assert ctx.undo_stack.undoText() == "Attach “lone-working.pdf” to “Lone working policy”"
    assert documents.file_bytes(ctx.ws, row.uuid) == PDF
    assert panel.attach_button.text() == "Replace the file…" and panel.open_button.isEnabled()
    assert "lone-working.pdf (10 KB)" in panel.list.item(0).text()
    opened = _opened(monkeypatch)
    panel.open_button.click()
    assert len(opened) == 1 and opened[0].read_bytes() == PDF and opened[0].parent.parent == panel.folder
    assert "Changes made to the copy are not kept" in ctx.window.statusBar().currentMessage()  # type: ignore[union-attr]
    ctx.set_workspace(None)  # closing the workspace (as quitting does) removes the copy
    assert not opened[0].exists() and not opened[0].parent.exists()


def test_edit_by_enter_remove_by_delete_and_undo_brings_back_the_file_too(
    panel: DocumentsPanel, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, tmp_path: Path
) -> None:
    ctx = panel.ctx
    start = live_state(ctx.ws.path)
    ctx.apply("Add", documents.add_document("Leaflet for families", "leaflet", uuid="d1"))
    ctx.apply("Attach", documents.attach_file("d1", documents.read_attachment(_file(tmp_path))))
    with_file = live_state(ctx.ws.path)
    panel.select("d1")
    panel.list.setFocus()
    _fill(monkeypatch, title="Leaflet for families and carers", lens_reviewed_on="today")
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    found = documents.get_document(ctx.ws, "d1")
    assert found.title == "Leaflet for families and carers" and found.lens_reviewed_on == date.today()
    assert ctx.undo_stack.undoText() == "Edit document “Leaflet for families and carers”"
    ctx.undo_stack.undo()
    assert live_state(ctx.ws.path) == with_file
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert documents.list_documents(ctx.ws) == [] and panel.list.count() == 0
    status = ctx.window.statusBar().currentMessage()  # type: ignore[union-attr]
    assert status == "Removed “Leaflet for families” and its file. Undo (Ctrl+Z) brings it back."
    ctx.undo_stack.undo()
    assert live_state(ctx.ws.path) == with_file and panel.list.count() == 1
    ctx.undo_stack.redo()
    ctx.undo_stack.undo()
    panel.select("d1")
    panel.detach_button.click()
    assert "Undo (Ctrl+Z) brings it back" in ctx.window.statusBar().currentMessage()  # type: ignore[union-attr]
    assert not documents.get_document(ctx.ws, "d1").has_file
    while ctx.undo_stack.canUndo():
        ctx.undo_stack.undo()
    assert live_state(ctx.ws.path) == start


def test_pressing_ok_without_changes_is_not_an_edit(panel: DocumentsPanel, monkeypatch: pytest.MonkeyPatch) -> None:
    panel.ctx.apply("Add", documents.add_document("Job description: support worker", "job description", uuid="d1"))
    panel.select("d1")
    _fill(monkeypatch)
    panel.edit_button.click()
    assert panel.ctx.undo_stack.count() == 1


def test_a_refused_file_is_explained_and_nothing_is_stored(
    panel: DocumentsPanel, monkeypatch: pytest.MonkeyPatch, messages: list[str], tmp_path: Path
) -> None:
    ctx = panel.ctx
    ctx.apply("Add", documents.add_document("Annual report", uuid="d1"))
    panel.select("d1")
    before, count = live_state(ctx.ws.path), ctx.undo_stack.count()
    messages.clear()
    big = tmp_path / "annual-report.pdf"
    with open(big, "wb") as out:
        out.truncate(documents.MAX_FILE_SIZE + 1)
    for path in (big, tmp_path):
        _choose(monkeypatch, path)
        panel.attach_button.click()
    assert messages[0].startswith(
        "File not attached: “annual-report.pdf” is just over 25.0 MB, larger than the 25.0 MB"
    )
    assert messages[1].endswith("this is a folder; choose a file inside it. Nothing was changed.")
    assert live_state(ctx.ws.path) == before and ctx.undo_stack.count() == count


def test_a_read_only_workspace_refuses_before_any_dialog(
    panel: DocumentsPanel, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    panel.ctx.apply("Add", documents.add_document("Complaints procedure", "procedure", uuid="d1"))
    panel.ctx.read_only = True
    asked: list[str] = []
    monkeypatch.setattr(DocumentDialog, "exec", lambda _dialog: asked.append("dialog") or 0)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: asked.append("file") or ("", "")))
    panel.select("d1")
    messages.clear()
    panel.add_button.click()
    panel.attach_button.click()
    assert asked == [] and len(messages) == 2 and "read only" in messages[0]


def test_with_the_real_task_runner_the_file_is_read_and_opened_in_the_background(
    make_window: Make, empty_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    window = make_window(empty_path, runner=TaskRunner)
    qtbot.waitUntil(lambda: window.ctx.workspace is not None, timeout=10_000)
    panel = DocumentsPanel(window.ctx)
    panel.folder = tmp_path / "copies"
    qtbot.addWidget(panel)
    panel.show()
    window.ctx.apply("Add", documents.add_document("Safeguarding policy", "policy", uuid="d1"))
    panel.select("d1")
    data = os.urandom(3 * documents.CHUNK + 5)
    _choose(monkeypatch, _file(tmp_path, "safeguarding.pdf", data))
    panel.attach_button.click()
    qtbot.waitUntil(lambda: documents.get_document(window.ctx.ws, "d1").has_file, timeout=10_000)
    assert documents.get_document(window.ctx.ws, "d1").file_sha256 == hashlib.sha256(data).hexdigest()
    qtbot.waitUntil(lambda: panel.open_button.isEnabled(), timeout=10_000)
    opened = _opened(monkeypatch)
    panel.open_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert opened[0].read_bytes() == data
    window.ctx.set_workspace(None)
    assert not opened[0].exists()


def test_the_dialog_and_the_tab_fit_a_small_screen_at_200_percent(
    panel: DocumentsPanel, make_window: Make, qtbot: QtBot
) -> None:
    window = panel.ctx.window
    assert isinstance(window, MainWindow)
    window.set_text_scale(200)
    try:
        for n in range(6):
            panel.ctx.apply("Add", documents.add_document(f"A rather long policy title number {n} " * 3, owner="Lead"))
        page = QScrollArea()  # as on the familiarisation page, the tab scrolls with the page around it
        page.setWidgetResizable(True)
        page.setWidget(panel)
        page.resize(600, 700)
        page.show()
        QApplication.processEvents()
        assert panel.minimumSizeHint().width() <= page.viewport().width()
        assert page.horizontalScrollBar().maximum() == 0
        needed = sum(panel.list.sizeHintForRow(i) for i in range(panel.list.count()))
        assert panel.list.height() >= needed and panel.list.verticalScrollBar().maximum() == 0
        dialog = DocumentDialog(window, panel.shown[0])
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        frame = dialog.frameGeometry()
        assert frame.width() <= 1024 and frame.height() <= 768
        for button in dialog.findChildren(QPushButton):
            corner = button.mapToGlobal(button.rect().bottomRight())
            assert corner.x() <= 1024 and corner.y() <= 768, button.text()
        dialog.close()
        page.takeWidget()  # the panel stays the test's, to close
        page.deleteLater()
    finally:
        window.set_text_scale(100)


def test_a_document_removed_while_its_file_was_read_is_said_plainly(
    panel: DocumentsPanel, messages: list[str], tmp_path: Path
) -> None:
    ctx = panel.ctx
    ctx.apply("Add", documents.add_document("Visiting policy", "policy", uuid="d1"))
    row = documents.get_document(ctx.ws, "d1")
    found = documents.read_attachment(_file(tmp_path))
    ctx.apply("Remove", documents.remove_document("d1"))  # meanwhile, on the GUI thread
    before, messages[:] = live_state(ctx.ws.path), []
    panel._attach(ctx.ws, row, found)
    assert messages == ["tidesk: That document is no longer in this workspace; it may have been removed already."]
    assert live_state(ctx.ws.path) == before
