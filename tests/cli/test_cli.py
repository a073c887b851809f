"""The command line as a person runs it: real processes, real files, one clear line for every mistake."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tidesk import __version__


def tidesk(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("TIDESK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tidesk", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.tidesk"
    result = tidesk("demo", path)
    assert result.returncode == 0, result.stderr
    return path


def test_version() -> None:
    result = tidesk("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"tidesk {__version__}"


def test_demo_check_and_export(demo: Path, tmp_path: Path) -> None:
    check = tidesk("check", demo)
    assert check.returncode == 0, check.stderr
    assert "Integrity:  ok" in check.stdout and "(current)" in check.stdout and "fictional demo" in check.stdout
    listing = tidesk("export", demo, "--list")
    assert listing.returncode == 0 and "service" in listing.stdout
    out = tmp_path / "s.pdf"
    exported = tidesk("export", demo, "--report", "service", "-o", out)
    assert exported.returncode == 0, exported.stderr
    assert out.read_bytes().startswith(b"%PDF")


def test_demo_is_deterministic(tmp_path: Path) -> None:
    import sqlite3

    def rows(path: Path) -> list[tuple[object, ...]]:
        with sqlite3.connect(path) as db:
            return (
                db.execute("SELECT uuid, name, notes FROM partner ORDER BY id").fetchall()
                + db.execute("SELECT uuid, held_on, title FROM familiarisation_meeting ORDER BY id").fetchall()
            )

    for name in ("a", "b"):
        assert tidesk("demo", tmp_path / f"{name}.tidesk", "--scale", "2").returncode == 0
    assert rows(tmp_path / "a.tidesk") == rows(tmp_path / "b.tidesk")


def test_backup_and_restore_round_trip(demo: Path, tmp_path: Path) -> None:
    backups = tmp_path / "copies"
    made = tidesk("backup", demo, "--to", backups)
    assert made.returncode == 0, made.stderr
    copy = next(backups.glob("*.tidesk"))
    target = tmp_path / "restored.tidesk"
    restored = tidesk("restore", copy, target)
    assert restored.returncode == 0, restored.stderr
    assert tidesk("check", target).returncode == 0


def _bad_inputs(tmp: Path, demo: Path) -> dict[str, Path]:
    empty = tmp / "empty.tidesk"
    empty.write_bytes(b"")
    noise = tmp / "noise.tidesk"
    noise.write_bytes(os.urandom(8192))
    pdf = tmp / "report.tidesk"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    truncated = tmp / "truncated.tidesk"
    data = demo.read_bytes()
    truncated.write_bytes(data[: len(data) // 3])
    folder = tmp / "folder.tidesk"
    folder.mkdir()
    return {
        "missing": tmp / "missing.tidesk",
        "empty": empty,
        "random bytes": noise,
        "a pdf": pdf,
        "truncated": truncated,
        "a folder": folder,
    }


BAD_COMMANDS = [
    ("check",),
    ("backup",),
    ("export", "--list"),
    ("export", "--report", "service", "-o", "OUT"),
]


@pytest.mark.parametrize("command", BAD_COMMANDS, ids=lambda c: " ".join(c))
def test_bad_input_gets_one_clear_line_and_is_left_unchanged(
    command: tuple[str, ...], demo: Path, tmp_path: Path
) -> None:
    for label, path in _bad_inputs(tmp_path, demo).items():
        before = path.read_bytes() if path.is_file() else None
        siblings = sorted(p.name for p in tmp_path.iterdir())
        args = [command[0], path, *(str(tmp_path / "out.pdf") if a == "OUT" else a for a in command[1:])]
        if command[0] == "backup":
            args += ["--to", str(tmp_path / "copies")]
        result = tidesk(*args)
        assert result.returncode == 1, (label, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("tidesk: "), (label, result.stderr)
        assert "Traceback" not in result.stderr
        if before is not None:
            assert path.read_bytes() == before, label
        assert sorted(p.name for p in tmp_path.iterdir()) == siblings, label  # no side files left
        copies = tmp_path / "copies"
        assert not copies.exists() or not list(copies.glob("*")), label  # no half-made backup either


def test_restore_from_a_bad_backup_leaves_the_workspace_alone(demo: Path, tmp_path: Path) -> None:
    target = tmp_path / "w.tidesk"
    target.write_bytes(demo.read_bytes())
    for label, bad in _bad_inputs(tmp_path, demo).items():
        result = tidesk("restore", bad, target)
        assert result.returncode == 1 and result.stderr.startswith("tidesk: "), label
        assert target.read_bytes() == demo.read_bytes(), label


def test_demo_refuses_to_overwrite(demo: Path) -> None:
    before = demo.read_bytes()
    result = tidesk("demo", demo)
    assert result.returncode == 1 and "already there" in result.stderr
    assert demo.read_bytes() == before


def test_usage_errors_exit_2() -> None:
    for args in (("check",), ("export", "x.tidesk"), ("demo",), ("frobnicate", "--nope")):
        result = tidesk(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr


def test_unknown_report_is_named(demo: Path, tmp_path: Path) -> None:
    result = tidesk("export", demo, "--report", "nonsense", "-o", tmp_path / "x.pdf")
    assert result.returncode == 1 and "service" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_a_word_that_is_neither_a_command_nor_a_file_is_a_usage_error(tmp_path: Path) -> None:
    result = tidesk("frobnicate", cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tidesk: 'frobnicate' is neither a command nor a workspace")


@pytest.mark.parametrize("args", [(), ("frobnicate.tidesk",)])
def test_without_a_display_the_app_says_so_in_one_line(args: tuple[str, ...], demo: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}}
    target = [str(demo)] if not args else list(args)
    result = subprocess.run(
        [sys.executable, "-m", "tidesk", *target, "--data-dir", str(tmp_path / "d")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
    )
    assert result.returncode in (1, 2), result  # never a Qt abort (SIGABRT, -6)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tidesk: ")
    if not args:
        assert "no display" in lines[0]


def test_check_shows_no_count_of_people_below_the_threshold() -> None:
    from tidesk.cli import protected_counts

    few = protected_counts({"form_response": 3, "form_answer": 30, "partner": 2}, 5)
    assert few == {"form_response": "withheld", "form_answer": "withheld", "partner": "2"}
    many = protected_counts({"form_response": 8, "form_answer": 60}, 5)
    assert many == {"form_response": "8", "form_answer": "60"}
    assert protected_counts({"form_response": 6}, 7) == {"form_response": "withheld"}
