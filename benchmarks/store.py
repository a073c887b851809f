"""How fast the workspace store is: demo generation, the raw-SQLite floor, opening, checking, backing up.

Run from the checkout: ``.venv/bin/python benchmarks/store.py [--scales 1,20] [--repeat 5]``.
It prints figures and asserts nothing. Everything is written to a temporary folder that is removed after.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import event

from tidesk.core.backup import take_backup
from tidesk.core.familiarisation import demo as familiarisation_demo
from tidesk.core.opening import open_workspace
from tidesk.core.places import Places
from tidesk.core.service import demo as service_demo
from tidesk.core.units import Recorder
from tidesk.core.workspace import Workspace, inspect_file

MB = 1024 * 1024


def _no_progress(_done: int, _total: int) -> None:
    pass


def _no_migration(path: Path) -> None:
    raise RuntimeError(f"{path} unexpectedly needed a migration")


def best_of(repeat: int, run: Callable[[], float]) -> float:
    """The smallest of ``repeat`` timings; ``run`` returns the seconds it measured itself."""
    return min(run() for _ in range(repeat))


def best_of_each(repeat: int, runs: dict[str, Callable[[], float]]) -> dict[str, float]:
    """Like best_of for several variants, taking turns so a busy moment on the machine hits them all."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):
        for name, run in runs.items():
            best[name] = min(best[name], run())
    return best


@dataclass
class Table:
    title: str
    rows: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, label: str, value: str, note: str = "") -> None:
        self.rows.append((label, value, note))

    def show(self) -> None:
        width = max(len(label) for label, _, _ in self.rows)
        value_width = max(len(value) for _, value, _ in self.rows)
        lines = [f"{label:<{width}}  {value:>{value_width}}  {note}".rstrip() for label, value, note in self.rows]
        print(f"\n{self.title}")
        print("-" * max(len(line) for line in [*lines, self.title]))
        print("\n".join(lines))


# The rows the store is measured with: the service and, for volume, the familiarisation demo (conversations,
# notes, findings and their tags, documents), in one unit of work as fill_demo does.
FILLERS = (service_demo.fill, familiarisation_demo.fill)


def fill(ws: Workspace, scale: int, seed: int) -> None:
    rng = random.Random(seed)
    with ws.transaction() as session:
        for filler in FILLERS:
            filler(session, rng, scale)


def create_and_fill(path: Path, scale: int, seed: int) -> None:
    """What write_demo does, with the benchmark's rows: a new workspace, filled, folded into one file."""
    with Workspace.create(path, demo=True) as ws:
        fill(ws, scale, seed)
        ws.checkpoint()


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# ---- capturing exactly what fill_demo sends to SQLite ---------------------------------------------


TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"}


@dataclass
class Captured:
    statement: str
    parameters: Any
    many: bool


def capture_fill(template: Path, folder: Path, scale: int, seed: int) -> list[Captured]:
    """Run fill_demo once on a copy of the empty workspace, recording every statement and its parameters
    as handed to the sqlite3 driver (already converted: dates as text, and so on)."""
    target = folder / f"capture-{scale}.tidesk"
    shutil.copyfile(template, target)
    captured: list[Captured] = []

    def record(
        _conn: object, _cursor: object, statement: str, parameters: Any, _context: object, executemany: bool
    ) -> None:
        if statement.split(None, 1)[0].upper() not in TRANSACTION_CONTROL:  # the replay begins and commits itself
            captured.append(Captured(statement, parameters, executemany))

    with Workspace.open(target, before_migration=_no_migration) as ws:
        event.listen(ws.engine, "before_cursor_execute", record)
        fill(ws, scale, seed)
        event.remove(ws.engine, "before_cursor_execute", record)
    return captured


def raw_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the workspace's own pragmas, transactions managed by hand."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    db.execute("PRAGMA busy_timeout=5000")
    return db


def raw_replay(template: Path, target: Path, captured: list[Captured]) -> float:
    """The floor: the same statements and values through sqlite3 executemany, in one transaction."""
    shutil.copyfile(template, target)
    db = raw_connect(target)
    try:
        started = time.perf_counter()
        db.execute("BEGIN")
        for item in captured:
            if item.many:
                db.executemany(item.statement, item.parameters)
            else:
                db.execute(item.statement, item.parameters).fetchall()
        db.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        db.close()


class _NullSession:
    """Stands in for a session so the demo's row building can be timed without any database work."""

    def __init__(self) -> None:
        self.info = {"recorder": Recorder(1)}  # the demo asks its unit of work which revision it makes

    def execute(self, *_args: object, **_kwargs: object) -> None:
        return None

    def scalars(self, *_args: object, **_kwargs: object) -> list[object]:
        return []


def generation_time(scale: int, seed: int) -> float:
    """Only the Python that builds the demo's row dicts (random choices, dates, uuids)."""
    session: Any = _NullSession()
    rng = random.Random(seed)
    started = time.perf_counter()
    for filler in FILLERS:
        filler(session, rng, scale)
    return time.perf_counter() - started


def sqlalchemy_fill(template: Path, target: Path, scale: int, seed: int) -> float:
    shutil.copyfile(template, target)
    with Workspace.open(target, before_migration=_no_migration) as ws:
        started = time.perf_counter()
        fill(ws, scale, seed)
        return time.perf_counter() - started


def one_row_commit(template: Path, target: Path) -> float:
    """What a single small commit costs here (mostly the fsync that synchronous=FULL asks for)."""
    shutil.copyfile(template, target)
    db = raw_connect(target)
    try:
        started = time.perf_counter()
        db.execute("BEGIN")
        db.execute("UPDATE workspace_meta SET revision = revision + 1")
        db.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        db.close()


def dump(path: Path) -> list[tuple[str, list[tuple[Any, ...]]]]:
    db = sqlite3.connect(path)
    try:
        names = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return [(name, sorted(db.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)) for name in names]
    finally:
        db.close()


def statement_summary(captured: list[Captured]) -> str:
    """Statements per kind, e.g. 'INSERT 5 (2 491 rows), UPDATE 2, SELECT 2, DELETE 1'."""
    kinds: dict[str, list[int]] = {}
    for item in captured:
        kind = item.statement.split(None, 1)[0].upper()
        rows = len(item.parameters) if item.many else 1
        counts = kinds.setdefault(kind, [0, 0])
        counts[0] += 1
        counts[1] += rows
    return ", ".join(f"{kind} {n}x/{rows} rows" for kind, (n, rows) in kinds.items())


# ---- the run ---------------------------------------------------------------------------------------


def bench_generation(folder: Path, template: Path, scale: int, seed: int, repeat: int, table: Table) -> Path:
    """write_demo end to end, the insert phase alone, and the raw sqlite3 floor, at one scale."""
    counter = iter(range(10_000))

    def whole() -> float:
        target = folder / f"demo-{scale}-{next(counter)}.tidesk"
        started = time.perf_counter()
        create_and_fill(target, scale, seed)
        return time.perf_counter() - started

    kept = folder / f"demo-{scale}.tidesk"
    create_and_fill(kept, scale, seed)
    captured = capture_fill(template, folder, scale, seed)
    rows = sum(len(c.parameters) if c.many else 1 for c in captured if c.statement.upper().startswith("INSERT"))
    best = best_of_each(
        repeat,
        {
            "whole": whole,
            "fill": lambda: sqlalchemy_fill(template, folder / f"fill-{scale}.tidesk", scale, seed),
            "raw": lambda: raw_replay(template, folder / f"raw-{scale}.tidesk", captured),
            "gen": lambda: generation_time(scale, seed),
            "commit": lambda: one_row_commit(template, folder / f"commit-{scale}.tidesk"),
        },
    )
    whole_time, fill_time, raw_time = best["whole"], best["fill"], best["raw"]
    gen_time = best["gen"]
    same = dump(folder / f"fill-{scale}.tidesk") == dump(folder / f"raw-{scale}.tidesk")

    table.add(f"scale {scale}: rows written", f"{rows:,}", f"({statement_summary(captured)})")
    table.add(
        f"scale {scale}: create (Alembic) + fill + checkpoint", ms(whole_time), f"{rows / whole_time:,.0f} rows/s"
    )
    table.add(f"scale {scale}: fill_demo (insert phase, SQLAlchemy)", ms(fill_time), f"{rows / fill_time:,.0f} rows/s")
    table.add(f"scale {scale}:   of which building the row dicts", ms(gen_time), "(no database work)")
    table.add(
        f"scale {scale}: raw sqlite3 executemany (floor)",
        ms(raw_time),
        f"{rows / raw_time:,.0f} rows/s; same rows as fill_demo: {'yes' if same else 'NO'}",
    )
    table.add(f"scale {scale}:   of which one commit (fsync)", ms(best["commit"]), "(a one-row commit, raw)")
    table.add(
        f"scale {scale}: ratio fill_demo / raw",
        f"{fill_time / raw_time:.2f}x",
        f"{fill_time / (raw_time + gen_time):.2f}x against raw + building the dicts",
    )
    table.add(
        f"scale {scale}: ratio create+fill / raw",
        f"{whole_time / raw_time:.2f}x",
        "(also creates the schema with Alembic)",
    )
    return kept


def bench_open_check_backup(folder: Path, workspace: Path, repeat: int, table: Table) -> None:
    size = workspace.stat().st_size
    table.add("workspace file size", f"{size / MB:.2f} MB", f"{workspace.name}")

    def open_close() -> float:
        started = time.perf_counter()
        Workspace.open(workspace, before_migration=_no_migration).close()
        return time.perf_counter() - started

    table.add("Workspace.open + close", ms(best_of(repeat, open_close)), "(lock, quick_check, engine)")

    places = Places(data_dir=folder / "data", config_dir=folder / "data" / "config")

    def open_app(expect_backup: bool) -> float:
        started = time.perf_counter()
        opened = open_workspace(workspace, places)
        elapsed = time.perf_counter() - started
        opened.workspace.close()
        if (opened.backup is not None) != expect_backup or opened.backup_problem:
            print(f"note: open_workspace backup={opened.backup} problem={opened.backup_problem}", file=sys.stderr)
        return elapsed

    table.add("open_workspace, first (takes an 'open' backup)", ms(open_app(True)), "")
    table.add("open_workspace, again (nothing changed)", ms(best_of(repeat, lambda: open_app(False))), "")

    def check() -> float:
        started = time.perf_counter()
        inspect_file(workspace, full_check=True, count_rows=True)
        return time.perf_counter() - started

    check_time = best_of(repeat, check)
    table.add("inspect_file(full_check, count_rows)", ms(check_time), f"{size / MB / check_time:,.1f} MB/s")

    backups = folder / "backups"

    def backup() -> float:
        started = time.perf_counter()
        take_backup(workspace, backups, reason="manual")
        return time.perf_counter() - started

    backup_time = best_of(repeat, backup)
    table.add(
        "take_backup (copy, verify, fsync, rename, thin)",
        ms(backup_time),
        f"{size / MB / backup_time:,.1f} MB/s; {backup_time * 1000 / (size / MB):,.1f} ms per MB",
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,20", help="demo scales to write, comma separated (default 1,20)")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs (default 5)")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    scales = [int(s) for s in args.scales.split(",")]

    print(
        f"tidesk store benchmark: Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}, "
        f"best of {args.repeat}"
    )
    with tempfile.TemporaryDirectory(prefix="tidesk-bench-") as temporary:
        folder = Path(temporary)
        template = folder / "empty.tidesk"
        Workspace.create(template).close()

        generation = Table("Demo generation and the raw-SQLite floor (WAL, synchronous=FULL, one transaction)")
        written = [bench_generation(folder, template, s, args.seed, args.repeat, generation) for s in scales]
        generation.show()

        largest = written[scales.index(max(scales))]
        store = Table(f"Open, check and back up the scale-{max(scales)} workspace")
        bench_open_check_backup(folder, largest, args.repeat, store)
        store.show()


if __name__ == "__main__":
    main()
