"""The workspace: one SQLite file per service, opened safely, migrated with Alembic, one writer at a time.

This package is the only place that speaks SQLite's own dialect (pragmas, the backup API, integrity checks,
full-text search, and the few quick reads the first window needs): the open workspace here, looking at a
file without changing it in ``inspect.py``, search in ``search.py``. Everything else goes through SQLAlchemy
so the same code could run on another database. Opening a workspace imports no SQLAlchemy: the engine is
made on first use, so the window can show the workspace before the ORM has loaded.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from tidesk import __version__
from tidesk.core import files, schema
from tidesk.core.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    ReadOnlyWorkspaceError,
    StorageError,
    TideskError,
    storage_error,
    storage_reason,
)
from tidesk.core.ids import APPLICATION_ID, new_uuid
from tidesk.core.lock import WorkspaceLock
from tidesk.core.units import Recorder, Touched, live_rows_only, stamp
from tidesk.core.workspace.inspect import (
    FULL_CHECK_UP_TO,
    SQLITE_HEADER,
    SUFFIX,
    FirstLook,
    Progress,
    WorkspaceFacts,
    _connect_read_only,
    _sniff,
    copy_database,
    first_look,
    fully_checked_on_open,
    inspect_file,
    writable,
)
from tidesk.core.workspace.search import TextHit, TextIndex

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

__all__ = [
    "FULL_CHECK_UP_TO",
    "SQLITE_HEADER",
    "SUFFIX",
    "FirstLook",
    "Progress",
    "TextHit",
    "TextIndex",
    "Workspace",
    "WorkspaceFacts",
    "copy_database",
    "first_look",
    "fully_checked_on_open",
    "inspect_file",
    "writable",
]

# ---- the open workspace -------------------------------------------------------------------------


def _configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The sqlite3 module begins transactions only before data changes, so a schema change (a migration)
    # would commit each statement as it goes: tidesk begins every transaction itself instead (_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _configure_read_only(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA query_only=ON")


def _engine(path: Path, *, read_only: bool = False) -> Engine:
    from sqlalchemy import create_engine, event

    if read_only:
        # Connections made the same way as the quick reads: immutable when no log is beside the file, so
        # reading a workspace never leaves -wal or -shm files behind (a failed export on a full disk did).
        engine = create_engine("sqlite://", creator=lambda: _connect_read_only(path))
        event.listen(engine, "connect", _configure_read_only)
    else:
        engine = create_engine(f"sqlite:///{path}")
        event.listen(engine, "connect", _configure)
        event.listen(engine, "begin", _begin)
    return engine


def _begin(connection: Connection) -> None:
    """A real transaction for everything, the schema included: a failed migration leaves nothing behind."""
    connection.exec_driver_sql("BEGIN")


BeforeMigration = Callable[[Path], object]


def _upgrade(path: Path) -> None:
    """Bring an older workspace up to date in one transaction: all of it, or (rolled back) none of it."""
    engine = _engine(path)
    try:
        with engine.begin() as connection:
            schema.upgrade(connection)
    except TideskError:
        raise
    except Exception as exc:  # the recorded format does not match the tables (a hand-edited file, say)
        raise DamagedWorkspaceError(
            f"{path}: the workspace could not be brought up to date, because its tables are not what its "
            "recorded format says; it was left exactly as it was"
        ) from exc
    finally:
        engine.dispose()


class Workspace:
    """An open workspace. Use :meth:`create` or :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, path: Path, lock: WorkspaceLock | None, *, read_only: bool = False) -> None:
        self.path = path
        self._lock = lock
        self._read_only = read_only
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self.last_touched: Touched | None = None
        look = first_look(path, held=lock is not None)
        self.uuid: str = look.workspace_uuid
        self.is_demo: bool = look.is_demo
        self._revision: int = look.revision
        self.first_look = look

    def _sessionmaker(self) -> sessionmaker[Session]:
        """The ORM, set up on first use (importing SQLAlchemy then, not when the workspace is opened)."""
        if self._sessions is None:
            from sqlalchemy import event
            from sqlalchemy.orm import sessionmaker

            sessions = sessionmaker(self.engine, expire_on_commit=False)
            event.listen(sessions, "before_flush", stamp)
            event.listen(sessions, "do_orm_execute", live_rows_only)
            self._sessions = sessions
        return self._sessions

    # -- lifecycle --

    @classmethod
    def create(cls, path: Path, *, demo: bool = False, seed: Callable[[Session], None] | None = None) -> Workspace:
        """Make a new workspace at ``path``: built aside and renamed, so never half made, never over a file.

        ``seed`` fills what every new workspace starts with (``areas.seed_all``, the areas' defaults)."""
        path = Path(path)
        if path.exists():
            raise TideskError(f"{path}: a file is already there; choose another name")
        from sqlalchemy.exc import OperationalError

        try:
            cls._build(path, demo, seed)
        except OperationalError as exc:  # a full disk, a folder SQLite cannot write in
            raise StorageError(
                f"{path.parent}: a workspace could not be made in this folder ({storage_reason(exc)})"
            ) from exc
        return cls.open(path, before_migration=_never_needed)

    @classmethod
    def _build(cls, path: Path, demo: bool, seed: Callable[[Session], None] | None) -> None:
        from sqlalchemy import insert
        from sqlalchemy.orm import Session

        from tidesk.core.db import WorkspaceMeta

        with files.writing(path, purpose="creating") as temporary:
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
                    with Session(bind=connection) as session:
                        (seed or _seed_areas)(session)
                        session.flush()
                with engine.connect() as connection:  # fold the WAL into the file before renaming it
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                engine.dispose()
            for side in ("-wal", "-shm"):
                Path(f"{temporary}{side}").unlink(missing_ok=True)

    @classmethod
    def open_read_only(cls, path: Path) -> Workspace:
        """Open for reading only (exports, checks): no lock is taken and nothing is changed."""
        path = Path(path).resolve()
        facts = inspect_file(path, full_check=fully_checked_on_open(path))
        if not facts.schema_is_current:
            raise TideskError(
                f"{path}: this workspace is in an older or newer format; open it in tidesk "
                f"{__version__} first, which upgrades it after a backup"
            )
        return cls(path, None, read_only=True)

    @classmethod
    def open(cls, path: Path, *, before_migration: BeforeMigration) -> Workspace:
        """Open a workspace for writing.

        ``before_migration(path)`` is called (to take a verified backup) before an older schema is
        upgraded; if it raises, nothing is changed.
        """
        path = Path(path).resolve()
        _sniff(path)
        if not writable(path):
            raise ReadOnlyWorkspaceError(
                f"{path}: this workspace can only be read here (the file or its folder "
                "is read-only), so it is opened to read only"
            )
        lock = WorkspaceLock(path)
        try:
            lock.acquire()
        except OSError as exc:
            raise TideskError(f"{path}: cannot be opened for writing ({exc.strerror})") from exc
        try:
            facts = inspect_file(path, full_check=fully_checked_on_open(path), held=True)
            if facts.schema_is_newer:
                raise NewerWorkspaceError(
                    f"{path}: this workspace was saved by a newer version of tidesk; "
                    f"please update tidesk (this is version {__version__}) to open it"
                )
            if not facts.schema_is_current:
                before_migration(path)
                _upgrade(path)
            return cls(path, lock)
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        if self._engine is not None:
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
        from sqlalchemy.exc import OperationalError

        try:
            with self._sessionmaker()() as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except OperationalError as exc:
            raise storage_error(exc, writing=False) from exc

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together, or nothing does.

        The revision it makes is known from the start, so every row it writes carries it; afterwards
        ``last_touched`` says which tables and rows it changed. A failure to write becomes a StorageError."""
        from sqlalchemy import select, update
        from sqlalchemy.exc import OperationalError

        from tidesk.core.db import WorkspaceMeta

        try:
            with self._sessionmaker()() as session, session.begin():
                session.execute(update(WorkspaceMeta).values(revision=WorkspaceMeta.revision + 1))
                revision = int(session.scalar(select(WorkspaceMeta.revision)) or 0)
                record = Recorder(revision)
                session.info["recorder"] = record
                yield session
                session.flush()
        except OperationalError as exc:
            raise storage_error(exc) from exc
        self._revision = revision
        self.last_touched = record.result()

    @property
    def is_read_only(self) -> bool:
        return self._read_only

    @property
    def revision(self) -> int:
        """How many units of work this workspace has seen; changes whenever anything is stored."""
        return self._revision

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the main file (before it is renamed or copied as one file)."""
        from sqlalchemy.exc import OperationalError

        try:
            with self.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        except OperationalError as exc:
            raise storage_error(exc) from exc

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, made the first time something asks for it."""
        if self._engine is None:
            self._engine = _engine(self.path, read_only=self._read_only)
        return self._engine


def _seed_areas(session: Session) -> None:
    from tidesk.areas import seed_all

    seed_all(session)


def _never_needed(path: Path) -> None:
    raise AssertionError(f"a workspace just created at {path} needed a migration")
