"""The one place pages are registered. Each page module calls :func:`register`; the window lists them.

A later area adds its page by adding its module name to ``PAGE_MODULES``: the window is not edited.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from tidesk.core.programme import Phase, StepState
from tidesk.core.workspace import Workspace
from tidesk.gui.shell.context import AppContext

PAGE_MODULES = ("tidesk.gui.shell.home", "tidesk.gui.service.page", "tidesk.gui.forms.page",
                "tidesk.gui.shell.reports")


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    phase: Phase | None  # None: not a programme step (the home page)
    order: int
    factory: Callable[[AppContext], QWidget]
    state: Callable[[Workspace], StepState] | None = None
    summary: str = ""


_REGISTERED: dict[str, PageSpec] = {}


def register(spec: PageSpec) -> PageSpec:
    _REGISTERED[spec.key] = spec
    return spec


def all_pages() -> list[PageSpec]:
    for name in PAGE_MODULES:
        importlib.import_module(name)
    phase_order = {phase: index for index, phase in enumerate(Phase)}
    return sorted(_REGISTERED.values(), key=lambda s: (-1 if s.phase is None else phase_order[s.phase], s.order))
