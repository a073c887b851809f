"""What a workbook's cells really hold: rows past a false dimension, formulas and their errors, damaged XML,
and that nothing is printed or warned while a form is converted (the command line prints only 'tidesk: '
lines; the GUI shows the refusal itself)."""

from __future__ import annotations

import warnings
import zipfile
from pathlib import Path

import pytest

from tests.forms.test_xlsform import write_xlsform
from tests.forms.test_xlsform_hostile import HEADER, MAIN, alone, refused, sheet, workbook
from tidesk.core.forms.loader import FormErrors
from tidesk.core.forms.xlsform import conversion, convert, convert_file


def rewritten(source: Path, part: str, change: object) -> Path:
    """The workbook again with one part's XML changed by ``change(text) -> text``."""
    with zipfile.ZipFile(source) as archive:
        parts = [(info.filename, archive.read(info.filename)) for info in archive.infolist()]
    assert callable(change)
    with zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts:
            archive.writestr(name, change(data.decode()).encode() if name == part else data)
    return source


EXTENSION = (  # a sheet extension openpyxl does not know, and drops with a warning
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/'
    'office/spreadsheetml/2009/9/main"><x14:dataValidations count="0"/></ext></extLst>'
)
SURVEY = [HEADER, ("text", "a", "First"), ("text", "b", "Second"), ("integer", "c", "Third")]


@pytest.mark.parametrize("dimension", ["A1:C2", "A1:A1", "A1:XFD1048576", None])
def test_every_row_is_read_whatever_the_sheet_says_its_size_is(tmp_path: Path, dimension: str | None) -> None:
    source = write_xlsform(alone(tmp_path, "dim.xlsx"), {"survey": SURVEY})

    def resize(xml: str) -> str:
        assert '<dimension ref="A1:C4"' in xml  # openpyxl wrote the true one
        return xml.replace('<dimension ref="A1:C4" />', f'<dimension ref="{dimension}" />' if dimension else "")

    rewritten(source, "xl/worksheets/sheet1.xml", resize)
    assert [i.id for i in convert(source).items] == ["a", "b", "c"]


def test_rows_out_of_order_are_refused_not_dropped(tmp_path: Path) -> None:
    rows = [HEADER, ("text", "a", "A"), ("text", "b", "B"), ("text", "c", "C")]
    source = workbook(alone(tmp_path, "order.xlsx"), [("survey", sheet(rows, numbered=[1, 2, 7, 5]))])
    message, _ = refused(source, FormErrors)
    assert message == (
        f"{source}:7: the survey sheet's row 7 is followed by a row numbered 5, out of order, as no spreadsheet "
        "program writes: open the file in Excel or LibreOffice and save it again"
    )


@pytest.mark.parametrize("error", ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_a_formula_error_is_refused_at_its_cell(tmp_path: Path, error: str) -> None:
    failed = f'<c r="%REF%" t="e"><f>1/0</f><v>{error}</v></c>'
    rows = [HEADER, ("text", "a", failed), (failed, "b", "B"), ("select_one yn", "c", "C")]
    choices = [("list_name", "name", "label"), ("yn", "yes", "Yes"), ("yn", failed, "No")]
    source = workbook(alone(tmp_path, "err.xlsx"), [("survey", sheet(rows)), ("choices", sheet(choices))])
    message, _ = refused(source, FormErrors)
    says = "(a formula that failed in the spreadsheet): correct the cell, or type its text in"
    assert message.splitlines() == [
        f"{source}:2: the survey sheet's row 2 shows the error '{error}' in its 'label' column {says}",
        f"{source}:3: the survey sheet's row 3 shows the error '{error}' in its 'type' column {says}",
        f"{source}:3: the choices sheet's row 3 shows the error '{error}' in its 'name' column {says}",
    ]


def test_formulas_are_read_as_their_saved_results_or_refused_without_one(tmp_path: Path) -> None:
    text = '<c r="%REF%" t="str"><f>"te"&amp;"xt"</f><v>text</v></c>'
    label = '<c r="%REF%" t="str"><f>"Your "&amp;"name"</f><v>Your name</v></c>'
    source = workbook(
        alone(tmp_path, "saved.xlsx"), [("survey", sheet([HEADER, (text, "a", label), ("text", "b", "B")]))]
    )
    converted = conversion(source)
    assert (converted.definition.item("a").kind.value, converted.definition.item("a").text) == (
        "short_text",
        "Your name",
    )
    assert (
        "Read as the results the spreadsheet last saved: the formulas on the survey sheet's row 2." in converted.notes
    )
    unsaved = '<c r="%REF%"><f>1+1</f><v/></c>'  # as openpyxl writes a formula: no result until a program saves it
    source = workbook(alone(tmp_path, "unsaved.xlsx"), [("survey", sheet([HEADER, ("text", "a", unsaved)]))])
    message, _ = refused(source, FormErrors)
    assert message == (
        f"{source}:2: the survey sheet's row 2 has a formula in its 'label' column but no saved result, so tidesk "
        "cannot tell what it says: open the file in Excel or LibreOffice and save it again, or type the text in"
    )


def test_a_formula_with_no_type_says_so_in_plain_words(tmp_path: Path) -> None:
    # pyxform's own message for this printed the row as a Python dict.
    source = write_xlsform(tmp_path / "f.xlsx", {"survey": [HEADER, ('=""', "a", "A"), ("text", "b", "B")]})
    rewritten(
        source,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace("<v />", "<v></v>").replace('<c r="A2"', '<c r="A2" t="str"'),
    )
    with pytest.raises(FormErrors) as caught:
        convert(source)
    assert [str(p) for p in caught.value.problems] == [
        f"{source}:2: the survey sheet's row 2 has no type (its 'type' column is empty): give the kind of question, "
        "such as text, integer or select_one LIST"
    ]
    assert "{" not in str(caught.value)


@pytest.mark.parametrize(
    ("part", "change", "says"),
    [
        ("xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2], "tidesk could not read its survey sheet"),
        (
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace('t="inlineStr"><is><t>First', 't="s"><v>99</v><is><t>'),
            "its survey sheet",
        ),
        ("xl/worksheets/sheet1.xml", lambda xml: xml.replace('r="C2"', 'r="ZZZZ2"'), "its survey sheet"),
        ("xl/workbook.xml", lambda xml: xml.replace("<sheets>", "<sheets><sheet"), "the workbook's list of sheets"),
        (
            "xl/worksheets/sheet1.xml",
            lambda xml: xml.replace("<worksheet", '<!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet').replace(
                ">First<", ">&a;<"
            ),
            "it declares XML entities, which spreadsheet programs never write and tidesk never reads",
        ),
    ],
)
def test_damaged_workbooks(tmp_path: Path, part: str, change: object, says: str) -> None:
    source = rewritten(write_xlsform(alone(tmp_path, "bad.xlsx"), {"survey": SURVEY}), part, change)
    message, _ = refused(source)
    assert message.startswith(f"{source}: this spreadsheet is damaged, or was not saved by a spreadsheet program (")
    assert says in message and message.endswith("open it in Excel or LibreOffice and save it again as .xlsx")


def test_entities_in_the_shared_strings_are_refused(tmp_path: Path) -> None:
    entities = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    laughs = f'<?xml version="1.0"?>{entities}<sst xmlns="{MAIN}"><si><t>&b;</t></si></sst>'
    source = workbook(alone(tmp_path, "laughs.xlsx"), [("survey", sheet([HEADER]))], shared=laughs.encode())
    message, _ = refused(source)
    assert "it declares XML entities" in message


def test_nothing_is_printed_or_warned_while_converting(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # No styles part ("Workbook contains no default style"), a sheet extension openpyxl drops with a warning,
    # a date cell out of range ("marked as a date"), formulas: each of these made openpyxl warn.
    rows = [HEADER, ("text", "a", '<c r="%REF%" t="str"><f>"A"</f><v>A</v></c>'), ("note", "b", "B")]
    xml = sheet(rows).decode().replace("</sheetData>", f"</sheetData>{EXTENSION}").encode()
    source = workbook(alone(tmp_path, "quiet.xlsx"), [("survey", xml)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning that got out would fail the test here
        written = convert_file(source)
    assert written.is_file()
    assert capfd.readouterr() == ("", "")
