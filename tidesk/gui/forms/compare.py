"""Comparing two responses to a form, baseline against follow-up, even when the form changed between them."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.dates import long_date
from tidesk.core.forms import responses
from tidesk.core.forms.export import is_anonymous
from tidesk.core.forms.library import Catalogue
from tidesk.core.forms.responses import ResponseData
from tidesk.core.forms.scoring import GroupChange, RoundComparison, compare_rounds
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import heading, named
from tidesk.gui.widgets.dialogs import ChooseDialog, Dialog, text_width


def describe(response: ResponseData) -> str:
    who = response.respondent or "No name given"  # anonymous forms are never compared one by one
    started = long_date(response.started_on)
    return f"{response.round_label or 'No round named'} · {who} · {started} · version {response.form_version}"


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _change(value: float | None) -> str:
    if value is None:
        return "not compared"
    if abs(value) < 0.05:
        return "no change"
    return f"up {value:.1f}" if value > 0 else f"down {-value:.1f}"  # words, not colour alone


FAMILY_HEADINGS = {"theme": "Themes", "principle": "Principles", "mat": "MAT standards"}


def grouped(result: RoundComparison) -> list[str | GroupChange]:
    """The rows under a heading for each family of tags, in the order themes, principles, MAT standards."""
    rows: list[str | GroupChange] = []
    families = list(FAMILY_HEADINGS)
    by_family = sorted(
        result.groups, key=lambda g: families.index(f) if (f := g.tag.partition(":")[0]) in families else len(families)
    )
    for group in by_family:
        family = group.tag.partition(":")[0]
        heading_text = FAMILY_HEADINGS.get(family, "Other")
        if heading_text not in rows:
            rows.append(heading_text)
        rows.append(group)
    return rows


class CompareDialog(Dialog):
    def __init__(
        self, parent: QWidget | None, result: RoundComparison, before: ResponseData, after: ResponseData
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare two responses")
        self.resize(text_width(self, 100), self.fontMetrics().lineSpacing() * 30)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Before and after", 2))
        for label, response in (("Before", before), ("After", after)):
            line = QLabel(f"<b>{label}:</b> {html.escape(describe(response))}")  # a person's words stay words
            line.setWordWrap(True)
            layout.addWidget(line)
        explain = QLabel(
            result.versions.explain() + " Each figure is the mean of the scored answers; "
            "“Don't know” and “Not applicable” are kept but not scored."
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)
        rows = grouped(result)
        self.table = named(QTableWidget(len(rows), 4), "Scores before and after")
        self.table.setHorizontalHeaderLabels(["Theme or principle", "Before", "After", "Change"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, entry in enumerate(rows):
            if isinstance(entry, str):  # a heading over the rows of one family: themes, then principles
                cell = QTableWidgetItem(entry)
                font = cell.font()
                font.setBold(True)
                cell.setFont(font)
                cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.table.setItem(row, 0, cell)
                self.table.setSpan(row, 0, 1, 4)
                continue
            for column, text in enumerate(
                (entry.label, _number(entry.before), _number(entry.after), _change(entry.change))
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
        if not result.groups:
            layout.addWidget(QLabel("Nothing scored was answered in both responses, so there is nothing to compare."))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        named(buttons.button(QDialogButtonBox.StandardButton.Close), "Close")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def compare_selected(parent: QWidget, ctx: AppContext, catalogue: Catalogue, selected_uuid: str) -> None:
    """Ask which response to compare the selected one with (the earliest is offered first), then show the
    earlier of the two as "before", whichever was selected."""
    selected = responses.get_response(ctx.ws, selected_uuid)
    if is_anonymous(catalogue, selected.form_id):  # listing the others would show each anonymous response's day
        ctx.report("Answers to this form are anonymous, so its responses are not compared one by one")
        return
    in_order = responses.in_order_begun(ctx.ws, selected.form_id)
    others = [r for r in in_order if r.uuid != selected_uuid]
    if not others:
        ctx.report("There is no other response to this form to compare with yet")
        return
    labels = [describe(r) for r in others]
    index, ok = ChooseDialog.get_value(parent, "Compare with…", f"Compare “{describe(selected)}” with:", labels)
    if not ok:
        return
    chosen = others[index]
    uuids = [r.uuid for r in in_order]
    before, after = sorted((chosen, selected), key=lambda r: uuids.index(r.uuid))
    forms = [catalogue.find(r.form_id, r.form_version) for r in (before, after)]
    if forms[0] is None or forms[1] is None:
        ctx.report("One of these responses answered a version of the form that is not available")
        return
    result = compare_rounds(
        forms[0].definition,
        responses.answers(ctx.ws, before.uuid),
        forms[1].definition,
        responses.answers(ctx.ws, after.uuid),
    )
    CompareDialog(parent, result, before, after).exec()
