"""What one edit costs on screen: an edit on the Service page of a --scale 20 demo, with every page built.

Prints which pages refreshed, how many SQL statements the edit and its refresh ran, and the time from the
edit to the screen being up to date (best and median of --runs edits). Asserts nothing.
Run: .venv/bin/python benchmarks/refresh.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from tidesk.core import service
from tidesk.core.demo import write_demo
from tidesk.core.places import Places
from tidesk.gui.shell import app as gui_app
from tidesk.gui.shell.tasks import SynchronousRunner
from tidesk.gui.widgets.page import RefreshPolicy


def policies(window: gui_app.MainWindow) -> dict[str, RefreshPolicy]:
    found = {}
    for key, page in window._pages.items():
        policy = page.findChild(RefreshPolicy) or getattr(page, "policy", None)
        if isinstance(policy, RefreshPolicy):
            found[key] = policy
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    application = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        workspace = Path(tmp) / "demo-20.tidesk"
        write_demo(workspace, scale=20)
        window = gui_app.build(Places.resolve(Path(tmp) / "data"), SynchronousRunner)
        window.show()
        gui_app.start(window, workspace)
        for entry in window._entries.values():  # every page built, as after a session of use
            window.show_page(entry.key)
            application.processEvents()
        window.show_page("service")
        application.processEvents()
        ctx = window.ctx
        statements: list[str] = []
        event.listen(ctx.ws.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        before = {key: policy.refreshes for key, policy in policies(window).items()}
        stages = service.list_stages(ctx.ws)
        timings = []
        statements.clear()
        for run in range(args.runs):
            change = service.edit_stage(stages[run % len(stages)].uuid, description=f"Edited {run}")
            started = time.perf_counter()
            ctx.apply("Edit a stage", change)
            application.processEvents()
            timings.append(time.perf_counter() - started)
        after = {key: policy.refreshes for key, policy in policies(window).items()}
        window.close()
    refreshed = {key: after[key] - before[key] for key in after}
    print(f"An edit on the Service page of a --scale 20 demo, {args.runs} edits, every page built:")
    for key, count in sorted(refreshed.items()):
        print(f"  {key:<10} refreshed {count:>3} times ({count / args.runs:.1f} per edit)")
    print(f"  SQL statements per edit, with its refresh: {len(statements) / args.runs:.1f}")
    print(
        f"  edit to screen up to date: best {min(timings) * 1000:.1f} ms, "
        f"median {statistics.median(timings) * 1000:.1f} ms (budget for a 300-note journey map: 50 ms)"
    )


if __name__ == "__main__":
    main()
