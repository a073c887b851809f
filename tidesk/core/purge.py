"""Forgetting removed rows for good, once no kept backup still holds them as they were.

A removed row is kept, marked with the revision that removed it, so that another machine's copy can learn
of the removal when the two are merged. Once every backup the retention scheme keeps was taken after the
removal, the mark has done its work and the row is deleted.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select

from tidesk.core.db import Base
from tidesk.core.models import load_models
from tidesk.core.workspace import Workspace


def _row_tables() -> list[str]:
    """Every table of rows that can be marked removed, children before the rows they hang off."""
    load_models()
    return [table.name for table in reversed(Base.metadata.sorted_tables) if "removed_in" in table.c]


def removed_count(ws: Workspace, up_to: int) -> int:
    with ws.read() as session:
        total = 0
        for name in _row_tables():
            table = Base.metadata.tables[name]
            total += int(
                session.scalar(select(func.count()).select_from(table).where(table.c.removed_in <= up_to)) or 0
            )
        return total


def purge_removed(ws: Workspace, up_to: int) -> int:
    """Delete rows removed at or before revision ``up_to``; returns how many. No unit of work if none."""
    if not removed_count(ws, up_to):
        return 0
    deleted = 0
    with ws.transaction() as session:
        for name in _row_tables():  # children before the rows they hang off
            table = Base.metadata.tables[name]
            result = session.execute(delete(table).where(table.c.removed_in <= up_to))
            deleted += int(getattr(result, "rowcount", 0) or 0)
    return deleted
