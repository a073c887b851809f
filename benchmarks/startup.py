"""Startup time: tidesk opening a --scale 20 demo workspace, against a bare PySide6 window.

Prints figures and asserts nothing. Run: .venv/bin/python benchmarks/startup.py [--runs N]
Each run is a fresh process timed from launch until it exits by itself (--exit-when-ready quits once the
window is shown with the workspace loaded and the event loop is idle). Peak memory is the child's
maximum resident set size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, window.close)
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (MB) of one child process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {child.stderr.read().decode() if child.stderr else ''}")
    return elapsed, usage.ru_maxrss / 1024  # KiB on Linux


def best(command: list[str], env: dict[str, str], runs: int) -> tuple[float, float, float]:
    timed(command, env)  # warm the file cache
    results = [timed(command, env) for _ in range(runs)]
    times = sorted(t for t, _ in results)
    return times[0], times[len(times) // 2], max(m for _, m in results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "demo-20.tidesk"
        subprocess.run(
            [sys.executable, "-m", "tidesk", "demo", str(workspace), "--scale", "20"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        tidesk = [sys.executable, "-m", "tidesk", str(workspace), "--exit-when-ready", "--data-dir", tmp]
        bare = [sys.executable, "-c", BARE_WINDOW]
        app_best, app_median, app_peak = best(tidesk, env, args.runs)
        bare_best, bare_median, bare_peak = best(bare, env, args.runs)
    print(f"Startup on {env['QT_QPA_PLATFORM']}, best and median of {args.runs} runs (a --scale 20 demo):")
    row = "  {:<26} best {:6.3f} s   median {:6.3f} s   peak {:6.1f} MB"
    print(row.format("bare PySide6 QMainWindow", bare_best, bare_median, bare_peak))
    print(row.format("tidesk to a loaded window", app_best, app_median, app_peak))
    print(f"  ratio (best)               {app_best / bare_best:5.2f}   (goal: at most 4; peak memory under 150 MB)")


if __name__ == "__main__":
    main()
