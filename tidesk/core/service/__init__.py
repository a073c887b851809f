"""The service area: the service's profile, its partner organisations and its pathway of journey stages.

Reads return plain data; every edit is a change (``core/changes.py``) built and checked here, applied by the
caller in one unit of work, and undone by the inverse it returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tidesk.core.programme import StepState
from tidesk.core.service.models import PARTNER_KINDS, SETTING_LABELS, PathwayStage, ServiceSetting
from tidesk.core.service.partners import (
    PartnerData,
    add_partner,
    edit_partner,
    list_partners,
    move_partner,
    remove_partner,
)
from tidesk.core.service.pathway import (
    DEFAULT_PATHWAY,
    StageData,
    add_stage,
    edit_stage,
    list_stages,
    move_stage,
    remove_stage,
    seed_default_pathway,
)
from tidesk.core.service.profile import PROFILE_FIELDS, ProfileData, edit_profile, get_profile, seed_profile
from tidesk.core.settings import marked_done
from tidesk.core.workspace import Workspace

__all__ = [
    "DEFAULT_PATHWAY",
    "PARTNER_KINDS",
    "PROFILE_FIELDS",
    "SETTING_LABELS",
    "PartnerData",
    "PathwayStage",
    "ProfileData",
    "ServiceReportData",
    "ServiceSetting",
    "StageData",
    "add_partner",
    "add_stage",
    "edit_partner",
    "edit_profile",
    "edit_stage",
    "get_profile",
    "list_partners",
    "list_stages",
    "move_partner",
    "move_stage",
    "remove_partner",
    "remove_stage",
    "report_data",
    "seed",
    "step_state",
]


def seed(session: Session) -> None:
    """What every new workspace starts with: an empty profile and the usual pathway."""
    seed_profile(session)
    seed_default_pathway(session)


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


def pathway_reviewed(stages: list[StageData]) -> bool:
    """Whether the team has made the pathway its own: the stages every new workspace starts with, unchanged,
    are a suggestion, not the service's pathway."""
    return [(s.name, s.description) for s in stages] != list(DEFAULT_PATHWAY)


def step_state(ws: Workspace) -> StepState:
    """Done when the team says so, or once the service is named, its organisation and a partner are recorded
    and the pathway is the team's own (not the suggested one, untouched); in progress once anything is."""
    if marked_done(ws, "service"):
        return StepState.DONE
    profile = get_profile(ws)
    partners = list_partners(ws)
    reviewed = pathway_reviewed(list_stages(ws))
    if profile.name and profile.organisation and partners and reviewed:
        return StepState.DONE
    if profile.name or profile.organisation or profile.description or partners or reviewed:
        return StepState.IN_PROGRESS
    return StepState.NOT_STARTED
