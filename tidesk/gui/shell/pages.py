"""The window's pages: home, one per registered area (from ``tidesk/areas.py``), the forms and the reports.

Pages are named here by dotted name and built only when first shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from tidesk import areas
from tidesk.areas import Area
from tidesk.core.programme import Phase
from tidesk.gui.shell.context import AppContext


@dataclass(frozen=True)
class PageEntry:
    key: str
    title: str
    phase: Phase | None  # None: not a step of the programme (the home page)
    order: int
    factory: str  # "module:Class", a page taking the context
    area: Area | None = None  # the area this page belongs to, whose step state the navigation shows
    summary: str = ""

    def build(self, ctx: AppContext) -> QWidget:
        factory: Callable[[AppContext], QWidget] = areas.resolve(self.factory)
        return factory(ctx)


SHELL_PAGES = (
    PageEntry("home", "Home", None, 0, "tidesk.gui.shell.home:HomePage"),
    PageEntry(
        "forms",
        "Forms",
        Phase.PLANNING,
        90,
        "tidesk.gui.forms.page:FormsPage",
        summary="Preview the questionnaires, start a response for a round, and carry on with ones begun.",
    ),
    PageEntry(
        "reports",
        "Reports",
        Phase.REPORTS,
        0,
        "tidesk.gui.shell.reports:ReportsPage",
        summary="Export PDF reports to share.",
    ),
)


def all_pages() -> list[PageEntry]:
    """Home first, then the programme's steps by phase and order, then reports."""
    found = [*SHELL_PAGES, *(PageEntry(a.key, a.title, a.phase, a.order, a.page, a, a.summary) for a in areas.AREAS)]
    phases = list(Phase)
    return sorted(found, key=lambda p: (-1 if p.phase is None else phases.index(p.phase), p.order))
