"""Which reports tidesk can make, and making one from a workspace.

Cheap to import (the GUI does so at startup): ReportLab is loaded only when a report is actually made.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tidesk.core.errors import TideskError

if TYPE_CHECKING:
    from tidesk.core.workspace import Workspace

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    description: str
    area: str


def _specs() -> dict[str, ReportSpec]:
    from tidesk import areas

    return {
        entry.name: ReportSpec(entry.name, entry.title, entry.description, found.key)
        for found, entry in areas.reports()
    }


REPORTS = _specs()

UNNAMED_SERVICE = "Unnamed service"


def available_reports(ws: Workspace) -> list[ReportSpec]:
    """The reports this workspace can produce (each one says kindly when a section is still empty)."""
    return list(REPORTS.values())


def _check_destination(out: Path, ws: Workspace, force: bool) -> None:
    from tidesk.core.files import check_output

    folder = out.parent
    if not folder.is_dir():
        raise TideskError(f"{folder}: this folder does not exist; choose another place for the report")
    if out.is_dir():
        raise TideskError(f"{out}: this is a folder; give the report a file name ending in .pdf")
    check_output(out, reads=(ws.path,), force=force)  # never over a workspace, a backup, or without asking
    if not os.access(folder, os.W_OK):
        raise TideskError(f"{folder}: tidesk is not allowed to write in this folder; choose another")


def export_report(
    ws: Workspace, name: str, out: Path, progress: Progress | None = None, *, force: bool = False
) -> Path:
    """Write report ``name`` for ``ws`` as a PDF at ``out``; returns where it was written. An existing file
    is replaced only with ``force`` (and never a workspace, a backup or the workspace being read).

    Raises TideskError, with a plain message, for an unknown report or a place that cannot be written.
    """
    spec = REPORTS.get(name)
    if spec is None:
        known = ", ".join(sorted(REPORTS))
        raise TideskError(f"there is no report called {name!r}; the reports are: {known}")
    out = Path(out)
    _check_destination(out, ws, force)

    from tidesk import areas
    from tidesk.core import service, settings
    from tidesk.reports.document import DocumentInfo

    entry = next(e for _a, e in areas.reports() if e.name == name)
    data = areas.resolve(entry.data)(ws)
    info = DocumentInfo(
        service_name=service.get_profile(ws).name or UNNAMED_SERVICE,
        title=spec.title,
        generated_on=datetime.date.today(),
        marking=str(settings.get_setting(ws, "protective_marking") or ""),
        is_demo=ws.is_demo,
        subject=entry.subject,
    )
    build: Callable[..., Path] = areas.resolve(entry.build)

    from tidesk.core import files

    try:
        with files.writing(out, replace=force) as temporary:  # a file that appeared meanwhile is left alone
            build(data, info, temporary, progress)
        return out
    except PermissionError as exc:
        raise TideskError(
            f"{out}: the report could not be written (permission denied); if the file is open in another "
            "program, close it and try again, or choose another place"
        ) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise TideskError(f"{out}: the report could not be written ({reason})") from exc
