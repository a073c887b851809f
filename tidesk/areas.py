"""The one list of the programme's areas, and what each brings in every layer.

Each area is named once here, with its step state, what a new workspace is seeded with, its demo data, its
reports and its page, each by dotted name (``module:attribute``) and imported only when first needed, so
reading this list costs nothing at start-up. The navigation, the home page, the report registry, the demo
and the seeding of a new workspace all read it. Adding an area edits this list and adds its folders
(``core/<area>/``, ``gui/<area>/page.py``, ``reports/<area>.py``, ``tests/<area>/``): nothing else.

This module imports no Qt, no ReportLab and no SQLAlchemy: the core, the reports, the GUI and the command
line all read it.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tidesk.core.programme import STEPS, Phase, Step, StepState, step

if TYPE_CHECKING:
    import random

    from sqlalchemy.orm import Session

    from tidesk.core.workspace import Workspace


@dataclass(frozen=True)
class ReportEntry:
    """One PDF an area can produce: ``data`` reads the workspace into plain data, ``build`` writes the PDF."""

    name: str
    title: str
    description: str
    subject: str
    data: str
    build: str


@dataclass(frozen=True)
class Area:
    """A step of the programme (``core/programme.py`` names them all, in order) that tidesk has built."""

    key: str
    state: str
    page: str
    seed: str | None = None
    demo: str | None = None
    reports: tuple[ReportEntry, ...] = ()
    # Tables outside the area's own models whose changes its step state or page read (forms, say). Every
    # step can be marked done by the team, which is a workspace setting.
    watches: tuple[str, ...] = ("setting",)
    # A short line of how far the step has got ("4 conversations · 23 findings"), shown on Home.
    progress: str | None = None

    @property
    def step(self) -> Step:
        return step(self.key)

    @property
    def title(self) -> str:
        return self.step.title

    @property
    def phase(self) -> Phase:
        return self.step.phase

    @property
    def summary(self) -> str:
        return self.step.summary

    @property
    def order(self) -> int:
        return [s.key for s in STEPS].index(self.key)

    def step_state(self, ws: Workspace) -> StepState:
        state: Callable[[Workspace], StepState] = resolve(self.state)
        return state(ws)

    def progress_words(self, ws: Workspace) -> str:
        if self.progress is None:
            return ""
        words: Callable[[Workspace], str] = resolve(self.progress)
        return words(ws)

    @property
    def tables(self) -> frozenset[str]:
        """The area's own tables (from ``core/<area>/models.py``) and those it watches."""
        return area_tables(self.key) | frozenset(self.watches)


AREAS: tuple[Area, ...] = (
    Area(
        key="service",
        state="tidesk.core.service:step_state",
        page="tidesk.gui.service.page:ServicePage",
        seed="tidesk.core.service:seed",
        demo="tidesk.core.service.demo:fill",
        reports=(
            ReportEntry(
                name="service",
                title="Service and pathway",
                description="The service's profile, its partner organisations and the journey through the service, "
                "stage by stage.",
                subject="Service profile, partner organisations and pathway",
                data="tidesk.core.service:report_data",
                build="tidesk.reports.service:build_service_report",
            ),
        ),
    ),
    Area(
        key="familiarisation",
        state="tidesk.core.familiarisation:step_state",
        page="tidesk.gui.familiarisation.page:FamiliarisationPage",
        demo="tidesk.core.familiarisation.demo:fill",
        progress="tidesk.core.familiarisation:progress_words",
        reports=(
            ReportEntry(
                name="familiarisation",
                title="Familiarisation",
                description="Who was heard, what helps and what gets in the way under each theme, the service's "
                "documents and their review, the readiness of each theme and the questions for the lens event.",
                subject="Phase 1: the service's context and readiness",
                data="tidesk.core.familiarisation.report:report_data",
                build="tidesk.reports.familiarisation:build_familiarisation_report",
            ),
        ),
    ),
)

KEYS = tuple(area.key for area in AREAS)


def area(key: str) -> Area:
    for found in AREAS:
        if found.key == key:
            return found
    raise KeyError(key)


def ordered() -> list[Area]:
    """The areas built so far, in the order of the programme."""
    return sorted(AREAS, key=lambda a: a.order)


@functools.cache
def resolve(dotted: str) -> Any:
    """The object a dotted name (``package.module:attribute``) names, imported on first use."""
    module, _, attribute = dotted.partition(":")
    found: Any = importlib.import_module(module)
    for part in attribute.split("."):
        found = getattr(found, part)
    return found


@functools.cache
def area_tables(key: str) -> frozenset[str]:
    from tidesk.core.db import Base
    from tidesk.core.models import load_models

    load_models()
    prefix = f"tidesk.core.{key}."
    mappers = Base.registry.mappers
    return frozenset(str(m.class_.__tablename__) for m in mappers if m.class_.__module__.startswith(prefix))


def seed_all(session: Session) -> None:
    """What every new workspace starts with, area by area."""
    for found in ordered():
        if found.seed:
            resolve(found.seed)(session)


DemoFiller = Callable[["Session", "random.Random", int], dict[str, int]]


def demo_fillers() -> list[tuple[str, DemoFiller]]:
    return [(found.key, resolve(found.demo)) for found in ordered() if found.demo]


def reports() -> list[tuple[Area, ReportEntry]]:
    return [(found, entry) for found in ordered() for entry in found.reports]
