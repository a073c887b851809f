"""The workspace file: created whole, opened safely, one writer, refused when newer, migrated when older."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tidesk.core import schema, service
from tidesk.core.backup import list_backups
from tidesk.core.errors import NewerWorkspaceError, TideskError, WorkspaceLockedError
from tidesk.core.models import Base
from tidesk.core.opening import open_workspace
from tidesk.core.places import Places
from tidesk.core.workspace import Workspace, inspect_file

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_new_workspace_has_the_pragmas_and_a_seeded_pathway(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    names = [stage.name for stage in service.list_stages(workspace)]
    assert names[0] == "Hearing about the service" and len(names) == 10


def test_models_match_the_migrations(workspace: Workspace) -> None:
    with workspace.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_every_row_has_a_stable_uuid(workspace: Workspace) -> None:
    service.add_partner("Harbour Pharmacy", "Pharmacy").apply(workspace)
    partner = service.list_partners(workspace)[0]
    assert len(partner.uuid) == 36
    service.edit_partner(partner.uuid, name="Harbour Pharmacy (Port Ardmor)").apply(workspace)
    assert service.list_partners(workspace)[0].uuid == partner.uuid


def test_create_refuses_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "x.tidesk"
    target.write_bytes(b"keep me")
    with pytest.raises(TideskError, match="already there"):
        Workspace.create(target)
    assert target.read_bytes() == b"keep me"


def test_a_second_writer_is_refused_with_a_clear_message(workspace: Workspace) -> None:
    with pytest.raises(WorkspaceLockedError, match=r"already open in tidesk on .* \(process \d+"):
        Workspace.open(workspace.path, before_migration=lambda _p: None)


def test_a_stale_lock_file_left_by_a_crash_is_recovered(tmp_path: Path) -> None:
    path = tmp_path / "w.tidesk"
    Workspace.create(path).close()
    (tmp_path / "w.tidesk.lock").write_text('{"pid": 999999, "host": "gone", "since": "yesterday"}')
    with Workspace.open(path, before_migration=lambda _p: None) as ws:
        assert ws.revision == 0
    assert not (tmp_path / "w.tidesk.lock").exists()


def test_every_unit_of_work_bumps_the_revision(workspace: Workspace) -> None:
    start = workspace.revision
    service.edit_profile(name="Carran").apply(workspace)
    service.add_stage("Peer welcome").apply(workspace)
    assert workspace.revision == start + 2
    with pytest.raises(TideskError):
        service.add_stage("   ").apply(workspace)
    assert workspace.revision == start + 2


def test_a_failed_unit_of_work_stores_nothing(workspace: Workspace) -> None:
    before = service.list_stages(workspace)
    with pytest.raises(RuntimeError), workspace.transaction() as session:
        session.add(service.PathwayStage(name="half made", position=99))
        session.flush()
        raise RuntimeError("power cut")
    assert service.list_stages(workspace) == before


def _stamp_newer(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")


def test_a_workspace_from_a_newer_tidesk_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "new.tidesk"
    Workspace.create(path).close()
    _stamp_newer(path)
    before = path.read_bytes()
    with pytest.raises(NewerWorkspaceError, match="newer version of tidesk"):
        Workspace.open(path, before_migration=lambda _p: None)
    assert path.read_bytes() == before


def test_an_old_workspace_is_backed_up_then_upgraded(tmp_path: Path, places: Places) -> None:
    path = tmp_path / "old.tidesk"
    shutil.copy(FIXTURES / "workspace-0001.tidesk", path)
    assert inspect_file(path).schema_revision == "0001"
    opened = open_workspace(path, places)
    with opened.workspace as ws:
        assert service.get_profile(ws).name == "Skerry Recovery Service"
        assert [p.name for p in service.list_partners(ws)] == ["Skerry Surgery", "Łucja's Pharmacy"]
        assert len(service.list_stages(ws)) == 4
        folder = next(places.backups.iterdir())
        kept = list_backups(folder)
        assert [b.reason for b in kept] == ["before-upgrade"]
        assert inspect_file(kept[0].path).schema_revision == "0001"  # the backup is the old file
    assert inspect_file(path).schema_revision == schema.head_revision()


def test_a_failed_backup_before_upgrade_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "old.tidesk"
    shutil.copy(FIXTURES / "workspace-0001.tidesk", path)
    before = path.read_bytes()

    def refuse(_path: Path) -> None:
        raise TideskError("the disk is full")

    with pytest.raises(TideskError, match="disk is full"):
        Workspace.open(path, before_migration=refuse)
    assert path.read_bytes() == before
    assert not (tmp_path / "old.tidesk.lock").exists()


def test_read_only_open_changes_nothing_and_takes_no_lock(tmp_path: Path) -> None:
    path = tmp_path / "w.tidesk"
    Workspace.create(path).close()
    before = path.read_bytes()
    with Workspace.open_read_only(path) as ws, Workspace.open(path, before_migration=lambda _p: None) as writer:
        assert service.list_stages(ws) == service.list_stages(writer)
    assert path.read_bytes() == before


def test_the_listed_revisions_are_the_migration_files() -> None:
    assert list(schema.REVISIONS) == schema.alembic_revisions()


def test_opening_a_current_workspace_does_not_load_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "w.tidesk"
    Workspace.create(path).close()
    script = (
        "import sys\nfrom pathlib import Path\nfrom tidesk.core.workspace import Workspace\n"
        f"Workspace.open(Path({str(path)!r}), before_migration=print).close()\n"
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
