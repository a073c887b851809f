"""Familiarisation (phase 1): conversations with staff and partners, the findings marked in what was said,
the service's documents, and the team's judgement of its readiness, theme by theme.

Use cases live in the modules by what they are about (``conversations``, ``findings``, ``documents``,
``readiness``, ``search``); reads return plain data and every edit is a change (``core/changes.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from tidesk.core.familiarisation.models import (
    FamiliarisationFinding,
    FamiliarisationMeeting,
    FamiliarisationReadiness,
    ServiceDocument,
)
from tidesk.core.programme import StepState
from tidesk.core.settings import marked_done
from tidesk.core.workspace import Workspace

THEME_COUNT = 9


@dataclass(frozen=True)
class Progress:
    conversations: int
    findings: int
    documents: int
    themes_judged: int

    @property
    def words(self) -> str:
        parts = [
            _plural(self.conversations, "conversation"),
            _plural(self.findings, "finding"),
            _plural(self.documents, "document"),
            f"readiness judged for {self.themes_judged} of {THEME_COUNT} themes",
        ]
        return " · ".join(parts)

    @property
    def anything(self) -> bool:
        return bool(self.conversations or self.findings or self.documents or self.themes_judged)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def progress(ws: Workspace) -> Progress:
    with ws.read() as session:

        def count(model: type) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        judged = session.scalar(
            select(func.count(func.distinct(FamiliarisationReadiness.theme))).where(
                FamiliarisationReadiness.level.is_not(None)
            )
        )
        return Progress(
            count(FamiliarisationMeeting), count(FamiliarisationFinding), count(ServiceDocument), int(judged or 0)
        )


def step_state(ws: Workspace) -> StepState:
    """Done when the team says so, or once readiness is judged for every theme; in progress once a
    conversation, a finding, a document or a judgement is recorded."""
    if marked_done(ws, "familiarisation"):
        return StepState.DONE
    found = progress(ws)
    if found.themes_judged >= THEME_COUNT and found.conversations:
        return StepState.DONE
    return StepState.IN_PROGRESS if found.anything else StepState.NOT_STARTED


def progress_words(ws: Workspace) -> str:
    return progress(ws).words
