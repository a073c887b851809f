"""Forms page: the questionnaires tidesk knows, their versions, and the responses the team has given."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from tidesk.core.changes import Change
from tidesk.core.db import new_uuid
from tidesk.core.errors import TideskError
from tidesk.core.forms import export, library, responses, writer
from tidesk.core.forms.library import Catalogue, Entry, Source
from tidesk.core.forms.loader import FormErrors, FormProblem, parse
from tidesk.gui.forms.dialogs import StartResponseDialog, not_loaded, problems_text, team_copy_header, write_whole
from tidesk.gui.forms.view import FormView, day, short
from tidesk.gui.shell.context import AppContext, PrivateUndo
from tidesk.gui.shell.export import start_folder
from tidesk.gui.shell.tasks import Progress, Task, describe_error
from tidesk.gui.widgets.basics import named, note
from tidesk.gui.widgets.dialogs import tell
from tidesk.gui.widgets.page import Page, RefreshPolicy
from tidesk.gui.widgets.two_line import TwoLineDelegate, two_line_item

if TYPE_CHECKING:
    from tidesk.core.forms.xlsform import Converted

FORM_TABLES = ("form_definition", "form_response", "form_answer")
ANONYMOUS_WORDS = (
    "Answers to this form are anonymous, so responses are never listed or opened one by one: only how many there "
    "are in each round shows here, and numbers below {threshold} are withheld. To answer, choose “Start a "
    "response…”, answer the questions, then choose “Back to all forms”. Your answers are kept as you give them; "
    "once you go back, nobody can open them again, not even you. “Export responses…” saves a summary."
)
ANONYMOUS_VIEW = (
    "These answers are anonymous. Each one is kept as you give it. Once you choose “Back to all forms”, nobody "
    "can open them again, not even you, so take your time and look them over before you go."
)


def _fit(rows: QListWidget, most: int) -> None:
    """As tall as its rows (up to ``most`` of them, then it scrolls), measured in the current font."""
    shown = min(rows.count(), most)
    height = sum(rows.sizeHintForRow(i) for i in range(shown)) or rows.fontMetrics().lineSpacing() * 2
    rows.setFixedHeight(height + 2 * rows.frameWidth() + 2)


def _button(text: str, description: str, action: Any, row: QHBoxLayout) -> QPushButton:
    button = named(QPushButton(text), text.rstrip("…"), description)
    button.clicked.connect(action)
    row.addWidget(button)
    return button


class FormsPage(QStackedWidget):
    """The list of forms and responses; an opened form takes the page's place until "Back to all forms"."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setAccessibleName("Forms")
        self.catalogue = Catalogue()
        self._paged: bool | None = None
        self.view: FormView | None = None

        self.library = Page(
            "Forms",
            "The questionnaires the programme uses: assessments, discussion guides and "
            "surveys. Preview any of them, start a response for a round such as the baseline, or "
            "carry on with one already begun. Answers are kept as they are given.",
        )
        column = self.library.column
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)
        self.notice.setMargin(10)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setVisible(False)
        column.addWidget(self.notice)

        forms_box = QGroupBox("Forms you can use")
        forms_layout = QVBoxLayout(forms_box)
        self.forms = self._list("Forms", "Choose a form; Enter shows a preview")
        self.forms.currentRowChanged.connect(lambda _row: self._form_chosen())
        self.forms.itemActivated.connect(lambda _item: self.preview_selected())
        forms_layout.addWidget(self.forms)
        row = QHBoxLayout()
        self.preview_button = _button(
            "Preview", "Read the selected form without answering it", self.preview_selected, row
        )
        self.start_button = _button(
            "Start a response…", "Answer the selected form for a round", self.start_response, row
        )
        self.copy_button = _button(
            "Make a team copy…", "Save the selected form as a file to adapt", self.make_team_copy, row
        )
        row.addStretch(1)
        forms_layout.addLayout(row)
        row = QHBoxLayout()
        self.load_button = _button(
            "Load a form file…", "Use a form file a facilitator adapted", self.load_form_file, row
        )
        self.import_button = _button(
            "Import a spreadsheet form…", "Convert an XLSForm spreadsheet (.xlsx)", self.import_spreadsheet, row
        )
        row.addStretch(1)
        forms_layout.addLayout(row)
        column.addWidget(forms_box)

        self.responses_box = QGroupBox("Responses")
        responses_layout = QVBoxLayout(self.responses_box)
        self.responses = self._list("Responses to the selected form", "Enter opens a response; Delete removes it")
        self.responses.itemActivated.connect(lambda _item: self.open_selected_response())
        self.responses.currentRowChanged.connect(lambda _row: self._enable())
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.responses)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected_response)
        self.no_responses = note("No responses to this form yet.")
        responses_layout.addWidget(self.no_responses)
        responses_layout.addWidget(self.responses)
        # An anonymous form shows only protected counts per round, and what that means for the person answering.
        self.counted: export.Counted | None = None
        self.round_counts = named(note(""), "Responses in each round")
        self.anonymous_note = note("")
        self.round_counts.setVisible(False)
        self.anonymous_note.setVisible(False)
        responses_layout.addWidget(self.round_counts)
        responses_layout.addWidget(self.anonymous_note)
        row = QHBoxLayout()
        self.open_button = _button(
            "Open", "Carry on answering, or read a completed response", self.open_selected_response, row
        )
        self.delete_button = _button(
            "Delete", "Remove the selected response (Undo brings it back)", self.delete_selected_response, row
        )
        self.compare_button = _button(
            "Compare…",
            "Compare the selected response with another, such as the baseline, on the questions both versions share",
            self.compare_selected,
            row,
        )
        self.export_button = _button(
            "Export responses…",
            "Save this form's responses as a spreadsheet or CSV (summaries only where answers are anonymous)",
            self.export_responses,
            row,
        )
        row.addStretch(1)
        responses_layout.addLayout(row)
        column.addWidget(self.responses_box)
        self.library.finish()
        self.addWidget(self.library)

        self.holder = QWidget()
        holder_layout = self._holder_layout = QVBoxLayout(self.holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.setSpacing(0)
        back_row = QHBoxLayout()
        back_row.setContentsMargins(16, 8, 16, 0)
        self.back_button = _button(
            "Back to all forms", "Close this form and return to the list of forms", self.close_view, back_row
        )
        back_row.addStretch(1)
        holder_layout.addLayout(back_row)
        self.view_note = note(ANONYMOUS_VIEW)
        self.view_note.setContentsMargins(16, 8, 16, 0)
        self.view_note.setVisible(False)
        holder_layout.addWidget(self.view_note)
        self.addWidget(self.holder)
        # The list refreshes while it is shown; a form open on screen keeps itself up to date.
        self.policy = RefreshPolicy(self.library, ctx, FORM_TABLES, self.refresh, scroll=self.library)

    def _list(self, name: str, description: str) -> QListWidget:
        found = named(QListWidget(), name, description)
        found.setWordWrap(True)
        found.setAlternatingRowColors(True)
        found.setItemDelegate(TwoLineDelegate(found))
        return found

    # ---- showing --------------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ApplicationFontChange:  # larger text: the lists grow with their rows
            QTimer.singleShot(0, self, self._fit_lists)
        return super().event(event)

    def _fit_lists(self) -> None:
        _fit(self.forms, 8)
        _fit(self.responses, 5)

    def refresh(self) -> None:
        self.policy.stale = False
        self.forms.blockSignals(True)
        chosen = self.selected_key()
        self.forms.clear()
        if self.ctx.workspace is None:
            self.forms.blockSignals(False)
            return
        problems: list[FormProblem] = []
        try:
            self.catalogue = library.catalogue(self.ctx.ws)
        except (TideskError, OSError) as exc:
            self.catalogue = Catalogue()
            problems = exc.problems if isinstance(exc, FormErrors) else [FormProblem("forms", 0, str(exc))]
        entries = sorted(
            self.catalogue.entries, key=lambda e: (e.definition.title.lower(), e.definition.id, e.definition.version)
        )
        for entry in entries:
            form = entry.definition
            count = len(form.answerable_items)
            detail = (
                f"{form.id} · version {form.version} · {entry.source.label} · "
                f"{count} question{'s' if count != 1 else ''}"
            )
            self.forms.addItem(two_line_item(form.title, detail, entry.key))
        keys = [e.key for e in entries]
        self.forms.setCurrentRow(keys.index(chosen) if chosen in keys else 0 if keys else -1)
        self.forms.blockSignals(False)
        self._show_skipped(problems + self.catalogue.skipped)
        self._form_chosen()

    def _show_skipped(self, skipped: list[FormProblem]) -> None:
        files = {p.file for p in skipped}
        if not skipped:
            self.notice.setVisible(False)
            return
        head = "1 form file was skipped" if len(files) == 1 else f"{len(files)} form files were skipped"
        text = problems_text(skipped)
        listed = f"{head}: {text}" if len(skipped) == 1 else f"{head}:\n{text}"
        self.notice.setText(f"{listed}\nThe other forms are ready to use.")
        self.notice.setToolTip("\n".join(sorted(files)))
        self.notice.setVisible(True)

    def selected_key(self) -> str | None:
        row = self.forms.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def selected_entry(self) -> Entry | None:
        key = self.selected_key()
        return next((e for e in self.catalogue.entries if e.key == key), None)

    def select_form(self, form_id: str, version: int) -> None:
        key = f"{form_id}@{version}"
        for index in range(self.forms.count()):
            row = self.forms.item(index)
            if row is not None and row.data(Qt.ItemDataRole.UserRole) == key:
                self.forms.setCurrentRow(index)

    def _form_chosen(self) -> None:
        entry = self.selected_entry()
        form_id = entry.definition.id if entry is not None and self.ctx.workspace is not None else None
        anonymous = form_id is not None and export.is_anonymous(self.catalogue, form_id)
        self.responses.blockSignals(True)
        current = self.selected_response_uuid()
        self.responses.clear()
        found = responses.list_responses(self.ctx.ws, form_id) if form_id is not None and not anonymous else []
        for response in found:
            self.responses.addItem(self._response_row(response))
        uuids = [r.uuid for r in found]
        self.responses.setCurrentRow(uuids.index(current) if current in uuids else len(uuids) - 1)
        self.responses.blockSignals(False)
        self._fit_lists()
        self.responses_box.setTitle(f"Responses to “{short(entry.definition.title)}”" if entry else "Responses")
        self._show_counts(form_id if anonymous else None)
        self.no_responses.setVisible(entry is not None and not found and not (self.counted and self.counted.rounds))
        self._enable()

    def _show_counts(self, form_id: str | None) -> None:
        """For an anonymous form: how many responses each round has, under the small-number rule, and no way to
        reach any one of them (their dates and answers would say who gave them)."""
        counted = self.counted = export.responses_counted(self.ctx.ws, form_id) if form_id is not None else None
        lines = counted.lines() if counted is not None else []
        if counted is not None and counted.total.shown and len(lines) > 1:
            lines.append(counted.in_all())
        self.round_counts.setText("\n".join(lines))
        self.round_counts.setVisible(bool(lines))
        if counted is not None:
            self.anonymous_note.setText(ANONYMOUS_WORDS.format(threshold=counted.rule.threshold))
        self.anonymous_note.setVisible(counted is not None)
        for button in (self.open_button, self.delete_button, self.compare_button):
            button.setVisible(counted is None)

    def _response_row(self, response: responses.ResponseData) -> QListWidgetItem:
        title = f"{response.round_label or 'No round named'} · {response.respondent or 'No name given'}"
        parts = [f"Started {day(response.started_on)}", "complete" if response.complete else "in progress"]
        entry = self.catalogue.find(response.form_id, response.form_version)
        if entry is not None:
            answered, total = responses.progress(entry.definition, responses.answers(self.ctx.ws, response.uuid))
            parts.append(f"{answered} of {total} answered")
        parts.append(f"version {response.form_version}")
        return two_line_item(title, " · ".join(parts), response.uuid)

    def selected_response_uuid(self) -> str | None:
        row = self.responses.currentItem()
        return str(row.data(Qt.ItemDataRole.UserRole)) if row is not None else None

    def _enable(self) -> None:
        has_form = self.selected_entry() is not None
        for button in (self.preview_button, self.start_button, self.copy_button):
            button.setEnabled(has_form)
        has_response = self.selected_response_uuid() is not None
        self.open_button.setEnabled(has_response)
        self.delete_button.setEnabled(has_response)
        self.export_button.setEnabled(self.responses.count() > 0 or bool(self.counted and self.counted.rounds))
        self.compare_button.setEnabled(has_response and self.responses.count() > 1)
        self.responses.setVisible(self.responses.count() > 0)

    # ---- a form on screen -----------------------------------------------------------------------

    def open_view(
        self, entry: Entry, response_uuid: str | None, read_only: bool = False, *, undo: PrivateUndo | None = None
    ) -> FormView:
        self.close_view(back=False)
        # Anonymous answers get an undo history of their own, gone when the view closes, so the next person at
        # the computer cannot step back through them (nor read which questions were answered from the Edit menu).
        private: bool | PrivateUndo = undo or (entry.definition.anonymous and response_uuid is not None)
        view = FormView(self.ctx, entry, response_uuid, read_only, paged=self._paged, private=private)
        self.view_note.setVisible(bool(private))
        view.response_gone.connect(self._response_gone)
        self.view = view
        self._holder_layout.addWidget(view, 1)
        self.setCurrentWidget(self.holder)
        if view.read_only:
            self.back_button.setFocus()
        else:
            view.go_to(view.current_section)
        return view

    def close_view(self, *, back: bool = True) -> None:
        view, self.view = self.view, None
        if view is not None:
            self._paged = view.paged
            view.detach()
            self._holder_layout.removeWidget(view)
            view.hide()
            view.deleteLater()
        if back:
            self.setCurrentWidget(self.library)  # refreshes the list if anything changed meanwhile
            (self.responses if self.responses.count() else self.forms).setFocus()

    def _response_gone(self) -> None:
        self.close_view()
        self.ctx.message.emit("That response is no longer here. Redo (Ctrl+Shift+Z) brings it back.")

    def preview_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.open_view(entry, None, read_only=True)

    def _one_by_one(self, uuid: str | None) -> responses.ResponseData | None:
        """The response, if its form's responses may be reached one by one: never an anonymous form's."""
        if uuid is None:
            return None
        response = responses.get_response(self.ctx.ws, uuid)
        if export.is_anonymous(self.catalogue, response.form_id):
            self.ctx.report("Answers to this form are anonymous, so its responses are not opened one by one")
            return None
        return response

    def open_selected_response(self) -> None:
        uuid = self.selected_response_uuid()
        response = self._one_by_one(uuid)
        if uuid is None or response is None:
            return
        entry = self.catalogue.find(response.form_id, response.form_version)
        if entry is None:
            self.ctx.report(f"Version {response.form_version} of the form this response answered is not available")
            return
        self.open_view(entry, uuid)

    # ---- changes --------------------------------------------------------------------------------

    def start_response(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        form = entry.definition
        rounds = list(
            dict.fromkeys(r.round_label for r in responses.list_responses(self.ctx.ws, form.id) if r.round_label)
        )
        value, ok = StartResponseDialog.get_value(self, form, rounds)
        if not ok:
            return
        ctx, uuid = self.ctx, new_uuid()  # the same on every redo, so later answers still find it
        # An anonymous response starts on its respondent's own undo stack: once they go back, the next person's
        # Ctrl+Z cannot take it away.
        undo = ctx.private_undo() if form.anonymous and not ctx.read_only else None
        if ctx.apply(
            f"Start a response to “{short(form.title)}”",
            lambda: responses.start_response(entry, uuid=uuid, **value),
            stack=None if undo is None else undo.stack,
        ):
            self.open_view(entry, uuid, undo=undo)
        elif undo is not None:
            undo.close()

    def delete_selected_response(self) -> None:
        uuid = self.selected_response_uuid()
        response = self._one_by_one(uuid)
        if uuid is None or response is None:
            return
        ctx = self.ctx
        label = response.round_label or "No round named"
        if ctx.apply(f"Delete the response “{label}”", responses.delete_response(uuid)):
            ctx.message.emit("Response deleted. Undo (Ctrl+Z) brings it back.")

    def _folder(self) -> str:
        return start_folder(self.ctx)

    def load_form_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Load a form file", self._folder(), "Form files (*.yaml *.yml);;All files (*)"
        )
        if not chosen:
            return
        path = Path(chosen)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.ctx.report(f"“{path.name}” could not be read ({getattr(exc, 'strerror', None) or exc})")
            return
        self.store_definition(text, Source.TEAM, path.name, f"Load the form file “{path.name}”")

    def import_spreadsheet(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Import a spreadsheet form", self._folder(), "Spreadsheet forms (*.xlsx)"
        )
        if not chosen:
            return
        path = Path(chosen)

        def work(progress: Progress) -> object:
            from tidesk.core.forms.xlsform import conversion

            return conversion(path, progress)

        self.ctx.runner.run(
            Task(
                title=f"Reading the spreadsheet “{path.name}”…",
                work=work,
                on_done=lambda converted: self._imported(path, converted),
                on_error=lambda exc: self._not_imported(path, exc),
            )
        )

    def _imported(self, path: Path, converted: Converted) -> None:
        title = short(converted.definition.title)
        if not self.store_definition(converted.text, Source.IMPORTED, path.name, f"Import “{title}”"):
            return
        if converted.notes:
            tell(
                self.ctx.window,
                "Spreadsheet imported",
                f"“{title}” is imported. On the way in:\n\n"
                + "\n".join(f"• {line}" for line in converted.notes)
                + "\n\nThese notes are also kept at the top of the form, for when it is made into a team copy.",
            )

    def _not_imported(self, path: Path, exc: BaseException) -> None:
        if isinstance(exc, FormErrors):
            self.ctx.report(not_loaded(path.name, exc.problems, spreadsheet=True))
        else:  # a damaged or outsized file, or a bug (already in the log): said calmly either way
            self.ctx.report(f"“{path.name}” was not imported, so nothing has changed. {describe_error(exc)}")

    def store_definition(self, text: str, source: Source, name: str, undo_text: str) -> bool:
        """Keep a definition in the workspace (undoable), or say plainly why not."""
        try:
            definition = parse(text, name)
        except FormErrors as exc:
            self.ctx.report(not_loaded(name, exc.problems))
            return False
        same = self.catalogue.find(definition.id, definition.version)
        if same is not None and same.definition == definition:
            self.ctx.report(
                f"“{definition.title}” version {definition.version} is already here, word for word, "
                "so nothing needed loading"
            )
            self.select_form(definition.id, definition.version)
            return False
        ctx = self.ctx

        def store() -> Change:
            try:
                change = library.store(ctx.ws, text, source, name=name)
            except FormErrors as exc:
                raise TideskError(not_loaded(name, exc.problems)) from exc
            if change is None:
                raise TideskError(f"“{definition.title}” version {definition.version} is already here")
            return change

        if not ctx.apply(undo_text, store):
            return False
        if self.policy.stale:
            self.refresh()
        self.select_form(definition.id, definition.version)
        ctx.message.emit(f"“{definition.title}” version {definition.version} is ready to use.")
        return True

    def compare_selected(self) -> None:
        from tidesk.gui.forms.compare import compare_selected

        uuid = self.selected_response_uuid()
        if uuid is not None and self._one_by_one(uuid) is not None:
            compare_selected(self, self.ctx, self.catalogue, uuid)

    def export_responses(self) -> None:
        """Responses to a spreadsheet (.xlsx) or CSV, written in the background; small numbers withheld."""
        entry = self.selected_entry()
        if entry is None:
            return
        form = entry.definition
        start = Path(self._folder()) / f"{form.id}-responses.xlsx"
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            self,
            f"Export responses to {form.title}",
            str(start),
            "Spreadsheet (*.xlsx);;Comma-separated values (*.csv)",
        )
        if not chosen:
            return
        target = Path(chosen)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".csv" if "csv" in chosen_filter else ".xlsx")
        self.ctx.preferences.set("last_export_dir", str(target.parent))
        write = export.export_csv if target.suffix.lower() == ".csv" else export.export_xlsx
        ws = self.ctx.ws
        force = target == Path(chosen)  # the save dialog asked about replacing this name, not one with a new ending
        self.ctx.runner.run(
            Task(
                title=f"Exporting responses to {form.title}…",
                work=lambda progress: write(ws, form.id, target, progress, force=force),
                on_done=lambda written: self.ctx.message.emit(f"Responses saved to {written}"),
            )
        )

    def make_team_copy(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        form = entry.definition
        latest = self.catalogue.latest(form.id)
        version = (latest.definition.version if latest else form.version) + 1
        copy = dataclasses.replace(form, version=version)
        suggested = f"{form.id}.v{version}.yaml"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Make a team copy", str(Path(self._folder()) / suggested), "Form files (*.yaml)"
        )
        if not chosen:
            return
        path = Path(chosen) if Path(chosen).suffix.lower() in (".yaml", ".yml") else Path(chosen + ".yaml")
        try:
            write_whole(path, writer.dump(copy, team_copy_header(copy, form.version, path.name)))
        except OSError as exc:
            self.ctx.report(f"The team copy could not be saved to {path} ({exc.strerror or exc})")
            return
        self.ctx.preferences.set("last_export_dir", str(path.parent))
        self.ctx.report(
            f"The team copy is saved as {path}, as version {version}. Open it in a text editor to change "
            "wording or add questions, keeping each question's id as it is. Then choose “Load a form "
            "file…” here to use it"
        )
