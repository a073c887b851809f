"""Converting an XLSForm spreadsheet (the ODK / KoboToolbox questionnaire format) into a tidesk form.

Three steps, each in its own module: ``xlsform_read`` checks the file's size before unpacking it and reads the
survey, choices and settings sheets within limits (MAX_* below); ``xlsform_survey`` turns their rows into
questions, groups and choice lists with pyxform's vocabulary of types and column names; ``xlsform_build``
makes tidesk's sections and items. Every problem names the sheet and row it is on (``FILE:ROW: message``), all
of them are reported at once, and nothing is written unless the whole form converts.

XLSForm                                       tidesk
text (appearance multiline)                   short_text (long_text)
integer / decimal                             number (integer: true) / number
constraint ``. >= 0``, ``. <= 10``, or both   min / max (``. > 0`` too, on integers); others are refused
  joined by ``and``
date, note                                    date, note
select_one LIST / select_multiple LIST        single_choice / multiple_choice (value = name, label);
  (and the older 'select one from LIST',      a list of just Yes and No becomes yes_no
  'select all that apply from LIST')
begin group ... end group                     a section (id = group name, hint = section help)
a group inside a group                        flattened into the outer section, its label kept as a
                                              note item (a sub-heading) where the group starts
questions outside any group                   a section "Questions" (the form's title if no groups)
label (English preferred), hint, required     text, help, required (yes / true)
settings form_id, form_title, version         form, title, version (a whole number from 1 to 2,147,483,647;
                                              1 when there is none)

Details a phone records by itself (start, end, today, deviceid, username, audit...) are left out without
complaint, as are skip logic and the other columns tidesk has no use for; the output's header comment lists
them, and each label that shows an earlier answer (``${name}``). Other types (places, photos and files,
barcodes, times, calculations, repeats, range, rank, choices from files, acknowledge, hidden) are refused.
A file that is not a readable .xlsx, or passes a limit, raises TideskError saying which (FormErrors, one of
them, when the limit is passed on a sheet's row).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tidesk.core import files
from tidesk.core.errors import TideskError
from tidesk.core.forms.loader import MAX_VERSION, FormErrors, FormProblem, parse
from tidesk.core.forms.model import AnsweredBy, FormDefinition
from tidesk.core.forms.writer import dump
from tidesk.core.forms.xlsform_build import Builder, identifier, rows_text
from tidesk.core.forms.xlsform_read import (
    MAX_CHOICES,
    MAX_FILE_BYTES,
    MAX_PART_BYTES,
    MAX_PARTS,
    MAX_RATIO,
    MAX_ROWS,
    MAX_TEXT_CHARS,
    MAX_TOTAL_CHARS,
    MAX_UNPACKED_BYTES,
    read_book,
)
from tidesk.core.forms.xlsform_survey import Survey, column, shown

__all__ = [
    "MAX_CHOICES",
    "MAX_FILE_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_ROWS",
    "MAX_TEXT_CHARS",
    "MAX_TOTAL_CHARS",
    "MAX_UNPACKED_BYTES",
    "MAX_VERSION",
    "Converted",
    "Progress",
    "conversion",
    "convert",
    "convert_file",
]

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Converted:
    definition: FormDefinition
    notes: tuple[str, ...]  # what was left out or changed, as the header comment of ``text`` says it
    text: str  # the YAML, header comment and all, as convert_file writes it


class _Ticker:
    """Calls ``progress(done, total)`` about a hundred times over a conversion (two steps a survey row, then
    two for writing the YAML and checking it). An exception from it (the GUI's way to cancel) goes through."""

    def __init__(self, progress: Progress | None, rows: int) -> None:
        self.progress, self.total, self.done = progress, 2 * rows + 2, 0
        self.every = max(1, self.total // 100)
        if progress is not None:
            progress(0, self.total)

    def __call__(self) -> None:
        self.done = min(self.done + 1, self.total - 1)
        if self.progress is not None and self.done % self.every == 0:
            self.progress(self.done, self.total)

    def reach(self, done: int) -> None:
        if self.progress is not None and done > self.done:
            self.progress(done, self.total)
        self.done = max(self.done, done)


def _version(survey: Survey, notes: list[str]) -> int | None:
    raw = survey.settings.get("version", "").strip()
    if not raw:
        notes.append("The spreadsheet gives no version, so this is version 1.")
        return 1
    if re.fullmatch(r"\d{1,12}", raw) and 1 <= int(raw) <= MAX_VERSION:
        return int(raw)
    survey.fail(
        survey.settings_row,
        f"gives the version '{shown(raw, 30)}', but a tidesk form's version is a whole number from 1 to "
        f"{MAX_VERSION:,}: put such a number in its 'version' column, or leave it empty for version 1",
        "settings",
    )
    return None


def _form_id(survey: Survey, path: Path, notes: list[str]) -> str:
    raw = survey.settings.get("form_id", "").strip()
    form_id, how = identifier(raw or path.stem, "-", "form")
    if not raw:
        if form_id != path.stem:
            notes.append(f"The spreadsheet gives no form_id, so the form id '{form_id}' comes from the file's name.")
    elif how == "latin":
        notes.append(f"The spreadsheet's form_id '{shown(raw)}' became the form id '{form_id}', in Latin letters.")
    elif how:
        notes.append(
            f"The spreadsheet's form_id '{shown(raw)}' has letters an id cannot hold, so the form id is "
            f"'{form_id}', made from it: it stays the same for as long as the form_id does."
        )
    elif form_id != raw:
        notes.append(f"The spreadsheet's form_id '{shown(raw)}' became the form id '{form_id}'.")
    return form_id


def _notes(survey: Survey, builder: Builder) -> list[str]:
    notes = [f"Left out, as details a phone records by itself: {', '.join(survey.ignored)}."] if survey.ignored else []
    notes += [f"Not carried over: {what}, on {rows_text(list(rows))}." for what, rows in survey.dropped.items()]
    if survey.skipped:
        notes.append(f"Not read, having no type, name or label: the survey sheet's {rows_text(survey.skipped)}.")
    for sheet in survey.sheets:
        if sheet.unheaded:
            notes.append(
                f"Not read: cells under no column heading, on the {sheet.kind} sheet's {rows_text(sheet.unheaded)}."
            )
        if sheet.formulas:
            notes.append(
                f"Read as the results the spreadsheet last saved: the formulas on the {sheet.kind} sheet's "
                f"{rows_text(sheet.formulas)}."
            )
    notes += [f"Not read: the '{shown(title, 40)}' sheet, which tidesk has no use for." for title in survey.unread]
    others = sorted(survey.languages - builder.used_languages - {"default"})
    if others and builder.used_languages:
        used = ", ".join(sorted(lang for lang in builder.used_languages if lang != "default"))
        used = f"Texts in {used} were used" if used else "The texts with no language named were used"
        notes.append(f"{used}; those in {', '.join(map(shown, others))} were left out.")
    return notes + list(builder.notes)


def _convert(path: Path, progress: Progress | None) -> tuple[FormDefinition, list[str], _Ticker]:
    """The definition, the notes for the output's header comment, and the progress so far."""
    book = read_book(path)
    if "survey" not in book.sheets:
        sheets = ", ".join(f"'{s}'" for s in book.sheet_names) or "none"
        raise TideskError(
            f"{path}: there is no 'survey' sheet, so there are no questions to convert (sheets: {sheets})"
        )
    survey_sheet = book.sheets["survey"]
    if "type" not in {column(heading)[0] for heading in survey_sheet.headings.values()}:
        raise FormErrors(
            [
                FormProblem(
                    str(path),
                    1,
                    "the survey sheet's row 1 has no 'type' column, so tidesk cannot tell its questions apart",
                )
            ]
        )
    ticker = _Ticker(progress, len(survey_sheet.rows))
    survey = Survey(book, ticker)
    notes: list[str] = []
    form_id = _form_id(survey, path, notes)
    version = _version(survey, notes)
    title = survey.settings.get("form_title", "").strip() or survey.settings.get("form_id", "").strip() or path.stem
    builder = Builder(survey, title, ticker)
    sections = builder.sections()
    problems = survey.problems + builder.problems
    if not sections and not problems:
        problems.append(FormProblem(str(path), 1, "the survey sheet has no questions tidesk can use"))
    if problems or version is None:
        raise FormErrors(sorted(problems, key=lambda p: p.line))
    ticker.reach(2 * len(survey_sheet.rows))
    notes = _notes(survey, builder) + notes
    notes.append(
        "A spreadsheet does not say who answers or whether answers are anonymous: check 'answered_by' "
        "and 'anonymous' below."
    )
    definition = FormDefinition(
        id=form_id,
        version=version,
        title=title,
        purpose="",
        answered_by=AnsweredBy.INDIVIDUAL,
        anonymous=False,
        sections=tuple(sections),
    )
    return definition, notes, ticker


def _checked(text: str, definition: FormDefinition, path: Path) -> None:
    """The YAML must load back as exactly this definition, or nothing is written.

    Every rule the loader has is checked above, row by row; failing here is a fault in tidesk, so it is said
    as one, without the lines of a YAML file that was never written."""
    try:
        again = parse(text, str(path))
    except FormErrors as exc:
        raise TideskError(
            f"{path}: the converted form does not pass tidesk's own checks ({exc.problems[0].message}), which is a "
            "fault in tidesk: please report it, with the spreadsheet"
        ) from exc
    if again != definition:
        raise TideskError(
            f"{path}: the converted form does not read back the same (a fault in tidesk: please "
            "report it, with the spreadsheet)"
        )


def conversion(path: Path, progress: Progress | None = None) -> Converted:
    """The spreadsheet as a tidesk form, with the notes and YAML text that go with it.

    ``progress(done, total)`` is called as rows are converted; an exception raised from it stops the
    conversion and is let through. FormErrors for rows tidesk cannot use, TideskError for the file."""
    path = Path(path)
    definition, notes, ticker = _convert(path, progress)
    header = [
        f"Converted from {path.name} (an XLSForm spreadsheet) by tidesk on {date.today().isoformat()}.",
        "You may edit the wording (titles, text, help, choice labels), but keep every item id as it is: "
        "answers are matched to questions by id, across versions.",
        *notes,
    ]
    text = dump(definition, "\n".join(line for note in header for line in textwrap.wrap(note, 100)))
    ticker.reach(ticker.total - 1)
    _checked(text, definition, path)
    ticker.reach(ticker.total)
    return Converted(definition, tuple(notes), text)


def convert(path: Path, progress: Progress | None = None) -> FormDefinition:
    """The spreadsheet as a tidesk form; FormErrors for rows tidesk cannot use, TideskError for the file."""
    return conversion(path, progress).definition


def convert_file(
    source: Path, output: Path | None = None, *, force: bool = False, progress: Progress | None = None
) -> Path:
    """Convert, and write ``<stem>.v<version>.yaml`` beside the spreadsheet (or at ``output``, or in it if it is
    a folder). An existing file is replaced only with ``force``, and never a workspace, a backup or the
    spreadsheet itself."""
    source = Path(source)
    converted = conversion(source, progress)
    name = f"{source.stem}.v{converted.definition.version}.yaml"
    target = source.with_name(name) if output is None else Path(output)
    target = target / name if target.is_dir() else target
    files.check_output(target, reads=(source,), force=force)
    try:
        return files.write_text(target, converted.text, replace=force)
    except OSError as exc:
        raise TideskError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
