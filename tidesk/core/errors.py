"""Errors a person can act on: each carries a plain message that the CLI and GUI show as it is."""

from __future__ import annotations


class TideskError(Exception):
    """Something went wrong that the user should be told about in plain words."""


class NotAWorkspaceError(TideskError):
    """The file is missing, empty, or not a tidesk workspace."""


class DamagedWorkspaceError(TideskError):
    """The file is a tidesk workspace but SQLite reports damage."""


class NewerWorkspaceError(TideskError):
    """The workspace was written by a newer tidesk than this one."""


class WorkspaceLockedError(TideskError):
    """Another tidesk process has the workspace open for writing."""


class BackupError(TideskError):
    """A backup could not be made or verified, or a restore could not be done."""


class StorageError(TideskError):
    """A change could not be written to (or read from) the workspace file: a full disk, a read-only file, a
    removed USB stick, another program holding it. Nothing of the change was kept."""


class ReadOnlyWorkspaceError(TideskError):
    """The workspace file (or its folder) can only be read here; it can still be opened to read."""


# What SQLite's messages mean for a person; the first that matches is said.
STORAGE_PROBLEMS = (
    ("full", "there is no room left on the disk"),
    ("readonly", "the workspace file, or its folder, can only be read, not written"),
    ("read-only", "the workspace file, or its folder, can only be read, not written"),
    ("disk i/o", "the disk holding the workspace could not be reached (was a USB stick removed?)"),
    ("unable to open", "the workspace file could not be reached (was a USB stick removed?)"),
    ("locked", "another program is holding the workspace file; try again in a moment"),
    ("busy", "another program is holding the workspace file; try again in a moment"),
)


def storage_reason(exc: BaseException, *, writing: bool = True) -> str:
    """What a database failure means for a person, in a few plain words."""
    text = str(getattr(exc, "orig", exc)).lower()
    return next(
        (words for key, words in STORAGE_PROBLEMS if key in text),
        "the workspace file could not be written" if writing else "the workspace file could not be read",
    )


def storage_error(exc: BaseException, *, writing: bool = True) -> StorageError:
    """A database failure as a plain StorageError (the technical message stays out of sight)."""
    reason = storage_reason(exc, writing=writing)
    first = "This change was not stored" if writing else "The workspace could not be read"
    return StorageError(f"{first}: {reason}. Nothing of it was kept.")
