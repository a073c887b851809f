"""Responses out to CSV or a spreadsheet: one row per response where the form names people, otherwise
only summaries, built under the small-number rule (core/privacy.py) like every other aggregate."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidesk.core import files, privacy
from tidesk.core.errors import TideskError
from tidesk.core.forms import library, responses
from tidesk.core.forms.model import FormDefinition, Item, Kind
from tidesk.core.forms.responses import Answer
from tidesk.core.workspace import Progress, Workspace

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Any]]
    notes: list[str]  # lines a reader must see first (what was withheld, what the columns mean)


def _items_across_versions(ws: Workspace, form_id: str) -> tuple[list[Item], dict[int, FormDefinition]]:
    """Every answerable item any version of the form has had, newest wording first, in form order."""
    entries = library.catalogue(ws).versions(form_id)
    if not entries:
        raise TideskError(f"there is no form called '{form_id}'")
    definitions = {e.definition.version: e.definition for e in entries}
    items: dict[str, Item] = {}
    for version in sorted(definitions, reverse=True):
        for item in definitions[version].answerable_items:
            items.setdefault(item.id, item)
    return list(items.values()), definitions


def _cell(given: Answer | None) -> str:
    if given is None or given.empty:
        return ""
    if given.special is not None:
        return given.special.value
    value = given.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(map(str, value))
    return str(value)


def response_sheet(ws: Workspace, form_id: str) -> Sheet:
    """One row per response, one column per item id, plus the version each answered."""
    items, definitions = _items_across_versions(ws, form_id)
    latest = definitions[max(definitions)]
    if latest.anonymous:
        raise TideskError(f"'{latest.title}' is anonymous, so only summaries can be exported")
    header = ["form_version", "round", "respondent", "started_on", "status", *[i.id for i in items]]
    rows = []
    for response in responses.list_responses(ws, form_id):
        given = responses.answers(ws, response.uuid)
        rows.append(
            [
                response.form_version,
                response.round_label,
                response.respondent or "",
                response.started_on.isoformat(),
                response.status,
                *[_cell(given.get(item.id)) for item in items],
            ]
        )
    notes = [
        "Special answers: dont_know = Don't know; not_applicable = Not applicable (kept, never scored).",
        "An empty cell is a question that was skipped, or that this version did not ask.",
    ]
    return Sheet(latest.title, header, rows, notes)


def _options(item: Item) -> list[tuple[str, str]]:
    if item.kind == Kind.SCALE and item.scale is not None:
        return [(str(p), f"{p} {item.scale.labels.get(p, '')}".strip()) for p in item.scale.points]
    if item.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        return [(c.value, c.label) for c in item.choices]
    if item.kind == Kind.YES_NO:
        return [("yes", "Yes"), ("no", "No")]
    return []


def summary_sheet(ws: Workspace, form_id: str, rule: privacy.Rule | None = None) -> Sheet:
    """How many people gave each answer, per question, with small numbers withheld. Free text from an
    anonymous form is never exported (words identify people on an island)."""
    rule = rule or privacy.rule_for(ws)
    items, definitions = _items_across_versions(ws, form_id)
    latest = definitions[max(definitions)]
    all_answers = [responses.answers(ws, r.uuid) for r in responses.list_responses(ws, form_id)]
    rows: list[list[Any]] = []
    for item in items:
        options = _options(item)
        if not options:
            answered = sum(1 for given in all_answers if item.id in given)
            rows.append([item.id, item.text, "(answered)", str(privacy.count(answered, rule)), ""])
            continue
        counts: dict[str, int] = {value: 0 for value, _label in options}
        for given in all_answers:
            answer = given.get(item.id)
            if answer is None or answer.empty:
                continue
            chosen = _cell(answer).split("; ")
            for value in chosen:
                counts[value] = counts.get(value, 0) + 1
        shown = privacy.distribution(counts, rule)
        percentages = shown.percentages()
        labels = dict(options) | {s: s.replace("_", " ").capitalize() for s in ("dont_know", "not_applicable")}
        for value in counts:
            rows.append(
                [item.id, item.text, labels.get(value, value), str(shown.counts[value]), str(percentages[value])]
            )
    notes = [privacy.note(rule), f"{len(all_answers)} responses across versions {sorted(definitions)}."]
    return Sheet(f"{latest.title} (summary)", ["item", "question", "answer", "people", "percentage"], rows, notes)


def sheets_for(ws: Workspace, form_id: str) -> list[Sheet]:
    latest = library.catalogue(ws).latest(form_id)
    if latest is None:
        raise TideskError(f"there is no form called '{form_id}'")
    if latest.definition.anonymous:
        return [summary_sheet(ws, form_id)]
    return [response_sheet(ws, form_id), summary_sheet(ws, form_id)]


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        files.write_bytes(Path(path), data, replace=True)
    except OSError as exc:
        raise TideskError(f"{path}: could not be written ({exc.strerror or exc})") from exc


def export_csv(ws: Workspace, form_id: str, path: Path, progress: Progress | None = None) -> Path:
    """CSV holds one table: individual rows where allowed, otherwise the summary."""
    sheet = sheets_for(ws, form_id)[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in sheet.notes:
        writer.writerow([f"# {line}"])
    writer.writerow(sheet.header)
    for done, row in enumerate(sheet.rows):
        writer.writerow([_safe(v) for v in row])
        if progress:
            progress(done + 1, len(sheet.rows))
    _write_atomically(path, buffer.getvalue().encode("utf-8-sig"))  # Excel opens UTF-8 with a BOM correctly
    return Path(path)


def export_xlsx(ws: Workspace, form_id: str, path: Path, progress: Progress | None = None) -> Path:
    """A workbook with a sheet per table (responses and summary, or the summary alone)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: Sequence[Sheet] = sheets_for(ws, form_id)
    for index, sheet in enumerate(sheets):
        page = workbook.create_sheet(("Responses", "Summary")[index] if len(sheets) > 1 else "Summary")
        for line in sheet.notes:
            page.append([line])
        page.append(sheet.header)
        for cell in page[page.max_row]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            page.append([_safe(v) for v in row])
        if progress:
            progress(index + 1, len(sheets))
    buffer = io.BytesIO()
    workbook.save(buffer)
    _write_atomically(path, buffer.getvalue())
    return Path(path)
