"""The service pathway: the stages of a person's journey through the service, in order."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, InsertAt, MoveTo, Remove, SetFields
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.service.models import PathwayStage
from tidesk.core.workspace import Workspace

NEEDS_NAME = "a journey stage needs a name"

# The journey stages a substance use service usually has; each team edits them to fit its own pathway.
DEFAULT_PATHWAY = (
    ("Hearing about the service", "How people first learn the service exists and what it offers."),
    ("Referral or first contact", "Self-referral, a phone call, or a referral from a GP or partner."),
    ("Arrival and waiting", "Getting there, the welcome, the waiting room and how long it takes."),
    ("Assessment and triage", "The first conversations about what is happening and what is needed."),
    ("Choice and planning", "Agreeing options and a plan together."),
    ("Starting treatment and dispensing", "Prescribing, pharmacy, and the first weeks of treatment."),
    ("Ongoing keyworking", "Regular contact with a keyworker and other support."),
    ("Missed appointments, relapse or crisis", "What happens when things get harder."),
    ("Transitions", "Moving between prison, hospital, mental health teams or another area."),
    ("Planned exit and easy return", "Leaving well, recovery community, and coming back without barriers."),
)


@dataclass(frozen=True)
class StageData:
    uuid: str
    name: str
    description: str
    position: int


def list_stages(ws: Workspace) -> list[StageData]:
    with ws.read() as session:
        rows = session.scalars(select(PathwayStage).order_by(PathwayStage.position, PathwayStage.id))
        return [StageData(row.uuid, row.name, row.description, row.position) for row in rows]


def add_stage(name: str, description: str = "", *, position: int | None = None, uuid: str | None = None) -> Change:
    name = name.strip()
    if not name:
        raise TideskError(NEEDS_NAME)
    return InsertAt("pathway_stage", {"uuid": uuid or new_uuid(), "name": name, "description": description}, position)


def edit_stage(uuid: str, **changes: str) -> Change:
    unknown = set(changes) - {"name", "description"}
    if unknown:
        raise ValueError(f"unknown stage fields: {sorted(unknown)}")
    tidy = {key: value.strip() if key == "name" else value for key, value in changes.items()}
    if "name" in tidy and not tidy["name"]:
        raise TideskError(NEEDS_NAME)
    return SetFields("pathway_stage", uuid, tidy)


def remove_stage(uuid: str) -> Change:
    return Remove("pathway_stage", (uuid,))


def move_stage(uuid: str, index: int, merge: Hashable | None = None) -> Change:
    """Move a stage to ``index`` among the live stages."""
    return MoveTo("pathway_stage", uuid, index, merge=merge)


def seed_default_pathway(session: Session) -> None:
    """Give a new workspace the usual stages, which the team then edits to its own pathway."""
    if session.scalar(select(func.count()).select_from(PathwayStage)):
        return
    for position, (name, description) in enumerate(DEFAULT_PATHWAY):
        session.add(PathwayStage(name=name, description=description, position=position))
