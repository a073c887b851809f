"""Changes with their inverses: every edit a person makes is a value whose ``apply(ws)`` does one unit of work
in one transaction and returns its exact inverse.

The GUI keeps one thin undo command around a change: undo applies the inverse and keeps *its* inverse for
redo, and so on, so undo and redo are the same operation. Areas build these generic changes (or their own
subclasses) in their use-case functions, which check what a person asked for before anything is written.

Removal marks rows (and everything that hangs off them: rows whose foreign keys point at them, and their
tags) with the revision that removed them; restoring clears exactly those marks, so an undo brings back
exactly what was there. Rows in an ordered list keep a ``position``; removing leaves a gap (so restoring
needs no renumbering) and inserting or moving renumbers the live rows, with the old positions kept in the
inverse.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Column, Table, case, func, insert, select, update
from sqlalchemy.orm import Session

from tidesk.core.db import ANONYMOUS, Base
from tidesk.core.errors import TideskError
from tidesk.core.units import recorder
from tidesk.core.workspace import Workspace

GONE = "that item is no longer in this workspace; it may have been removed already"
Target = tuple[str, str]  # (table, uuid)


class Change(ABC):
    """One person's action on the workspace, as a value."""

    def apply(self, ws: Workspace) -> Change:
        """Do it in one unit of work; returns the change that undoes it exactly."""
        with ws.transaction() as session:
            return self.apply_in(session)

    @abstractmethod
    def apply_in(self, session: Session) -> Change:
        """Do it inside the caller's unit of work (a batch); returns the inverse."""

    @property
    def merge_key(self) -> Hashable | None:
        """Changes with the same key, one after another, are one gesture: one Ctrl+Z undoes them all."""
        return None

    def then(self, later: Change) -> Change:
        """A change that does this and then ``later`` (how one gesture's inverses are combined)."""
        return Batch((self, later))


# ---- tables and rows ---------------------------------------------------------------------------------


def table(name: str) -> Table:
    from tidesk.core.models import load_models

    load_models()
    found = Base.metadata.tables.get(name)
    if found is None:
        raise KeyError(f"there is no table {name!r}")
    return found


def live_row(session: Session, name: str, uuid: str) -> Mapping[str, Any]:
    """The row as stored, or a plain TideskError when it is gone (removed meanwhile, or never here)."""
    found = table(name)
    row = session.execute(select(found).where(found.c.uuid == uuid, found.c.removed_in.is_(None))).mappings().first()
    if row is None:
        raise TideskError(GONE)
    return dict(row)


def _stamps(found: Table, row: Mapping[str, Any] | None, revision: int) -> dict[str, int]:
    anonymous = ANONYMOUS in found.c and bool(row and row.get(ANONYMOUS))
    return {} if anonymous else {"changed_in": revision}


def write_fields(session: Session, name: str, uuid: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """Set some columns of one live row, stamped; returns what they were."""
    found = table(name)
    unknown = set(values) - set(found.c.keys())
    if unknown or {"id", "uuid", "changed_in", "removed_in"} & set(values):
        raise ValueError(f"{name}: these columns cannot be set here: {sorted(set(values) - set(found.c.keys()))}")
    row = live_row(session, name, uuid)
    before = {key: row[key] for key in values}
    record = recorder(session)
    session.execute(update(found).where(found.c.uuid == uuid).values(**values, **_stamps(found, row, record.revision)))
    record.note(name, [uuid])
    return before


def insert_row(session: Session, name: str, values: Mapping[str, Any]) -> None:
    found = table(name)
    if "uuid" not in values:
        raise ValueError("a new row needs its uuid, so redo and later changes find the same row")
    record = recorder(session)
    session.execute(insert(found).values(**values, **_stamps(found, values, record.revision)))
    record.note(name, [values["uuid"]])


def _children(name: str) -> list[tuple[Table, Column[Any], Column[Any]]]:
    """Tables whose rows hang off rows of ``name``: (child table, its foreign key, the parent column)."""
    parent = table(name)
    found = []
    for child in Base.metadata.tables.values():
        for key in child.foreign_keys:
            if key.column.table is parent:
                found.append((child, key.parent, key.column))
    return found


def hanging_off(session: Session, name: str, uuids: Iterable[str]) -> list[Target]:
    """The live rows themselves, everything whose foreign keys lead to them, and all their tags."""
    targets: list[Target] = []
    todo = [(name, list(uuids))]
    while todo:
        current, found_uuids = todo.pop()
        if not found_uuids:
            continue
        targets += [(current, uuid) for uuid in found_uuids]
        parent = table(current)
        for child, key, parent_column in _children(current):
            keys = select(parent_column).where(parent.c.uuid.in_(found_uuids))
            rows = session.scalars(select(child.c.uuid).where(key.in_(keys), child.c.removed_in.is_(None)))
            todo.append((child.name, list(rows)))
    tags = table("tag")
    targets += [
        ("tag", uuid)
        for uuid in session.scalars(
            select(tags.c.uuid).where(tags.c.target.in_([uuid for _t, uuid in targets]), tags.c.removed_in.is_(None))
        )
    ]
    return list(dict.fromkeys(targets))


def _mark(session: Session, targets: Sequence[Target], removed: int | None) -> None:
    record = recorder(session)
    by_table: dict[str, list[str]] = {}
    for name, uuid in targets:
        by_table.setdefault(name, []).append(uuid)
    for name, uuids in by_table.items():
        found = table(name)
        # A removal or a restore is a change like any other, so it carries the revision that made it (how a
        # copy on another machine, or a search index, learns of it); anonymous answers never carry one.
        stamp: Any = record.revision
        if ANONYMOUS in found.c:
            stamp = case((found.c[ANONYMOUS].is_(True), found.c.changed_in), else_=record.revision)
        session.execute(update(found).where(found.c.uuid.in_(uuids)).values(removed_in=removed, changed_in=stamp))
        record.note(name, uuids)


# ---- the generic changes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SetFields(Change):
    """Set some columns of one row; its inverse sets them back. ``merge`` joins one gesture's edits."""

    table: str
    uuid: str
    values: Mapping[str, Any]
    merge: Hashable | None = None

    def apply_in(self, session: Session) -> Change:
        before = write_fields(session, self.table, self.uuid, self.values)
        return SetFields(self.table, self.uuid, before, self.merge)

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge

    def then(self, later: Change) -> Change:
        if isinstance(later, SetFields) and (later.table, later.uuid) == (self.table, self.uuid):
            return SetFields(self.table, self.uuid, {**self.values, **later.values}, self.merge)
        return super().then(later)


@dataclass(frozen=True)
class AddRow(Change):
    """Add one row (its uuid chosen by the caller); the inverse marks it removed."""

    table: str
    values: Mapping[str, Any]

    def apply_in(self, session: Session) -> Change:
        insert_row(session, self.table, self.values)
        return Mark(((self.table, str(self.values["uuid"])),))


@dataclass(frozen=True)
class Remove(Change):
    """Remove rows with everything that hangs off them; the inverse restores exactly those."""

    table: str
    uuids: tuple[str, ...]

    def apply_in(self, session: Session) -> Change:
        for uuid in self.uuids:
            live_row(session, self.table, uuid)  # a row already gone cannot be removed again
        targets = tuple(hanging_off(session, self.table, self.uuids))
        _mark(session, targets, recorder(session).revision)
        return Restore(targets)


@dataclass(frozen=True)
class Mark(Change):
    """Mark exactly these rows removed (the inverse of a restore or of an add)."""

    targets: tuple[Target, ...]

    def apply_in(self, session: Session) -> Change:
        _mark(session, self.targets, recorder(session).revision)
        return Restore(self.targets)


@dataclass(frozen=True)
class Restore(Change):
    """Clear the removal mark of exactly these rows."""

    targets: tuple[Target, ...]

    def apply_in(self, session: Session) -> Change:
        _mark(session, self.targets, None)
        return Mark(self.targets)


@dataclass(frozen=True)
class Batch(Change):
    """Several changes in one unit of work (a re-rank, a gather of many notes); undone in reverse order."""

    changes: tuple[Change, ...]

    def apply_in(self, session: Session) -> Change:
        inverses = [change.apply_in(session) for change in self.changes]
        return Batch(tuple(reversed(inverses)))


@dataclass(frozen=True)
class Keyed(Change):
    """A change made part of one gesture: the first burst of typing that also adds the row it types into
    undoes together with the bursts after it."""

    change: Change
    merge: Hashable

    def apply_in(self, session: Session) -> Change:
        return self.change.apply_in(session)

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge


# ---- ordered lists -------------------------------------------------------------------------------------


def ordered(session: Session, name: str, scope: Mapping[str, Any] | None = None) -> list[Mapping[str, Any]]:
    """The live rows of an ordered list (within ``scope``: the notes of one map, say), in order."""
    found = table(name)
    query = select(found).where(found.c.removed_in.is_(None))
    for column, value in (scope or {}).items():
        query = query.where(found.c[column] == value)
    return [dict(row) for row in session.execute(query.order_by(found.c.position, found.c.id)).mappings()]


@dataclass(frozen=True)
class SetPositions(Change):
    """Put rows of an ordered list at these positions; the inverse puts them back where they were."""

    table: str
    positions: Mapping[str, int]
    merge: Hashable | None = None

    def apply_in(self, session: Session) -> Change:
        before = {
            uuid: write_fields(session, self.table, uuid, {"position": position})["position"]
            for uuid, position in self.positions.items()
        }
        return SetPositions(self.table, before, self.merge)

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge

    def then(self, later: Change) -> Change:
        if isinstance(later, SetPositions) and later.table == self.table:
            return SetPositions(self.table, {**self.positions, **later.positions}, self.merge)
        return super().then(later)


def _renumber(rows: list[Mapping[str, Any]], name: str) -> tuple[SetPositions, dict[str, int]]:
    """Positions 0, 1, 2… for rows in this order: the change to make, and where they were."""
    wanted = {str(row["uuid"]): index for index, row in enumerate(rows) if row["position"] != index}
    was = {str(row["uuid"]): int(row["position"]) for row in rows if str(row["uuid"]) in wanted}
    return SetPositions(name, wanted), was


@dataclass(frozen=True)
class InsertAt(Change):
    """Add a row to an ordered list at ``index`` (None: at the end), moving the rows after it down."""

    table: str
    values: Mapping[str, Any]
    index: int | None = None
    scope: Mapping[str, Any] = field(default_factory=dict)

    def apply_in(self, session: Session) -> Change:
        rows = ordered(session, self.table, self.scope)
        at = len(rows) if self.index is None else max(0, min(self.index, len(rows)))
        uuid = str(self.values["uuid"])
        insert_row(session, self.table, {**self.scope, **self.values, "position": at})
        placed = [*rows[:at], {"uuid": uuid, "position": at}, *rows[at:]]
        renumber, was = _renumber(placed, self.table)
        renumber.apply_in(session)
        return Batch((SetPositions(self.table, was), Mark(((self.table, uuid),))))


@dataclass(frozen=True)
class MoveTo(Change):
    """Move a row of an ordered list to ``index``; dragging one item is one gesture (``merge``)."""

    table: str
    uuid: str
    index: int
    scope: Mapping[str, Any] = field(default_factory=dict)
    merge: Hashable | None = None

    def apply_in(self, session: Session) -> Change:
        rows = ordered(session, self.table, self.scope)
        moving = next((row for row in rows if row["uuid"] == self.uuid), None)
        if moving is None:
            raise TideskError(GONE)
        rows.remove(moving)
        rows.insert(max(0, min(self.index, len(rows))), moving)
        renumber, was = _renumber(rows, self.table)
        renumber.apply_in(session)
        return SetPositions(self.table, was, self.merge)

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge


def next_position(session: Session, name: str, scope: Mapping[str, Any] | None = None) -> int:
    found = table(name)
    query = select(func.count()).select_from(found).where(found.c.removed_in.is_(None))
    for column, value in (scope or {}).items():
        query = query.where(found.c[column] == value)
    return int(session.scalar(query) or 0)
