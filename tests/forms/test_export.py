"""Exporting responses: rows where a form names people, otherwise summaries under the small-number rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.forms.test_responses import BASELINE, SURVEY, entry_of
from tests.forms.test_responses import start as start_now
from tidesk.core.errors import TideskError
from tidesk.core.forms import responses
from tidesk.core.forms.export import export_csv, export_xlsx, response_sheet
from tidesk.core.forms.responses import Answer
from tidesk.core.workspace import Workspace


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_named_forms_export_one_row_per_response(workspace: Workspace, tmp_path: Path) -> None:
    entry = entry_of(workspace, BASELINE)
    made = start_now(workspace, entry, round_label="Baseline", respondent="TIPIG")
    responses.answer(entry.definition, made.uuid, "shared-language", Answer(3)).apply(workspace)
    responses.answer(entry.definition, made.uuid, "notes", Answer('=HYPERLINK("x")')).apply(workspace)
    rows = read_csv(export_csv(workspace, "assessment", tmp_path / "a.csv"))
    header = next(r for r in rows if r and r[0] == "form_version")
    data = rows[rows.index(header) + 1]
    assert header[5:] == ["shared-language", "safe-rooms", "old-item", "standing-item", "notes"]
    assert data[:3] == ["1", "Baseline", "TIPIG"] and data[5] == "3"
    assert data[-1].startswith("'=")  # a formula is written as plain text


def test_anonymous_forms_export_only_protected_summaries(workspace: Workspace, tmp_path: Path) -> None:
    entry = entry_of(workspace, SURVEY)
    for role in ["nurse"] * 6 + ["manager"] * 2:
        made = start_now(workspace, entry, round_label="Baseline")
        responses.answer(entry.definition, made.uuid, "role", Answer(role)).apply(workspace)
    with pytest.raises(TideskError, match="anonymous"):
        response_sheet(workspace, "survey")
    rows = read_csv(export_csv(workspace, "survey", tmp_path / "s.csv"))
    assert any("fewer than 5 people" in r[0] for r in rows if r)
    by_answer = {r[2]: r[3] for r in rows if len(r) == 5 and r[0] == "role"}
    assert by_answer["Manager"] == "withheld"  # 2 managers on an island are two people everyone knows
    assert by_answer["Nurse"] == "withheld"  # or 8 - 6 = 2 could be worked out from the total
    assert by_answer["No answer"] == "withheld" and by_answer["All responses"] == "8"
    assert ["# 8 responses in all. The form has version 1."] in rows


def test_rows_come_from_the_form_never_from_the_answers_given(workspace: Workspace, tmp_path: Path) -> None:
    """An answer nobody gave still has its row: a row that appeared with the first such answer would say so."""
    entry = entry_of(workspace, SURVEY)
    made = start_now(workspace, entry, round_label="Baseline")
    responses.answer(entry.definition, made.uuid, "role", Answer("nurse")).apply(workspace)
    rows = read_csv(export_csv(workspace, "survey", tmp_path / "s.csv"))
    listed = [(r[0], r[2]) for r in rows if len(r) == 5 and r[0] != "item"]
    assert listed == [
        ("role", "Nurse"),
        ("role", "Manager"),
        ("role", "No answer"),
        ("role", "All responses"),
        *[("confident", label) for label in ("1 Low", "2 Some", "3 High", "No answer", "All responses")],
        *[("when", label) for label in ("Answered", "No answer", "All responses")],
    ]


def test_a_form_once_anonymous_is_never_exported_one_response_a_row(workspace: Workspace, tmp_path: Path) -> None:
    """Rows of a later, named version beside the summary would give away the anonymous answers by subtraction."""
    entry = entry_of(workspace, SURVEY)
    start_now(workspace, entry, round_label="Baseline")
    named = entry_of(
        workspace, SURVEY.replace("version: 1", "version: 2").replace("anonymous: true", "anonymous: false")
    )
    start_now(workspace, named, round_label="Spring", respondent="Morag")
    with pytest.raises(TideskError, match="anonymous"):
        response_sheet(workspace, "survey")
    path = export_xlsx(workspace, "survey", tmp_path / "s.xlsx")
    assert load_workbook(path).sheetnames == ["Summary"]
    assert "Morag" not in repr(read_csv(export_csv(workspace, "survey", tmp_path / "s.csv")))


def test_xlsx_has_a_sheet_per_table(workspace: Workspace, tmp_path: Path) -> None:
    entry = entry_of(workspace, BASELINE)
    made = start_now(workspace, entry, respondent="TIPIG")
    responses.answer(entry.definition, made.uuid, "safe-rooms", Answer(2)).apply(workspace)
    path = export_xlsx(workspace, "assessment", tmp_path / "a.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Responses", "Summary"]
    assert any(row[0] == "form_version" for row in book["Responses"].iter_rows(values_only=True))


def test_export_into_a_missing_folder_is_refused(workspace: Workspace, tmp_path: Path) -> None:
    entry_of(workspace, BASELINE)
    with pytest.raises(TideskError, match="does not exist"):
        export_csv(workspace, "assessment", tmp_path / "nowhere" / "a.csv")
