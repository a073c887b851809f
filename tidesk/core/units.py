"""Units of work: what each one touched, and the rules every session keeps.

A unit of work (``Workspace.transaction``) carries a recorder: every row it adds, changes or removes is
stamped with the new revision and noted, so the window refreshes only the pages that show what changed. Every
ORM query leaves out rows marked removed unless it asks for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tidesk.core.errors import TideskError
from tidesk.core.ids import INCLUDE_REMOVED

if TYPE_CHECKING:
    from sqlalchemy.orm import ORMExecuteState, Session


@dataclass(frozen=True)
class Touched:
    """What one unit of work changed: the revision it made, the tables, and the uuids of the rows.

    Pages compare it with what they show, so an edit refreshes only the pages that show it."""

    revision: int
    tables: frozenset[str]
    rows: frozenset[str]

    def touches(self, tables: Iterable[str]) -> bool:
        return not self.tables.isdisjoint(tables)


EVERYTHING = Touched(-1, frozenset({"*"}), frozenset())  # a reload, a new workspace: everything may differ


class Recorder:
    """Collects, inside one transaction, which tables and rows it changed."""

    def __init__(self, revision: int) -> None:
        self.revision = revision
        self.tables: set[str] = set()
        self.rows: set[str] = set()

    def note(self, table: str, uuids: Iterable[str] = ()) -> None:
        self.tables.add(table)
        self.rows.update(uuids)

    def result(self) -> Touched:
        return Touched(self.revision, frozenset(self.tables), frozenset(self.rows))


def recorder(session: Session) -> Recorder:
    """The unit of work's record of what it touched (core/changes.py adds to it for its Core statements)."""
    found = session.info.get("recorder")
    if not isinstance(found, Recorder):
        raise TideskError("changes can only be made inside a unit of work (Workspace.transaction)")
    return found


def stamp(session: Session, _context: object, _instances: object) -> None:
    """Every new or changed row carries the revision that changed it (anonymous answers excepted)."""
    from tidesk.core.db import Row

    record = session.info.get("recorder")
    if not isinstance(record, Recorder):
        return
    for instance in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(instance, Row):
            continue
        if instance not in session.deleted and instance.stamp_allowed():
            instance.changed_in = record.revision
        record.note(instance.__tablename__, [instance.uuid] if instance.uuid else [])


def live_rows_only(state: ORMExecuteState) -> None:
    """Rows marked removed are left out of every ORM query, unless the query asks for them."""
    from sqlalchemy.orm import with_loader_criteria

    from tidesk.core.db import Row

    if (
        state.is_select
        and not state.is_column_load
        and not state.is_relationship_load
        and not state.execution_options.get(INCLUDE_REMOVED, False)
    ):
        state.statement = state.statement.options(
            with_loader_criteria(Row, lambda cls: cls.removed_in.is_(None), include_aliases=True)
        )
    elif state.is_insert or state.is_update or state.is_delete:
        record = state.session.info.get("recorder")
        table = getattr(state.statement, "table", None)
        if isinstance(record, Recorder) and table is not None:
            record.note(str(table.name))
