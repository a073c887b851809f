"""Readiness, theme by theme: what helps and what gets in the way (from the findings), the team's judgement on
a four-step scale and in its own words, and the questions to carry into the lens event.

The nine themes are a list beside the chosen theme's details; in a narrow window (large text on a small
screen) the list gives way to a drop-down list above them. Every edit is one undoable change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.familiarisation.findings import THEME_NUMBERS, FindingData
from tidesk.core.familiarisation.readiness import (
    LEVELS,
    QuestionData,
    ThemeReadiness,
    add_question,
    edit_question,
    judge,
    move_question,
    questions_of,
    readiness,
    remove_question,
)
from tidesk.core.programme import tag_label
from tidesk.core.workspace import Workspace
from tidesk.gui.familiarisation.board import SpaceTaker
from tidesk.gui.shell.context import AppContext
from tidesk.gui.widgets.basics import CommitTextEdit, heading, named, note, quiet
from tidesk.gui.widgets.dialogs import FieldsDialog, text_width
from tidesk.gui.widgets.ordered_list import ListUseCases, OrderedList
from tidesk.gui.widgets.page import RefreshPolicy
from tidesk.gui.widgets.two_line import TwoLineDelegate, two_line_item

NOT_JUDGED = 0  # the radio button for "not judged yet"
SHOWN_FINDINGS = 5  # of each kind, under a theme; the findings board has them all
SHOWN_WORDS = 160
WIDE_CHARS = 80  # narrower than this, the list of themes gives way to a drop-down list
LIST_CHARS = 26
WATCHES = ("familiarisation_readiness", "readiness_question", "familiarisation_finding", "familiarisation_note", "tag")


class ThemeRows(TwoLineDelegate):
    """Two-line rows as wide as the list, however narrow it is (their words wrap to fit)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        width = view.viewport().width() - 2 * self.PAD if isinstance(view, QAbstractItemView) else 200
        title, detail = self._layout(option, index, max(40, width))
        gap = 2 if detail.height() else 0
        return QSize(width, title.height() + gap + detail.height() + 2 * self.PAD)


def theme_name(theme: int) -> str:
    return tag_label(f"theme:{theme}")


def short(text: str, most: int = SHOWN_WORDS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= most else flat[: most - 1].rstrip() + "…"


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def summary(row: ThemeReadiness) -> str:
    """ "Ready to start · 4 help · 2 in the way · 1 question" """
    return " · ".join(
        (
            row.level_words,
            f"{len(row.facilitators)} help",
            f"{len(row.barriers)} in the way",
            plural(len(row.questions), "question", "questions"),
        )
    )


@dataclass(frozen=True)
class ReadinessData:
    revision: int
    themes: tuple[ThemeReadiness, ...]


def read_readiness(ws: Workspace) -> ReadinessData:
    revision = ws.revision
    return ReadinessData(revision, tuple(readiness(ws)))


class QuestionDialog(FieldsDialog):
    def __init__(self, parent: QWidget | None, question: QuestionData | None) -> None:
        super().__init__(
            parent,
            "Edit question" if question else "Add a question for the lens event",
            "Something the team wants to explore at the lens event, under this theme.",
        )
        self.text = named(QPlainTextEdit(question.text if question else ""), "Question")
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 4 + 16)
        self.form.addRow("&Question", self.text)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.text.toPlainText().strip()))
        self.text.textChanged.connect(lambda: ok.setEnabled(bool(self.text.toPlainText().strip())))

    def value(self) -> dict[str, str]:
        return {"name": self.text.toPlainText().strip()}  # "name": what the ordered list calls a row's words

    @classmethod
    def get_value(cls, parent: QWidget | None, question: QuestionData | None) -> tuple[dict[str, Any], bool]:
        dialog = cls(parent, question)
        ok = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.value(), ok


class QuestionList(OrderedList):
    """The questions of the theme the panel shows."""

    def __init__(self, ctx: AppContext, panel: ReadinessPanel) -> None:
        super().__init__(
            "Questions for the lens event",
            "question",
            ctx,
            ListUseCases(
                lambda ws: [q for q in questions_of(ws) if q.theme == panel.theme],
                lambda name, position, uuid: add_question(panel.theme, name, index=position, uuid=uuid),
                lambda uuid, name: edit_question(uuid, name),
                remove_question,
                lambda uuid, index: move_question(uuid, index, panel.theme),
                QuestionDialog,
            ),
            insert_after_current=True,
        )

    def describe(self, row: QuestionData) -> tuple[str, str]:
        return row.text, ""

    def remove(self, row: QuestionData) -> None:
        self.ctx.apply(f"Remove question “{short(row.text, 40)}”", lambda: self.use_cases.remove(row.uuid))


class ReadinessPanel(QWidget):
    """The nine themes, one at a time: what was found, the team's judgement, and questions to carry on."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.theme = THEME_NUMBERS[0]
        self.rows: dict[int, ThemeReadiness] = {}
        self.revision: tuple[Workspace, int] | None = None

        self.list = named(
            QListWidget(), "Themes", "Choose a theme to see what was found and to judge how ready the service is"
        )
        self.list.setItemDelegate(ThemeRows(self.list))
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        # as tall as the details beside it, however many lines its own rows would want
        self.list.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Ignored)
        self.list.currentRowChanged.connect(lambda row: self.choose(THEME_NUMBERS[row]) if row >= 0 else None)
        self.chooser = named(QComboBox(), "Theme", "Choose a theme to see what was found and to judge it")
        for theme in THEME_NUMBERS:
            self.chooser.addItem(theme_name(theme), theme)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(LIST_CHARS)  # a long theme name never widens the panel
        self.chooser.activated.connect(lambda index: self.choose(THEME_NUMBERS[index]))

        self.details = QWidget()
        column = QVBoxLayout(self.details)
        column.setContentsMargins(4, 0, 4, 4)
        column.setSpacing(10)
        self.title = heading(theme_name(self.theme), 2)
        column.addWidget(self.title)
        self.found = QWidget()
        column.addWidget(self.found)
        self.details_layout = column
        column.addWidget(self._judgement_box())
        self.words = named(
            CommitTextEdit(lines=4),
            "In the team's words",
            "What the team makes of this theme: stored when you leave the box",
        )
        self.words.setPlaceholderText("What the team makes of this theme, in a few sentences")
        self.words.editingFinished.connect(self._store_words)
        words_label = QLabel("In the team's &words")
        words_label.setBuddy(self.words)
        column.addWidget(words_label)
        column.addWidget(self.words)
        questions = QGroupBox("Questions to carry into the lens event")
        questions_layout = QVBoxLayout(questions)
        self.questions = QuestionList(ctx, self)
        questions_layout.addWidget(self.questions)
        column.addWidget(questions)
        column.addStretch(1)
        self.detail_area = SpaceTaker()
        self.detail_area.setWidgetResizable(True)
        self.detail_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.detail_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.detail_area.setWidget(self.details)

        self.side = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.side.setContentsMargins(0, 0, 0, 0)
        self.side.addWidget(self.chooser, 0, Qt.AlignmentFlag.AlignTop)
        self.side.addWidget(self.list)
        self.side.addWidget(self.detail_area, 1)
        self.wide: bool | None = None
        self._fit(wide=True)
        self.policy = RefreshPolicy(self, ctx, WATCHES, self._show_data, read=read_readiness)

    def _judgement_box(self) -> QGroupBox:
        box = QGroupBox("How ready is the service for this theme?")
        layout = QVBoxLayout(box)
        self.levels = QButtonGroup(self)
        self.level_buttons: dict[int, QRadioButton] = {}
        choices: list[tuple[int, str, str]] = [(NOT_JUDGED, "Not judged yet", "")]
        choices += [(level, name, sentence) for level, (name, sentence) in LEVELS.items()]
        for level, name, sentence in choices:
            button = named(QRadioButton(name), name, sentence)
            self.levels.addButton(button, level)
            self.level_buttons[level] = button
            layout.addWidget(button)
            if sentence:
                words = quiet(note(sentence))
                words.setContentsMargins(24, 0, 0, 4)
                layout.addWidget(words)
        self.levels.idClicked.connect(self._judge)
        return box

    # -- reading and showing --

    def refresh(self) -> None:
        """Read the workspace again and show it, unless nothing was stored since the last read."""
        ws = self.ctx.workspace
        if ws is None or (self.revision == (ws, ws.revision) and not self.policy.stale):
            return
        self.policy.refresh_now()

    def _show_data(self, data: ReadinessData) -> None:
        if self.ctx.workspace is not None:
            self.revision = (self.ctx.workspace, data.revision)
        self.rows = {row.theme: row for row in data.themes}
        self.list.blockSignals(True)
        current = self.list.currentRow()
        self.list.clear()
        for row in data.themes:
            self.list.addItem(two_line_item(f"{row.theme}. {row.title}", summary(row), row.theme))
        self.list.setCurrentRow(current if current >= 0 else THEME_NUMBERS.index(self.theme))
        self.list.blockSignals(False)
        self._show_theme()

    def choose(self, theme: int) -> None:
        """Show this theme's details (what is typed in the words box for the last one is stored first)."""
        if theme == self.theme and self.rows:
            return
        self.theme = theme
        self.list.blockSignals(True)
        self.list.setCurrentRow(THEME_NUMBERS.index(theme))
        self.list.blockSignals(False)
        self.chooser.setCurrentIndex(THEME_NUMBERS.index(theme))
        self.detail_area.verticalScrollBar().setValue(0)
        self._show_theme()

    def _show_theme(self) -> None:
        row = self.rows.get(self.theme)
        if row is None:
            return
        self.title.setText(theme_name(row.theme))
        self.title.setAccessibleName(theme_name(row.theme))
        self._show_found(row)
        self.level_buttons[row.level if row.level in LEVELS else NOT_JUDGED].setChecked(True)
        if self.words.toPlainText() != row.judgement:
            self.words.setPlainText(row.judgement)
        self.questions.refresh()
        # The details' words wrap, so their height depends on their width: the scroll area works it out again
        # (it does so by itself only when it is resized).
        self.detail_area.setWidgetResizable(True)

    def _show_found(self, row: ThemeReadiness) -> None:
        """What helps and what gets in the way under this theme: a few of each, and how many in all."""
        found = QWidget()
        layout = QVBoxLayout(found)
        layout.setContentsMargins(0, 0, 0, 0)
        for title, findings in (("What helps", row.facilitators), ("What gets in the way", row.barriers)):
            layout.addWidget(heading(f"{title} ({plural(len(findings), 'finding', 'findings')})", 3))
            for label in self._findings(findings):
                layout.addWidget(label)
        old = self.found
        self.details_layout.replaceWidget(old, found)
        self.found = found
        found.show()  # at once, not once the event loop is back
        old.hide()  # gone from the screen at once; deleted once the event loop is back
        old.deleteLater()

    @staticmethod
    def _findings(findings: Sequence[FindingData]) -> list[QLabel]:
        if not findings:
            return [quiet(note("None found yet."))]
        shown = [note(f"• {short(finding.text)}") for finding in findings[:SHOWN_FINDINGS]]
        more = len(findings) - SHOWN_FINDINGS
        return [*shown, quiet(note(f"And {more} more on the findings board."))] if more > 0 else shown

    # -- a person's changes --

    def _judge(self, level: int) -> None:
        row = self.rows.get(self.theme)
        if row is None:
            return
        wanted = None if level == NOT_JUDGED else level
        if wanted == row.level:
            return
        words = "not judged yet" if wanted is None else LEVELS[wanted][0].lower()
        title = theme_name(row.theme)
        if not self.ctx.apply(f"Judge “{title}” as {words}", lambda: judge(row.theme, level=wanted)):
            self._show_theme()

    def _store_words(self) -> None:
        row = self.rows.get(self.theme)
        text = self.words.toPlainText()
        if row is None or text == row.judgement or self.ctx.workspace is None:
            return  # leaving the box unchanged is not an edit
        title = theme_name(row.theme)
        self.ctx.apply(f"Change the words for “{title}”", lambda: judge(row.theme, judgement=text))

    # -- a narrow window --

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(wide=event.size().width() >= text_width(self, WIDE_CHARS))

    def _fit(self, *, wide: bool) -> None:
        """Wide: the themes as a list beside the details. Narrow: a drop-down list above them."""
        if wide == self.wide:
            return
        self.wide = wide
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        moving = self.list.hasFocus() or self.chooser.hasFocus()
        self.side.setDirection(direction)
        self.list.setVisible(wide)
        self.chooser.setVisible(not wide)
        self.list.setFixedWidth(text_width(self, LIST_CHARS))
        self.setFocusProxy(self.list if wide else self.chooser)
        if moving:
            (self.list if wide else self.chooser).setFocus()
