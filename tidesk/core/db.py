"""The declarative base every area's models share, and the workspace's own bookkeeping tables."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, MetaData, String, Text, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

APPLICATION_ID = "tidesk"

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Row(Base):
    """A table row with an integer key for joins and a stable UUID that travels between machines."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)


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
