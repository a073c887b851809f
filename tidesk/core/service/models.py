"""The service area's tables: the service's profile, its partner organisations and its pathway of stages."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tidesk.core.db import Row


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
