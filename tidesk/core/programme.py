"""The shape of the programme the app walks through: its phases, and how far along a step is."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    UNDERSTANDING = "understanding"
    PLANNING = "planning"
    IMPLEMENTING = "implementing"
    REPORTS = "reports"

    @property
    def heading(self) -> str:
        return PHASE_TITLES[self]


PHASE_TITLES = {
    Phase.UNDERSTANDING: "Phase 1 · Understanding the service",
    Phase.PLANNING: "Phase 2 · Improvement planning",
    Phase.IMPLEMENTING: "Phase 3 · Putting priorities into practice",
    Phase.REPORTS: "Reports",
}


class StepState(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
