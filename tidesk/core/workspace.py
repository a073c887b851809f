"""The workspace: one SQLite file per service, opened safely, migrated with Alembic, one writer at a time.

This is the only module that speaks SQLite's own dialect (pragmas, the backup API, integrity checks, and
the few quick reads the first window needs); everything else goes through SQLAlchemy so the same code could
run on another database. Opening a workspace imports no SQLAlchemy: the engine is made on first use, so the
window can show the workspace before the ORM has loaded (it is warmed in the background once it has).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tidesk import __version__
from tidesk.core import files, schema
from tidesk.core.errors import (
    DamagedWorkspaceError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    ReadOnlyWorkspaceError,
    StorageError,
    TideskError,
    storage_error,
    storage_reason,
)
from tidesk.core.ids import APPLICATION_ID, new_uuid
from tidesk.core.lock import WorkspaceLock, lock_path_for
from tidesk.core.units import Recorder, Touched, live_rows_only, stamp

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

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
