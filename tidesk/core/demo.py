"""A fictional, realistic island service for exploring tidesk and for benchmarks.

Everything here is invented: the island of Carran, its people and its partners. The same seed always
writes the same workspace; ``scale`` multiplies the volume of records for benchmarks. Each area brings its
own demo data (``core/<area>/demo.py``, named in ``tidesk/areas.py``); this module runs them in order.
"""

from __future__ import annotations

import random
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tidesk.core import files
from tidesk.core.errors import TideskError
from tidesk.core.workspace import Progress, Workspace

if TYPE_CHECKING:
    from sqlalchemy import Table

    from tidesk.core.db import Row

DEMO_START = date(2026, 3, 2)


def write_demo(path: Path, *, scale: int = 1, seed: int = 2026, progress: Progress | None = None) -> dict[str, int]:
    """Write a demo workspace at ``path`` (which must not exist). Built aside and renamed into place,
    so an interrupted run leaves nothing behind. Returns how many rows each table received."""
    path = Path(path)
    if scale < 1:
        raise TideskError("the scale is a whole number of at least 1")
    if path.exists():
        raise TideskError(f"{path}: a file is already there; choose another name for the demo")
    report = progress or (lambda _d, _t: None)
    with files.writing(path, purpose="demo") as building:
        with Workspace.create(building, demo=True) as ws:
            counts = fill_demo(ws, scale=scale, seed=seed, progress=report)
            ws.checkpoint()
        for side in ("-wal", "-shm"):
            Path(f"{building}{side}").unlink(missing_ok=True)
        Path(f"{building}.lock").unlink(missing_ok=True)
    return counts


def fill_demo(ws: Workspace, *, scale: int = 1, seed: int = 2026, progress: Progress) -> dict[str, int]:
    """Add every area's demo data to an open workspace in one unit of work."""
    from tidesk.areas import demo_fillers

    rng = random.Random(seed)
    steps = demo_fillers()
    counts: dict[str, int] = {}
    with ws.transaction() as session:
        for done, (_key, step) in enumerate(steps):
            progress(done, len(steps))
            counts.update(step(session, rng, scale))
    progress(len(steps), len(steps))
    return counts


def table_of(model: type[Row]) -> Table:
    """The model's table, for Core inserts: one executemany each, no per-row ORM bookkeeping."""
    found = model.metadata.tables[model.__tablename__]
    return found


def demo_uuid(rng: random.Random) -> str:
    """A uuid from the demo's own random numbers: the same seed gives the same rows, down to their ids."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))
