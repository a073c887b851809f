"""The workspace: one SQLite file per service, opened safely, migrated with Alembic, one writer at a time.

This is the only module that speaks SQLite's own dialect (pragmas, the backup API, integrity checks);
everything else goes through SQLAlchemy so the same code could run on another database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from tidesk import __version__
from tidesk.core import schema
from tidesk.core.db import APPLICATION_ID, WorkspaceMeta, new_uuid
from tidesk.core.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    TideskError,
)
from tidesk.core.lock import WorkspaceLock

SQLITE_HEADER = b"SQLite format 3\x00"
SUFFIX = ".tidesk"

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

    @property
    def schema_is_current(self) -> bool:
        return self.schema_revision == schema.head_revision()

    @property
    def schema_is_newer(self) -> bool:
        return self.schema_revision not in schema.known_revisions()


def _sniff(path: Path) -> None:
    """Refuse anything that is plainly not a workspace, before SQLite touches it."""
    if not path.exists():
        raise NotAWorkspaceError(f"{path}: there is no file here")
    if path.is_dir():
        raise NotAWorkspaceError(f"{path}: this is a folder, not a tidesk workspace")
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise NotAWorkspaceError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not head:
        raise NotAWorkspaceError(f"{path}: the file is empty, so it is not a tidesk workspace")
    if head != SQLITE_HEADER:
        raise NotAWorkspaceError(f"{path}: this file is not a tidesk workspace")


@contextlib.contextmanager
def _read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only SQLite connection that writes nothing at all, not even SQLite's side files.

    A cleanly closed workspace has no ``-wal`` file, and is read as immutable so no ``-shm`` appears
    beside a file that may not even be ours. When a ``-wal`` exists (the workspace is open in tidesk,
    or tidesk stopped without closing it) the normal read-only mode reads the changes held there.
    """
    uri = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    connection = sqlite3.connect(f"{uri}?{mode}", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def inspect_file(path: Path, *, full_check: bool = False, count_rows: bool = False) -> WorkspaceFacts:
    """Look at a workspace without changing a byte of it. Raises a TideskError if it is not a sound one."""
    path = Path(path)
    _sniff(path)
    try:
        with _read_only(path) as db:
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
            counts = {}
            if count_rows:
                for table in sorted(tables - {"alembic_version", "sqlite_sequence"}):
                    counts[table] = db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
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
    )


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
            raise TideskError(f"the copy could not be made ({exc})") from exc
        finally:
            dst.close()


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def fsync_dir(path: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---- the open workspace -------------------------------------------------------------------------


def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _configure_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine(f"sqlite:///{path.resolve().as_uri()}?mode=ro&uri=true")
        event.listen(engine, "connect", _configure_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _configure)
    return engine


BeforeMigration = Callable[[Path], object]


class Workspace:
    """An open workspace. Use :meth:`create` or :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, engine: Engine, lock: WorkspaceLock | None) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        with self.read() as session:
            meta = session.scalars(select(WorkspaceMeta).order_by(WorkspaceMeta.id)).one()
            self.uuid: str = meta.workspace_uuid
            self.is_demo: bool = bool(meta.is_demo)
            self._revision: int = meta.revision

    # -- lifecycle --

    @classmethod
    def create(cls, path: Path, *, demo: bool = False) -> Workspace:
        """Make a new, empty workspace at ``path``: written aside and renamed, so never half made."""
        path = Path(path)
        if path.exists():
            raise TideskError(f"{path}: a file is already there; choose another name")
        if not path.parent.is_dir():
            raise TideskError(f"{path.parent}: this folder does not exist")
        temporary = path.with_name(f".{path.name}.creating")
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
        engine = _engine(temporary)
        try:
            with engine.begin() as connection:
                schema.upgrade(connection)
                connection.execute(
                    insert(WorkspaceMeta).values(
                        application=APPLICATION_ID,
                        workspace_uuid=new_uuid(),
                        created_by_version=__version__,
                        revision=0,
                        is_demo=int(demo),
                    )
                )
                from tidesk.core.service import seed_default_pathway

                with Session(bind=connection) as session:
                    seed_default_pathway(session)
                    session.flush()
            with engine.connect() as connection:  # fold the WAL into the file before renaming it
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        Path(f"{temporary}-wal").unlink(missing_ok=True)
        Path(f"{temporary}-shm").unlink(missing_ok=True)
        fsync_file(temporary)
        move_into_place(temporary, path)
        fsync_dir(path.parent)
        return cls.open(path, before_migration=_never_needed)

    @classmethod
    def open_read_only(cls, path: Path) -> Workspace:
        """Open for reading only (exports, checks): no lock is taken and nothing is changed."""
        path = Path(path).resolve()
        facts = inspect_file(path)
        if not facts.schema_is_current:
            raise TideskError(
                f"{path}: this workspace is in an older or newer format; open it in tidesk "
                f"{__version__} first, which upgrades it after a backup"
            )
        return cls(path, _engine(path, read_only=True), None)

    @classmethod
    def open(cls, path: Path, *, before_migration: BeforeMigration) -> Workspace:
        """Open a workspace for writing.

        ``before_migration(path)`` is called (to take a verified backup) before an older schema is
        upgraded; if it raises, nothing is changed.
        """
        path = Path(path).resolve()
        _sniff(path)
        lock = WorkspaceLock(path)
        try:
            lock.acquire()
        except OSError as exc:
            raise TideskError(f"{path}: cannot be opened for writing ({exc.strerror})") from exc
        try:
            facts = inspect_file(path)
            if facts.schema_is_newer:
                raise NewerWorkspaceError(
                    f"{path}: this workspace was saved by a newer version of tidesk; "
                    f"please update tidesk (this is version {__version__}) to open it"
                )
            if not facts.schema_is_current:
                before_migration(path)
            engine = _engine(path)
            if not facts.schema_is_current:
                with engine.begin() as connection:
                    schema.upgrade(connection)
            return cls(path, engine, lock)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- units of work --

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; nothing written through it is kept."""
        with self._sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together, or nothing does."""
        with self._sessions() as session, session.begin():
            yield session
            session.execute(update(WorkspaceMeta).values(revision=WorkspaceMeta.revision + 1))
            new_revision = session.scalar(select(WorkspaceMeta.revision))
        self._revision = int(new_revision or 0)

    @property
    def revision(self) -> int:
        """How many units of work this workspace has seen; changes whenever anything is stored."""
        return self._revision

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (before it is renamed or copied as one file)."""
        with self._engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    @property
    def engine(self) -> Engine:
        return self._engine



def move_into_place(temporary: Path, path: Path) -> None:
    """Rename without ever replacing a file someone put at ``path`` in the meantime."""
    try:
        os.link(temporary, path)  # fails if path exists
    except FileExistsError as exc:
        temporary.unlink(missing_ok=True)
        raise TideskError(f"{path}: a file appeared there meanwhile; it was left alone") from exc
    except OSError:  # a filesystem without hard links
        if path.exists():
            temporary.unlink(missing_ok=True)
            raise TideskError(f"{path}: a file is already there; choose another name") from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def _never_needed(path: Path) -> None:
    raise AssertionError(f"a workspace just created at {path} needed a migration")
