"""Workspace settings: each declared once here with its default and its check; stored as JSON text."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from tidesk.core.db import Setting
from tidesk.core.errors import TideskError
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


SETTINGS = {
    spec.key: spec
    for spec in (
        SettingSpec("protective_marking", "OFFICIAL-SENSITIVE", _marking, "Protective marking on reports"),
        SettingSpec("small_number_threshold", 5, _threshold, "Smallest group whose results are shown"),
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


def set_setting(ws: Workspace, key: str, value: Any) -> Any:
    """Store a setting; returns the previous value, for undo."""
    spec = SETTINGS[key]
    problem = spec.check(value)
    if problem:
        raise TideskError(problem)
    before = get_setting(ws, key)
    with ws.transaction() as session:
        row = session.get(Setting, key)
        if row is None:
            session.add(Setting(key=key, value=json.dumps(value)))
        else:
            row.value = json.dumps(value)
    return before
