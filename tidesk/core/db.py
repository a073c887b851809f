"""The declarative base every area's models share, the workspace's own bookkeeping tables, and what every
row carries so that two machines' copies of a workspace can be merged later.

A row has an integer key for joins inside one file, a stable uuid that travels between machines (rows that
cross machines refer to each other by it), the workspace revision that last changed it (``changed_in``),
and, once removed, the revision that removed it (``removed_in``). Removed rows stay, marked, until backups
from before the removal have aged out (``core/purge.py``); every ORM query leaves them out unless it asks
for them with ``include_removed``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, DateTime, Integer, MetaData, String, Text, UniqueConstraint, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tidesk.core.ids import ANONYMOUS, APPLICATION_ID, INCLUDE_REMOVED, new_uuid
from tidesk.core.programme import tag_check_sql

__all__ = ["ANONYMOUS", "APPLICATION_ID", "INCLUDE_REMOVED", "new_uuid"]  # re-exported for the models

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Row(Base):
    """A table row that can travel between machines: its uuid, when it last changed, and if it was removed."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    changed_in: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    removed_in: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)

    def stamp_allowed(self) -> bool:
        """Whether this row's changes may carry the revision that made them.

        Not for anonymous answers: stamps would tell the order in which people answered, which nothing in
        the workspace may reveal. Their ``changed_in`` stays 0; exchange sends them whole, merged by uuid."""
        return not bool(getattr(self, ANONYMOUS, False))


class WorkspaceMeta(Base):
    """One row saying what this file is: ours, which workspace, and how many changes it has seen."""

    __tablename__ = "workspace_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application: Mapped[str] = mapped_column(String(32), default=APPLICATION_ID)
    workspace_uuid: Mapped[str] = mapped_column(String(36), default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, server_default=func.current_timestamp())
    created_by_version: Mapped[str] = mapped_column(String(32))
    # Bumped by every unit of work; backups compare it to know whether the file changed.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    is_demo: Mapped[int] = mapped_column(Integer, default=0)


class Setting(Base):
    """A workspace setting as JSON text; core/settings.py declares each key once with its default."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Tag(Row):
    """One tag on one row of any area: the programme's one tagging convention (``core/tags.py``).

    ``target`` is the uuid of the tagged row and ``target_table`` its table, so every area's rows are tagged,
    searched and counted the same way."""

    __tablename__ = "tag"
    __table_args__ = (
        UniqueConstraint("target", "family", "code", name="uq_tag_target_family_code"),
        CheckConstraint(tag_check_sql(), name="vocabulary"),
    )

    target_table: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(36), index=True)
    family: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(16))
