"""Workspace settings: each declared once here with its default and its check; stored as JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tidesk.core.changes import Change
from tidesk.core.db import Setting
from tidesk.core.errors import TideskError
from tidesk.core.programme import STEPS
from tidesk.core.units import recorder
from tidesk.core.workspace import Workspace

PROTECTIVE_MARKINGS = ("OFFICIAL", "OFFICIAL-SENSITIVE", "")


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    check: Callable[[Any], str | None]  # returns a message when the value is not allowed
    label: str


def _marking(value: Any) -> str | None:
    if not isinstance(value, str) or len(value) > 60:
        return "a protective marking is a short line of text, such as OFFICIAL-SENSITIVE"
    return None


def _threshold(value: Any) -> str | None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 5:
        return "the small-number threshold is a whole number of at least 5"
    return None


def _steps(value: Any) -> str | None:
    if not isinstance(value, list) or not all(isinstance(key, str) for key in value):
        return "the steps marked done are a list of the programme's steps"
    known = {found.key for found in STEPS}
    unknown = [key for key in value if key not in known]
    return f"these are not steps of the programme: {', '.join(unknown)}" if unknown else None


def _yes_no(value: Any) -> str | None:
    return None if isinstance(value, bool) else "this setting is yes or no"


SETTINGS = {
    spec.key: spec
    for spec in (
        SettingSpec("protective_marking", "OFFICIAL-SENSITIVE", _marking, "Protective marking on reports"),
        SettingSpec("small_number_threshold", 5, _threshold, "Smallest group whose results are shown"),
        SettingSpec("steps_done", [], _steps, "Steps of the programme the team has marked done"),
        SettingSpec("keep_names", False, _yes_no, "Keep the names of who took part in conversations"),
    )
}


def get_setting(ws: Workspace, key: str) -> Any:
    spec = SETTINGS[key]
    with ws.read() as session:
        stored = session.scalar(select(Setting.value).where(Setting.key == key))
    if stored is None:
        return spec.default
    try:
        value = json.loads(stored)
    except ValueError:
        return spec.default
    return spec.default if spec.check(value) else value


@dataclass(frozen=True)
class SetSetting(Change):
    """Store a workspace setting (or, with ``unset``, go back to its default); the inverse restores exactly
    what was stored before, the stored text included."""

    key: str
    value: Any = None
    unset: bool = False

    def apply_in(self, session: Session) -> Change:
        row = session.get(Setting, self.key)
        before = SetSetting(self.key, unset=True) if row is None else SetSetting(self.key, _Stored(row.value))
        if self.unset:
            if row is not None:
                session.delete(row)
        else:
            text = self.value.text if isinstance(self.value, _Stored) else json.dumps(self.value)
            if row is None:
                session.add(Setting(key=self.key, value=text))
            else:
                row.value = text
        recorder(session).note("setting")
        return before


@dataclass(frozen=True)
class _Stored:
    """A setting's stored text, put back as it was (even if it no longer reads as a valid value)."""

    text: str


def set_setting(key: str, value: Any) -> SetSetting:
    """The change that stores a setting, checked first."""
    spec = SETTINGS[key]
    problem = spec.check(value)
    if problem:
        raise TideskError(problem)
    return SetSetting(key, value)


def marked_done(ws: Workspace, key: str) -> bool:
    """Whether the team has said this step of the programme is done."""
    return key in get_setting(ws, "steps_done")


def mark_done(ws: Workspace, key: str, done: bool) -> SetSetting:
    """The change that marks a step done, or not done after all."""
    steps = [k for k in get_setting(ws, "steps_done") if k != key] + ([key] if done else [])
    return set_setting("steps_done", steps)
