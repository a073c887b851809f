"""Exporting a report from the app: choose where, write it in the background, then open it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from tidesk.gui.shell.context import AppContext
from tidesk.gui.shell.tasks import Task
from tidesk.reports.registry import REPORTS, export_report


def suggested_name(ctx: AppContext, report: str) -> str:
    title = REPORTS[report].title
    from tidesk.core import service

    name = service.get_profile(ctx.ws).name or "tidesk"
    stem = re.sub(r"[^\w\- ]+", "", f"{title} - {name} - {date.today():%Y-%m-%d}", flags=re.UNICODE)
    return f"{stem.strip()}.pdf"


def start_folder(ctx: AppContext) -> str:
    """Where file dialogs open: the folder last used, else Documents, else home."""
    last = ctx.preferences.get("last_export_dir")
    if last and Path(last).is_dir():
        return str(last)
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    return str(documents if documents.is_dir() else Path.home())


def ask_and_export(ctx: AppContext, report: str) -> None:
    """Ask where to save, then export in the background and open the PDF."""
    folder = start_folder(ctx)
    chosen, _filter = QFileDialog.getSaveFileName(
        ctx.window,
        f"Export {REPORTS[report].title}",
        str(Path(folder) / suggested_name(ctx, report)),
        "PDF documents (*.pdf)",
    )
    if chosen:
        target = Path(chosen)
        ctx.preferences.set("last_export_dir", str(target.parent))
        export_to(ctx, report, target if target.suffix.lower() == ".pdf" else target.with_suffix(".pdf"))


def export_to(ctx: AppContext, report: str, target: Path, *, open_when_done: bool = True) -> None:
    ws = ctx.ws

    def done(written: Path) -> None:
        ctx.message.emit(f"Report saved to {written}")
        if open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(written)))

    ctx.runner.run(
        Task(
            title=f"Writing the {REPORTS[report].title.lower()} report…",
            work=lambda progress: export_report(ws, report, target, progress, force=True),  # the dialog asked
            on_done=done,
        )
    )
