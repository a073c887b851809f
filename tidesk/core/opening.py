"""Opening and creating workspaces the way the app and the command line both do it: with backups."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tidesk.core.backup import Backup, backup_folder, backup_if_changed, list_backups, take_backup
from tidesk.core.errors import BackupError
from tidesk.core.places import Places
from tidesk.core.workspace import Progress, Workspace


@dataclass
class Opened:
    workspace: Workspace
    backup: Backup | None = None
    backup_problem: str | None = None  # a failed backup is reported to the person, never silent


def open_workspace(path: Path, places: Places, progress: Progress | None = None) -> Opened:
    """Open for writing: back up before any upgrade, then again if it changed since its last backup."""

    def before_upgrade(target: Path) -> None:
        take_backup(target, places.backups, reason="before-upgrade", progress=progress)

    ws = Workspace.open(path, before_migration=before_upgrade)
    opened = Opened(ws)
    try:
        opened.backup = backup_if_changed(ws, places.backups, reason="open", progress=progress)
    except BackupError as exc:
        opened.backup_problem = str(exc)
    return opened


def settle(ws: Workspace, places: Places) -> int:
    """Upkeep after opening, once the window is up (it needs the ORM): removal marks that every backup in
    the retention window already holds have done their work and are purged. Backups taken before an upgrade
    are kept for ever as the way back from a failed upgrade, not for merging, so they do not count."""
    from tidesk.core.purge import purge_removed

    kept = [b for b in list_backups(backup_folder(places.backups, ws.path, ws.uuid)) if b.reason != "before-upgrade"]
    return purge_removed(ws, min(b.revision for b in kept)) if kept else 0


def open_or_create(path: Path, places: Places, progress: Progress | None = None) -> Opened:
    """Open ``path``, creating an empty workspace there first if nothing is there yet."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        Workspace.create(path).close()
    return open_workspace(path, places, progress)
