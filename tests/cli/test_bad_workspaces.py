"""Every bad workspace input gives one line and changes nothing: damage only the full check finds, a hollow
file, a recorded format older than the tables, a loop of links, a named pipe, a read-only file, a full disk,
two demos at once, a folder SQLite cannot write in."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.cli.test_cli import tidesk
from tidesk.core.demo import write_demo


def index_damaged(demo: Path, target: Path) -> Path:
    """A workspace that passes SQLite's quick check but fails the full one: a flipped byte in an index."""
    data = bytearray(demo.read_bytes())
    with closing(sqlite3.connect(demo)) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_partner_1'").fetchone()[0]
    data[(root - 1) * size + size - 3] ^= 0x5A
    target.write_bytes(bytes(data))
    with closing(sqlite3.connect(target)) as db:
        assert db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    return target


def hollow(target: Path) -> Path:
    with closing(sqlite3.connect(target)) as db, db:
        db.execute(
            "CREATE TABLE workspace_meta (id INTEGER PRIMARY KEY, application TEXT, workspace_uuid TEXT, "
            "revision INTEGER, is_demo INTEGER, created_by_version TEXT)"
        )
        db.execute("INSERT INTO workspace_meta VALUES (1, 'tidesk', 'x', 0, 0, '0.1.0')")
    return target


def older_record(demo: Path, target: Path) -> Path:
    shutil.copy(demo, target)
    with closing(sqlite3.connect(target)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0002'")  # the tables are of the head revision
    return target


def link_loop(folder: Path) -> Path:
    first, second = folder / "a.tidesk", folder / "b.tidesk"
    first.symlink_to(second)
    second.symlink_to(first)
    return first


def named_pipe(target: Path) -> Path:
    os.mkfifo(target)
    return target


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.tidesk"
    write_demo(path)
    return path


def _bad(tmp_path: Path, demo: Path) -> dict[str, Path]:
    return {
        "damaged index": index_damaged(demo, tmp_path / "damaged.tidesk"),
        "hollow": hollow(tmp_path / "hollow.tidesk"),
        "link loop": link_loop(tmp_path),
        "named pipe": named_pipe(tmp_path / "pipe.tidesk"),
    }


def _one_line(result: subprocess.CompletedProcess[str], label: str) -> None:
    assert result.returncode == 1, (label, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tidesk: "), (label, result.stderr)


@pytest.mark.parametrize(
    "command",
    [
        ("check",),
        ("backup",),
        ("export", "--list"),
        ("export", "--report", "service", "-o", "OUT"),
        ("--exit-when-ready",),
    ],
    ids=lambda c: " ".join(c),
)
def test_bad_workspaces_get_one_line_and_stay_as_they_were(
    command: tuple[str, ...], demo: Path, tmp_path: Path
) -> None:
    for label, path in _bad(tmp_path, demo).items():
        before = path.read_bytes() if path.is_file() and not path.is_symlink() else None
        siblings = sorted(p.name for p in tmp_path.iterdir() if p.name not in {"data", "copies"})
        if command == ("--exit-when-ready",):
            args: list[str | Path] = [path, "--exit-when-ready", "--data-dir", tmp_path / "data"]
        else:
            args = [command[0], path, *(str(tmp_path / "out.pdf") if a == "OUT" else a for a in command[1:])]
            if command[0] == "backup":
                args += ["--to", str(tmp_path / "copies")]
        result = tidesk(*args)
        _one_line(result, label)
        if before is not None:
            assert path.read_bytes() == before, label
        now = sorted(p.name for p in tmp_path.iterdir() if p.name not in {"data", "copies"})
        assert now == siblings, label  # no side files, no half-made PDF


def test_a_recorded_format_older_than_the_tables_is_refused_and_left_as_it_was(demo: Path, tmp_path: Path) -> None:
    path = older_record(demo, tmp_path / "older.tidesk")
    before = path.read_bytes()
    result = tidesk(path, "--exit-when-ready", "--data-dir", tmp_path / "data")
    _one_line(result, "older record")
    assert "could not be brought up to date" in result.stderr
    assert path.read_bytes() == before


def test_a_named_pipe_given_as_a_form_gets_one_line(tmp_path: Path) -> None:
    result = tidesk("forms", "check", named_pipe(tmp_path / "form.yaml"))
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1  # forms check names each problem as FILE:LINE: message
    assert lines[0].endswith("form.yaml:1: this is not an ordinary file, so it is not a form")


def test_a_read_only_workspace_is_opened_to_read_only(demo: Path, tmp_path: Path) -> None:
    from tidesk.core.errors import ReadOnlyWorkspaceError
    from tidesk.core.workspace import Workspace

    path = tmp_path / "kept.tidesk"
    shutil.copy(demo, path)
    path.chmod(0o444)
    with pytest.raises(ReadOnlyWorkspaceError, match="can only be read"):
        Workspace.open(path, before_migration=lambda _p: None)
    with Workspace.open_read_only(path) as ws:
        assert ws.is_read_only
    assert not any(p.name.endswith(("-wal", "-shm", ".lock")) for p in tmp_path.iterdir())


def test_two_demos_to_the_same_path_at_once_make_one_demo_and_one_clear_line(tmp_path: Path) -> None:
    target = tmp_path / "demo.tidesk"
    command = [sys.executable, "-m", "tidesk", "demo", str(target), "--scale", "3"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(2)
    ]
    outcomes = [(*run.communicate(timeout=120), run.returncode) for run in runs]
    codes = sorted(code for _out, _err, code in outcomes)
    assert codes in ([0, 0], [0, 1]), outcomes  # one may finish before the other starts
    for _out, err, code in outcomes:
        if code:
            assert err.strip().startswith("tidesk: ") and len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.tidesk"]  # nothing half-made left


def test_a_demo_where_sqlite_cannot_write_gets_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tidesk import cli
    from tidesk.core import files

    monkeypatch.setattr(files, "aside", lambda path, purpose="part": tmp_path / "gone" / "x.tidesk")
    (tmp_path / "there").mkdir()
    assert cli.main(["demo", str(tmp_path / "there" / "d.tidesk")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("tidesk: ") and "unexpected" not in err[0]
