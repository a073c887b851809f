"""The process tests/core/test_crash.py kills: opens a workspace and adds partners, one unit of work each.

``python tests/core/crash_child.py WORKSPACE FIRST`` prints ``opened`` once the workspace is open, then
``committed N`` after add_partner for 'Partner N' has returned (so is stored), for N = FIRST, FIRST+1, ...
until it is killed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tidesk.core.service import add_partner
from tidesk.core.workspace import Workspace


def _no_migration(path: Path) -> None:
    raise SystemExit(f"{path} needed a migration; the crash test expects a current workspace")


def main() -> None:
    path, first = Path(sys.argv[1]), int(sys.argv[2])
    ws = Workspace.open(path, before_migration=_no_migration)
    print("opened", flush=True)
    number = first
    while True:
        add_partner(f"Partner {number}").apply(ws)
        print(f"committed {number}", flush=True)
        number += 1


if __name__ == "__main__":
    main()
