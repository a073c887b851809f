"""The service area: the service's profile, its partner organisations and its pathway of journey stages.

Every public function that changes data is one unit of work (one transaction) and returns what its
inverse needs, so the GUI can wrap it in an undo command.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from sqlalchemy import Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from tidesk.core.db import Row
from tidesk.core.errors import TideskError
from tidesk.core.programme import StepState
from tidesk.core.workspace import Workspace


class ServiceSetting(StrEnum):
    ISLAND = "island"
    REMOTE_RURAL = "remote_rural"
    RURAL = "rural"
    TOWN = "town"

    @property
    def label(self) -> str:
        return SETTING_LABELS[self]


SETTING_LABELS = {
    ServiceSetting.ISLAND: "Island",
    ServiceSetting.REMOTE_RURAL: "Remote rural",
    ServiceSetting.RURAL: "Rural",
    ServiceSetting.TOWN: "Town",
}

PARTNER_KINDS = (
    "Community mental health team",
    "GP practice",
    "Prison",
    "Pharmacy",
    "Third sector",
    "Alcohol and Drug Partnership",
    "Hospital",
    "Housing",
    "Police",
    "Social work",
    "Other",
)

# The journey stages a substance use service usually has (DOMAIN.md); each team edits them to fit.
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


class ServiceProfile(Row):
    __tablename__ = "service_profile"

    name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    setting: Mapped[str] = mapped_column(String(32), default=ServiceSetting.ISLAND.value)
    description: Mapped[str] = mapped_column(Text, default="")


class Partner(Row):
    __tablename__ = "partner"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(64), default="Other")
    notes: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class PathwayStage(Row):
    __tablename__ = "pathway_stage"

    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


# ---- plain data handed to the GUI and reports -------------------------------------------------


@dataclass(frozen=True)
class ProfileData:
    name: str = ""
    organisation: str = ""
    setting: str = ServiceSetting.ISLAND.value
    description: str = ""


@dataclass(frozen=True)
class PartnerData:
    id: int  # kept so that undoing a removal puts back exactly the same row
    uuid: str
    name: str
    kind: str
    notes: str
    position: int


@dataclass(frozen=True)
class StageData:
    id: int
    uuid: str
    name: str
    description: str
    position: int


PROFILE_FIELDS = tuple(f.name for f in fields(ProfileData))


def _profile_row(session: Session) -> ServiceProfile:
    row = session.scalars(select(ServiceProfile).order_by(ServiceProfile.id)).first()
    if row is None:
        row = ServiceProfile()
        session.add(row)
        session.flush()
    return row


def _as_profile(row: ServiceProfile) -> ProfileData:
    return ProfileData(**{name: getattr(row, name) for name in PROFILE_FIELDS})


def get_profile(ws: Workspace) -> ProfileData:
    with ws.read() as session:
        row = session.scalars(select(ServiceProfile).order_by(ServiceProfile.id)).first()
        return _as_profile(row) if row else ProfileData()


def update_profile(ws: Workspace, **changes: str) -> ProfileData:
    """Change some profile fields; returns the profile as it was, for undo."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"unknown profile fields: {sorted(unknown)}")
    if "setting" in changes:
        ServiceSetting(changes["setting"])  # raises for a setting we do not know
    with ws.transaction() as session:
        row = _profile_row(session)
        before = _as_profile(row)
        for name, value in changes.items():
            setattr(row, name, value.strip() if name != "description" else value)
        return before


def set_profile(ws: Workspace, profile: ProfileData) -> ProfileData:
    return update_profile(ws, **{name: getattr(profile, name) for name in PROFILE_FIELDS})


# ---- ordered lists (partners and pathway stages share the same handling) ------------------------


def _ordered(session: Session, model: type[Partner] | type[PathwayStage]) -> list:
    return list(session.scalars(select(model).order_by(model.position, model.id)))


def _renumber(rows: list) -> None:
    for index, row in enumerate(rows):
        row.position = index


def _find(session: Session, model: type[Partner] | type[PathwayStage], uuid: str):
    row = session.scalars(select(model).where(model.uuid == uuid)).first()
    if row is None:
        raise TideskError("that item is no longer in this workspace; it may have been removed already")
    return row


def _insert_at(session: Session, model, row, position: int | None) -> None:
    rows = _ordered(session, model)
    index = len(rows) if position is None else max(0, min(position, len(rows)))
    rows.insert(index, row)
    session.add(row)
    _renumber(rows)


def _move(session: Session, model, uuid: str, new_index: int) -> int:
    rows = _ordered(session, model)
    row = _find(session, model, uuid)
    old_index = rows.index(row)
    rows.pop(old_index)
    rows.insert(max(0, min(new_index, len(rows))), row)
    _renumber(rows)
    return old_index


def _remove(session: Session, model, uuid: str):
    rows = _ordered(session, model)
    row = _find(session, model, uuid)
    rows.remove(row)
    session.delete(row)
    _renumber(rows)
    return row


# ---- partners ----------------------------------------------------------------------------------


def _as_partner(row: Partner) -> PartnerData:
    return PartnerData(row.id, row.uuid, row.name, row.kind, row.notes, row.position)


def list_partners(ws: Workspace) -> list[PartnerData]:
    with ws.read() as session:
        return [_as_partner(row) for row in _ordered(session, Partner)]


def add_partner(
    ws: Workspace, name: str, kind: str = "Other", notes: str = "", *, position: int | None = None,
    uuid: str | None = None, row_id: int | None = None,
) -> PartnerData:
    name = name.strip()
    if not name:
        raise TideskError("a partner needs a name")
    with ws.transaction() as session:
        row = Partner(id=row_id, name=name, kind=kind or "Other", notes=notes)
        if uuid:
            row.uuid = uuid
        _insert_at(session, Partner, row, position)
        session.flush()
        return _as_partner(row)


def update_partner(ws: Workspace, uuid: str, **changes: str) -> PartnerData:
    """Change a partner's name, kind or notes; returns the partner as it was."""
    with ws.transaction() as session:
        row = _find(session, Partner, uuid)
        before = _as_partner(row)
        for name in ("name", "kind", "notes"):
            if name in changes:
                setattr(row, name, changes[name].strip() if name != "notes" else changes[name])
        if not row.name:
            raise TideskError("a partner needs a name")
        return before


def remove_partner(ws: Workspace, uuid: str) -> PartnerData:
    """Remove a partner; returns it as it was, so restore_partner can put it back in the same place."""
    with ws.transaction() as session:
        return _as_partner(_remove(session, Partner, uuid))


def restore_partner(ws: Workspace, partner: PartnerData) -> PartnerData:
    return add_partner(
        ws, partner.name, partner.kind, partner.notes, position=partner.position, uuid=partner.uuid,
        row_id=partner.id,
    )


def move_partner(ws: Workspace, uuid: str, new_index: int) -> int:
    with ws.transaction() as session:
        return _move(session, Partner, uuid, new_index)


# ---- pathway -----------------------------------------------------------------------------------


def _as_stage(row: PathwayStage) -> StageData:
    return StageData(row.id, row.uuid, row.name, row.description, row.position)


def list_stages(ws: Workspace) -> list[StageData]:
    with ws.read() as session:
        return [_as_stage(row) for row in _ordered(session, PathwayStage)]


def add_stage(
    ws: Workspace, name: str, description: str = "", *, position: int | None = None, uuid: str | None = None,
    row_id: int | None = None,
) -> StageData:
    name = name.strip()
    if not name:
        raise TideskError("a journey stage needs a name")
    with ws.transaction() as session:
        row = PathwayStage(id=row_id, name=name, description=description)
        if uuid:
            row.uuid = uuid
        _insert_at(session, PathwayStage, row, position)
        session.flush()
        return _as_stage(row)


def update_stage(ws: Workspace, uuid: str, **changes: str) -> StageData:
    with ws.transaction() as session:
        row = _find(session, PathwayStage, uuid)
        before = _as_stage(row)
        if "name" in changes:
            row.name = changes["name"].strip()
        if "description" in changes:
            row.description = changes["description"]
        if not row.name:
            raise TideskError("a journey stage needs a name")
        return before


def remove_stage(ws: Workspace, uuid: str) -> StageData:
    with ws.transaction() as session:
        return _as_stage(_remove(session, PathwayStage, uuid))


def restore_stage(ws: Workspace, stage: StageData) -> StageData:
    return add_stage(
        ws, stage.name, stage.description, position=stage.position, uuid=stage.uuid, row_id=stage.id
    )


def move_stage(ws: Workspace, uuid: str, new_index: int) -> int:
    """Move a stage to ``new_index``; returns its old index (the inverse move)."""
    with ws.transaction() as session:
        return _move(session, PathwayStage, uuid, new_index)


def seed_default_pathway(session: Session) -> None:
    """Give a new workspace the usual stages, which the team then edits to its own pathway."""
    if session.scalar(select(func.count()).select_from(PathwayStage)):
        return
    for position, (name, description) in enumerate(DEFAULT_PATHWAY):
        session.add(PathwayStage(name=name, description=description, position=position))


# ---- what the service report shows --------------------------------------------------------------


@dataclass(frozen=True)
class ServiceReportData:
    """Everything the service report needs, as plain data (reports never query the workspace)."""

    profile: ProfileData
    setting_label: str
    partners: list[PartnerData]
    stages: list[StageData]


def report_data(ws: Workspace) -> ServiceReportData:
    profile = get_profile(ws)
    try:
        setting_label = ServiceSetting(profile.setting).label
    except ValueError:
        setting_label = profile.setting
    return ServiceReportData(profile, setting_label, list_partners(ws), list_stages(ws))


def step_state(ws: Workspace) -> StepState:
    """Done once the service is named, its organisation and at least one partner are recorded, and the
    pathway has at least three stages; in progress once anything has been entered."""
    profile = get_profile(ws)
    partners = list_partners(ws)
    stages = list_stages(ws)
    if profile.name and profile.organisation and partners and len(stages) >= 3:
        return StepState.DONE
    if profile.name or profile.organisation or profile.description or partners:
        return StepState.IN_PROGRESS
    return StepState.NOT_STARTED
