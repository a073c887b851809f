"""Restore keeps everything: the file it replaces, a source's unfolded commits, and a workspace at its path
whenever it is stopped."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from tidesk.core import backup, files, service
from tidesk.core.workspace import Workspace, inspect_file


def _workspace(path: Path, partners: int) -> Path:
    with Workspace.create(path) as ws:
        for number in range(partners):
            service.add_partner(f"Partner {number}").apply(ws)
    return path


def _partners(path: Path) -> int:
    with Workspace.open_read_only(path) as ws:
        return len(service.list_partners(ws))


def test_two_restores_in_the_same_second_keep_both_files_they_replaced(tmp_path: Path) -> None:
    target = _workspace(tmp_path / "w.tidesk", 1)
    first = _workspace(tmp_path / "first.tidesk", 2)
    second = _workspace(tmp_path / "second.tidesk", 3)
    moment = datetime(2026, 12, 2, 10, 0, 0)
    kept = [backup.restore(first, target, now=moment), backup.restore(second, target, now=moment)]
    assert kept[0] is not None and kept[1] is not None and kept[0] != kept[1]
    assert [_partners(k) for k in kept] == [1, 2]  # the workspace before each restore, both still there
    assert _partners(target) == 3


def test_a_source_with_a_write_ahead_log_is_restored_with_every_commit(tmp_path: Path) -> None:
    source = tmp_path / "source.tidesk"
    Workspace.create(source).close()
    writer = Workspace.open(source, before_migration=lambda _p: None)
    for number in range(15):
        service.add_partner(f"Partner {number}").apply(writer)
    # As after a crash: the commits are in source.tidesk-wal, not yet folded into the main file.
    copied = tmp_path / "copied.tidesk"
    for side in ("", "-wal", "-shm"):
        shutil.copyfile(f"{source}{side}", f"{copied}{side}")
    writer.close()
    target = _workspace(tmp_path / "w.tidesk", 0)
    backup.restore(copied, target)
    assert _partners(target) == 15


def test_a_stop_at_any_moment_of_a_restore_leaves_a_workspace_at_its_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = _workspace(tmp_path / "w.tidesk", 4)
    source = _workspace(tmp_path / "s.tidesk", 7)
    real_place = files.place
    for failing_call in (1, 2):
        calls = {"n": 0}

        def place(
            temporary: Path,
            path: Path,
            *,
            replace: bool = False,
            calls: dict[str, int] = calls,
            failing: int = failing_call,
        ) -> None:
            calls["n"] += 1
            if calls["n"] == failing:  # 1: keeping the current file aside; 2: putting the backup in place
                raise KeyboardInterrupt("the power went")
            real_place(temporary, path, replace=replace)

        monkeypatch.setattr(files, "place", place)
        with pytest.raises(KeyboardInterrupt):
            backup.restore(source, target)
        monkeypatch.setattr(files, "place", real_place)
        assert inspect_file(target, full_check=True) and _partners(target) in (4,)
        assert not list(tmp_path.glob(".*.restoring")) and not list(tmp_path.glob(".*setting-aside"))
    assert _partners(target) == 4
    kept = backup.restore(source, target)
    assert kept is not None and _partners(kept) == 4 and _partners(target) == 7
