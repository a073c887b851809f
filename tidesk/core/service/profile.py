"""The service's profile: its name, organisation, setting and description (one row per workspace)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, Mark, SetFields, insert_row
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.service.models import ServiceProfile, ServiceSetting
from tidesk.core.workspace import Workspace


@dataclass(frozen=True)
class ProfileData:
    name: str = ""
    organisation: str = ""
    setting: str = ServiceSetting.ISLAND.value
    description: str = ""


PROFILE_FIELDS = tuple(f.name for f in fields(ProfileData))


def get_profile(ws: Workspace) -> ProfileData:
    with ws.read() as session:
        row = session.scalars(select(ServiceProfile).order_by(ServiceProfile.id)).first()
        return ProfileData(**{name: getattr(row, name) for name in PROFILE_FIELDS}) if row else ProfileData()


@dataclass(frozen=True)
class EditProfile(Change):
    """Change some profile fields (the profile row is made on the first edit of a workspace that has none)."""

    values: dict[str, str]
    merge: Hashable | None = None

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge

    def apply_in(self, session: Session) -> Change:
        row = session.scalars(select(ServiceProfile).order_by(ServiceProfile.id)).first()
        if row is None:
            uuid = new_uuid()
            insert_row(session, "service_profile", {**ProfileData().__dict__, **self.values, "uuid": uuid})
            return Mark((("service_profile", uuid),))
        return SetFields("service_profile", row.uuid, self.values, self.merge).apply_in(session)


def edit_profile(merge: Hashable | None = None, **changes: str) -> EditProfile:
    """The change that sets these profile fields, tidied (names trimmed) and checked."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    if "setting" in changes:
        try:
            ServiceSetting(changes["setting"])
        except ValueError as exc:
            raise TideskError(f"'{changes['setting']}' is not a setting tidesk knows") from exc
    tidy = {name: value if name == "description" else value.strip() for name, value in changes.items()}
    return EditProfile(tidy, merge)


def seed_profile(session: Session) -> None:
    """A new workspace starts with an empty profile, so every later edit is a plain change of fields."""
    if session.scalars(select(ServiceProfile.id)).first() is None:
        session.add(ServiceProfile())
