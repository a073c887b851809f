"""The programme's one tagging convention, for every area: a row is tagged with themes, principles and MAT
standards as ``family:code`` strings (``theme:3``, ``principle:trust``, ``mat:10``), stored in one table.

So findings, journey notes, priorities, actions and plan rows are searched and counted the same way. Tags go
with their row: removing a row removes its tags, and restoring it brings them back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, Mark, Restore, Target, insert_row
from tidesk.core.db import INCLUDE_REMOVED, Tag, new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.programme import known_tag
from tidesk.core.workspace import Workspace


def _split(tag: str) -> tuple[str, str]:
    if not known_tag(tag):
        raise TideskError(f"'{tag}' is not one of the programme's themes, principles or MAT standards")
    family, _, code = tag.partition(":")
    return family, code


@dataclass(frozen=True)
class SetTags(Change):
    """Make a row's tags exactly ``tags``; the inverse puts back the tags it had."""

    target_table: str
    target: str
    tags: frozenset[str]

    def apply_in(self, session: Session) -> Change:
        wanted = {_split(tag) for tag in self.tags}
        rows = session.scalars(
            select(Tag).where(Tag.target == self.target).execution_options(**{INCLUDE_REMOVED: True})
        ).all()
        marks: list[Target] = []
        restores: list[Target] = []
        for row in rows:
            key = (row.family, row.code)
            if row.removed_in is None and key not in wanted:
                marks.append(("tag", row.uuid))
            elif row.removed_in is not None and key in wanted:
                restores.append(("tag", row.uuid))  # a tag taken off and put back keeps its uuid
        present = {(row.family, row.code) for row in rows}
        for family, code in sorted(wanted - present):
            insert_row(
                session,
                "tag",
                {
                    "uuid": new_uuid(),
                    "target_table": self.target_table,
                    "target": self.target,
                    "family": family,
                    "code": code,
                },
            )
        before = frozenset(f"{row.family}:{row.code}" for row in rows if row.removed_in is None)
        if marks:
            Mark(tuple(marks)).apply_in(session)
        if restores:
            Restore(tuple(restores)).apply_in(session)
        return SetTags(self.target_table, self.target, before)


def set_tags(target_table: str, target: str, tags: Iterable[str]) -> SetTags:
    tags = frozenset(tags)
    for tag in tags:
        _split(tag)  # refuse a tag outside the vocabulary before anything is written
    return SetTags(target_table, target, tags)


def tags_of(ws: Workspace, targets: Iterable[str]) -> dict[str, frozenset[str]]:
    """The tags of each of these rows (rows without tags are left out)."""
    found: dict[str, set[str]] = {}
    with ws.read() as session:
        for row in session.scalars(select(Tag).where(Tag.target.in_(list(targets)))):
            found.setdefault(row.target, set()).add(f"{row.family}:{row.code}")
    return {target: frozenset(tags) for target, tags in found.items()}


def count_by_tag(ws: Workspace, family: str, target_table: str | None = None) -> Counter[str]:
    """How many live rows carry each tag of one family (of one table, or of every area)."""
    with ws.read() as session:
        query = select(Tag.code).where(Tag.family == family)
        if target_table is not None:
            query = query.where(Tag.target_table == target_table)
        return Counter(f"{family}:{code}" for code in session.scalars(query))
