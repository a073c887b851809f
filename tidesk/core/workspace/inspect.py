"""Looking at a workspace file without changing it: is it ours, is it sound, what revision, what service;
and copying one page by page through SQLite's backup API.

Part of the one place that speaks SQLite's own dialect (``tidesk/core/workspace/``): pragmas, the backup API
and integrity checks, with plain ``sqlite3`` so the first window needs no SQLAlchemy.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tidesk.core import schema
from tidesk.core.errors import (
    DamagedWorkspaceError,
    NotAWorkspaceError,
    TideskError,
    storage_error,
    storage_reason,
)
from tidesk.core.ids import APPLICATION_ID
from tidesk.core.lock import lock_path_for

SQLITE_HEADER = b"SQLite format 3\x00"
SUFFIX = ".tidesk"
# A workspace this size or smaller gets SQLite's full integrity check every time it is opened (a few tens
# of milliseconds); a larger one gets the quick check, and the full one in the background once it is open.
FULL_CHECK_UP_TO = 64 * 1024 * 1024

Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    pass


# ---- looking at a file without changing it ----------------------------------------------------


@dataclass(frozen=True)
class WorkspaceFacts:
    """What a read-only look at a workspace file found."""

    path: Path
    schema_revision: str | None
    workspace_uuid: str
    revision: int
    is_demo: bool
    created_by_version: str
    counts: dict[str, int] = field(default_factory=dict)
    threshold: int = 5  # the workspace's small-number threshold, read with the counts

    @property
    def schema_is_current(self) -> bool:
        return self.schema_revision == schema.head_revision()

    @property
    def schema_is_newer(self) -> bool:
        return self.schema_revision not in schema.known_revisions()


def _sniff(path: Path) -> None:
    """Refuse anything that is plainly not a workspace, before SQLite (or a blocking read) touches it."""
    try:
        found = path.stat()
    except FileNotFoundError:
        raise NotAWorkspaceError(f"{path}: there is no file here") from None
    except OSError as exc:  # a loop of links, a folder that cannot be entered
        raise NotAWorkspaceError(f"{path}: cannot be reached ({exc.strerror or exc})") from None
    if stat.S_ISDIR(found.st_mode):
        raise NotAWorkspaceError(f"{path}: this is a folder, not a tidesk workspace")
    if not stat.S_ISREG(found.st_mode):  # a pipe or a device would block or never end
        raise NotAWorkspaceError(f"{path}: this is not an ordinary file, so it is not a tidesk workspace")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotAWorkspaceError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not head:
        raise NotAWorkspaceError(f"{path}: the file is empty, so it is not a tidesk workspace")
    if head != SQLITE_HEADER:
        raise NotAWorkspaceError(f"{path}: this file is not a tidesk workspace")


def _connect_read_only(path: Path, *, held: bool = False) -> sqlite3.Connection:
    """``held``: the caller holds the workspace's lock, so no other copy of tidesk is writing to it."""
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    # Immutable (no side files at all) only when nobody is writing: no log beside it, and no other copy of
    # tidesk holding it open, which would write one at any moment.
    busy = wal.exists() or (not held and lock_path_for(path).exists())
    mode = "mode=ro" if busy else "mode=ro&immutable=1"
    return sqlite3.connect(f"{uri}?{mode}", uri=True, check_same_thread=False)


@contextlib.contextmanager
def _read_only(path: Path, *, held: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only SQLite connection that writes nothing at all, not even SQLite's side files.

    A cleanly closed workspace has no ``-wal`` file, and is read as immutable so no ``-shm`` appears
    beside a file that may not even be ours. When a ``-wal`` exists (the workspace is open in tidesk,
    or tidesk stopped without closing it) the normal read-only mode reads the changes held there.
    """
    connection = _connect_read_only(path, held=held)
    try:
        yield connection
    finally:
        connection.close()


def inspect_file(
    path: Path, *, full_check: bool = False, count_rows: bool = False, held: bool = False
) -> WorkspaceFacts:
    """Look at a workspace without changing a byte of it. Raises a TideskError if it is not a sound one."""
    path = Path(path)
    _sniff(path)
    try:
        with _read_only(path, held=held) as db:
            check = "integrity_check" if full_check else "quick_check"
            problems = [row[0] for row in db.execute(f"PRAGMA {check}").fetchall()]
            if problems != ["ok"]:
                raise DamagedWorkspaceError(f"{path}: the workspace is damaged ({problems[0]})")
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "workspace_meta" not in tables:
                raise NotAWorkspaceError(f"{path}: this is a database, but not a tidesk workspace")
            meta = db.execute(
                "SELECT application, workspace_uuid, revision, is_demo, created_by_version "
                "FROM workspace_meta ORDER BY id LIMIT 1"
            ).fetchone()
            if meta is None or meta[0] != APPLICATION_ID:
                raise NotAWorkspaceError(f"{path}: this is a database, but not a tidesk workspace")
            schema_revision = None
            if "alembic_version" in tables:
                found = db.execute("SELECT version_num FROM alembic_version").fetchone()
                schema_revision = found[0] if found else None
            if schema_revision is None:
                raise DamagedWorkspaceError(f"{path}: the workspace is incomplete (it has no record of its format)")
            counts = {}
            threshold = 5
            if count_rows:
                for table in sorted(tables - {"alembic_version", "sqlite_sequence"}):
                    counts[table] = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                if "setting" in tables:
                    found_threshold = db.execute(
                        "SELECT value FROM setting WHERE key = 'small_number_threshold'"
                    ).fetchone()
                    if found_threshold and str(found_threshold[0]).isdigit():
                        threshold = int(found_threshold[0])
    except sqlite3.DatabaseError as exc:
        raise DamagedWorkspaceError(f"{path}: the workspace is damaged or incomplete ({exc})") from exc
    return WorkspaceFacts(
        path=path,
        schema_revision=schema_revision,
        workspace_uuid=meta[1],
        revision=int(meta[2]),
        is_demo=bool(meta[3]),
        created_by_version=meta[4],
        counts=counts,
        threshold=threshold,
    )


@dataclass(frozen=True)
class FirstLook:
    """The little the first window shows before the ORM has loaded: whose workspace this is."""

    workspace_uuid: str
    revision: int
    is_demo: bool
    service_name: str


def first_look(path: Path, *, held: bool = False) -> FirstLook:
    """A quick read-only look with plain sqlite3: the workspace's identity and the service's name."""
    try:
        with _read_only(Path(path), held=held) as db:
            meta = db.execute(
                "SELECT workspace_uuid, revision, is_demo FROM workspace_meta ORDER BY id LIMIT 1"
            ).fetchone()
            name = db.execute(
                "SELECT name FROM service_profile WHERE removed_in IS NULL ORDER BY id LIMIT 1"
            ).fetchone()
    except sqlite3.DatabaseError as exc:
        raise storage_error(exc, writing=False) from exc
    if meta is None:
        raise NotAWorkspaceError(f"{path}: this is a database, but not a tidesk workspace")
    return FirstLook(str(meta[0]), int(meta[1]), bool(meta[2]), str(name[0]) if name else "")


def writable(path: Path) -> bool:
    """Whether tidesk may write here: the file, and its folder (where SQLite keeps its log beside it).

    The file's own permission bits count even for an administrator, who could write anyway: a workspace
    someone made read-only is treated as read-only."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(mode & 0o222) and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def fully_checked_on_open(path: Path) -> bool:
    """Whether opening runs the full integrity check (damage in an index passes the quick one)."""
    try:
        return Path(path).stat().st_size <= FULL_CHECK_UP_TO
    except OSError:
        return True


# ---- copies through SQLite's backup API -----------------------------------------------------------


def copy_database(source: Path, destination: Path, progress: Progress = _no_progress) -> None:
    """Copy a live workspace page by page with SQLite's backup API (safe while it is open elsewhere)."""
    with _read_only(Path(source)) as src:
        try:
            dst = sqlite3.connect(destination)
        except sqlite3.Error as exc:
            raise OSError(f"cannot create {destination}") from exc
        try:

            def report(_status: int, remaining: int, total: int) -> None:
                progress(total - remaining, total)

            src.backup(dst, pages=512, progress=report)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
            dst.commit()
        except sqlite3.Error as exc:
            raise TideskError(f"the copy could not be made ({storage_reason(exc)})") from exc
        finally:
            dst.close()
