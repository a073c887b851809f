"""Answers to forms: one response per person or group per round, stored as each answer is given.

Every change here is a value from ``core/changes.py`` (start, answer, complete, remove), so the GUI undoes
and redoes them like any other. Anonymous responses carry nothing that links them to a person: no
respondent, a date but no time, random row keys and no change stamps, so not even the order in which people
answered can be read from the workspace.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, Mark, Remove, Restore, SetFields, Target, insert_row, write_fields
from tidesk.core.db import INCLUDE_REMOVED, new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.forms.library import Entry, keep_copy
from tidesk.core.forms.model import FormDefinition, Item, Kind, Special
from tidesk.core.forms.models import COMPLETE, IN_PROGRESS, FormAnswer, FormResponse
from tidesk.core.workspace import Workspace

__all__ = ["COMPLETE", "IN_PROGRESS", "FormAnswer", "FormResponse"]

MAX_TEXT = 20_000


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
    return ResponseData(
        row.uuid, row.form_id, row.form_version, row.round_label, row.respondent, row.started_on, row.status
    )


def list_responses(ws: Workspace, form_id: str | None = None) -> list[ResponseData]:
    with ws.read() as session:
        query = select(FormResponse).order_by(FormResponse.started_on, FormResponse.round_label, FormResponse.uuid)
        if form_id:
            query = query.where(FormResponse.form_id == form_id)
        return [_as_response(row) for row in session.scalars(query)]


def in_order_begun(ws: Workspace, form_id: str) -> list[ResponseData]:
    """A form's responses by the day each was begun, and on the same day in the order they were begun
    (for anonymous responses, whose keys are random, that order is unknown by design)."""
    with ws.read() as session:
        query = select(FormResponse).where(FormResponse.form_id == form_id)
        return [_as_response(row) for row in session.scalars(query.order_by(FormResponse.started_on, FormResponse.id))]


def _find(session: Session, uuid: str) -> FormResponse:
    row = session.scalar(select(FormResponse).where(FormResponse.uuid == uuid))
    if row is None:
        raise TideskError("that response is no longer in this workspace")
    return row


def get_response(ws: Workspace, uuid: str) -> ResponseData:
    with ws.read() as session:
        return _as_response(_find(session, uuid))


def _stored(row: FormAnswer) -> Answer:
    return Answer(
        json.loads(row.value) if row.value is not None else None, Special(row.special) if row.special else None
    )


def answers(ws: Workspace, uuid: str) -> dict[str, Answer]:
    """The answers given so far (a cleared answer is no answer)."""
    with ws.read() as session:
        _find(session, uuid)
        found = session.scalars(select(FormAnswer).where(FormAnswer.response_uuid == uuid))
        return {row.item_id: answer for row in found if not (answer := _stored(row)).empty}


# ---- changes ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StartResponse(Change):
    """A new, empty response to a form for a round; keeps the form's definition in the workspace once answered."""

    entry: Entry
    uuid: str
    round_label: str
    respondent: str | None
    started_on: date

    def apply_in(self, session: Session) -> Change:
        form = self.entry.definition
        undone: list[Target] = []
        kept = keep_copy(session, self.entry)
        if kept is not None:
            undone.append(("form_definition", kept))
        values: dict[str, Any] = {
            "uuid": self.uuid,
            "form_id": form.id,
            "form_version": form.version,
            "round_label": self.round_label,
            "respondent": self.respondent,
            "started_on": self.started_on,
            "status": IN_PROGRESS,
            "anonymous": form.anonymous,
        }
        if form.anonymous:
            values["id"] = _random_key()
        insert_row(session, "form_response", values)
        return Mark((("form_response", self.uuid), *undone))


def start_response(
    entry: Entry,
    *,
    round_label: str = "",
    respondent: str | None = None,
    uuid: str | None = None,
    on: date | None = None,
) -> StartResponse:
    form = entry.definition
    respondent = (respondent or "").strip() or None
    if form.anonymous and respondent:
        raise TideskError(f"'{form.title}' is answered anonymously, so no name is kept with it")
    return StartResponse(entry, uuid or new_uuid(), round_label.strip(), respondent, on or date.today())


@dataclass(frozen=True)
class SetAnswer(Change):
    """One answer given, changed or cleared; the inverse puts back the answer that was there."""

    form_id: str
    form_version: int
    response_uuid: str
    item_id: str
    answer: Answer
    merge: Hashable | None = None

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge

    def apply_in(self, session: Session) -> Change:
        response = _find(session, self.response_uuid)
        if (response.form_id, response.form_version) != (self.form_id, self.form_version):
            raise TideskError("this answer belongs to another form")
        row = session.scalar(
            select(FormAnswer)
            .where(FormAnswer.response_uuid == self.response_uuid, FormAnswer.item_id == self.item_id)
            .execution_options(**{INCLUDE_REMOVED: True})
        )
        value = json.dumps(self.answer.value) if self.answer.value is not None else None
        special = self.answer.special.value if self.answer.special is not None else None
        if row is None or row.removed_in is not None:  # a first answer: undoing it leaves no answer at all
            if row is None:
                uuid = new_uuid()
                values: dict[str, Any] = {
                    "uuid": uuid,
                    "response_uuid": self.response_uuid,
                    "item_id": self.item_id,
                    "value": value,
                    "special": special,
                    "anonymous": response.anonymous,
                }
                if response.anonymous:
                    values["id"] = _random_key()
                insert_row(session, "form_answer", values)
            else:  # answered, then undone: the same row comes back
                uuid = row.uuid
                Restore((("form_answer", uuid),)).apply_in(session)
                write_fields(session, "form_answer", uuid, {"value": value, "special": special})
            return Mark((("form_answer", uuid),))
        before = _stored(row)
        write_fields(session, "form_answer", row.uuid, {"value": value, "special": special})
        return SetAnswer(self.form_id, self.form_version, self.response_uuid, self.item_id, before, self.merge)


def answer(
    form: FormDefinition, response_uuid: str, item_id: str, new: Answer, merge: Hashable | None = None
) -> SetAnswer:
    """Give (or clear, with an empty Answer) one answer: checked against the question before anything is kept."""
    item = form.item(item_id)
    value = check_value(item, new.value)
    if new.special is not None and new.special not in item.specials:
        raise TideskError(f"'{new.special.label}' is not offered for this question")
    return SetAnswer(form.id, form.version, response_uuid, item_id, Answer(value, new.special), merge)


def set_status(uuid: str, status: str) -> Change:
    """Mark a response complete (read-only in the app) or in progress again."""
    if status not in (IN_PROGRESS, COMPLETE):
        raise ValueError(status)
    return SetFields("form_response", uuid, {"status": status})


def delete_response(uuid: str) -> Change:
    """Remove a response with its answers (undo brings back exactly those)."""
    return Remove("form_response", (uuid,))


def _scale(item: Item, value: Any) -> Any:
    if item.scale is not None and (
        isinstance(value, bool) or not isinstance(value, int) or value not in item.scale.points
    ):
        raise TideskError(f"choose a point from {item.scale.minimum} to {item.scale.maximum}")
    return value


def _single(item: Item, value: Any) -> Any:
    if value not in {c.value for c in item.choices}:
        raise TideskError("choose one of the options given")
    return value


def _multiple(item: Item, value: Any) -> Any:
    allowed = [c.value for c in item.choices]
    if not isinstance(value, list) or any(v not in allowed for v in value):
        raise TideskError("choose from the options given")
    return [v for v in allowed if v in value]  # one order, whatever order they were ticked in


def _yes_no(_item: Item, value: Any) -> Any:
    if not isinstance(value, bool):
        raise TideskError("answer yes or no")
    return value


def _number(item: Item, value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TideskError("give a number")
    if item.integer and int(value) != value:
        raise TideskError("give a whole number")
    if (item.minimum is not None and value < item.minimum) or (item.maximum is not None and value > item.maximum):
        raise TideskError(f"give a number from {_plain(item.minimum)} to {_plain(item.maximum)}")
    return value


def _date(_item: Item, value: Any) -> Any:
    if not isinstance(value, str):
        raise TideskError("give a date")
    try:
        date.fromisoformat(value)
    except ValueError as exc:
        raise TideskError("give a date such as 2026-03-14") from exc
    return value


def _text(_item: Item, value: Any) -> Any:
    if not isinstance(value, str):
        raise TideskError("write some text")
    if len(value) > MAX_TEXT:
        raise TideskError(f"that is longer than tidesk keeps ({MAX_TEXT:,} characters)")
    return value if value.strip() else None


def _note(_item: Item, _value: Any) -> Any:
    raise TideskError("a note has nothing to answer")


CHECKS: dict[Kind, Callable[[Item, Any], Any]] = {
    Kind.SCALE: _scale,
    Kind.SINGLE_CHOICE: _single,
    Kind.MULTIPLE_CHOICE: _multiple,
    Kind.YES_NO: _yes_no,
    Kind.NUMBER: _number,
    Kind.DATE: _date,
    Kind.SHORT_TEXT: _text,
    Kind.LONG_TEXT: _text,
    Kind.NOTE: _note,
}


def check_value(item: Item, value: Any) -> Any:
    """The value as stored, or a TideskError saying plainly why it does not fit the question."""
    if value is None:
        return None
    return CHECKS[item.kind](item, value)


def _plain(number: float | None) -> str:
    if number is None:
        return "any"
    return str(int(number)) if float(number).is_integer() else str(number)


def progress(form: FormDefinition, given: dict[str, Answer]) -> tuple[int, int]:
    """How many of the form's questions have an answer (a skipped one counts as not answered)."""
    items = form.answerable_items
    return sum(1 for i in items if not given.get(i.id, NO_ANSWER).empty), len(items)


def missing_required(form: FormDefinition, given: dict[str, Answer]) -> list[Item]:
    return [i for i in form.answerable_items if i.required and given.get(i.id, NO_ANSWER).empty]
