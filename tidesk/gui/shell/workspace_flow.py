"""Opening, creating and restoring workspaces from the window, with kind answers when something is wrong."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog

from tidesk.core import backup
from tidesk.core.demo import write_demo
from tidesk.core.errors import (
    DamagedWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    TideskError,
    WorkspaceLockedError,
)
from tidesk.core.opening import Opened, open_or_create, open_workspace
from tidesk.core.workspace import SUFFIX, Workspace
from tidesk.gui.shell.tasks import Task, describe_error
from tidesk.gui.widgets.dialogs import ChooseDialog, ask, tell, warn

if TYPE_CHECKING:
    from tidesk.gui.shell.main_window import MainWindow

OPEN_BACKUP = "Open a copy of the latest backup"
OPEN_OTHER = "Open another file…"
TRY_AGAIN = "Try again"
OPEN_READ_ONLY = "Read it here, without changes"
FILE_FILTER = f"tidesk workspaces (*{SUFFIX});;All files (*)"


def open_path(
    window: MainWindow, path: Path, *, create: bool = False, on_ready: Callable[[], None] | None = None
) -> None:
    """Open ``path`` in the background (backing it up first if needed) and show it."""
    ctx = window.ctx
    places = ctx.places

    def work(progress: Callable[[int, int], None]) -> Opened:
        return open_or_create(path, places, progress) if create else open_workspace(path, places, progress)

    def done(opened: Opened) -> None:
        ctx.set_workspace(opened.workspace)
        ctx.preferences.add_recent(opened.workspace.path)
        if opened.backup_problem:
            if window.exit_when_ready:  # nobody is there to read a dialog: say it in one line instead
                print(f"tidesk: the workspace opened, but its backup failed: {opened.backup_problem}", file=sys.stderr)
                window.exit_code = 1
            else:
                warn(
                    window,
                    "Backup not made",
                    f"The workspace opened and passed its checks, but its backup failed: "
                    f"{opened.backup_problem}. tidesk will try again in a while.",
                )
        if on_ready is not None:
            on_ready()

    def failed(exc: BaseException) -> None:
        if window.exit_when_ready:
            print(f"tidesk: {describe_error(exc)}", file=sys.stderr)
            window.exit_code = 1
            window.close()
            return
        if isinstance(exc, ReadOnlyWorkspaceError):  # it can still be read: open it so, and say so
            open_read_only(window, path, why="the file or its folder can only be read here")
            return
        open_problem(window, path, exc)

    ctx.runner.run(Task(title=f"Opening {path.name}…", work=work, on_done=done, on_error=failed, cancellable=False))


def open_problem(window: MainWindow, path: Path, exc: BaseException) -> None:
    """Explain what is wrong and offer a way on. Open elsewhere: wait and try again, or read it here without
    changing it. Damaged or missing: the newest sound backup (opened as a new copy beside the original, which
    is never changed), or another file."""
    detail = describe_error(exc)
    detail = detail[:1].upper() + detail[1:]
    if isinstance(exc, WorkspaceLockedError):
        detail += (
            "\n\nYou can wait until it is closed there and try again, or read it here now: reading "
            "changes nothing, and changes are made in the copy that has it open."
        )
        answer = ask(
            window,
            "This workspace is open elsewhere",
            f"{path.name} is already open.",
            detail,
            [TRY_AGAIN, OPEN_READ_ONLY, OPEN_OTHER],
            default=TRY_AGAIN,
        )
        if answer == TRY_AGAIN:
            open_path(window, path)
        elif answer == OPEN_READ_ONLY:
            open_read_only(window, path)
        elif answer == OPEN_OTHER:
            open_other(window)
        return
    found = None
    if isinstance(exc, DamagedWorkspaceError | NotAWorkspaceError):
        found = backup.latest_verified_backup_for(path, window.ctx.places.backups)
    choices = [OPEN_OTHER]
    if found is not None:
        detail += (
            f"\n\nThe newest sound backup is from {found.label}. Opening it makes a new copy beside "
            "the original; the original file is not changed."
        )
        choices.insert(0, OPEN_BACKUP)
    answer = ask(
        window,
        "This workspace could not be opened",
        f"{path.name} could not be opened.",
        detail,
        choices,
        default=choices[0],
    )
    if found is not None and answer == OPEN_BACKUP:
        try:
            copy = backup.recovered_copy(found, path)
        except TideskError as err:
            warn(window, "tidesk", describe_error(err))
            return
        open_path(window, copy)
    elif answer == OPEN_OTHER:
        open_other(window)


def open_read_only(window: MainWindow, path: Path, *, why: str = "") -> None:
    """Show a workspace for reading and exporting only: another copy of tidesk has it open, or it cannot be
    written here."""
    ctx = window.ctx

    def done(ws: Workspace) -> None:
        ctx.set_workspace(ws, read_only=True)
        reason = why or "changes are made in the copy that has it open"
        ctx.message.emit(f"{path.name} is open to read only: {reason}.")

    ctx.runner.run(
        Task(
            title=f"Opening {path.name} to read…",
            work=lambda _p: Workspace.open_read_only(path),
            on_done=done,
            cancellable=False,
        )
    )


def open_other(window: MainWindow) -> None:
    start = str(window.ctx.workspace.path.parent) if window.ctx.workspace else str(Path.home())
    chosen, _ = QFileDialog.getOpenFileName(window, "Open a workspace", start, FILE_FILTER)
    if chosen:
        open_path(window, Path(chosen))


def new_workspace(window: MainWindow) -> None:
    start = str(window.ctx.places.data_dir / f"new{SUFFIX}")
    chosen, _ = QFileDialog.getSaveFileName(window, "Create a new workspace", start, FILE_FILTER)
    if not chosen:
        return
    path = Path(chosen)
    if path.suffix != SUFFIX:
        path = path.with_suffix(SUFFIX)
    if path.exists():
        tell(window, "tidesk", f"{path.name} already exists. Choose another name, or use File ▸ Open to open it.")
        return
    open_path(window, path, create=True)


def open_demo(window: MainWindow) -> None:
    """Write the fictional demo (once) into the data folder and open it."""
    ctx = window.ctx
    target = ctx.places.demo_workspace

    def work(progress: Callable[[int, int], None]) -> Path:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            write_demo(target, progress=progress)
        return target

    ctx.runner.run(Task(title="Preparing the demo service…", work=work, on_done=lambda path: open_path(window, path)))


def start_own(window: MainWindow) -> None:
    window.ctx.preferences.set("welcomed", True)
    open_path(window, window.ctx.places.default_workspace, create=True)


def restore_from_backup(window: MainWindow) -> None:
    """Choose one of this workspace's backups and put it back; the current file is kept aside."""
    ctx = window.ctx
    ws = ctx.ws
    folder = backup.backup_folder(ctx.places.backups, ws.path, ws.uuid)
    found = list(reversed(backup.list_backups(folder)))
    if not found:
        tell(window, "Restore from backup", "This workspace has no backups yet.")
        return
    labels = [f"{b.label}  ({b.reason_label})" for b in found]
    index, ok = ChooseDialog.get_value(
        window,
        "Restore from backup",
        "Choose the backup to go back to. The workspace as it is now will be "
        "kept aside as a separate file, so nothing is lost.",
        labels,
    )
    if not ok:
        return
    chosen = found[index]
    path = ws.path
    ctx.set_workspace(None)

    def done(set_aside: Path | None) -> None:
        note = f" The previous version is kept as {set_aside.name}." if set_aside else ""
        open_path(window, path, on_ready=lambda: ctx.message.emit(f"Restored the backup from {chosen.label}.{note}"))

    def failed(exc: BaseException) -> None:
        warn(window, "Restore from backup", describe_error(exc))
        open_path(window, path)

    ctx.runner.run(
        Task(
            title="Restoring the backup…",
            work=lambda _p: backup.restore(chosen.path, path),
            on_done=done,
            on_error=failed,
            cancellable=False,
        )
    )
