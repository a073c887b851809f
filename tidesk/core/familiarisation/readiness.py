"""Readiness: for each theme, what helps and what gets in the way (from the findings), the team's own short
judgement of how ready the service is, and the questions to carry into the lens event."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change, InsertAt, Mark, MoveTo, Remove, SetFields, insert_row, write_fields
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation.findings import THEME_NUMBERS, FindingData, list_findings, theme_title
from tidesk.core.familiarisation.models import FamiliarisationReadiness, ReadinessQuestion
from tidesk.core.workspace import Workspace

# The four steps, in plain words: what each says about the service, not about anyone in it.
LEVELS = {
    1: ("Not yet", "Other pressures need to come first before this theme can be worked on."),
    2: ("Thinking about it", "People are interested, and there are real worries or gaps to talk through."),
    3: ("Ready to start", "There is goodwill and something to build on; the team could begin here."),
    4: ("Already under way", "Good practice is happening in places and can be named and spread."),
}
MAX_JUDGEMENT = 4000


@dataclass(frozen=True)
class QuestionData:
    uuid: str
    theme: int
    text: str
    position: int


@dataclass(frozen=True)
class ThemeReadiness:
    theme: int
    title: str
    level: int | None
    judgement: str
    facilitators: tuple[FindingData, ...]
    barriers: tuple[FindingData, ...]
    questions: tuple[QuestionData, ...]

    @property
    def level_words(self) -> str:
        return LEVELS[self.level][0] if self.level in LEVELS else "Not judged yet"

    @property
    def judged(self) -> bool:
        return self.level is not None


def questions_of(ws: Workspace) -> list[QuestionData]:
    with ws.read() as session:
        rows = session.scalars(
            select(ReadinessQuestion).order_by(
                ReadinessQuestion.theme, ReadinessQuestion.position, ReadinessQuestion.id
            )
        )
        return [QuestionData(r.uuid, r.theme, r.text, r.position) for r in rows]


def readiness(ws: Workspace, findings: list[FindingData] | None = None) -> list[ThemeReadiness]:
    """The nine themes, each with its findings, the team's judgement and its questions."""
    found = list_findings(ws) if findings is None else findings
    with ws.read() as session:
        judged = {row.theme: row for row in session.scalars(select(FamiliarisationReadiness))}
        stored = {theme: (row.level, row.judgement) for theme, row in judged.items()}
    questions = questions_of(ws)
    out = []
    for theme in THEME_NUMBERS:
        level, judgement = stored.get(theme, (None, ""))
        mine = [finding for finding in found if theme in finding.themes]
        out.append(
            ThemeReadiness(
                theme,
                theme_title(theme),
                level,
                judgement,
                tuple(f for f in mine if f.kind == "facilitator"),
                tuple(f for f in mine if f.kind == "barrier"),
                tuple(q for q in questions if q.theme == theme),
            )
        )
    return out


def _check_theme(theme: int) -> int:
    if theme not in THEME_NUMBERS:
        raise TideskError("readiness is judged for one of the nine themes")
    return theme


@dataclass(frozen=True)
class SetReadiness(Change):
    """The team's judgement of one theme (a step of the scale, or None, and its words); the first judgement
    of a theme adds its row, and undoing that removes it again."""

    theme: int
    values: dict[str, Any]
    merge: Hashable | None = None

    def apply_in(self, session: Session) -> Change:
        row = session.scalar(select(FamiliarisationReadiness).where(FamiliarisationReadiness.theme == self.theme))
        if row is None:
            uuid = new_uuid()
            insert_row(
                session,
                "familiarisation_readiness",
                {"uuid": uuid, "theme": self.theme, "level": None, "judgement": "", **self.values},
            )
            return Mark((("familiarisation_readiness", uuid),))
        before = write_fields(session, "familiarisation_readiness", row.uuid, self.values)
        return SetFields("familiarisation_readiness", row.uuid, before, self.merge)

    @property
    def merge_key(self) -> Hashable | None:
        return self.merge


def judge(theme: int, *, level: int | object | None = ..., judgement: str | None = None) -> Change:
    """Set a theme's step on the scale (None clears it) and/or the words that go with it."""
    values: dict[str, Any] = {}
    if level is not ...:
        if level is not None and level not in LEVELS:
            raise TideskError("readiness is one of the four steps, or not judged yet")
        values["level"] = level
    if judgement is not None:
        if len(judgement) > MAX_JUDGEMENT:
            raise TideskError(f"a readiness judgement can be at most {MAX_JUDGEMENT:,} characters")
        values["judgement"] = judgement
    if not values:
        raise ValueError("nothing to judge")
    return SetReadiness(_check_theme(theme), values)


def add_question(theme: int, text: str, *, index: int | None = None, uuid: str | None = None) -> Change:
    words = text.strip()
    if not words:
        raise TideskError("write the question to carry into the lens event")
    values = {"uuid": uuid or new_uuid(), "text": words}
    return InsertAt("readiness_question", values, index, {"theme": _check_theme(theme)})


def edit_question(uuid: str, text: str) -> Change:
    words = text.strip()
    if not words:
        raise TideskError("a question cannot be left empty; remove it instead")
    return SetFields("readiness_question", uuid, {"text": words})


def remove_question(uuid: str) -> Change:
    return Remove("readiness_question", (uuid,))


def move_question(uuid: str, index: int, theme: int, merge: Hashable | None = None) -> Change:
    return MoveTo("readiness_question", uuid, index, {"theme": _check_theme(theme)}, merge)
