"""Familiarisation's tables: meetings with staff and partners, what was heard in them, and documents."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tidesk.core.db import Row

NOTE_KINDS = ("facilitator", "barrier", "observation")
DOCUMENT_KINDS = ("Policy", "Pathway", "Procedure", "Leaflet", "Letter template", "Form", "Other")


class FamiliarisationMeeting(Row):
    __tablename__ = "familiarisation_meeting"

    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    group_kind: Mapped[str] = mapped_column(String(32), default="group")  # individual or group
    setting: Mapped[str] = mapped_column(String(32), default="in person")  # in person, online, phone
    roles_present: Mapped[str] = mapped_column(Text, default="")
    people_count: Mapped[int] = mapped_column(Integer, default=1)
    summary: Mapped[str] = mapped_column(Text, default="")


class FamiliarisationNote(Row):
    """One facilitator, barrier or observation heard in a meeting; its themes are tags (``core/tags.py``)."""

    __tablename__ = "familiarisation_note"

    meeting_uuid: Mapped[str] = mapped_column(ForeignKey("familiarisation_meeting.uuid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)


class ServiceDocument(Row):
    """A policy, pathway, leaflet or template gathered so the lens event can draw the real pathway."""

    __tablename__ = "service_document"

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32), default="Other")
    owner: Mapped[str] = mapped_column(String(200), default="")
    dated: Mapped[date | None] = mapped_column(Date, nullable=True)
    location: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
