"""The forms page: the forms tidesk knows, loading and importing them, team copies, and responses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from tests.forms.test_responses import start as start_now
from tests.forms.test_view import EVERY_KIND, NEEDS_ONE, empty_path, page, stored_entry
from tests.gui_fixtures import dump
from tidesk.core.forms import library, loader, responses
from tidesk.core.forms.library import Source
from tidesk.core.forms.responses import Answer
from tidesk.gui.forms.dialogs import StartResponseDialog
from tidesk.gui.forms.page import FormsPage
from tidesk.gui.forms.text_items import LineEditor
from tidesk.gui.shell.main_window import MainWindow
from tidesk.gui.widgets.two_line import DETAIL_ROLE, TITLE_ROLE

Make = Callable[..., MainWindow]
__all__ = ["empty_path", "page"]  # fixtures shared with the form view's tests


def rows(page: FormsPage) -> list[tuple[str, str]]:
    return [
        (page.forms.item(i).data(TITLE_ROLE), page.forms.item(i).data(DETAIL_ROLE))  # type: ignore[union-attr]
        for i in range(page.forms.count())
    ]


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path, seen: list[str] | None = None) -> None:
    def answer(_parent: object, _title: str, suggested: str = "", _filter: str = "") -> tuple[str, str]:
        if seen is not None:
            seen.append(suggested)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(answer))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))


def test_lists_the_shipped_forms_and_the_workspace_ones(page: FormsPage) -> None:
    stored_entry(page.ctx.ws, EVERY_KIND)
    page.refresh()
    listed = rows(page)
    for entry in library.read_folder(library.shipped_folder()).entries:  # whatever ships today
        assert (entry.definition.title,) in [(title,) for title, _d in listed]
    assert ("Every kind of question", "every-kind · version 1 · Adapted by the team · 9 questions") in listed


def test_a_broken_shipped_file_is_named_calmly(
    make_window: Make, empty_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shipped"
    folder.mkdir()
    (folder / "every-kind.v1.yaml").write_text(EVERY_KIND, encoding="utf-8")
    broken = NEEDS_ONE.replace("kind: yes_no", "kind: maybe")
    (folder / "broken.v1.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setattr(library, "shipped_folder", lambda: folder)
    window = make_window(empty_path)
    window.show_page("forms")
    page = window._pages["forms"]
    assert isinstance(page, FormsPage)
    assert [title for title, _d in rows(page)] == ["Every kind of question"]
    assert page.notice.isVisible()
    line = line_of(broken, "kind: maybe")
    assert page.notice.text().startswith(f"1 form file was skipped: broken.v1.yaml:{line}: 'maybe' is not a known kind")


def test_loading_a_file_with_a_mistake_names_the_line(
    page: FormsPage, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(page.ctx.ws.path)
    broken = tmp_path / "adapted.yaml"
    text = EVERY_KIND.replace("    title: Choices", "    titel: Choices")
    broken.write_text(text, encoding="utf-8")
    choose_file(monkeypatch, broken)
    qtbot_click(page.load_button)
    assert f"adapted.yaml:{line_of(text, 'titel:')}: unknown field 'titel'" in messages[-1]
    assert "nothing has changed" in messages[-1]
    assert page.ctx.undo_stack.count() == 0 and dump(page.ctx.ws.path) == before


def qtbot_click(button: object) -> None:
    from PySide6.QtWidgets import QAbstractButton

    assert isinstance(button, QAbstractButton) and button.isEnabled()
    button.click()


def test_loading_a_form_file_is_undoable(page: FormsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = tmp_path / "every-kind.v1.yaml"
    good.write_text(EVERY_KIND, encoding="utf-8")
    choose_file(monkeypatch, good)
    page.load_form_file()
    assert library.catalogue(page.ctx.ws).find("every-kind", 1) is not None
    assert page.selected_key() == "every-kind@1"
    assert page.ctx.undo_stack.undoText() == "Load the form file “every-kind.v1.yaml”"
    page.ctx.undo_stack.undo()
    assert library.catalogue(page.ctx.ws).find("every-kind", 1) is None
    assert "every-kind@1" not in [
        page.forms.item(i).data(Qt.ItemDataRole.UserRole)  # type: ignore[union-attr]
        for i in range(page.forms.count())
    ]


def test_a_team_copy_is_the_next_version_with_instructions(
    page: FormsPage, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stored_entry(page.ctx.ws, EVERY_KIND)
    page.refresh()
    page.select_form("every-kind", 1)
    target = tmp_path / "copy.yaml"
    suggested: list[str] = []
    choose_file(monkeypatch, target, suggested)
    page.make_team_copy()
    assert Path(suggested[0]).name == "every-kind.v2.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# A team copy of “Every kind of question”")
    assert "keep every existing item's id" in text and "Load a form file" in text
    copy = loader.parse(text, "copy.yaml")
    assert copy.version == 2 and copy.items == loader.parse(EVERY_KIND, "x").items
    assert "version 2" in messages[-1]
    choose_file(monkeypatch, target)  # and the copy loads back as the new version
    page.load_form_file()
    assert page.selected_key() == "every-kind@2"
    assert any("version 2 · Adapted by the team" in detail for _t, detail in rows(page))


NAMED_ONE = NEEDS_ONE.replace("anonymous: true", "anonymous: false")  # responses a team may list and reopen


def test_start_open_and_delete_a_response(page: FormsPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = page.ctx
    entry = stored_entry(ctx.ws, NAMED_ONE)
    page.refresh()
    page.select_form("needs-one", 1)
    assert page.no_responses.isVisible() and not page.open_button.isEnabled()
    asked: list[str] = []

    def answer(cls: type, _parent: object, form: object, rounds: object = None) -> tuple[dict[str, object], bool]:
        asked.append(getattr(form, "id", ""))
        return {"round_label": "Baseline", "respondent": None}, True

    monkeypatch.setattr(StartResponseDialog, "get_value", classmethod(answer))
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert asked == ["needs-one"]
    view = page.view
    assert view is not None and page.currentWidget() is page.holder and not view.read_only
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert page.currentWidget() is page.library and page.view is None
    assert page.responses.count() == 1
    row = page.responses.item(0)
    assert row is not None
    assert row.data(TITLE_ROLE) == "Baseline · No name given"
    assert "in progress · 0 of 2 answered · version 1" in row.data(DETAIL_ROLE)

    page.responses.setFocus()
    page.responses.setCurrentRow(0)
    qtbot.keyClick(page.responses, Qt.Key.Key_Return)
    assert page.view is not None and page.view.response_uuid == row.data(Qt.ItemDataRole.UserRole)
    responses.answer(entry.definition, row.data(Qt.ItemDataRole.UserRole), "mood", Answer(True)).apply(ctx.ws)
    page.close_view()
    before = responses.list_responses(ctx.ws, "needs-one")
    page.responses.setCurrentRow(0)
    qtbot.keyClick(page.responses, Qt.Key.Key_Delete)
    assert responses.list_responses(ctx.ws, "needs-one") == [] and page.responses.count() == 0
    ctx.undo_stack.undo()  # back as it was (an anonymous response gets new random row keys, by design)
    assert responses.list_responses(ctx.ws, "needs-one") == before and page.responses.count() == 1
    assert responses.answers(ctx.ws, before[0].uuid) == {"mood": Answer(True)}


def start_in(monkeypatch: pytest.MonkeyPatch, round_label: str) -> None:
    monkeypatch.setattr(
        StartResponseDialog,
        "get_value",
        classmethod(lambda cls, parent, form, rounds=None: ({"round_label": round_label, "respondent": None}, True)),
    )


def test_anonymous_responses_are_counted_never_listed(
    page: FormsPage, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At a shared computer: start, answer, go back; then nobody can reach that response again, and the page
    shows only how many responses each round has, under the small-number rule."""
    from tidesk.gui.forms import compare as form_compare

    ctx = page.ctx
    entry = stored_entry(ctx.ws, NEEDS_ONE)
    page.refresh()
    page.select_form("needs-one", 1)
    assert page.no_responses.isVisible() and "not even you" in page.anonymous_note.text()
    assert not any(b.isVisible() for b in (page.open_button, page.delete_button, page.compare_button))
    start_in(monkeypatch, "Baseline")
    page.start_response()
    view = page.view
    assert view is not None and not view.read_only and page.view_note.isVisible()
    assert view.private_undo is not None  # their answers' undo history leaves with them
    team = view.editors["team"]
    assert isinstance(team, LineEditor)
    team.edit.setText("The harbour team, with Morag")
    team.commit()
    uuid = view.response_uuid
    assert uuid is not None and responses.answers(ctx.ws, uuid)["team"].value.startswith("The harbour")
    page.close_view()

    assert page.responses.count() == 0 and not page.responses.isVisible() and page.selected_response_uuid() is None
    assert page.round_counts.isVisible() and page.round_counts.text() == "Baseline: fewer than 5 responses"
    assert not page.no_responses.isVisible() and page.export_button.isEnabled()
    assert not any(b.isVisible() for b in (page.open_button, page.delete_button, page.compare_button))
    page.open_selected_response()
    page.delete_selected_response()
    assert page.view is None and len(responses.list_responses(ctx.ws, "needs-one")) == 1
    shown: list[object] = []
    monkeypatch.setattr(
        form_compare.ChooseDialog, "get_value", classmethod(lambda cls, *a: shown.append(a) or (0, True))
    )
    form_compare.compare_selected(page, ctx, page.catalogue, uuid)  # even asked directly, no list of the others
    assert not shown and "not compared one by one" in messages[-1]
    assert page._one_by_one(uuid) is None and "not opened one by one" in messages[-1]
    visible = " ".join(w.text() for w in page.library.findChildren(QLabel) if w.isVisible())
    assert "harbour" not in visible and "Started" not in visible

    # The start was on their own undo stack, gone with them: the next person's Ctrl+Z cannot take it away.
    assert not ctx.undo_stack.canUndo() and ctx.undo_group.activeStack() is ctx.undo_stack
    assert len(responses.list_responses(ctx.ws, "needs-one")) == 1

    page.start_response()  # while answering, the respondent can still undo starting it
    view = page.view
    assert view is not None and view.private_undo is not None
    assert ctx.undo_group.undoText() == "Start a response to “A form with one required question”"
    ctx.undo_group.undo()
    assert page.view is None and len(responses.list_responses(ctx.ws, "needs-one")) == 1
    assert ctx.undo_group.activeStack() is ctx.undo_stack and not ctx.undo_stack.canUndo()
    assert page.round_counts.text() == "Baseline: fewer than 5 responses"

    for round_label in ["Baseline"] * 5 + ["Spring"] * 2:
        start_now(ctx.ws, entry, round_label=round_label)
    page.refresh()
    assert page.round_counts.text().splitlines() == [  # 6 and 2 of 8: the 6 would give the 2 away
        "Baseline: 5 or more responses",
        "Spring: fewer than 5 responses",
        "8 responses in all.",
    ]
    for _ in range(5):
        start_now(ctx.ws, entry, round_label="Spring")
    page.refresh()
    assert page.round_counts.text().splitlines() == [
        "Baseline: 6 responses",
        "Spring: 7 responses",
        "13 responses in all.",
    ]


def test_the_start_dialog_asks_no_name_for_an_anonymous_form() -> None:
    anonymous = loader.parse(NEEDS_ONE, "a.yaml")
    dialog = StartResponseDialog(None, anonymous, ["Baseline", "Spring"])
    assert dialog.respondent is None
    assert dialog.value() == {"round_label": "Spring", "respondent": None}
    named = loader.parse(EVERY_KIND, "b.yaml")
    dialog = StartResponseDialog(None, named, [])
    assert isinstance(dialog.respondent, QLineEdit)
    dialog.respondent.setText("  Sam ")
    assert dialog.value() == {"round_label": "Baseline", "respondent": "Sam"}


SPREADSHEETS = Path(__file__).resolve().parent.parent / "fixtures" / "xlsform"


def test_importing_a_spreadsheet_form_is_undoable(page: FormsPage, monkeypatch: pytest.MonkeyPatch) -> None:
    choose_file(monkeypatch, SPREADSHEETS / "supported.xlsx")
    page.import_spreadsheet()
    stored = [e for e in library.catalogue(page.ctx.ws).entries if e.source == Source.IMPORTED]
    assert len(stored) == 1 and stored[0].text.startswith("# Converted from supported.xlsx (an XLSForm spreadsheet)")
    assert page.selected_key() == stored[0].key
    assert any("· Imported ·" in detail for _t, detail in rows(page))
    page.ctx.undo_stack.undo()
    assert not [e for e in library.catalogue(page.ctx.ws).entries if e.source == Source.IMPORTED]


def test_a_spreadsheet_is_read_in_the_background_and_its_notes_are_shown(
    make_window: Make, empty_path: Path, messages: list[str], qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the real task runner: the window stays responsive while the spreadsheet is read, then the form is
    stored (one undo step) and what changed on the way in is said."""
    from tidesk.gui.shell.tasks import TaskRunner

    window = make_window(empty_path, runner=TaskRunner)
    qtbot.waitUntil(lambda: window.warm, timeout=20000)
    window.show_page("forms")
    forms = window._pages["forms"]
    assert isinstance(forms, FormsPage)
    choose_file(monkeypatch, SPREADSHEETS / "supported.xlsx")
    forms.import_spreadsheet()
    qtbot.waitUntil(lambda: any("On the way in" in m for m in messages), timeout=20000)
    assert window.ctx.undo_stack.undoText().startswith("Import “")
    imported = [e for e in library.catalogue(window.ctx.ws).entries if e.source == Source.IMPORTED]
    assert len(imported) == 1 and forms.selected_key() == imported[0].key
    assert not window.ctx.runner.busy


def test_a_spreadsheet_with_problems_names_its_rows(
    page: FormsPage, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(page.ctx.ws.path)
    choose_file(monkeypatch, SPREADSHEETS / "several-problems.xlsx")
    page.import_spreadsheet()
    assert "was not imported, so nothing has changed" in messages[-1]
    assert "several-problems.xlsx:3: " in messages[-1]
    assert dump(page.ctx.ws.path) == before and page.ctx.undo_stack.count() == 0


def test_a_file_that_is_not_a_spreadsheet_is_refused_kindly(
    page: FormsPage, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    sheet = tmp_path / "survey.xlsx"
    sheet.write_bytes(b"not really a spreadsheet")
    choose_file(monkeypatch, sheet)
    page.import_spreadsheet()
    assert "was not imported, so nothing has changed" in messages[-1] and "Traceback" not in messages[-1]


def test_export_responses_from_the_page(page: FormsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = stored_entry(page.ctx.ws, EVERY_KIND)
    made = start_now(page.ctx.ws, entry, round_label="Baseline", respondent="Morag")
    first = next(i for i in entry.definition.answerable_items if i.kind.value == "short_text")
    responses.answer(entry.definition, made.uuid, first.id, Answer("Kept as given")).apply(page.ctx.ws)
    page.refresh()
    page.select_form(entry.definition.id, entry.definition.version)
    target = tmp_path / "out.csv"
    choose_file(monkeypatch, target)
    assert page.export_button.isEnabled()
    page.export_responses()
    text = target.read_text(encoding="utf-8-sig")
    assert "Morag" in text and "Kept as given" in text


def test_export_replaces_only_the_file_the_save_dialog_asked_about(
    page: FormsPage, tmp_path: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = stored_entry(page.ctx.ws, EVERY_KIND)
    start_now(page.ctx.ws, entry, round_label="Baseline", respondent="Morag")
    page.refresh()
    page.select_form(entry.definition.id, entry.definition.version)
    chosen = tmp_path / "out.csv"
    chosen.write_text("an older export", encoding="utf-8")
    choose_file(monkeypatch, chosen)  # the dialog has asked whether to replace it
    page.export_responses()
    assert "Morag" in chosen.read_text(encoding="utf-8-sig")
    kept = tmp_path / "plain.xlsx"
    kept.write_text("someone else's file", encoding="utf-8")
    choose_file(monkeypatch, tmp_path / "plain")  # the ending is added after the dialog: never asked about
    page.export_responses()
    assert kept.read_text(encoding="utf-8") == "someone else's file" and "already there" in messages[-1]


def test_random_valid_definitions_show_in_the_view(page: FormsPage) -> None:
    """Property: any definition the loader accepts becomes a view with one editor per question."""
    import yaml
    from hypothesis import HealthCheck, given, settings

    from tests.forms.test_loader import definitions
    from tidesk.gui.forms.view import FormView

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
    @given(definitions())
    def check(data: dict[str, object]) -> None:
        definition = loader.parse(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
        entry = library.Entry(definition, Source.IMPORTED, "")
        for paged in (True, False):
            view = FormView(page.ctx, entry, None, True, paged=paged)
            answerable = {i.id for i in definition.items if i.answerable}
            assert answerable <= set(view.editors) <= {i.id for i in definition.items}
            view.deleteLater()

    check()


def test_adapt_the_assessment_and_compare_with_the_baseline(
    page: FormsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's promise, as a facilitator does it: copy the assessment, change a wording and add an item
    in a text editor, load it, answer it, and compare with the baseline on the questions both share."""
    from tidesk.gui.forms import compare as form_compare

    ws = page.ctx.ws
    page.refresh()
    page.select_form("organisational-assessment", 1)
    monkeypatch.setattr(
        StartResponseDialog,
        "get_value",
        classmethod(lambda cls, parent, form, rounds=None: ({"round_label": "Baseline", "respondent": "TIPIG"}, True)),
    )
    page.start_response()
    baseline = responses.list_responses(ws, "organisational-assessment")[0]
    v1 = library.catalogue(ws).get("organisational-assessment", 1)
    for item, value in (("culture-shared-language", 1), ("culture-safe-to-speak-up", 2)):
        responses.answer(v1, baseline.uuid, item, Answer(value)).apply(ws)
    page.close_view()

    copy_path = tmp_path / "organisational-assessment.v2.yaml"
    choose_file(monkeypatch, copy_path)
    page.make_team_copy()
    text = copy_path.read_text(encoding="utf-8")
    assert "version: 2" in text
    text = text.replace("Staff feel safe to raise a worry", "Everyone in the team feels safe to raise a worry")
    marker = "  items:\n"
    first_items = text.index(marker) + len(marker)
    text = (
        text[:first_items] + "  - id: culture-peer-welcome\n    kind: scale\n    scale: {min: 0, max: 4, "
        "labels: {0: Not in place, 1: Being talked about, 2: Making a start, 3: In place in some areas, "
        "4: Embedded}}\n    text: Someone with lived experience welcomes people on their first visit.\n"
        "    tags: ['theme:1']\n" + text[first_items:]
    )
    copy_path.write_text(text, encoding="utf-8")
    page.load_form_file()
    v2 = library.catalogue(ws).get("organisational-assessment", 2)
    assert v2.item("culture-safe-to-speak-up").text.startswith("Everyone in the team")

    page.select_form("organisational-assessment", 2)
    monkeypatch.setattr(
        StartResponseDialog,
        "get_value",
        classmethod(lambda cls, parent, form, rounds=None: ({"round_label": "6 months", "respondent": "TIPIG"}, True)),
    )
    page.start_response()
    follow = next(r for r in responses.list_responses(ws, "organisational-assessment") if r.form_version == 2)
    for item, value in (("culture-shared-language", 3), ("culture-safe-to-speak-up", 3), ("culture-peer-welcome", 4)):
        responses.answer(v2, follow.uuid, item, Answer(value)).apply(ws)
    page.close_view()

    monkeypatch.setattr(form_compare.ChooseDialog, "get_value", classmethod(lambda cls, *a: (0, True)))
    shown: list[form_compare.CompareDialog] = []
    monkeypatch.setattr(form_compare.CompareDialog, "exec", lambda self: shown.append(self) or 0)
    baseline = next(r for r in responses.list_responses(ws, "organisational-assessment") if r.form_version == 1)
    for selected in (follow.uuid, baseline.uuid):  # whichever is selected, the earlier round comes first
        form_compare.compare_selected(page, page.ctx, library.catalogue(ws), selected)
    for dialog in shown:
        table = dialog.table
        headings = [table.item(r, 0).text() for r in range(table.rowCount()) if table.columnSpan(r, 0) == 4]  # type: ignore[union-attr]
        assert headings == ["Themes", "Principles"]
        cells = {
            table.item(r, 0).text(): [table.item(r, c).text() for c in (1, 2, 3)]  # type: ignore[union-attr]
            for r in range(table.rowCount())
            if table.columnSpan(r, 0) == 1
        }
        assert cells["Theme 1: Organisational culture"] == ["1.5", "3.0", "up 1.5"]  # the new item is left out
        before = " ".join(label.text() for label in dialog.findChildren(QLabel) if "Before:" in label.text())
        assert "Baseline" in before
    explanation = " ".join(label.text() for label in shown[0].findChildren(QLabel))
    assert "culture-peer-welcome" in explanation
