"""Answers to forms: one response per person or group per round, stored as each answer is given.

Anonymous responses carry nothing that links them to a person: no respondent, a date but no time, and
random row keys, so not even the order in which people answered can be read from the workspace.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tidesk.core.db import Row
from tidesk.core.errors import TideskError
from tidesk.core.forms.library import Entry, keep_copy
from tidesk.core.forms.model import FormDefinition, Item, Kind, Special
from tidesk.core.workspace import Workspace

IN_PROGRESS = "in progress"
COMPLETE = "complete"
MAX_TEXT = 20_000


class FormResponse(Row):
    __tablename__ = "form_response"

    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    round_label: Mapped[str] = mapped_column(String(100), default="")
    respondent: Mapped[str | None] = mapped_column(String(200), nullable=True)
    started_on: Mapped[date] = mapped_column(Date)  # a day, never a time
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)


class FormAnswer(Row):
    __tablename__ = "form_answer"
    __table_args__ = (UniqueConstraint("response_id", "item_id", name="uq_form_answer_response_id_item_id"),)

    response_id: Mapped[int] = mapped_column(ForeignKey("form_response.id", ondelete="CASCADE"))
    item_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    special: Mapped[str | None] = mapped_column(String(16), nullable=True)


@dataclass(frozen=True)
class ResponseData:
    uuid: str
    form_id: str
    form_version: int
    round_label: str
    respondent: str | None
    started_on: date
    status: str

    @property
    def complete(self) -> bool:
        return self.status == COMPLETE


@dataclass(frozen=True)
class Answer:
    """One answer: a value, or a kept-but-unscored special (don't know, not applicable)."""

    value: Any = None
    special: Special | None = None

    @property
    def empty(self) -> bool:
        return self.value is None and self.special is None


NO_ANSWER = Answer()


def _random_key() -> int:
    return secrets.randbelow(2**62) + 1


def _as_response(row: FormResponse) -> ResponseData:
    return ResponseData(row.uuid, row.form_id, row.form_version, row.round_label, row.respondent, row.started_on,
                        row.status)


def _find(session: Session, uuid: str) -> FormResponse:
    row = session.scalar(select(FormResponse).where(FormResponse.uuid == uuid))
    if row is None:
        raise TideskError("that response is no longer in this workspace")
    return row


def start_response(ws: Workspace, entry: Entry, *, round_label: str = "", respondent: str | None = None,
                   uuid: str | None = None, on: date | None = None) -> ResponseData:
    form = entry.definition
    respondent = (respondent or "").strip() or None
    if form.anonymous and respondent:
        raise TideskError(f"'{form.title}' is answered anonymously, so no name is kept with it")
    with ws.transaction() as session:
        keep_copy(session, entry)
        row = FormResponse(form_id=form.id, form_version=form.version, round_label=round_label.strip(),
                           respondent=respondent, started_on=on or date.today(), status=IN_PROGRESS,
                           anonymous=form.anonymous)
        if form.anonymous:
            row.id = _random_key()
        if uuid:
            row.uuid = uuid
        session.add(row)
        session.flush()
        return _as_response(row)


def delete_response(ws: Workspace, uuid: str) -> tuple[ResponseData, dict[str, Answer]]:
    """Remove a response and its answers; returns them so the removal can be undone."""
    kept = (get_response(ws, uuid), answers(ws, uuid))
    with ws.transaction() as session:
        session.delete(_find(session, uuid))
    return kept


def list_responses(ws: Workspace, form_id: str | None = None) -> list[ResponseData]:
    with ws.read() as session:
        query = select(FormResponse).order_by(FormResponse.started_on, FormResponse.round_label, FormResponse.uuid)
        if form_id:
            query = query.where(FormResponse.form_id == form_id)
        return [_as_response(row) for row in session.scalars(query)]


def get_response(ws: Workspace, uuid: str) -> ResponseData:
    with ws.read() as session:
        return _as_response(_find(session, uuid))


def answers(ws: Workspace, uuid: str) -> dict[str, Answer]:
    with ws.read() as session:
        row = _find(session, uuid)
        found = session.scalars(select(FormAnswer).where(FormAnswer.response_id == row.id))
        return {a.item_id: Answer(json.loads(a.value) if a.value is not None else None,
                                  Special(a.special) if a.special else None) for a in found}


def check_value(item: Item, value: Any) -> Any:
    """The value as stored, or a TideskError saying plainly why it does not fit the question."""
    if value is None:
        return None
    kind = item.kind
    if kind == Kind.SCALE and item.scale is not None:
        if isinstance(value, bool) or not isinstance(value, int) or value not in item.scale.points:
            raise TideskError(f"choose a point from {item.scale.minimum} to {item.scale.maximum}")
    elif kind == Kind.SINGLE_CHOICE:
        if value not in {c.value for c in item.choices}:
            raise TideskError("choose one of the options given")
    elif kind == Kind.MULTIPLE_CHOICE:
        allowed = [c.value for c in item.choices]
        if not isinstance(value, list) or any(v not in allowed for v in value):
            raise TideskError("choose from the options given")
        value = [v for v in allowed if v in value]  # one order, whatever order they were ticked in
    elif kind == Kind.YES_NO:
        if not isinstance(value, bool):
            raise TideskError("answer yes or no")
    elif kind == Kind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TideskError("give a number")
        if item.integer and int(value) != value:
            raise TideskError("give a whole number")
        if (item.minimum is not None and value < item.minimum) or (item.maximum is not None and value > item.maximum):
            raise TideskError(f"give a number from {_plain(item.minimum)} to {_plain(item.maximum)}")
    elif kind == Kind.DATE:
        if not isinstance(value, str):
            raise TideskError("give a date")
        try:
            date.fromisoformat(value)
        except ValueError as exc:
            raise TideskError("give a date such as 2026-03-14") from exc
    elif kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        if not isinstance(value, str):
            raise TideskError("write some text")
        if len(value) > MAX_TEXT:
            raise TideskError(f"that is longer than tidesk keeps ({MAX_TEXT:,} characters)")
        value = value if value.strip() else None
    elif kind == Kind.NOTE:
        raise TideskError("a note has nothing to answer")
    return value


def _plain(number: float | None) -> str:
    if number is None:
        return "any"
    return str(int(number)) if float(number).is_integer() else str(number)


def answer(ws: Workspace, form: FormDefinition, uuid: str, item_id: str, new: Answer) -> Answer:
    """Store one answer (or clear it with an empty Answer); returns the previous answer, for undo."""
    item = form.item(item_id)
    value = check_value(item, new.value)
    if new.special is not None and new.special not in item.specials:
        raise TideskError(f"'{new.special.label}' is not offered for this question")
    with ws.transaction() as session:
        response = _find(session, uuid)
        if (response.form_id, response.form_version) != (form.id, form.version):
            raise TideskError("this answer belongs to another form")
        row = session.scalar(select(FormAnswer).where(FormAnswer.response_id == response.id,
                                                      FormAnswer.item_id == item_id))
        before = NO_ANSWER if row is None else Answer(json.loads(row.value) if row.value is not None else None,
                                                      Special(row.special) if row.special else None)
        if value is None and new.special is None:
            if row is not None:
                session.delete(row)
            return before
        if row is None:
            row = FormAnswer(response_id=response.id, item_id=item_id)
            if response.anonymous:
                row.id = _random_key()
            session.add(row)
        row.value = json.dumps(value) if value is not None else None
        row.special = new.special.value if new.special is not None else None
        return before


def set_status(ws: Workspace, uuid: str, status: str) -> str:
    """Mark a response complete (read-only in the app) or in progress again; returns the old status."""
    if status not in (IN_PROGRESS, COMPLETE):
        raise ValueError(status)
    with ws.transaction() as session:
        row = _find(session, uuid)
        before = row.status
        row.status = status
        return before


def restore_response(ws: Workspace, response: ResponseData, kept: dict[str, Answer], form: FormDefinition) -> None:
    """Put back a deleted response with its answers (the inverse of delete_response)."""
    with ws.transaction() as session:
        row = FormResponse(uuid=response.uuid, form_id=response.form_id, form_version=response.form_version,
                           round_label=response.round_label, respondent=response.respondent,
                           started_on=response.started_on, status=response.status, anonymous=form.anonymous)
        if form.anonymous:
            row.id = _random_key()
        session.add(row)
        session.flush()
        for item_id, given in kept.items():
            answer_row = FormAnswer(response_id=row.id, item_id=item_id,
                                    value=json.dumps(given.value) if given.value is not None else None,
                                    special=given.special.value if given.special else None)
            if form.anonymous:
                answer_row.id = _random_key()
            session.add(answer_row)


def progress(form: FormDefinition, given: dict[str, Answer]) -> tuple[int, int]:
    """How many of the form's questions have an answer (a skipped one counts as not answered)."""
    items = form.answerable_items
    return sum(1 for i in items if not given.get(i.id, NO_ANSWER).empty), len(items)


def missing_required(form: FormDefinition, given: dict[str, Answer]) -> list[Item]:
    return [i for i in form.answerable_items if i.required and given.get(i.id, NO_ANSWER).empty]
