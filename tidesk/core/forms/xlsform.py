"""Converting an XLSForm spreadsheet (the ODK / KoboToolbox questionnaire format) into a tidesk form.

pyxform reads the workbook (``xlsx_to_dict``) and builds its JSON survey (``workbook_to_json``): column aliases,
``label::English (en)`` columns, groups and choice lists are its work. Its JSON has no row numbers, so each
survey row gets a ``_tidesk_row`` column first (pyxform passes unknown columns through) and every problem
names the sheet row, ``FILE:ROW: message``. pyxform is imported only to convert: it takes a third of a second.

XLSForm                                       tidesk
text (appearance multiline)                   short_text (long_text)
integer / decimal                             number (integer: true) / number
constraint ``. >= 0``, ``. <= 10``, or both   min / max (``. > 0`` too, on integers); others are refused
  joined by ``and``
date, note                                    date, note
select_one LIST / select_multiple LIST        single_choice / multiple_choice (value = name, label);
                                              a list of just Yes and No becomes yes_no
begin group ... end group                     a section (id = group name, hint = section help)
a group inside a group                        flattened into the outer section, its label kept as a
                                              note item (a sub-heading) where the group starts
questions outside any group                   a section "Questions" (the form's title if no groups)
label (English preferred), hint, required     text, help, required (yes / true)
settings form_id, form_title, version         form, title, version (1 unless a whole number >= 1)

Ids are the XLSForm names in lower case (anything but letters, digits, _ and - becomes _; a name not starting
with a letter gets q_ first), so converting again gives the same ids. Details a phone records by itself
(start, end, today, deviceid, username, audit...) are left out without complaint, as are skip logic and
other behaviour tidesk lacks; the output's header comment lists them. Other types (places, photos and files,
barcodes, times, calculations, repeats, range, rank, choices from files, acknowledge, hidden) are refused:
FormErrors, one problem per row, and nothing is written. A file that is not a readable spreadsheet with a
survey sheet raises TideskError (FormErrors is one too).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from tidesk.core import files
from tidesk.core.errors import TideskError
from tidesk.core.forms.loader import FormErrors, FormProblem, parse
from tidesk.core.forms.model import AnsweredBy, Choice, FormDefinition, Item, Kind, Section
from tidesk.core.forms.writer import dump

ROW = "_tidesk_row"
PLAIN = {
    "text": Kind.SHORT_TEXT,
    "integer": Kind.NUMBER,
    "decimal": Kind.NUMBER,
    "date": Kind.DATE,
    "note": Kind.NOTE,
    "calculate": None,
}
SELECTS = {
    "select_one": Kind.SINGLE_CHOICE,
    "select one": Kind.SINGLE_CHOICE,
    "select1": Kind.SINGLE_CHOICE,
    "select_multiple": Kind.MULTIPLE_CHOICE,
    "select all that apply": Kind.MULTIPLE_CHOICE,
}
META = ("audit", "start-geopoint", "background-audio", "background-geopoint")
REQUIRED = ("yes", "true", "true()", "1")
PLACE = "no maps or places: ask for the place in words with a 'text' question"
TIME = "dates only, no times: use a 'date' question"
WHY = {
    "geopoint": PLACE,
    "geoshape": PLACE,
    "geotrace": PLACE,
    "dateTime": TIME,
    "time": TIME,
    "binary": "no photos, recordings or attached files",
    "barcode": "no barcode scanning: use a 'text' question",
    "calculate": "no calculations inside a form: scores come from the form's 'scoring'",
    "range": "use an 'integer' question with a constraint such as '. >= 0 and . <= 10'",
    "rank": "use a 'select_multiple' question instead",
    "trigger": "use a 'note' instead",
    "hidden": "no hidden questions",
    "external": "the choices must be on the spreadsheet's choices sheet",
    "or_other": "add an 'other' choice, and a 'text' question for the details",
}
DROPPED = {
    "relevant": "skip logic ('relevant')",
    "readonly": "'read_only'",
    "calculate": "'calculation'",
    "default": "default answers ('default')",
    "choice_filter": "'choice_filter'",
    "media": "pictures, sounds or videos",
    "required": "'required' that depends on other answers (the question is optional here)",
}
BOUND = re.compile(r"^(?:\.\s*(?P<op>[<>]=?)\s*(?P<n>-?\d+(?:\.\d+)?)|(?P<n2>-?\d+(?:\.\d+)?)\s*(?P<op2>[<>]=?)\s*\.)$")
FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}


def _slug(name: str, sep: str, prefix: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9_-]+", sep, plain).strip("_-")
    return (slug if slug[:1].isalpha() else f"{prefix}{sep}{slug}" if slug else prefix)[:64].rstrip("_-")


def _open(path: Path) -> Any:
    """The workbook as pyxform's ``DefinitionData``, with a survey sheet, or a TideskError saying why not."""
    from pyxform.errors import PyXFormError, PyXFormReadError
    from pyxform.xls2json_backends import DefinitionData, xls_to_dict, xlsx_to_dict

    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        raise TideskError(
            f"{path}: tidesk reads XLSForm spreadsheets saved as .xlsx or .xls, not "
            f"'{path.suffix or 'no extension'}' files"
        )
    if not path.is_file():
        raise TideskError(f"{path}: there is no file here")
    try:
        path.open("rb").close()
    except OSError as exc:
        raise TideskError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    book = None
    for reader in (xlsx_to_dict, xls_to_dict):  # by content: an .xls name on an .xlsx file is common
        try:
            book = DefinitionData(fallback_form_name=path.stem, **reader(path))
            break
        except PyXFormReadError:
            continue
        except PyXFormError as exc:
            raise TideskError(f"{path}: pyxform cannot read the spreadsheet: {exc}") from exc
        except Exception:  # openpyxl and xlrd raise many kinds for a damaged or foreign file
            continue
    if book is None:
        raise TideskError(
            f"{path}: this is not a spreadsheet tidesk can read (open it in Excel or LibreOffice "
            "and save it again as .xlsx)"
        )
    if book.survey is None or not book.survey_header:
        sheets = ", ".join(f"'{s}'" for s in book.sheet_names or []) or "none"
        raise TideskError(
            f"{path}: there is no 'survey' sheet, so there are no questions to convert (sheets: {sheets})"
        )
    return book


def _why(kind: str) -> str | None:
    """Why tidesk cannot use a survey type ("" for a type nobody knows), or None if it can."""
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES
    from pyxform.xls2json import RE_SELECT

    if (select := RE_SELECT.match(kind)) is not None:
        command = select["select_command"]
        return (
            WHY["or_other"]
            if select["specify_other"]
            else None
            if command in SELECTS
            else WHY["rank" if command == "rank" else "external"]
        )
    if kind in ("hidden", "xml-external", "csv-external"):
        return WHY["hidden" if kind == "hidden" else "external"]
    if (spec := TYPES.get(kind)) is None:
        return ""
    if (plain := next((p for p in PLAIN if spec == TYPES[p]), None)) is not None:
        return WHY["calculate"] if plain == "calculate" else None
    return WHY.get((spec.get("control") or {}).get("tag", "")) or WHY.get(
        (spec.get("bind") or {}).get("type", ""), "no question of this kind"
    )


def _read(path: Path) -> tuple[dict[str, Any], list[FormProblem], list[str]]:
    """pyxform's JSON survey, the rows refused, and the metadata rows left out ("row N (type)")."""
    from pyxform.errors import PyXFormError
    from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES
    from pyxform.xls2json import RE_BEGIN_CONTROL, RE_END_CONTROL, workbook_to_json

    book = _open(path)
    type_key = next((k for k in book.survey_header[0] if "_".join(str(k).split()).lower() == "type"), None)
    if type_key is None:
        raise TideskError(f"{path}: the survey sheet has no 'type' column in its first row")
    problems: list[FormProblem] = []
    ignored: list[str] = []
    rows: list[dict[str, Any]] = []  # refused and ignored rows become empty ones, so pyxform's numbers still fit
    repeat, depth = (0, ""), 0
    for number, row in enumerate(book.survey, start=2):
        kind = " ".join(str(row.get(type_key, "")).split())
        begin, end = RE_BEGIN_CONTROL.match(kind), RE_END_CONTROL.match(kind)
        if (begin and begin["type"] != "group") or depth:  # a repeat, and every row inside it
            repeat = repeat if depth else (number, kind)
            depth += 1 if begin and begin["type"] != "group" else -1 if end and end["type"] != "group" else 0
            if not depth:
                problems.append(
                    FormProblem(
                        str(path),
                        repeat[0],
                        (
                            f"the survey sheet's row {repeat[0]} is a '{repeat[1]}', which tidesk cannot use "
                            f"(it asks the same questions again for each person or visit; rows {repeat[0]} to "
                            f"{number} belong to it)"
                        ),
                    )
                )
            rows.append({})
        elif "jr:preload" in (TYPES.get(kind, {}).get("bind") or {}) or kind in META:
            ignored.append(f"row {number} ({kind})")
            rows.append({})
        elif (why := None if not kind or begin or end else _why(kind)) is not None:
            problems.append(
                FormProblem(
                    str(path),
                    number,
                    (
                        f"the survey sheet's row {number} is {'an' if kind[0] in 'aeiou' else 'a'} '{kind}' question, "
                        f"which tidesk cannot use ({why})"
                        if why
                        else f"the survey sheet's row {number} has the type "
                        f"'{kind}', which tidesk does not know (see the types on xlsform.org)"
                    ),
                )
            )
            rows.append({})
        else:
            rows.append({**row, ROW: str(number)} if row else row)
    if depth:
        problems.append(
            FormProblem(
                str(path),
                repeat[0],
                f"the survey sheet's row {repeat[0]} is a '{repeat[1]}' with no end, which tidesk cannot use",
            )
        )
    book.survey, book.survey_header = rows, [{**book.survey_header[0], ROW: None}]
    try:
        return workbook_to_json(workbook_dict=book, fallback_form_name=path.stem, warnings=[]), problems, ignored
    except PyXFormError as exc:
        found = re.match(r"\[row : (\d+)\]\s*(.*)", str(exc), re.S)
        line, message = (int(found[1]), found[2]) if found else (1, str(exc))
        problems.append(FormProblem(str(path), line, f"pyxform cannot read the spreadsheet: {message.strip()}"))
        return {}, problems, ignored


class _Builder:
    """Turns pyxform's JSON survey into sections and items, collecting every problem on the way."""

    def __init__(self, path: Path, survey: dict[str, Any]) -> None:
        self.file, self.survey = str(path), survey
        self.problems: list[FormProblem] = []
        self.dropped: dict[str, list[int]] = {}
        self.ids: dict[str, int] = {}

    def fail(self, row: int, message: str) -> None:
        self.problems.append(FormProblem(self.file, row, f"the survey sheet's row {row} {message}"))

    def text(self, value: Any) -> str:
        """A label or hint: the English one when there are several languages, else the form's default."""
        if isinstance(value, dict) and value:
            default = self.survey.get("default_language") or "default"
            value = value[
                min(
                    value,
                    key=lambda lang: (
                        0
                        if re.search(r"\benglish\b|\(en\b|^en(g|-..)?$", lang.lower())
                        else 1
                        if lang == default
                        else 2
                        if lang == "default"
                        else 3
                    ),
                )
            ]
        return str(value).strip() if isinstance(value, str | int | float) else ""

    def claim(self, name: str, row: int) -> str:
        item_id = _slug(name, "_", "q")
        if item_id in self.ids:
            self.fail(
                row,
                f"is named '{name}', which becomes the item id '{item_id}' that row {self.ids[item_id]} "
                "already has (tidesk ids are lower-case): rename one of them",
            )
        self.ids.setdefault(item_id, row)
        return item_id

    def sections(self) -> list[Section]:
        children = [c for c in self.survey.get("children", []) if not (c.get("control") or {}).get("bodyless")]
        grouped = any(c.get("type") == "group" for c in children)
        runs: list[tuple[dict[str, Any] | None, list[Item]]] = []  # (group, items); None: outside any group
        for child in children:
            if child.get("type") == "group":
                runs.append((child, []))
                self.note_dropped(child)
                for grandchild in child.get("children", []):
                    self.collect(grandchild, runs[-1][1])
            else:
                if not runs or runs[-1][0] is not None:
                    runs.append((None, []))
                self.collect(child, runs[-1][1])
        sections: list[Section] = []
        for group, items in runs:
            if group is None:
                name, help_text = "questions", ""
                title = "Questions" if grouped else self.text(self.survey.get("title")) or "Questions"
            else:
                name, help_text = str(group.get("name", "")), self.text(group.get("hint"))
                title = self.text(group.get("label")) or name.replace("_", " ").strip().capitalize()
            if not items:
                where = int(group.get(ROW, 1)) if group else 1
                self.dropped.setdefault("a group with nothing tidesk can ask", []).append(where)
                continue
            base, n = _slug(name, "_", "section"), 1
            while (section_id := base if n == 1 else f"{base}_{n}") in {s.id for s in sections}:
                n += 1
            sections.append(Section(section_id, title, help_text, tuple(items)))
        return sections

    def note_dropped(self, element: dict[str, Any]) -> None:
        present = {**(element.get("bind") or {}), **element}
        present["required"] = str(present.get("required", "")).strip().lower() not in (
            *REQUIRED,
            "",
            "no",
            "false",
            "false()",
            "0",
        )
        for key, what in DROPPED.items():
            if present.get(key):
                self.dropped.setdefault(what, []).append(int(element.get(ROW, 1)))

    def collect(self, element: dict[str, Any], into: list[Item]) -> None:
        row = int(element.get(ROW, 1))
        self.note_dropped(element)
        if element.get("type") != "group":
            into.extend(item for item in [self.item(element, row)] if item is not None)
            return
        if label := self.text(element.get("label")):  # a group inside a group: its label becomes a sub-heading
            into.append(
                Item(
                    self.claim(str(element.get("name", "")), row),
                    Kind.NOTE,
                    label,
                    self.text(element.get("hint")),
                    line=row,
                )
            )
        for child in element.get("children", []):
            self.collect(child, into)

    def item(self, element: dict[str, Any], row: int) -> Item | None:
        from pyxform.question_type_dictionary import QUESTION_TYPE_DICT as TYPES

        name, type_name = str(element.get("name", "")), str(element.get("type", ""))
        item_id, text = self.claim(name, row), self.text(element.get("label"))
        if not text:
            self.fail(row, f"('{name}') has no label, so tidesk would have nothing to show")
        bind = element.get("bind") or {}
        extra: dict[str, Any] = {}
        plain = next((p for p in PLAIN if TYPES.get(type_name) == TYPES[p]), "")
        choices = tuple(
            Choice(str(c.get("name", "")), self.text(c.get("label")) or str(c.get("name", "")))
            for c in element.get("choices") or []
        )
        kind = SELECTS.get(type_name) or PLAIN.get(plain)
        if kind is None:  # refused while the rows were read; only a spelling pyxform accepts and tidesk does not
            self.fail(row, f"is a '{type_name}' question, which tidesk cannot use")
            return None
        if kind == Kind.SINGLE_CHOICE and sorted((c.value.lower(), c.label.lower()) for c in choices) == [
            ("no", "no"),
            ("yes", "yes"),
        ]:
            kind = Kind.YES_NO
        elif kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE):
            extra["choices"] = choices
        elif kind == Kind.SHORT_TEXT and "multiline" in str((element.get("control") or {}).get("appearance")).split():
            kind = Kind.LONG_TEXT
        elif kind == Kind.NUMBER:
            extra["integer"] = plain == "integer"
        if constraint := str(bind.get("constraint") or "").strip():
            bounds = self.bounds(constraint, plain == "integer") if kind == Kind.NUMBER else None
            if bounds is None:
                self.fail(
                    row,
                    f"has the constraint '{constraint}', which tidesk cannot use: it understands only "
                    "limits on number questions such as '. >= 0', '. <= 10' or '. >= 0 and . <= 10'",
                )
            else:
                extra["minimum"], extra["maximum"] = bounds
        required = str(bind.get("required", "")).strip().lower() in REQUIRED and kind != Kind.NOTE
        return Item(item_id, kind, text, self.text(element.get("hint")), required=required, line=row, **extra)

    @staticmethod
    def bounds(constraint: str, integer: bool) -> tuple[float | None, float | None] | None:
        """(min, max) from '. >= 0 and . <= 10' and the like, or None if it says anything more."""
        limits: dict[str, float] = {}
        for clause in re.split(r"\s+and\s+", constraint):
            if (m := BOUND.match(clause.strip())) is None:
                return None
            op, number = (m["op"], m["n"]) if m["op"] else (FLIP[m["op2"]], m["n2"])
            value: float = float(number) if "." in number else int(number)
            if len(op) == 1:  # '. > 0' means '. >= 1' for whole numbers, and cannot be said for decimals
                if not integer or isinstance(value, float):
                    return None
                value += 1 if op == ">" else -1
            if op[0] in limits:
                return None
            limits[op[0]] = value
        low, high = limits.get(">"), limits.get("<")
        return None if low is not None and high is not None and low > high else (low, high)


def _convert(path: Path) -> tuple[FormDefinition, list[str]]:
    """The definition, and the notes for the output's header comment."""
    survey, problems, ignored = _read(path)
    builder = _Builder(path, survey)
    sections = builder.sections() if survey else []
    problems += builder.problems
    if survey and not sections and not problems:
        problems.append(FormProblem(str(path), 1, "the survey sheet has no questions tidesk can use"))
    if problems:
        raise FormErrors(sorted(problems, key=lambda p: p.line))
    notes = [f"Left out, as details a phone records by itself: {', '.join(ignored)}."] if ignored else []
    notes += [
        f"Not carried over: {what}, on row{'s' * (len(rows) > 1)} {', '.join(map(str, sorted(rows)))}."
        for what, rows in builder.dropped.items()
    ]
    raw_version = str(survey.get("version") or "").strip()
    version = int(raw_version) if re.fullmatch(r"\d+", raw_version) and int(raw_version) >= 1 else 1
    if version == 1 and raw_version.lstrip("0") != "1":
        notes.append(
            f"The spreadsheet's version '{raw_version}' is not a whole number of 1 or more, so this is version 1."
            if raw_version
            else "The spreadsheet gives no version, so this is version 1."
        )
    raw_id = str(survey.get("id_string") or path.stem)
    if (form_id := _slug(raw_id, "-", "form")) != raw_id:
        notes.append(f"The spreadsheet's form_id '{raw_id}' became the form id '{form_id}'.")
    notes.append(
        "A spreadsheet does not say who answers or whether answers are anonymous: check 'answered_by' "
        "and 'anonymous' below."
    )
    return FormDefinition(
        id=form_id,
        version=version,
        title=builder.text(survey.get("title")) or raw_id,
        purpose="",
        answered_by=AnsweredBy.INDIVIDUAL,
        anonymous=False,
        sections=tuple(sections),
    ), notes


def _checked(text: str, definition: FormDefinition, path: Path) -> None:
    """The YAML must load back as exactly this definition, or nothing is written."""
    try:
        again = parse(text, str(path))
    except FormErrors as exc:
        raise FormErrors(
            [
                FormProblem(
                    str(path),
                    1,
                    f"the converted form does not pass tidesk's checks: {p.message} (line {p.line} of the YAML)",
                )
                for p in exc.problems
            ]
        ) from exc
    if again != definition:
        raise TideskError(
            f"{path}: the converted form does not read back the same (a fault in tidesk: please "
            "report it, with the spreadsheet)"
        )


def convert(path: Path) -> FormDefinition:
    """The spreadsheet as a tidesk form; FormErrors for rows tidesk cannot use, TideskError for the file."""
    definition, _notes = _convert(Path(path))
    _checked(dump(definition), definition, Path(path))
    return definition


def convert_file(source: Path, output: Path | None = None) -> Path:
    """Convert, and write ``<stem>.v<version>.yaml`` beside the spreadsheet (or ``output``); never overwrites."""
    source = Path(source)
    definition, notes = _convert(source)
    name = f"{source.stem}.v{definition.version}.yaml"
    target = source.with_name(name) if output is None else Path(output)
    target = target / name if target.is_dir() else target
    if target.exists():
        raise TideskError(
            f"{target}: there is already a file here, and tidesk will not overwrite it (move it "
            "away, or give another name with -o)"
        )
    header = [
        f"Converted from {source.name} (an XLSForm spreadsheet) by tidesk on {date.today().isoformat()}.",
        "You may edit the wording (titles, text, help, choice labels), but keep every item id as it is: "
        "answers are matched to questions by id, across versions.",
        *notes,
    ]
    text = dump(definition, "\n".join(line for note in header for line in textwrap.wrap(note, 100)))
    _checked(text, definition, source)
    try:
        return files.write_text(target, text)
    except OSError as exc:
        raise TideskError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
