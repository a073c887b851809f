"""The demo's phase 1: the lead's conversations with the Carran team and its partners, who took part, the notes
kept against the discussion guide, the findings marked in them, the service's documents, and the team's
judgement of its readiness with the questions it carries into the lens event.

The content is in ``demo_content.py``, ``demo_staff.py`` and ``demo_partners.py``; this module turns it into
rows, written with one bulk insert per table. ``scale`` repeats the conversations and documents (for
benchmarks); readiness is one judgement per theme, so it is written once.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import insert
from sqlalchemy.orm import Session

from tidesk.core.db import Tag
from tidesk.core.demo import DEMO_START, demo_uuid, table_of
from tidesk.core.familiarisation.conversations import GUIDE_ID
from tidesk.core.familiarisation.demo_content import DOCUMENTS, QUESTIONS, READINESS, Conversation, Mark, tags_of
from tidesk.core.familiarisation.demo_partners import PARTNERS
from tidesk.core.familiarisation.demo_staff import STAFF
from tidesk.core.familiarisation.models import (
    FamiliarisationFinding,
    FamiliarisationMeeting,
    FamiliarisationNote,
    FamiliarisationParticipant,
    FamiliarisationReadiness,
    ReadinessQuestion,
    ServiceDocument,
)
from tidesk.core.units import recorder

CONVERSATIONS: tuple[Conversation, ...] = tuple(sorted((*STAFF, *PARTNERS), key=lambda c: c.day))
GUIDE_VERSION = 1  # the shipped discussion guide the notes answer (forms/familiarisation-guide.v1.yaml)

Rows = dict[str, list[dict[str, object]]]


def _suffix(round_number: int) -> str:
    return "" if round_number == 0 else f" ({round_number + 1})"


def _finding(mark: Mark, text: str, note: str, default_role: str, rows: Rows, rng: random.Random, stamp: int) -> None:
    start = text.find(mark.passage)
    if start < 0:
        raise ValueError(f"the demo's passage is not in its note: {mark.passage!r}")
    finding = demo_uuid(rng)
    rows["familiarisation_finding"].append(
        {
            "uuid": finding,
            "changed_in": stamp,
            "note_uuid": note,
            "kind": mark.kind,
            "start": start,
            "passage": mark.passage,
            "wording": mark.wording,
            "role": mark.role or default_role,
            "quote": mark.quote,
        }
    )
    for tag in tags_of(mark.tags):
        family, _, code = tag.partition(":")
        rows["tag"].append(
            {
                "uuid": demo_uuid(rng),
                "changed_in": stamp,
                "target_table": "familiarisation_finding",
                "target": finding,
                "family": family,
                "code": code,
            }
        )


def _conversation(conversation: Conversation, round_number: int, rows: Rows, rng: random.Random, stamp: int) -> None:
    meeting = demo_uuid(rng)
    rows["familiarisation_meeting"].append(
        {
            "uuid": meeting,
            "changed_in": stamp,
            "held_on": DEMO_START + timedelta(days=conversation.day + round_number % 14),
            "title": conversation.title + _suffix(round_number),
            "group_kind": conversation.group_kind,
            "setting": conversation.setting,
            "guide_id": GUIDE_ID,
            "guide_version": GUIDE_VERSION,
        }
    )
    for position, (role, organisation, people) in enumerate(conversation.participants):
        rows["familiarisation_participant"].append(
            {
                "uuid": demo_uuid(rng),
                "changed_in": stamp,
                "meeting_uuid": meeting,
                "position": position,
                "role": role,
                "organisation": organisation,
                "people": people,
                "name": "",
            }
        )
    first_role = conversation.participants[0][0]
    for position, note in enumerate(conversation.notes):
        note_uuid = demo_uuid(rng)
        rows["familiarisation_note"].append(
            {
                "uuid": note_uuid,
                "changed_in": stamp,
                "meeting_uuid": meeting,
                "position": position,
                "question_id": note.question,
                "text": note.text,
            }
        )
        for mark in note.marks:
            _finding(mark, note.text, note_uuid, first_role, rows, rng, stamp)


def _documents(round_number: int, rows: Rows, rng: random.Random, stamp: int) -> None:
    def day(offset: int | None) -> object:
        return None if offset is None else DEMO_START + timedelta(days=offset)

    for title, kind, owner, reviewed, lens_reviewed, lens_due in DOCUMENTS:
        rows["service_document"].append(
            {
                "uuid": demo_uuid(rng),
                "changed_in": stamp,
                "title": title + _suffix(round_number),
                "kind": kind,
                "owner": owner,
                "reviewed_on": day(reviewed),
                "lens_reviewed_on": day(lens_reviewed),
                "lens_review_due": day(lens_due),
                "notes": "",
                "file_name": "",
                "file_size": 0,
                "file_sha256": "",
            }
        )


def _readiness(rows: Rows, rng: random.Random, stamp: int) -> None:
    for theme, (level, judgement) in READINESS.items():
        rows["familiarisation_readiness"].append(
            {"uuid": demo_uuid(rng), "changed_in": stamp, "theme": theme, "level": level, "judgement": judgement}
        )
    for theme, questions in QUESTIONS.items():
        for position, text in enumerate(questions):
            rows["readiness_question"].append(
                {"uuid": demo_uuid(rng), "changed_in": stamp, "theme": theme, "position": position, "text": text}
            )


MODELS = (
    FamiliarisationMeeting,
    FamiliarisationParticipant,
    FamiliarisationNote,
    FamiliarisationFinding,
    Tag,
    ServiceDocument,
    FamiliarisationReadiness,
    ReadinessQuestion,
)


def fill(session: Session, rng: random.Random, scale: int) -> dict[str, int]:
    stamp = recorder(session).revision
    rows: Rows = {model.__tablename__: [] for model in MODELS}
    for round_number in range(scale):
        for conversation in CONVERSATIONS:
            _conversation(conversation, round_number, rows, rng, stamp)
        _documents(round_number, rows, rng, stamp)
    _readiness(rows, rng, stamp)
    for model in MODELS:  # parents before children, for the foreign keys
        if rows[model.__tablename__]:
            session.execute(insert(table_of(model)), rows[model.__tablename__])
    return {name: len(found) for name, found in rows.items()}
