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
