"""Helpers the tests share."""

from __future__ import annotations

import sqlite3
from pathlib import Path

BOOKKEEPING = {"changed_in", "removed_in"}


def live_state(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """What the workspace holds for a person: every live row, without the stamps that say when it changed
    (an undone change leaves rows marked removed and stamps moved on, and nothing a person can see)."""
    with sqlite3.connect(path) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        state = {}
        for name in names:
            if name in {"workspace_meta", "alembic_version"}:
                continue
            columns = [c[1] for c in db.execute(f'PRAGMA table_info("{name}")')]
            kept = [c for c in columns if c not in BOOKKEEPING]
            where = " WHERE removed_in IS NULL" if "removed_in" in columns else ""
            query = f'SELECT {", ".join(kept)} FROM "{name}"{where}'
            state[name] = sorted(db.execute(query).fetchall(), key=repr)
        return state
