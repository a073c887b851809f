"""Backups: verified copies, the retention scheme, backups on open and while editing, and restore."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tidesk.core import backup, service
from tidesk.core.errors import BackupError, WorkspaceLockedError
from tidesk.core.opening import open_workspace
from tidesk.core.places import Places
from tidesk.core.workspace import Workspace, inspect_file


def test_a_backup_is_a_verified_copy_with_everything_in_it(workspace: Workspace, places: Places) -> None:
    service.add_partner("Carran CMHT").apply(workspace)
    made = backup.take_backup(workspace.path, places.backups, reason="manual")
    facts = inspect_file(made.path, full_check=True, count_rows=True)
    assert facts.workspace_uuid == workspace.uuid and facts.revision == workspace.revision
    assert facts.counts["partner"] == 1
    assert made.path.parent.name.startswith("service-")
    assert not list(made.path.parent.glob(".*partial"))


def test_a_backup_that_cannot_be_written_is_reported(workspace: Workspace, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the backups folder should be")
    with pytest.raises(BackupError, match="could not be written"):
        backup.take_backup(workspace.path, tmp_path, folder=blocker / "inside")


def test_backup_on_open_only_when_changed(tmp_path: Path, places: Places) -> None:
    path = tmp_path / "w.tidesk"
    Workspace.create(path).close()
    first = open_workspace(path, places)
    assert first.backup is not None and first.backup.reason == "open"
    first.workspace.close()
    second = open_workspace(path, places)
    assert second.backup is None  # nothing changed since the last one
    service.edit_profile(name="Carran").apply(second.workspace)
    second.workspace.close()
    third = open_workspace(path, places)
    assert third.backup is not None and third.backup.revision == 1
    third.workspace.close()


def test_editing_backup_is_due_after_thirty_minutes_of_changes(workspace: Workspace, places: Places) -> None:
    made = backup.take_backup(workspace.path, places.backups, reason="editing")
    assert not backup.editing_backup_due(workspace, places.backups, now=made.taken_at + timedelta(hours=2))
    service.edit_profile(name="Carran").apply(workspace)
    assert not backup.editing_backup_due(workspace, places.backups, now=made.taken_at + timedelta(minutes=29))
    assert backup.editing_backup_due(workspace, places.backups, now=made.taken_at + timedelta(minutes=30))


def _fake(folder: Path, when: datetime, reason: str = "editing") -> backup.Backup:
    return backup.Backup(when, 1, reason, folder / f"{when:%Y-%m-%dT%H%M%S}-r1-{reason}.tidesk")


def test_retention_keeps_recent_daily_monthly_and_upgrade_backups(tmp_path: Path) -> None:
    now = datetime(2026, 11, 22, 12, 0)
    hourly = [_fake(tmp_path, now - timedelta(hours=h)) for h in range(0, 24 * 400, 5)]
    upgrade = _fake(tmp_path, now - timedelta(days=700), "before-upgrade")
    kept = backup.backups_to_keep([*hourly, upgrade], now)
    newest = sorted(hourly, reverse=True)
    assert {b.path for b in newest[:10]} <= kept
    assert upgrade.path in kept
    days = {b.taken_at.date() for b in hourly if b.path in kept and (now - b.taken_at).days < 14}
    assert len(days) == 14
    old = [b for b in hourly if b.path in kept and (now - b.taken_at).days >= 14]
    months = {(b.taken_at.year, b.taken_at.month) for b in old}
    assert len(old) == len(months) <= 12  # one per month beyond the fortnight
    assert len(kept) < 10 + 14 + 12 + 2


def test_thin_removes_files_the_scheme_does_not_keep(workspace: Workspace, places: Places) -> None:
    start = datetime(2026, 1, 1, 9, 0)
    for day in range(40):
        backup.take_backup(workspace.path, places.backups, now=start + timedelta(days=day))
    folder = backup.backup_folder(places.backups, workspace.path, workspace.uuid)
    left = backup.list_backups(folder)
    assert 10 <= len(left) <= 16
    assert left[-1].taken_at == start + timedelta(days=39)


def test_restore_sets_the_current_file_aside(tmp_path: Path, places: Places) -> None:
    path = tmp_path / "w.tidesk"
    with Workspace.create(path) as ws:
        service.edit_profile(name="Before").apply(ws)
        kept = backup.take_backup(path, places.backups)
        service.edit_profile(name="After").apply(ws)
    set_aside = backup.restore(kept.path, path)
    assert set_aside is not None and set_aside.exists()
    with Workspace.open(path, before_migration=lambda _p: None) as ws:
        assert service.get_profile(ws).name == "Before"
    with Workspace.open(set_aside, before_migration=lambda _p: None) as aside:
        assert service.get_profile(aside).name == "After"


def test_restore_refuses_while_the_workspace_is_open(workspace: Workspace, places: Places) -> None:
    kept = backup.take_backup(workspace.path, places.backups)
    with pytest.raises(WorkspaceLockedError):
        backup.restore(kept.path, workspace.path)
