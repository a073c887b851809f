"""Reading the XLSForm sheets of an .xlsx workbook, every size bounded before anything is unpacked.

An .xlsx file is a zip of XML parts, so a small file can unpack without end (a "zip bomb") or hold more rows
or text than any questionnaire. Before openpyxl touches it, the zip's own directory is checked: how many
parts, how large each and all of them would be once unpacked, and how much each grows. Those sizes bind:
Python's zipfile stops a part at its declared size and then fails its checksum, so a part that lies about its
size is refused as damaged rather than read on. Then only the survey, choices and settings sheets are read,
row by row, counting rows and characters as they come, so a refusal comes as soon as a limit is passed.

The rows are read with openpyxl's own sheet parser, not through a read-only worksheet: a read-only
worksheet trusts the sheet's ``<dimension>`` element (which a hand-edited or hostile file can understate, so
rows past it vanish), pads every gap in the row numbers, and silently drops a row numbered below the one
before it. Here every row really in the file is read with its real number, and a row out of order is refused.

Nothing is printed while reading: openpyxl's warnings (unknown extensions, missing styles) say nothing a
person converting a form can act on, so they are silenced for the duration.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tidesk.core.errors import TideskError
from tidesk.core.forms.loader import FormErrors, FormProblem

MB = 1024 * 1024
# A questionnaire of hundreds of questions in a few languages is well under 1 MB unpacked; 20 MB leaves room
# for a workbook that also carries pictures or other sheets, and is read in a second or two.
MAX_FILE_BYTES = 20 * MB
MAX_UNPACKED_BYTES = 20 * MB
MAX_PART_BYTES = 10 * MB
MAX_PARTS = 1_000  # a workbook has a dozen or so; more is a file made to be slow to list
# XML parts shrink 5 to 20 times in a zip; a part of over 1 MB growing more than 100 times is a made-up one.
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB
# Rows with anything in them, on each sheet: hundreds of questions and choices are usual, 5,000 generous.
MAX_ROWS = 5_000
# One cell: a consent statement of a couple of pages is some 6,000 characters.
MAX_TEXT_CHARS = 10_000
# Choices in the converted form, a list counted once for each question that uses it (each gets its own copy):
# 500 questions on a five-point list are 2,500. This bounds the YAML written, and the time to write it.
MAX_CHOICES = 20_000
# All the cells read together: 2,000,000 characters is about 600 pages. One shared string can be used by
# thousands of cells, so this, not the file's size, bounds what the conversion writes.
MAX_TOTAL_CHARS = 2_000_000

SHEETS = ("survey", "choices", "settings")
OTHER_XLSFORM_SHEETS = ("external_choices", "entities", "osm")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls workbooks, and password-protected .xlsx ones
NOT_A_SPREADSHEET = (
    "this is not a spreadsheet tidesk can read (open it in Excel or LibreOffice and save it again as .xlsx)"
)
WHITESPACE = re.compile(r"\s+")


@dataclass
class Sheet:
    """One sheet's column headings (column number to heading) and its rows that have anything in them."""

    kind: str  # survey, choices or settings
    title: str  # as the workbook spells it
    headings: dict[int, str] = field(default_factory=dict)
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)  # (sheet row, heading -> text)
    formulas: list[int] = field(default_factory=list)  # rows with a formula's saved result in them
    unheaded: list[int] = field(default_factory=list)  # rows with something under no heading

    def where(self, row: int) -> str:
        return f"the {self.kind} sheet's row {row}"


@dataclass
class Book:
    path: Path
    sheet_names: list[str]
    sheets: dict[str, Sheet]
    unread: list[str]  # XLSForm sheets tidesk has no use for, as the workbook spells them


def megabytes(size: int) -> str:
    return f"{-(-size // MB):,} MB"


def _refused(path: Path, message: str) -> TideskError:
    return TideskError(f"{path}: {message}")


def _bytes(path: Path) -> bytes:
    """The whole file (it is read once, so the zip checked is the zip parsed), or why it cannot be."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls"):
        raise _refused(
            path,
            f"tidesk reads XLSForm spreadsheets saved as .xlsx, not '{path.suffix or 'no extension'}' files",
        )
    if not path.is_file():
        raise _refused(path, "there is no file here")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _refused(
                path, f"the file is {megabytes(size)}; tidesk reads spreadsheet forms up to {megabytes(MAX_FILE_BYTES)}"
            )
        with path.open("rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _refused(path, f"cannot be read ({exc.strerror or exc})") from exc


def _archive(path: Path, data: bytes) -> None:
    """Refuse a file that is not a zip, not a workbook, or would unpack to more than tidesk reads."""
    if data.startswith(OLE_MAGIC):
        raise _refused(
            path,
            "this is an older Excel workbook (.xls) or one with a password, which tidesk does not read: open it "
            "in Excel or LibreOffice and save it as .xlsx, without a password",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # zipfile raises several kinds for a file that only looks like a zip
        raise _refused(path, NOT_A_SPREADSHEET) from exc
    with archive:
        parts = archive.infolist()
        _sizes(path, parts)
        names = set(archive.namelist())
        try:  # read only now that its size is known: an OpenDocument file names its kind in this part
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
            mimetype = b""
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise _refused(path, "this is an OpenDocument file (.ods), not an .xlsx: save it as .xlsx and import that")
    if "[Content_Types].xml" not in names:
        raise _refused(path, "this is a zip archive, not an Excel workbook (there is no workbook inside it)")


def _sizes(path: Path, parts: list[zipfile.ZipInfo]) -> None:
    if len(parts) > MAX_PARTS:
        raise _refused(path, f"the spreadsheet holds {len(parts):,} files inside; tidesk reads up to {MAX_PARTS:,}")
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED_BYTES:
        raise _refused(
            path,
            f"the spreadsheet would be {megabytes(total)} once unpacked; tidesk reads forms up to "
            f"{megabytes(MAX_UNPACKED_BYTES)}",
        )
    for part in parts:
        if part.file_size > MAX_PART_BYTES:
            raise _refused(
                path,
                f"one part of the spreadsheet ('{part.filename[:80]}') would be {megabytes(part.file_size)} once "
                f"unpacked; tidesk reads parts up to {megabytes(MAX_PART_BYTES)}",
            )
        if part.file_size > RATIO_CHECKED_FROM and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise _refused(
                path,
                f"one part of the spreadsheet ('{part.filename[:80]}') unpacks to "
                f"{part.file_size // max(part.compress_size, 1):,} times its packed size, as only a file made to "
                f"overwhelm a computer does; tidesk reads parts that grow up to {MAX_RATIO} times",
            )


def _damaged(path: Path, what: str, exc: BaseException) -> TideskError:
    causes: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(causes) < 10:  # openpyxl wraps the XML parser's error in its own
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(type(cause).__module__.startswith("defusedxml") for cause in causes):
        reason = "it declares XML entities, which spreadsheet programs never write and tidesk never reads"
    else:
        reason = f"tidesk could not read {what}"
    return _refused(
        path,
        f"this spreadsheet is damaged, or was not saved by a spreadsheet program ({reason}): open it in "
        "Excel or LibreOffice and save it again as .xlsx",
    )


def _parser(reader: Any, source: Any) -> Any:
    """openpyxl's sheet parser, with each cell also saying whether it holds a formula and its saved result."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    parser = WorkSheetParser(
        source,
        reader.shared_strings,
        data_only=True,  # a formula's saved result, as the spreadsheet shows it, not its text
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    plain = parser.parse_cell

    def parse_cell(element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = plain(element)
        if element.find(FORMULA_TAG) is not None:
            saved = element.find(VALUE_TAG) is not None and (
                bool(element.findtext(VALUE_TAG)) or element.get("t") == "str"
            )
            cell["formula"] = "saved" if saved else "unsaved"
        return cell

    parser.parse_cell = parse_cell
    return parser


def _workbook(path: Path, data: bytes) -> tuple[Any, dict[str, str]]:
    """openpyxl's reader with the shared texts, styles and list of sheets read, and each sheet's part.

    Not ``load_workbook``: even in read-only mode it reads every sheet of a workbook without a
    ``<dimension>`` element from end to end to size it, the sheets tidesk never reads as well."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        reader.read_manifest()
        reader.read_strings()
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)  # which number formats are dates
        parts = {sheet.name: rel.target for sheet, rel in reader.parser.find_sheets() if "chartsheet" not in rel.Type}
    except (TideskError, MemoryError):
        raise
    except Exception as exc:  # openpyxl and the XML parser raise many kinds for a damaged workbook
        raise _damaged(path, "the workbook's list of sheets and shared texts", exc) from exc
    return reader, parts


class _SheetReader:
    """Reads one sheet's rows into a Sheet, refusing at once when a limit is passed."""

    def __init__(self, path: Path, sheet: Sheet, budget: list[int]) -> None:
        self.path, self.sheet, self.budget = path, sheet, budget  # budget[0]: characters still allowed
        self.problems: list[FormProblem] = []

    def refuse(self, row: int, message: str) -> FormErrors:
        return FormErrors([FormProblem(str(self.path), row, f"{self.sheet.where(row)} {message}")])

    def value(self, row: int, cell: dict[str, Any], heading: str | None) -> str | None:
        """The cell's text (None if empty, or refused and noted); ``heading`` is None in the headings row."""
        from pyxform.xls2json_backends import xlsx_value_to_str

        if cell["data_type"] == "e":
            self.problems.append(
                FormProblem(
                    str(self.path),
                    row,
                    f"{self.sheet.where(row)} shows the error '{str(cell['value'])[:20]}' {_in(heading)} "
                    "(a formula that failed in the spreadsheet): correct the cell, or type its text in",
                )
            )
            return None
        if cell.get("formula") == "unsaved":
            self.problems.append(
                FormProblem(
                    str(self.path),
                    row,
                    f"{self.sheet.where(row)} has a formula {_in(heading)} but no saved result, so "
                    "tidesk cannot tell what it says: open the file in Excel or LibreOffice and save it again, "
                    "or type the text in",
                )
            )
            return None
        raw = cell["value"]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        # Line ends as every editor writes them: a carriage return would not survive the YAML file's reading.
        text: str = (
            xlsx_value_to_str(raw.strip() if isinstance(raw, str) else raw).replace("\r\n", "\n").replace("\r", "\n")
        )
        if len(text) > MAX_TEXT_CHARS:
            raise self.refuse(
                row,
                f"has {len(text):,} characters {_in(heading)}; tidesk reads texts of up to "
                f"{MAX_TEXT_CHARS:,} characters",
            )
        self.budget[0] -= len(text)
        if self.budget[0] < 0:
            raise self.refuse(
                row,
                f"takes the spreadsheet past {MAX_TOTAL_CHARS:,} characters of text in all; tidesk reads forms "
                "of up to that much",
            )
        if "formula" in cell and self.sheet.formulas[-1:] != [row]:
            self.sheet.formulas.append(row)
        return text

    def headings(self, cells: list[dict[str, Any]]) -> None:
        seen: dict[str, int] = {}
        for cell in cells:
            text = self.value(1, cell, None)
            if text is None:
                continue
            heading = WHITESPACE.sub(" ", text)
            if heading in seen:
                self.problems.append(
                    FormProblem(
                        str(self.path),
                        1,
                        f"{self.sheet.where(1)} has the column heading '{heading[:60]}' twice (columns "
                        f"{_letter(seen[heading])} and {_letter(cell['column'])}): each column needs its own",
                    )
                )
                continue
            seen[heading] = cell["column"]
            self.sheet.headings[cell["column"]] = heading

    def row(self, number: int, cells: list[dict[str, Any]]) -> None:
        values: dict[str, str] = {}
        for cell in cells:
            heading = self.sheet.headings.get(cell["column"])
            if heading is None:
                if cell["value"] is not None and str(cell["value"]).strip() and self.sheet.unheaded[-1:] != [number]:
                    self.sheet.unheaded.append(number)
                continue
            text = self.value(number, cell, heading)
            if text is not None:
                values[heading] = text
        if values:
            if len(self.sheet.rows) >= MAX_ROWS:
                raise self.refuse(
                    number,
                    f"is one row too many: tidesk reads up to {MAX_ROWS:,} rows with something in them on each sheet",
                )
            self.sheet.rows.append((number, values))

    def read(self, rows: Iterator[tuple[int, list[dict[str, Any]]]]) -> None:
        previous = 0
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                return
            except (TideskError, MemoryError):
                raise
            except Exception as exc:  # openpyxl and the XML parser raise many kinds for a damaged sheet
                raise _damaged(self.path, f"its {self.sheet.kind} sheet", exc) from exc
            if number <= previous:
                raise self.refuse(
                    previous,
                    f"is followed by a row numbered {number:,}, out of order, as no spreadsheet program writes: "
                    "open the file in Excel or LibreOffice and save it again",
                )
            previous = number
            if number == 1:
                self.headings(cells)
            else:
                self.row(number, cells)


def _in(heading: str | None) -> str:
    return "in a column heading" if heading is None else f"in its '{heading[:60]}' column"


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _which(titles: list[str]) -> dict[str, str]:
    """XLSForm sheet kind -> the workbook's title for it (a lone sheet with any name is the survey)."""
    found: dict[str, str] = {}
    for title in titles:
        found.setdefault(title.strip().lower(), title)
    if len(titles) == 1 and titles[0].strip().lower() not in (*SHEETS, *OTHER_XLSFORM_SHEETS):
        found["survey"] = titles[0]
    return found


def read_book(path: Path) -> Book:
    """The workbook's XLSForm sheets; TideskError for the file, FormErrors for rows and cells."""
    path = Path(path)
    data = _bytes(path)
    _archive(path, data)
    with warnings.catch_warnings():
        # Not thread-safe in Python 3.11 (the filters are global): a warning elsewhere in the program while a
        # form is read is lost, which is better than openpyxl's reaching the person's terminal.
        warnings.simplefilter("ignore")
        reader, parts = _workbook(path, data)
        try:
            titles = list(parts)
            chosen = _which(titles)
            sheets: dict[str, Sheet] = {}
            budget = [MAX_TOTAL_CHARS]
            problems: list[FormProblem] = []
            for kind in SHEETS:
                if kind in chosen:
                    sheets[kind] = Sheet(kind, chosen[kind])
                    problems += _read_sheet(path, reader, parts[chosen[kind]], sheets[kind], budget)
        finally:
            reader.archive.close()
    if problems:
        raise FormErrors(sorted(problems, key=lambda p: p.line))
    unread = [chosen[kind] for kind in OTHER_XLSFORM_SHEETS if kind in chosen]
    return Book(path, titles, sheets, unread)


def _read_sheet(path: Path, reader: Any, part: str, sheet: Sheet, budget: list[int]) -> list[FormProblem]:
    try:
        source = reader.archive.open(part)
    except Exception as exc:  # a sheet whose part is missing
        raise _damaged(path, f"its {sheet.kind} sheet", exc) from exc
    rows = _SheetReader(path, sheet, budget)
    try:
        rows.read(_parser(reader, source).parse())
    finally:
        source.close()
    return rows.problems
