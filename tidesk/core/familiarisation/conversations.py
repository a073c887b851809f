"""Conversations: meetings with staff and partners, who took part, and what was said (notes).

A conversation's notes either answer one prompt of the discussion guide (a form, ``familiarisation-guide``,
that a team can adapt like any other) or are free notes. Notes are typed while someone talks, so a note's
text is stored in bursts as it is typed: ``set_note_text`` takes the gesture it belongs to, and one pause in
typing is one undo step.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from tidesk.core.changes import AddRow, Batch, Change, InsertAt, MoveTo, Remove, SetFields
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation.models import (
    GROUP_KINDS,
    SETTINGS,
    FamiliarisationMeeting,
    FamiliarisationNote,
    FamiliarisationParticipant,
)
from tidesk.core.forms.model import FormDefinition, Item, Kind
from tidesk.core.workspace import Workspace

GUIDE_ID = "familiarisation-guide"
GUIDE_SKIPS = ("meeting",)  # the guide's "about this meeting" section: the conversation's own fields
MEETING_FIELDS = {"held_on", "title", "group_kind", "setting"}
PARTICIPANT_FIELDS = {"role", "organisation", "people", "name"}
MAX_PEOPLE = 500
GROUP_LABELS = {"individual": "One person", "group": "A group"}
SETTING_LABELS = {"in person": "In person", "online": "Online", "phone": "By phone"}


@dataclass(frozen=True)
class ParticipantData:
    uuid: str
    role: str
    organisation: str
    people: int
    name: str
    position: int

    @property
    def label(self) -> str:
        """ "Nurses (NHS Carran)": never the name, and never how many (a count of people is an aggregate,
        shown only under the small-number rule)."""
        who = self.role or "Role not given"
        return f"{who} ({self.organisation})" if self.organisation else who


@dataclass(frozen=True)
class NoteData:
    uuid: str
    meeting_uuid: str
    question_id: str  # "" for a free note
    text: str
    position: int


@dataclass(frozen=True)
class MeetingData:
    uuid: str
    held_on: date
    title: str
    group_kind: str
    setting: str
    guide_id: str
    guide_version: int | None
    participants: tuple[ParticipantData, ...] = field(default=())

    @property
    def people(self) -> int:
        return sum(p.people for p in self.participants)

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.role for p in self.participants if p.role))

    @property
    def describe(self) -> str:
        parts = [self.held_on.strftime("%-d %B %Y"), GROUP_LABELS.get(self.group_kind, self.group_kind)]
        parts.append(SETTING_LABELS.get(self.setting, self.setting).lower())
        if self.roles:
            parts.append(", ".join(self.roles))
        return " · ".join(parts)


@dataclass(frozen=True)
class Prompt:
    """One prompt of the discussion guide, in its section."""

    id: str
    section: str
    text: str
    help: str
    tags: tuple[str, ...]


def guide_prompts(guide: FormDefinition | None) -> list[Prompt]:
    """The prompts of a discussion guide a note can answer: its text questions (the guide's own notes to the
    lead and its tick-box questions are left to the conversation's fields)."""
    if guide is None:
        return []
    prompts: list[Prompt] = []
    for section in guide.sections:
        if section.id in GUIDE_SKIPS:
            continue
        for item in section.items:
            if _answerable(item):
                prompts.append(Prompt(item.id, section.title, item.text, item.help, item.tags))
    return prompts


def _answerable(item: Item) -> bool:
    return item.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT)


# ---- reading ---------------------------------------------------------------------------------------------


def _participant(row: FamiliarisationParticipant) -> ParticipantData:
    return ParticipantData(row.uuid, row.role, row.organisation, row.people, row.name, row.position)


def list_meetings(ws: Workspace) -> list[MeetingData]:
    """Every conversation, newest first, with who took part."""
    with ws.read() as session:
        people: dict[str, list[ParticipantData]] = {}
        query = select(FamiliarisationParticipant).order_by(
            FamiliarisationParticipant.position, FamiliarisationParticipant.id
        )
        for row in session.scalars(query):
            people.setdefault(row.meeting_uuid, []).append(_participant(row))
        meetings = session.scalars(
            select(FamiliarisationMeeting).order_by(FamiliarisationMeeting.held_on.desc(), FamiliarisationMeeting.id)
        )
        return [
            MeetingData(
                row.uuid,
                row.held_on,
                row.title,
                row.group_kind,
                row.setting,
                row.guide_id,
                row.guide_version,
                tuple(people.get(row.uuid, ())),
            )
            for row in meetings
        ]


def get_meeting(ws: Workspace, uuid: str) -> MeetingData:
    found = next((m for m in list_meetings(ws) if m.uuid == uuid), None)
    if found is None:
        raise TideskError("that conversation is no longer in this workspace")
    return found


def notes_of(ws: Workspace, meeting_uuid: str | None = None) -> list[NoteData]:
    """The notes of one conversation (or of all), in the order they were kept."""
    with ws.read() as session:
        query = select(FamiliarisationNote).order_by(FamiliarisationNote.position, FamiliarisationNote.id)
        if meeting_uuid is not None:
            query = query.where(FamiliarisationNote.meeting_uuid == meeting_uuid)
        return [NoteData(r.uuid, r.meeting_uuid, r.question_id, r.text, r.position) for r in session.scalars(query)]


def get_note(ws: Workspace, uuid: str) -> NoteData:
    with ws.read() as session:
        row = session.scalar(select(FamiliarisationNote).where(FamiliarisationNote.uuid == uuid))
        if row is None:
            raise TideskError("that note is no longer in this workspace")
        return NoteData(row.uuid, row.meeting_uuid, row.question_id, row.text, row.position)


# ---- conversations -------------------------------------------------------------------------------------


def _check_meeting(values: dict[str, object]) -> dict[str, object]:
    tidy = dict(values)
    if "title" in tidy:
        tidy["title"] = str(tidy["title"]).strip()
        if not tidy["title"]:
            raise TideskError("a conversation needs a short name, such as “Nursing team”")
        if len(str(tidy["title"])) > 200:
            raise TideskError("a conversation's name can be at most 200 characters")
    if "group_kind" in tidy and tidy["group_kind"] not in GROUP_KINDS:
        raise TideskError("a conversation is with one person or with a group")
    if "setting" in tidy and tidy["setting"] not in SETTINGS:
        raise TideskError("a conversation is in person, online or by phone")
    if "held_on" in tidy and not isinstance(tidy["held_on"], date):
        raise TideskError("a conversation needs the day it was held")
    return tidy


def add_meeting(
    title: str,
    held_on: date | None = None,
    group_kind: str = "group",
    setting: str = "in person",
    *,
    guide_version: int | None = None,
    uuid: str | None = None,
) -> Change:
    values = _check_meeting(
        {"title": title, "held_on": held_on or date.today(), "group_kind": group_kind, "setting": setting}
    )
    return AddRow(
        "familiarisation_meeting",
        {**values, "uuid": uuid or new_uuid(), "guide_id": GUIDE_ID, "guide_version": guide_version},
    )


def edit_meeting(uuid: str, merge: Hashable | None = None, **changes: object) -> Change:
    unknown = set(changes) - MEETING_FIELDS
    if unknown:
        raise ValueError(f"unknown conversation fields: {sorted(unknown)}")
    return SetFields("familiarisation_meeting", uuid, _check_meeting(changes), merge)


def remove_meeting(uuid: str) -> Change:
    """The conversation, who took part, its notes and the findings marked in them: undo brings all back."""
    return Remove("familiarisation_meeting", (uuid,))


# ---- who took part -------------------------------------------------------------------------------------


def _check_participant(values: dict[str, object]) -> dict[str, object]:
    tidy = {key: value.strip() if isinstance(value, str) else value for key, value in values.items()}
    if "people" in tidy:
        people = tidy["people"]
        if not isinstance(people, int) or isinstance(people, bool) or not 1 <= people <= MAX_PEOPLE:
            raise TideskError(f"the number who took part in one role is a whole number from 1 to {MAX_PEOPLE}")
    for key in ("role", "organisation", "name"):
        if key in tidy and len(str(tidy[key])) > 200:
            raise TideskError(f"a {key} can be at most 200 characters")
    return tidy


def add_participant(
    meeting_uuid: str,
    role: str,
    organisation: str = "",
    people: int = 1,
    name: str = "",
    *,
    position: int | None = None,
    uuid: str | None = None,
) -> Change:
    values = _check_participant({"role": role, "organisation": organisation, "people": people, "name": name})
    if not values["role"] and not values["organisation"]:
        raise TideskError("say the role or the organisation of who took part (names are not needed)")
    return InsertAt(
        "familiarisation_participant", {**values, "uuid": uuid or new_uuid()}, position, {"meeting_uuid": meeting_uuid}
    )


def move_participant(uuid: str, index: int, meeting_uuid: str) -> Change:
    return MoveTo("familiarisation_participant", uuid, index, {"meeting_uuid": meeting_uuid})


def edit_participant(uuid: str, **changes: object) -> Change:
    unknown = set(changes) - PARTICIPANT_FIELDS
    if unknown:
        raise ValueError(f"unknown participant fields: {sorted(unknown)}")
    return SetFields("familiarisation_participant", uuid, _check_participant(changes))


def remove_participant(uuid: str) -> Change:
    return Remove("familiarisation_participant", (uuid,))


# ---- notes ---------------------------------------------------------------------------------------------


def add_note(
    meeting_uuid: str, question_id: str = "", text: str = "", *, index: int | None = None, uuid: str | None = None
) -> Change:
    """A new note (answering a prompt of the guide, or free), at ``index`` among the conversation's notes."""
    values = {"uuid": uuid or new_uuid(), "question_id": question_id, "text": text}
    return InsertAt("familiarisation_note", values, index, {"meeting_uuid": meeting_uuid})


def set_note_text(uuid: str, text: str, gesture: Hashable | None = None) -> Change:
    """Store what has been typed so far; every burst of one gesture (typing until a pause) undoes as one."""
    return SetFields("familiarisation_note", uuid, {"text": text}, None if gesture is None else ("note", uuid, gesture))


def remove_note(uuid: str) -> Change:
    """The note and the findings marked in it."""
    return Remove("familiarisation_note", (uuid,))


def move_note(uuid: str, index: int, meeting_uuid: str) -> Change:
    return MoveTo("familiarisation_note", uuid, index, {"meeting_uuid": meeting_uuid})


def start_meeting(
    title: str,
    held_on: date | None = None,
    group_kind: str = "group",
    setting: str = "in person",
    *,
    guide_version: int | None = None,
    uuid: str | None = None,
    first_note: str | None = None,
) -> Change:
    """A new conversation with its first, empty free note ready to type in, as one undo step."""
    meeting = uuid or new_uuid()
    made = add_meeting(title, held_on, group_kind, setting, guide_version=guide_version, uuid=meeting)
    return Batch((made, add_note(meeting, uuid=first_note or new_uuid())))
