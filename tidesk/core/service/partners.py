"""The partner organisations the service works alongside, in the order the team keeps them."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass

from sqlalchemy import select

from tidesk.core.changes import Change, InsertAt, MoveTo, Remove, SetFields
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.service.models import Partner
from tidesk.core.workspace import Workspace

NEEDS_NAME = "a partner needs a name"


@dataclass(frozen=True)
class PartnerData:
    uuid: str
    name: str
    kind: str
    notes: str
    position: int


def list_partners(ws: Workspace) -> list[PartnerData]:
    with ws.read() as session:
        rows = session.scalars(select(Partner).order_by(Partner.position, Partner.id))
        return [PartnerData(row.uuid, row.name, row.kind, row.notes, row.position) for row in rows]


def add_partner(
    name: str, kind: str = "Other", notes: str = "", *, position: int | None = None, uuid: str | None = None
) -> Change:
    name = name.strip()
    if not name:
        raise TideskError(NEEDS_NAME)
    values = {"uuid": uuid or new_uuid(), "name": name, "kind": kind.strip() or "Other", "notes": notes}
    return InsertAt("partner", values, position)


def edit_partner(uuid: str, **changes: str) -> Change:
    """Change a partner's name, kind or notes."""
    unknown = set(changes) - {"name", "kind", "notes"}
    if unknown:
        raise ValueError(f"unknown partner fields: {sorted(unknown)}")
    tidy = {key: value if key == "notes" else value.strip() for key, value in changes.items()}
    if "name" in tidy and not tidy["name"]:
        raise TideskError(NEEDS_NAME)
    return SetFields("partner", uuid, tidy)


def remove_partner(uuid: str) -> Change:
    return Remove("partner", (uuid,))


def move_partner(uuid: str, index: int, merge: Hashable | None = None) -> Change:
    return MoveTo("partner", uuid, index, merge=merge)
