"""Start-up: tidesk showing a --scale 20 demo workspace, against a bare PySide6 window; then, in a running
app, the warm-up, the first opening of each page, and the memory an export takes.

Prints figures and asserts nothing. Run: .venv/bin/python benchmarks/startup.py [--pairs 11]

- The ratio: tidesk and a bare QMainWindow are run one after the other, in pairs, each a fresh process timed
  from launch until it exits by itself (tidesk with --exit-when-ready, which quits once the window shows the
  workspace); the figure is the median of the pairs' ratios, with the medians of each.
- Peak memory: the children's maximum resident set size.
- After the warm-up: in one process with the real task runner, how long the background warm-up takes, and
  then how long each page takes to open the first time.
- An export from the running app: peak memory of that same process after writing the service report.
"""

from __future__ import annotations

import argparse
import os
import statistics
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


def paired(tidesk: list[str], bare: list[str], env: dict[str, str], pairs: int) -> None:
    timed(tidesk, env)  # warm the file cache, and let tidesk take its first 'open' backup
    timed(bare, env)
    runs = []
    for _ in range(pairs):
        runs.append((timed(tidesk, env), timed(bare, env)))
    app = [t for (t, _m), _b in runs]
    plain = [t for _a, (t, _m) in runs]
    ratios = [a / b for a, b in zip(app, plain, strict=True)]
    print(f"Start-up on {env['QT_QPA_PLATFORM']}, {pairs} alternating pairs (a --scale 20 demo):")
    print(
        f"  bare PySide6 QMainWindow       median {statistics.median(plain):6.3f} s   "
        f"peak {max(m for _a, (_t, m) in runs):6.1f} MB"
    )
    print(
        f"  tidesk to a window showing it  median {statistics.median(app):6.3f} s   "
        f"peak {max(m for (_t, m), _b in runs):6.1f} MB"
    )
    print(
        f"  ratio, median of the pairs     {statistics.median(ratios):5.2f}   "
        f"(lowest {min(ratios):.2f}, highest {max(ratios):.2f}; goal: at most 2.5, peak under 90 MB)"
    )


IN_APP = r"""
import os, sys, time, resource
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tidesk.core.places import Places
from tidesk.gui.shell import app as gui_app
from tidesk.gui.shell.tasks import TaskRunner
workspace, data = Path(sys.argv[1]), Path(sys.argv[2])
window = gui_app.build(Places.resolve(data), TaskRunner)
window.show()
started = time.perf_counter()
gui_app.start(window, workspace)
while not window.warm:
    app.processEvents()
    time.sleep(0.001)
print(f"warm {time.perf_counter() - started:.3f}")
for key in list(window._entries):
    started = time.perf_counter()
    window.show_page(key)
    app.processEvents()
    print(f"page {key} {time.perf_counter() - started:.3f}")
print(f"peak-before-export {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
from tidesk.gui.shell.export import export_to
out = data / "service.pdf"
export_to(window.ctx, "service", out, open_when_done=False)
while not out.exists() or window.ctx.runner.busy:
    app.processEvents()
    time.sleep(0.005)
print(f"peak-after-export {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}")
window.close()
gui_app.leave(0)
"""


def in_app(workspace: Path, data: Path, env: dict[str, str]) -> None:
    out = subprocess.run(
        [sys.executable, "-c", IN_APP, str(workspace), str(data)], env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    print("In a running app (real task runner):")
    for line in filter(None, out):
        kind, *rest = line.split()
        if kind == "warm":
            print(
                f"  window shown to warmed up (ORM, pages, upkeep): {float(rest[0]) * 1000:6.0f} ms, in the background"
            )
        elif kind == "page":
            print(f"  first opening of {rest[0]:<8} {float(rest[1]) * 1000:6.1f} ms   (goal: under 100 ms)")
        elif kind == "peak-before-export":
            print(f"  peak memory with every page open            {float(rest[0]):6.1f} MB")
        elif kind == "peak-after-export":
            print(f"  peak memory after exporting the service report {float(rest[0]):6.1f} MB   (goal: under 150 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pairs", type=int, default=11)
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
        paired(tidesk, [sys.executable, "-c", BARE_WINDOW], env, args.pairs)
        in_app(workspace, Path(tmp) / "app-data", env)


if __name__ == "__main__":
    main()
