"""A writer killed at a random moment loses nothing it reported stored, and leaves a sound workspace.

A child process (tests/core/crash_child.py) opens the workspace and adds partners, one unit of work each,
printing ``committed N`` after each add_partner returns. The test kills it with SIGKILL after a random
short time, then checks the file (PRAGMA integrity_check), reopens it for writing (the killed child's lock
file is still there) and looks for every partner the child said it had stored. Fifteen rounds, one file.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tidesk.core.lock import lock_path_for
from tidesk.core.service import list_partners
from tidesk.core.workspace import Workspace, inspect_file

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX"),
    pytest.mark.timeout(300),
]

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().parent / "crash_child.py"
ROUNDS = 15
EARLY_EVERY = 5  # every fifth round the child is killed while still starting up or opening
COMMITTED = re.compile(r"^committed (\d+)$")
PARTNER = re.compile(r"^Partner (\d+)$")


def _no_migration(path: Path) -> None:
    raise AssertionError(f"{path} should not need a migration")


class Child:
    """The writer process, with a thread reading its output so the pipe never fills."""

    def __init__(self, workspace: Path, first: int, stderr_path: Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self._stderr = open(stderr_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in finish()
        self.stderr_path = stderr_path
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(workspace), str(first)],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            cwd=ROOT,
            env=env,
            text=True,
        )
        self.lines: list[str] = []
        self.opened = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            line = line.strip()
            self.lines.append(line)
            if line == "opened":
                self.opened.set()

    def wait_until_opened(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not self.opened.wait(0.02):
            if self.process.poll() is not None:
                pytest.fail(f"the writer stopped by itself before opening:\n{self.stderr_path.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail("the writer did not open the workspace in time")

    def kill(self) -> None:
        """SIGKILL, then read every line it managed to print before dying."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        self._stderr.close()
        assert self.process.stdout is not None
        self.process.stdout.close()
        if self.process.returncode != -signal.SIGKILL:
            pytest.fail(
                f"the writer ended by itself (exit {self.process.returncode}) before it was killed:\n"
                f"{self.stderr_path.read_text()}"
            )

    def committed(self) -> list[int]:
        return [int(match[1]) for line in self.lines if (match := COMMITTED.match(line))]


def test_a_killed_writer_loses_nothing_it_reported_stored(tmp_path: Path) -> None:
    path = tmp_path / "crash.tidesk"
    Workspace.create(path).close()
    rng = random.Random(0)
    reported: set[int] = set()  # every number a child said it had stored
    stored: set[int] = set()  # what the previous round found in the workspace
    next_number = 0
    commits_per_round = []
    started = time.perf_counter()

    for round_number in range(ROUNDS):
        early = round_number % EARLY_EVERY == EARLY_EVERY - 1
        child = Child(path, next_number, tmp_path / f"child-{round_number}.stderr")
        try:
            if not early:
                child.wait_until_opened()
            time.sleep(rng.uniform(0.05, 0.6))
        finally:
            child.kill()

        this_round = child.committed()
        assert this_round == list(range(next_number, next_number + len(this_round))), "committed out of order"
        commits_per_round.append(len(this_round))
        reported.update(this_round)
        if child.opened.is_set():
            # The killed writer never released its lock, so its lock file is still here: the next open
            # must take it over (the OS released the lock itself when the process died).
            assert lock_path_for(path.resolve()).exists()

        # PRAGMA integrity_check; raises DamagedWorkspaceError unless it says 'ok'.
        inspect_file(path, full_check=True)

        with Workspace.open(path, before_migration=_no_migration) as ws:
            partners = list_partners(ws)
            revision = ws.revision
        present = set()
        for partner in partners:
            match = PARTNER.match(partner.name)
            assert match, f"unexpected partner {partner.name!r}"
            present.add(int(match[1]))

        missing = reported - present
        assert not missing, f"round {round_number}: reported stored but gone after the kill: {sorted(missing)}"
        # At most one more: the partner whose commit finished just as the child was killed, before it
        # could say so.
        in_flight = next_number + len(this_round)
        assert present - reported - stored <= {in_flight}, f"round {round_number}: partners nobody added"
        assert stored <= present, f"round {round_number}: partners stored earlier are gone"
        # Each add_partner is one unit of work that bumps the revision in the same transaction.
        assert revision == len(present)
        assert sorted(p.position for p in partners) == list(range(len(partners)))
        stored = present
        next_number = max(present, default=-1) + 1

    elapsed = time.perf_counter() - started
    print(f"{ROUNDS} kills, {sum(commits_per_round)} commits {commits_per_round}, {elapsed:.1f} s")
    assert sum(commits_per_round) > 0, "the writer never committed anything before being killed"
