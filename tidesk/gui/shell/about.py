"""Help ▸ About: version, where the data lives, licences, and credit for the source material."""

from __future__ import annotations

import html

from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from tidesk import __version__
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import named
from tidesk.gui.widgets.dialogs import Dialog, text_width

OGL_CREDIT = (
    "The programme follows the Scottish Government's <i>National Trauma Transformation Programme: "
    "Trauma-Informed Substance Use Pathfinders – Learning Report</i> and <i>Trauma-informed practice: "
    "toolkit</i> (2021). Crown copyright, used under the "
    "Open Government Licence v3.0 (nationalarchives.gov.uk/doc/open-government-licence/version/3). tidesk's "
    "questions and help text are written in its own words."
)


def about_text(ctx: AppContext) -> str:
    ws = ctx.workspace
    where = f"<br>Open workspace: {html.escape(str(ws.path))}" if ws else ""
    return (
        f"<h3>tidesk {__version__}</h3>"
        "<p>An offline companion for a health and care team becoming trauma-informed.</p>"
        f"<p>Your data folder: {html.escape(str(ctx.places.data_dir))}<br>"
        f"Backups: {html.escape(str(ctx.places.backups))}{where}</p>"
        f"<p>{OGL_CREDIT}</p>"
        "<p>Built with Qt " + qVersion() + " (LGPL v3) through PySide6, SQLAlchemy and Alembic (MIT), "
        "ReportLab (BSD) and the DejaVu fonts (Bitstream Vera licence, public domain changes). tidesk never "
        "connects to a network.</p>"
    )


class AboutDialog(Dialog):
    """The about text in a box that scrolls, so at any text size it fits the screen and Close can be reached."""

    def __init__(self, parent: QWidget | None, ctx: AppContext) -> None:
        super().__init__(parent)
        self.setWindowTitle("About tidesk")
        layout = QVBoxLayout(self)
        self.text = named(QTextBrowser(), "About tidesk")
        self.text.setOpenLinks(False)  # tidesk opens no network connection, not even a browser
        self.text.setHtml(about_text(ctx))
        self.text.setMinimumSize(text_width(self, 70), self.fontMetrics().lineSpacing() * 18)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget, ctx: AppContext) -> None:
    AboutDialog(parent, ctx).exec()
