"""Spreadsheets made to hurt: each is refused in well under a second, with one plain line saying why, and
nothing is written. They are made here, on the fly, by writing the zip and its XML by hand (a zip bomb takes
a quarter of a second to make this way), so none of them is kept in the repository.
"""

from __future__ import annotations

import base64
import random
import struct
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from openpyxl.utils import get_column_letter

import tidesk.core.forms.xlsform_read as reading
from tests.forms.test_xlsform import write_xlsform
from tidesk.core.errors import TideskError
from tidesk.core.forms.loader import FormErrors
from tidesk.core.forms.xlsform import convert, convert_file

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEADER = ("type", "name", "label")
RANDOM_TEXT = base64.b64encode(random.Random(7).randbytes(3 << 20)).decode()  # 4 MB that hardly packs
QUICK = 5.0  # seconds: a refusal comes well inside the 60 s a test may take


@dataclass
class Repeated:
    """A part of ``head + chunk * times + tail`` bytes, deflated without deflating it all: after a full
    flush, deflate writes the same bytes for the same chunk, so one block is repeated (a real zip bomb)."""

    head: bytes
    chunk: bytes
    times: int
    tail: bytes = b""

    def packed(self) -> tuple[bytes, int, int]:
        deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
        first = deflate.compress(self.head) + deflate.flush(zlib.Z_FULL_FLUSH)
        block = deflate.compress(self.chunk) + deflate.flush(zlib.Z_FULL_FLUSH)
        assert deflate.compress(self.chunk) + deflate.flush(zlib.Z_FULL_FLUSH) == block
        last = deflate.compress(self.tail) + deflate.flush()
        crc = zlib.crc32(self.head)
        for _ in range(self.times):
            crc = zlib.crc32(self.chunk, crc)
        size = len(self.head) + len(self.chunk) * self.times + len(self.tail)
        return first + block * self.times + last, zlib.crc32(self.tail, crc), size


def write_zip(path: Path, entries: list[tuple[str, bytes | Repeated]]) -> Path:
    """A zip written byte by byte (local headers, data, central directory), deflating each entry."""
    out, central = bytearray(), bytearray()
    for name, data in entries:
        if isinstance(data, Repeated):
            packed, crc, size = data.packed()
        else:
            deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed, crc, size = deflate.compress(data) + deflate.flush(), zlib.crc32(data), len(data)
        encoded, offset = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(packed), size, len(encoded), 0)
        out += encoded + packed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0,
            crc,
            len(packed),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += encoded
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), start, 0)
    path.write_bytes(bytes(out))
    return path


def cell(ref: str, value: object) -> str:
    if isinstance(value, str) and value.startswith("<c"):
        return value.replace("%REF%", ref)  # a cell given as XML: '<c r="%REF%" t="e"><v>#REF!</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet(rows: list[tuple[object, ...]], *, numbered: list[int] | None = None, head: str = "") -> bytes:
    """A worksheet part; rows are numbered from 1 unless ``numbered`` gives their numbers."""
    body = []
    for index, values in enumerate(rows):
        n = numbered[index] if numbered else index + 1
        cells = "".join(cell(f"{get_column_letter(i + 1)}{n}", v) for i, v in enumerate(values) if v is not None)
        body.append(f'<row r="{n}">{cells}</row>')
    data = f"<sheetData>{''.join(body)}</sheetData>"
    return f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">{head}{data}</worksheet>'.encode()


def workbook(path: Path, sheets: list[tuple[str, bytes | Repeated]], shared: bytes | Repeated | None = None) -> Path:
    """The smallest workbook Excel and openpyxl read: content types, relationships, the sheets (no styles)."""
    types = [f'<Override PartName="/xl/workbook.xml" ContentType="{SHEET_TYPE}.sheet.main+xml"/>']
    listed, rels, parts = [], [], []
    for i, (title, xml) in enumerate(sheets, 1):
        types.append(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_TYPE}.worksheet+xml"/>')
        listed.append(f'<sheet name="{escape(title)}" sheetId="{i}" r:id="rId{i}"/>')
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>')
        parts.append((f"xl/worksheets/sheet{i}.xml", xml))
    if shared is not None:
        types.append(f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHEET_TYPE}.sharedStrings+xml"/>')
        rels.append(f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
        parts.append(("xl/sharedStrings.xml", shared))
    content_types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{"".join(types)}</Types>'
    )
    office = f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
    top = f'<Relationships xmlns="{PACKAGE_REL}">{office}</Relationships>'
    book = f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{"".join(listed)}</sheets></workbook>'
    book_rels = f'<Relationships xmlns="{PACKAGE_REL}">{"".join(rels)}</Relationships>'
    return write_zip(
        path,
        [
            ("[Content_Types].xml", content_types.encode()),
            ("_rels/.rels", top.encode()),
            ("xl/workbook.xml", book.encode()),
            ("xl/_rels/workbook.xml.rels", book_rels.encode()),
            *parts,
        ],
    )


def strings(*texts: str) -> bytes:
    return f'<?xml version="1.0"?><sst xmlns="{MAIN}">{"".join(f"<si><t>{t}</t></si>" for t in texts)}</sst>'.encode()


def refused(source: Path, kind: type[TideskError] = TideskError) -> tuple[str, float]:
    """The refusal's text and how long it took; convert_file writes nothing."""
    started = time.perf_counter()
    with pytest.raises(kind) as caught:
        convert(source)
    elapsed = time.perf_counter() - started
    with pytest.raises(kind):
        convert_file(source)
    assert sorted(p.name for p in source.parent.iterdir()) == [source.name]
    assert elapsed < QUICK, f"refused after {elapsed:.1f} s"
    return str(caught.value), elapsed


# ---- before anything is unpacked ---------------------------------------------------------------------


def test_a_zip_bomb_of_shared_strings_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    head = f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>'.encode()
    bomb = Repeated(head, b"a" * (1 << 20), 1024, b"</t></si></sst>")  # 1 MB of file, 1 GB unpacked
    source = workbook(tmp_path / "bomb.xlsx", [("survey", sheet([HEADER, ("text", "a", "A")]))], shared=bomb)
    assert source.stat().st_size < 1.1 * (1 << 20)
    message, _ = refused(source)
    assert message == f"{source}: the spreadsheet would be 1,025 MB once unpacked; tidesk reads forms up to 20 MB"


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        (
            [("xl/worksheets/sheet1.xml", Repeated(b"<x>", b"<row/>" * 1000 + bytes(range(256)) * 8, 2000))],
            "one part of the spreadsheet ('xl/worksheets/sheet1.xml') would be 16 MB once unpacked; tidesk reads "
            "parts up to 10 MB",
        ),
        (
            [("xl/sharedStrings.xml", Repeated(b"<sst>", b"<si><t>a</t></si>" * 4096, 64))],
            "one part of the spreadsheet ('xl/sharedStrings.xml') unpacks to",
        ),
        ([(f"xl/media/image{i}.png", b"x") for i in range(1000)], "the spreadsheet holds 1,001 files inside"),
    ],
)
def test_parts_too_large_too_inflated_or_too_many(
    tmp_path: Path, entries: list[tuple[str, bytes | Repeated]], says: str
) -> None:
    source = write_zip(tmp_path / "parts.xlsx", [("[Content_Types].xml", b"<Types/>"), *entries])
    message, _ = refused(source)
    assert message.startswith(f"{source}: {says}")


def test_a_file_too_large_is_not_even_read(tmp_path: Path) -> None:
    source = tmp_path / "huge.xlsx"
    with source.open("wb") as out:
        out.truncate(reading.MAX_FILE_BYTES + 1)  # sparse: made at once
    message, _ = refused(source)
    assert message == f"{source}: the file is 21 MB; tidesk reads spreadsheet forms up to 20 MB"


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not a spreadsheet at all, only words", "this is not a spreadsheet tidesk can read"),
        (b"%PDF-1.7\n" + bytes(2000), "this is not a spreadsheet tidesk can read"),
        (b"PK\x03\x04" + bytes(100), "this is not a spreadsheet tidesk can read"),  # a zip's start, no zip
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
            "this is an older Excel workbook (.xls) or one with a password",
        ),
    ],
)
def test_files_that_are_not_zips(tmp_path: Path, content: bytes, says: str) -> None:
    source = tmp_path / "form.xls"
    source.write_bytes(content)
    message, _ = refused(source)
    assert message.startswith(f"{source}: {says}")


@pytest.mark.parametrize(
    ("entries", "says"),
    [
        ([("hello.txt", b"hello")], "this is a zip archive, not an Excel workbook"),
        (
            [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")],
            "this is an OpenDocument file (.ods), not an .xlsx",
        ),
        (
            [("[Content_Types].xml", b"<Types/>")],
            "this spreadsheet is damaged, or was not saved by a spreadsheet program",
        ),
    ],
)
def test_zips_that_are_not_workbooks(tmp_path: Path, entries: list[tuple[str, bytes | Repeated]], says: str) -> None:
    source = write_zip(tmp_path / "form.xlsx", entries)
    message, _ = refused(source)
    assert message.startswith(f"{source}: {says}")


# ---- while the rows are read -------------------------------------------------------------------------


def alone(tmp_path: Path, name: str) -> Path:
    """A path in a folder of its own (a refusal is checked to leave nothing else beside its file)."""
    folder = tmp_path / Path(name).stem
    folder.mkdir()
    return folder / name


def test_a_hundred_thousand_rows_are_refused_at_the_first_too_many(tmp_path: Path) -> None:
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(2, 100_002))
    head = '<row r="1"><c r="A1" t="s"><v>1</v></c></row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{head}{rows}</sheetData></worksheet>'
    source = workbook(tmp_path / "rows.xlsx", [("survey", xml.encode())], shared=strings("text", "type"))
    message, _ = refused(source, FormErrors)
    assert message == (
        f"{source}:5002: the survey sheet's row 5002 is one row too many: tidesk reads up to 5,000 rows with "
        "something in them on each sheet"
    )


def test_the_row_limit_is_exact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 3)
    rows: list[tuple[object, ...]] = [HEADER, ("text", "a", "A"), (None,), ("text", "b", "B"), ("text", "c", "C")]
    three = workbook(alone(tmp_path, "three.xlsx"), [("survey", sheet(rows))])
    assert [i.id for i in convert(three).items] == ["a", "b", "c"]  # an empty row does not count
    four = workbook(alone(tmp_path, "four.xlsx"), [("survey", sheet([*rows, ("text", "d", "D")]))])
    message, _ = refused(four, FormErrors)
    assert message == f"{four}:6: the survey sheet's row 6 is one row too many: tidesk reads up to 3 rows with " + (
        "something in them on each sheet"
    )


@pytest.mark.parametrize(
    ("label", "says"),
    [
        ("A" * (10 << 20), "one part of the spreadsheet ('xl/sharedStrings.xml') would be 11 MB once unpacked"),
        (RANDOM_TEXT, ":2: the survey sheet's row 2 has 4,194,304 characters in its 'label' column; tidesk reads "),
        ("Tell us " * 1251, ":2: the survey sheet's row 2 has 10,007 characters in its 'label' column"),
    ],
)
def test_a_label_too_long_to_be_a_question(tmp_path: Path, label: str, says: str) -> None:
    rows = f'<row r="1">{cell("A1", "type")}{cell("B1", "name")}{cell("C1", "label")}</row>'
    rows += f'<row r="2">{cell("A2", "text")}{cell("B2", "a")}<c r="C2" t="s"><v>0</v></c></row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{rows}</sheetData></worksheet>'.encode()
    source = workbook(tmp_path / "long.xlsx", [("survey", xml)], shared=strings(label))
    message, _ = refused(source)
    assert says in message and message.count("\n") == 0


def test_a_label_of_the_longest_kind_is_read(tmp_path: Path) -> None:
    label = "x" * reading.MAX_TEXT_CHARS
    assert (
        convert(workbook(tmp_path / "long.xlsx", [("survey", sheet([HEADER, ("text", "a", label)]))])).item("a").text
        == label
    )


def test_one_text_used_by_thousands_of_cells_is_bounded_in_all(tmp_path: Path) -> None:
    # 9,000 characters stored once, shown in every label and hint: 4,000 rows would be 72 million characters.
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="s"><v>1</v></c>{cell(f"B{n}", f"q{n}")}'
        f'<c r="C{n}" t="s"><v>0</v></c><c r="D{n}" t="s"><v>0</v></c></row>'
        for n in range(2, 4000)
    )
    head = f'<row r="1">{cell("A1", "type")}{cell("B1", "name")}{cell("C1", "label")}{cell("D1", "hint")}</row>'
    xml = f'<worksheet xmlns="{MAIN}"><sheetData>{head}{rows}</sheetData></worksheet>'.encode()
    source = workbook(tmp_path / "many.xlsx", [("survey", xml)], shared=strings("x" * 9000, "text"))
    message, _ = refused(source, FormErrors)
    assert message.endswith(
        ":113: the survey sheet's row 113 takes the spreadsheet past 2,000,000 characters of text in all; tidesk "
        "reads forms of up to that much"
    )


def test_a_choice_list_copied_into_every_question_is_bounded(tmp_path: Path) -> None:
    choices = [("list_name", "name", "label"), *(("big", f"c{i}", f"Choice {i}") for i in range(200))]
    survey = [HEADER, *(("select_one big", f"q{i}", f"Question {i}") for i in range(101))]
    source = write_xlsform(tmp_path / "copies.xlsx", {"survey": survey, "choices": choices})
    message, _ = refused(source, FormErrors)
    assert message == (
        f"{source}:102: the survey sheet's row 102 takes the form past 20,000 choices in all (each question gets its "
        "own copy of its list); tidesk makes forms of up to that many"
    )
