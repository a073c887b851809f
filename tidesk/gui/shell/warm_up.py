"""Getting ready after the first window shows: the ORM, the pages, upkeep, and the forms' check.

The first window shows the workspace from a quick read (its name, the steps); everything here runs on the
task runner straight after, so pages open at once when asked for, and the window was on screen sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from tidesk import areas
from tidesk.core.places import Places
from tidesk.core.workspace import Workspace, fully_checked_on_open, inspect_file

if TYPE_CHECKING:
    from tidesk.core.forms.loader import FormProblem

# The core and GUI modules every page needs, imported here in the background rather than on first click.
MODULES = (
    "tidesk.core.models",
    "tidesk.core.changes",
    "tidesk.core.settings",
    "tidesk.gui.shell.home",
    "tidesk.gui.shell.reports",
    "tidesk.gui.shell.settings_dialog",
    "tidesk.gui.forms.page",
)


def warm_up(ws: Workspace, places: Places) -> list[FormProblem]:
    """Load what the pages need, make the engine, purge spent removal marks, and check the shipped forms;
    returns the form files that were skipped and why."""
    for name in (*MODULES, *(module for a in areas.AREAS for module in (a.page, a.state))):
        importlib.import_module(name.partition(":")[0])
    with ws.read():
        pass  # the engine and its first connection, made now rather than on the first edit
    from tidesk.core.forms.library import shipped_catalogue
    from tidesk.core.opening import settle

    if not fully_checked_on_open(ws.path):
        inspect_file(ws.path, full_check=True)  # a large workspace's full check, which opening left for now
    if not ws.is_read_only:
        settle(ws, places)
    return shipped_catalogue().skipped
