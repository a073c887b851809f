"""One writer per workspace: an OS file lock beside the workspace, released by the OS if tidesk crashes."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path
from typing import IO

from tidesk.core.dates import long_date
from tidesk.core.errors import WorkspaceLockedError


def lock_path_for(workspace: Path) -> Path:
    return workspace.with_name(workspace.name + ".lock")


def _try_lock(handle: IO[str]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


class WorkspaceLock:
    """Held while a workspace is open for writing.

    The lock is an advisory OS lock, so a lock file left behind by a crashed process is simply taken over:
    the operating system released the lock when that process died.
    """

    def __init__(self, workspace: Path) -> None:
        self.path = lock_path_for(workspace)
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        for _attempt in range(5):
            handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the lock's life
            if not _try_lock(handle):
                break
            if _same_file(handle, self.path):
                try:
                    self._claim(handle)
                except OSError:  # a full disk: leave no lock file behind for the next attempt to trip on
                    with contextlib.suppress(OSError):
                        self.path.unlink()
                    handle.close()
                    raise
                return
            # The holder removed the file as we opened it: lock the new one instead.
            handle.close()
        else:
            raise WorkspaceLockedError("this workspace is being opened and closed too quickly; try again")
        handle.seek(0)
        holder = _describe(handle.read())
        handle.close()
        raise WorkspaceLockedError(
            f"this workspace is already open in tidesk {holder}; changes are made there while it is open"
        )

    def _claim(self, handle: IO[str]) -> None:
        handle.seek(0)
        handle.truncate()
        handle.write(
            json.dumps(
                {
                    "pid": os.getpid(),
                    "host": socket.gethostname(),
                    "since": datetime.now().isoformat(timespec="seconds"),
                }
            )
        )
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        # Remove the file while still holding the lock, so no one can lock a file that is about to vanish.
        with contextlib.suppress(OSError):
            self.path.unlink()
        handle.close()  # closing releases the OS lock

    @property
    def held(self) -> bool:
        return self._handle is not None


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _describe(text: str) -> str:
    try:
        info = json.loads(text)
        since = datetime.fromisoformat(str(info["since"]))
        when = f"{long_date(since.date())} at {since:%H:%M}"
        return f"on {info['host']} (process {info['pid']}, since {when})"
    except (ValueError, KeyError, TypeError):
        return "in another window"
