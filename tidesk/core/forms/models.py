"""The forms mechanism's tables: definitions kept in the workspace, responses, and their answers."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tidesk.core.db import Row

IN_PROGRESS = "in progress"
COMPLETE = "complete"


class StoredForm(Row):
    """A definition kept in the workspace, word for word as it was loaded."""

    __tablename__ = "form_definition"
    __table_args__ = (UniqueConstraint("form_id", "version", name="uq_form_definition_form_id_version"),)

    form_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    loaded_on: Mapped[date] = mapped_column(Date)


class FormResponse(Row):
    """One response to a form for a round. An anonymous one has no respondent, a day but no time, a random
    key, and no change stamps (see ``Row.stamp_allowed``), so not even the order of answering can be read."""

    __tablename__ = "form_response"

    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    round_label: Mapped[str] = mapped_column(String(100), default="")
    respondent: Mapped[str | None] = mapped_column(String(200), nullable=True)
    started_on: Mapped[date] = mapped_column(Date)  # a day, never a time
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)


class FormAnswer(Row):
    """One answer: a JSON value, or a kept-but-unscored special; both empty means the answer was cleared."""

    __tablename__ = "form_answer"
    __table_args__ = (UniqueConstraint("response_uuid", "item_id", name="uq_form_answer_response_uuid_item_id"),)

    response_uuid: Mapped[str] = mapped_column(ForeignKey("form_response.uuid", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    special: Mapped[str | None] = mapped_column(String(16), nullable=True)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
