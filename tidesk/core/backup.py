"""Verified backups of a workspace: when they are taken, how they are named, thinned and put back.

A backup is a copy made with SQLite's backup API into a temporary file, integrity-checked, and only then
renamed into place, so every file in the backups folder is one that opens. Names carry the time, the
workspace's revision and why it was taken: ``2026-11-22T101500-r42-open.tidesk``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from tidesk.core import files
from tidesk.core.dates import long_date
from tidesk.core.errors import BackupError, TideskError
from tidesk.core.lock import WorkspaceLock
from tidesk.core.workspace import Progress, Workspace, copy_database, inspect_file

KEEP_LAST = 10
KEEP_DAYS = 14
KEEP_MONTHS = 12
EDITING_INTERVAL = timedelta(minutes=30)
REASONS = {
    "open": "when opened",
    "editing": "while editing",
    "manual": "made by hand",
    "before-upgrade": "before an upgrade",
}

_NAME = re.compile(
    r"^(?P<when>\d{4}-\d{2}-\d{2}T\d{6})(?P<micro>\.\d{6})?-r(?P<revision>\d+)-(?P<reason>[a-z-]+)\.tidesk$"
)


@dataclass(frozen=True, order=True)
class Backup:
    taken_at: datetime
    revision: int
    reason: str
    path: Path

    @property
    def label(self) -> str:
        return f"{long_date(self.taken_at.date())}, {self.taken_at:%H:%M}"

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)


def backup_folder(backups_root: Path, workspace: Path, workspace_uuid: str) -> Path:
    """Each workspace has its own folder of backups, named so a person can tell whose it is."""
    return backups_root / f"{workspace.stem}-{workspace_uuid[:8]}"


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    when = datetime.strptime(match["when"], "%Y-%m-%dT%H%M%S")
    if match["micro"]:
        when = when.replace(microsecond=int(match["micro"][1:]))
    return Backup(when, int(match["revision"]), match["reason"], path)


def list_backups(folder: Path) -> list[Backup]:
    """The backups in a folder, oldest first."""
    if not folder.is_dir():
        return []
    return sorted(b for b in (_parse(p) for p in folder.iterdir()) if b is not None)


def take_backup(
    workspace: Path,
    backups_root: Path,
    *,
    reason: str = "manual",
    progress: Progress | None = None,
    now: datetime | None = None,
    folder: Path | None = None,
) -> Backup:
    """Copy ``workspace`` into its backups folder (or ``folder``), verify the copy, and thin old ones."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    workspace = Path(workspace)
    facts = inspect_file(workspace)
    target_dir = folder or backup_folder(backups_root, workspace, facts.workspace_uuid)
    now = now or datetime.now()
    name = f"{now:%Y-%m-%dT%H%M%S}.{now:%f}-r{facts.revision}-{reason}.tidesk"
    final = target_dir / name
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        with files.writing(final, purpose="partial") as temporary:
            copy_database(workspace, temporary, progress or (lambda _d, _t: None))
            copied = inspect_file(temporary, full_check=True)
            if copied.workspace_uuid != facts.workspace_uuid or copied.revision < facts.revision:
                raise BackupError("the copy does not match the workspace")
    except TideskError as exc:
        raise BackupError(f"the backup could not be verified, so it was not kept: {exc}") from exc
    except OSError as exc:
        reason_text = exc.strerror or str(exc)
        raise BackupError(f"the backup could not be written to {target_dir}: {reason_text}") from exc
    backup = Backup(now, copied.revision, reason, final)
    if folder is None:
        thin(target_dir, now=now)
    return backup


def backups_to_keep(backups: Iterable[Backup], now: datetime) -> set[Path]:
    """The retention scheme: the last 10, the newest of each of the last 14 days and of the last 12
    months, and every backup taken before an upgrade (the way back if an upgrade goes wrong)."""
    newest_first = sorted(backups, reverse=True)
    keep = {b.path for b in newest_first[:KEEP_LAST]}
    keep |= {b.path for b in newest_first if b.reason == "before-upgrade"}
    days: set[object] = set()
    months: set[object] = set()
    for backup in newest_first:
        day = backup.taken_at.date()
        if (now.date() - day).days < KEEP_DAYS and day not in days:
            days.add(day)
            keep.add(backup.path)
        month = (backup.taken_at.year, backup.taken_at.month)
        months_ago = (now.year - month[0]) * 12 + now.month - month[1]
        if months_ago < KEEP_MONTHS and month not in months:
            months.add(month)
            keep.add(backup.path)
    return keep


def thin(folder: Path, *, now: datetime | None = None) -> list[Path]:
    """Remove backups the retention scheme no longer needs; returns what was removed."""
    backups = list_backups(folder)
    keep = backups_to_keep(backups, now or datetime.now())
    removed = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed


def latest_backup(backups_root: Path, ws: Workspace) -> Backup | None:
    found = list_backups(backup_folder(backups_root, ws.path, ws.uuid))
    return found[-1] if found else None


def backup_if_changed(
    ws: Workspace, backups_root: Path, *, reason: str, progress: Progress | None = None
) -> Backup | None:
    """Back up when the workspace has changed since its newest backup; None when nothing changed."""
    latest = latest_backup(backups_root, ws)
    if latest is not None and latest.revision == ws.revision:
        return None
    return take_backup(ws.path, backups_root, reason=reason, progress=progress)


def editing_backup_due(ws: Workspace, backups_root: Path, now: datetime | None = None) -> bool:
    """True when changes have been made and the newest backup is at least 30 minutes old."""
    latest = latest_backup(backups_root, ws)
    if latest is None:
        return ws.revision > 0
    return latest.revision != ws.revision and (now or datetime.now()) - latest.taken_at >= EDITING_INTERVAL


def restore(backup: Path, workspace: Path, *, now: datetime | None = None) -> Path | None:
    """Put ``backup`` back as ``workspace``; the current file, if any, is kept aside first as a copy of
    its own (its path is returned). Refuses while the workspace is open in tidesk.

    Both files are read through SQLite, so commits still in a write-ahead log come too. The current
    workspace stays at its path until the restored one replaces it in one rename: whenever tidesk stops,
    a workspace is there, and the copy set aside holds everything the current one had."""
    backup, workspace = Path(backup), Path(workspace)
    inspect_file(backup, full_check=True)  # raises for anything that is not a sound workspace
    now = now or datetime.now()
    lock = WorkspaceLock(workspace.resolve())
    lock.acquire()
    set_aside = None
    try:
        with files.writing(workspace, replace=True, purpose="restoring") as incoming:
            _copy_through_sqlite(backup, incoming, verify=True)
            if workspace.exists():
                set_aside = _keep_aside(workspace, now)
                for side in ("-wal", "-shm"):  # they belong to the file being replaced, now kept aside whole
                    Path(f"{workspace}{side}").unlink(missing_ok=True)
        return set_aside
    except OSError as exc:
        raise BackupError(f"the backup could not be put back at {workspace}: {exc.strerror or exc}") from exc
    finally:
        lock.release()


def _copy_through_sqlite(source: Path, target: Path, *, verify: bool) -> None:
    copy_database(source, target)
    if verify:
        copied = inspect_file(target, full_check=True)
        if copied.workspace_uuid != inspect_file(source).workspace_uuid:
            raise BackupError("the copy does not match the backup")


def _keep_aside(workspace: Path, now: datetime) -> Path:
    """A copy of the current workspace under a name no other file has (two restores in one second included).
    Read through SQLite when it can be; a workspace too damaged for that is copied byte for byte, WAL too."""
    stem = f"{workspace.stem}.replaced-{now:%Y-%m-%dT%H%M%S}"
    set_aside = workspace.with_name(f"{stem}{workspace.suffix}")
    number = 2
    while any(Path(f"{set_aside}{side}").exists() for side in ("", "-wal", "-shm")):
        set_aside = workspace.with_name(f"{stem}-{number}{workspace.suffix}")
        number += 1
    try:
        with files.writing(set_aside, purpose="setting-aside") as keep:
            copy_database(workspace, keep)
    except TideskError:
        for side in ("", "-wal", "-shm"):
            current = Path(f"{workspace}{side}")
            if current.exists():
                files.copy_file(current, Path(f"{set_aside}{side}"))
    return set_aside


def latest_verified_backup_for(workspace: Path, backups_root: Path) -> Backup | None:
    """The newest backup of a workspace (found by its file name) that passes a full integrity check.

    Used when the workspace itself is damaged, so its identity cannot be read from it."""
    workspace = Path(workspace)
    if not backups_root.is_dir():
        return None
    candidates = [
        found
        for folder in backups_root.glob(f"{workspace.stem}-*")
        if folder.is_dir()
        for found in list_backups(folder)
    ]
    for candidate in sorted(candidates, reverse=True):
        try:
            inspect_file(candidate.path, full_check=True)
        except TideskError:
            continue
        return candidate
    return None


def recovered_copy(backup: Backup, beside: Path, *, now: datetime | None = None) -> Path:
    """Copy a backup to a new file next to ``beside`` (never over it), ready to open."""
    now = now or datetime.now()
    target = beside.with_name(f"{beside.stem}-recovered-{now:%Y-%m-%dT%H%M%S}{beside.suffix or '.tidesk'}")
    try:
        return files.copy_file(backup.path, target)
    except OSError as exc:
        raise BackupError(f"the backup could not be copied to {target.parent}: {exc.strerror or exc}") from exc
