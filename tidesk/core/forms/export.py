"""Responses out to CSV or a spreadsheet: one row per response where the form names people, otherwise
only summaries, built under the small-number rule (core/privacy.py) like every other aggregate.

How the summary keeps to the rule. Each table of the summary counts every response exactly once: under one
answer, "Don't know", "Not applicable" or "No answer" (a question with several choices gives a table per
choice: those who chose it and those who did not, "Don't know" among them). So every table has the same
total, the number of responses, and that number is shown once, in the notes and on the Forms page with its
split by round (`count_responses`). Given it, the tables say nothing about one another, so each is protected
on its own:

- its counts come from one `privacy.distribution()` call; where that audit had to withhold its total,
  which a reader knows anyway, every count of that table is withheld instead;
- where the withheld counts of a table add up to fewer than the threshold ("5 of 6" says "exactly one
  other"), the smallest shown count is withheld too, so every group a reader can work out is large;
- a percentage is of all responses, through `privacy.percentage()`, and only beside a shown count.

When the number of responses is withheld, so is every figure of the summary (the tables would otherwise be
linked through an unknown total). Reasons are never written out: a withheld figure just says "withheld".
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tidesk.core import files, privacy
from tidesk.core.errors import TideskError
from tidesk.core.forms import library, responses
from tidesk.core.forms.model import FormDefinition, Item, Kind
from tidesk.core.forms.responses import Answer
from tidesk.core.privacy import Cell, Withheld
from tidesk.core.workspace import Progress, Workspace

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NO_ANSWER = "No answer"
ANSWERED = "Answered"
ALL_RESPONSES = "All responses"
NO_ROUND = "No round named"
SUMMARY_HEADER = ["item", "question", "answer", "people", "percentage"]

Key = tuple[str, str]  # ("value", v), ("not", v) for a choice not chosen, ("special", s), ("answered" | "none", "")
NONE: Key = ("none", "")
SOME: Key = ("answered", "")


@dataclass(frozen=True)
class Sheet:
    title: str
    header: list[str]
    rows: list[list[Any]]
    notes: list[str]  # lines a reader must see first (what was withheld, what the columns mean)


def is_anonymous(catalogue: library.Catalogue, form_id: str) -> bool:
    """Whether any version of the form is answered anonymously. Then none of its responses is ever shown one by
    one: a named version's rows beside the summary would let the anonymous answers be worked out by subtraction."""
    return any(e.definition.anonymous for e in catalogue.versions(form_id))


def _items_across_versions(catalogue: library.Catalogue, form_id: str) -> tuple[list[Item], dict[int, FormDefinition]]:
    """Every answerable item any version of the form has had, newest wording first, in form order."""
    entries = catalogue.versions(form_id)
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


def response_sheet(ws: Workspace, form_id: str, catalogue: library.Catalogue | None = None) -> Sheet:
    """One row per response, one column per item id, plus the version each answered."""
    items, definitions = _items_across_versions(catalogue or library.catalogue(ws), form_id)
    latest = definitions[max(definitions)]
    if any(d.anonymous for d in definitions.values()):
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


# ---- how many responses -----------------------------------------------------------------------------------


def _withheld(n: int, rule: privacy.Rule) -> Cell:
    """A figure withheld whatever its size, with its true reason (kept in the cell, never written out)."""
    return privacy.count(n, rule) if n < rule.threshold else Cell(Withheld(privacy.PROTECTING, small=False))


def _is_small(cell: Cell) -> bool:
    return isinstance(cell.value, Withheld) and cell.value.small


@dataclass(frozen=True)
class Counted:
    """How many responses a form has, in all and per round, as they may be shown anywhere."""

    rule: privacy.Rule
    total: Cell
    rounds: dict[str, Cell | None]  # None: withheld with the other rounds, without saying whether it is small

    def phrase(self, cell: Cell | None) -> str:
        threshold = self.rule.threshold
        if cell is None:
            return "number withheld, so that a small number cannot be worked out"
        if cell.shown:
            return f"{cell} responses"
        return f"fewer than {threshold} responses" if _is_small(cell) else f"{threshold} or more responses"

    def lines(self) -> list[str]:
        """One line per round, such as "Baseline: 7 responses"."""
        return [f"{label or NO_ROUND}: {self.phrase(cell)}" for label, cell in self.rounds.items()]

    def in_all(self) -> str:
        if not self.rounds:
            return "No responses yet."
        if self.total.shown:
            return f"{self.total} responses in all."
        return "The number of responses in all is withheld."  # never "fewer than": see count_responses


def _rounds_safe(cells: Mapping[str, Cell], per_round: Mapping[str, int], rule: privacy.Rule) -> bool:
    """Whether rounds withheld beside a shown total stay uncertain to a reader who knows which are small and
    that each holds at least one response: together they must be many, and more than the least they could be."""
    hidden = [label for label, cell in cells.items() if not cell.shown]
    if not hidden:
        return True
    rest = sum(per_round[label] for label in hidden)
    least = sum(1 if _is_small(cells[label]) else rule.threshold for label in hidden)
    return len(hidden) >= 2 and rest >= rule.threshold and rest > least


def count_responses(per_round: Mapping[str, int], rule: privacy.Rule) -> Counted:
    """The number of responses, and per round, protected together. A round is listed only once someone has
    answered in it, so a reader knows each listed round holds at least one response; that is allowed for."""
    n = sum(per_round.values())
    if n < rule.threshold or n == len(per_round):  # as many responses as rounds: one each
        # The total is then never described as small: with the rounds' "fewer than" it could pin them down.
        rounds = privacy.distribution(per_round, rule).counts if per_round else {}
        return Counted(rule, _withheld(n, rule), dict(rounds))
    total = privacy.count(n, rule)
    table = privacy.distribution(per_round, rule)
    if not table.total.shown:  # the rounds would pin one another down beside the total: say nothing of them
        return Counted(rule, total, dict.fromkeys(per_round))
    cells: dict[str, Cell] = dict(table.counts)
    while not _rounds_safe(cells, per_round, rule):
        shown = [label for label, cell in cells.items() if cell.shown]
        if not shown:
            return Counted(rule, total, dict.fromkeys(per_round))
        smallest = min(shown, key=lambda label: per_round[label])
        cells[smallest] = _withheld(per_round[smallest], rule)
    return Counted(rule, total, dict(cells))


def responses_counted(ws: Workspace, form_id: str, rule: privacy.Rule | None = None) -> Counted:
    """What the Forms page and the summary say about how many have answered (in order of the rounds' first day)."""
    found = responses.list_responses(ws, form_id)
    return count_responses(Counter(r.round_label for r in found), rule or privacy.rule_for(ws))


# ---- the summary ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Part:
    """One table of the summary: every response counted once, under one of `counts`; `labels` are the rows
    written (a choice's "did not choose it" is counted and protected, but not written)."""

    labels: dict[Key, str]
    counts: dict[Key, int]


def _options(item: Item) -> list[tuple[str, str]]:
    if item.kind == Kind.SCALE and item.scale is not None:
        return [(str(p), f"{p} {item.scale.labels.get(p, '')}".strip()) for p in item.scale.points]
    if item.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
        return [(c.value, c.label) for c in item.choices]
    if item.kind == Kind.YES_NO:
        return [("yes", "Yes"), ("no", "No")]
    return []


def _key(given: Answer | None) -> Key:
    if given is None or given.empty:
        return NONE
    if given.special is not None:
        return ("special", given.special.value)
    if isinstance(given.value, bool):
        return ("value", "yes" if given.value else "no")
    return ("value", str(given.value))


def _parts(variants: Sequence[Item], given: Sequence[Answer | None]) -> list[_Part]:
    """The tables for one item, from what every version asked (newest first) and every response's answer.

    The rows depend on the definitions only, never on which answers happen to have been given, so a row's
    presence says nothing."""
    kind = variants[0].kind
    options: dict[str, str] = {}
    if all(v.kind == kind for v in variants):  # a question that changed kind is counted as answered or not
        for variant in variants:
            for value, label in _options(variant):
                options.setdefault(value, label)
    if kind == Kind.SCALE:
        options = dict(sorted(options.items(), key=lambda pair: int(pair[0])))
    if kind == Kind.MULTIPLE_CHOICE and options:
        chosen = [set(g.value) if g and g.special is None and isinstance(g.value, list) else set() for g in given]
        return [
            _Part({("value", v): label}, {("value", v): sum(v in c for c in chosen), ("not", v): 0})
            for v, label in options.items()
        ]
    specials = dict.fromkeys(s for v in variants for s in v.specials)
    labels: dict[Key, str] = {("value", v): label for v, label in options.items()} or {SOME: ANSWERED}
    labels |= {("special", s.value): s.label for s in specials} | {NONE: NO_ANSWER}
    keys = [_key(g) for g in given]
    if not options:
        keys = [k if k[0] != "value" else SOME for k in keys]
    if any(k not in labels for k in keys):  # only from answers no version allows: counted as answered or not
        keys = [NONE if k == NONE else SOME for k in keys]
        labels = {SOME: ANSWERED, NONE: NO_ANSWER}
    return [_Part(labels, {key: keys.count(key) for key in labels})]


def _complete(part: _Part, n: int) -> dict[Key, int]:
    """The part's counts with each choice's "did not choose it" filled in."""
    counts = dict(part.counts)
    for key in counts:
        if key[0] == "not":
            counts[key] = n - counts[("value", key[1])]
    return counts


def _protect(counts: Mapping[Key, int], n: int, known: bool, rule: privacy.Rule) -> dict[Key, Cell]:
    """One table's counts as they may be shown beside the number of responses (`known`: shown too)."""
    if not known:
        return {key: _withheld(value, rule) for key, value in counts.items()}
    table = privacy.distribution(counts, rule)
    if not table.total.shown:  # its audit needed the total hidden, but the notes show it: hide the counts instead
        return {key: _withheld(value, rule) for key, value in counts.items()}
    cells = dict(table.counts)
    shown = [key for key, cell in cells.items() if cell.shown]
    rest = n - sum(counts[key] for key in shown)
    if 0 < rest < rule.threshold and shown:  # the withheld ones together would be a small number
        smallest = min(shown, key=lambda key: counts[key])
        cells[smallest] = _withheld(counts[smallest], rule)
    return cells


def _variants(definitions: Mapping[int, FormDefinition]) -> dict[str, list[Item]]:
    found: dict[str, list[Item]] = {}
    for version in sorted(definitions, reverse=True):
        for item in definitions[version].answerable_items:
            found.setdefault(item.id, []).append(item)
    return found


def _versions(numbers: Sequence[int]) -> str:
    listed = [str(n) for n in sorted(numbers)]
    if len(listed) == 1:
        return f"version {listed[0]}"
    return f"versions {', '.join(listed[:-1])} and {listed[-1]}"


def summary_sheet(
    ws: Workspace, form_id: str, rule: privacy.Rule | None = None, catalogue: library.Catalogue | None = None
) -> Sheet:
    """How many people gave each answer, per question, with small numbers withheld (see the module's
    docstring). Free text is never exported here, only whether a question was answered."""
    rule = rule or privacy.rule_for(ws)
    items, definitions = _items_across_versions(catalogue or library.catalogue(ws), form_id)
    latest = definitions[max(definitions)]
    found = responses.list_responses(ws, form_id)
    counted = count_responses(Counter(r.round_label for r in found), rule)
    all_answers = [responses.answers(ws, r.uuid) for r in found]
    n, known = len(found), counted.total.shown
    variants = _variants(definitions)
    rows: list[list[Any]] = []
    for item in items:
        for part in _parts(variants[item.id], [given.get(item.id) for given in all_answers]):
            counts = _complete(part, n)
            cells = _protect(counts, n, known, rule)
            for key, label in part.labels.items():
                cell = cells[key]
                percentage = privacy.percentage(counts[key], n, rule) if cell.shown else cell
                rows.append([item.id, item.text, label, str(cell), str(percentage)])
        rows.append([item.id, item.text, ALL_RESPONSES, str(counted.total), ""])
    notes = [
        privacy.note(rule),
        f"{counted.in_all()} The form has {_versions(list(definitions))}.",
    ]
    if counted.rounds:
        notes.append("By round: " + "; ".join(counted.lines()) + ".")
    if found and not known:
        notes.append("Every figure below is withheld, so that no small number can be worked out.")
    notes.append(
        f"Each percentage is of all responses. “{NO_ANSWER}” counts the responses that skipped a question, or "
        "answered a version without it; for a question with several choices, each choice counts those who chose it."
    )
    return Sheet(f"{latest.title} (summary)", SUMMARY_HEADER, rows, notes)


def sheets_for(ws: Workspace, form_id: str) -> list[Sheet]:
    catalogue = library.catalogue(ws)
    if catalogue.latest(form_id) is None:
        raise TideskError(f"there is no form called '{form_id}'")
    if is_anonymous(catalogue, form_id):
        return [summary_sheet(ws, form_id, catalogue=catalogue)]
    return [response_sheet(ws, form_id, catalogue), summary_sheet(ws, form_id, catalogue=catalogue)]


# ---- writing ------------------------------------------------------------------------------------------------


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write(path: Path, data: bytes, force: bool) -> Path:
    try:
        return files.write_bytes(path, data, replace=force)
    except OSError as exc:
        raise TideskError(f"{path}: could not be written ({exc.strerror or exc})") from exc


def export_csv(
    ws: Workspace, form_id: str, path: Path, progress: Progress | None = None, *, force: bool = False
) -> Path:
    """CSV holds one table: individual rows where allowed, otherwise the summary. Never over a workspace, a
    backup or the file being read; over another existing file only with `force` (the person said so)."""
    path = Path(path)
    files.check_output(path, reads=(ws.path,), force=force)
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
    return _write(path, buffer.getvalue().encode("utf-8-sig"), force)  # Excel opens UTF-8 with a BOM correctly


def export_xlsx(
    ws: Workspace, form_id: str, path: Path, progress: Progress | None = None, *, force: bool = False
) -> Path:
    """A workbook with a sheet per table (responses and summary, or the summary alone); written as export_csv."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path = Path(path)
    files.check_output(path, reads=(ws.path,), force=force)
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
    return _write(path, buffer.getvalue(), force)
