"""Help ▸ About: version, where the data lives, licences, and credit for the source material."""

from __future__ import annotations

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from tidesk import __version__
from tidesk.gui.shell.context import AppContext

OGL_CREDIT = (
    "The programme follows the Scottish Government's <i>National Trauma Transformation Programme: "
    "Trauma-Informed Substance Use Pathfinders – Learning Report</i> and <i>Trauma-informed practice: "
    "toolkit</i> (2021). Crown copyright, used under the "
    "<a href='https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'>Open Government "
    "Licence v3.0</a>. tidesk's questions and help text are written in its own words."
)


def about_text(ctx: AppContext) -> str:
    ws = ctx.workspace
    where = f"<br>Open workspace: {ws.path}" if ws else ""
    return (
        f"<h3>tidesk {__version__}</h3>"
        "<p>An offline companion for a health and care team becoming trauma-informed.</p>"
        f"<p>Your data folder: {ctx.places.data_dir}<br>Backups: {ctx.places.backups}{where}</p>"
        f"<p>{OGL_CREDIT}</p>"
        "<p>Built with Qt " + qVersion() + " (LGPL v3) through PySide6, SQLAlchemy and Alembic (MIT), "
        "ReportLab (BSD) and the DejaVu fonts (Bitstream Vera licence, public domain changes). tidesk never "
        "connects to a network.</p>"
    )


def show_about(parent: QWidget, ctx: AppContext) -> None:
    QMessageBox.about(parent, "About tidesk", about_text(ctx))
