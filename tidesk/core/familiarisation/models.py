"""Familiarisation's tables: conversations with staff and partners, what was said in them, the findings
marked in what was said, the service's documents, and the team's judgement of its readiness.

A finding is a passage of a note marked as a facilitator or a barrier; its themes, principles and MAT
standards are tags (``core/tags.py``). A note answers one question of the discussion guide or is a free note.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tidesk.core.db import Row

GROUP_KINDS = ("individual", "group")
SETTINGS = ("in person", "online", "phone")
FINDING_KINDS = ("facilitator", "barrier")
DOCUMENT_KINDS = ("policy", "procedure", "pathway", "leaflet", "letter template", "job description", "other")


class FamiliarisationMeeting(Row):
    """One conversation: with one person or a group, in person, online or by phone."""

    __tablename__ = "familiarisation_meeting"

    held_on: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(200))
    group_kind: Mapped[str] = mapped_column(String(32), default="group")
    setting: Mapped[str] = mapped_column(String(32), default="in person")
    guide_id: Mapped[str] = mapped_column(String(64), default="familiarisation-guide")  # the form of prompts
    guide_version: Mapped[int | None] = mapped_column(Integer, nullable=True)


class FamiliarisationParticipant(Row):
    """Who took part, by role and organisation; a name only where the team has chosen to keep names."""

    __tablename__ = "familiarisation_participant"

    meeting_uuid: Mapped[str] = mapped_column(ForeignKey("familiarisation_meeting.uuid", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    people: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(200), default="")


class FamiliarisationNote(Row):
    """What was said: the answer to one question of the discussion guide (``question_id``), or a free note."""

    __tablename__ = "familiarisation_note"

    meeting_uuid: Mapped[str] = mapped_column(ForeignKey("familiarisation_meeting.uuid", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    question_id: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text, default="")


class FamiliarisationFinding(Row):
    """A passage of a note marked as a facilitator (what helps) or a barrier (what gets in the way).

    ``passage`` keeps the words as they were when marked, so the finding stands even if the note is edited;
    ``start`` is where they began then. ``wording`` is the finding in the lead's words; ``quote`` says the lead
    chose the passage as the finding's quote in the report (never with a name)."""

    __tablename__ = "familiarisation_finding"

    note_uuid: Mapped[str] = mapped_column(ForeignKey("familiarisation_note.uuid", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    start: Mapped[int] = mapped_column(Integer, default=0)
    passage: Mapped[str] = mapped_column(Text)
    wording: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(200), default="")  # the role of whoever raised it, if one
    quote: Mapped[bool] = mapped_column(Boolean, default=False)


class ServiceDocument(Row):
    """A policy, procedure, pathway, leaflet, letter template or job description gathered in phase 1."""

    __tablename__ = "service_document"

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(32), default="other")
    owner: Mapped[str] = mapped_column(String(200), default="")
    reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # last reviewed by its owner
    lens_reviewed_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # read through a trauma lens
    lens_review_due: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    file_name: Mapped[str] = mapped_column(String(255), default="")  # the attached copy, if any
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_sha256: Mapped[str] = mapped_column(String(64), default="")


class ServiceDocumentFile(Row):
    """The attached file's bytes, kept apart so the register lists quickly."""

    __tablename__ = "service_document_file"

    document_uuid: Mapped[str] = mapped_column(ForeignKey("service_document.uuid", ondelete="CASCADE"))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class FamiliarisationReadiness(Row):
    """The team's own judgement of one theme's readiness: a step of a four-step scale, and its words."""

    __tablename__ = "familiarisation_readiness"

    theme: Mapped[int] = mapped_column(Integer)
    level: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 1 to 4, or not judged yet
    judgement: Mapped[str] = mapped_column(Text, default="")


class ReadinessQuestion(Row):
    """A question to carry into the lens event, under one theme."""

    __tablename__ = "readiness_question"

    theme: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
