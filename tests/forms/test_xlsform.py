"""Converting XLSForm spreadsheets: every kind tidesk supports, a clear FILE:ROW message for every row it
cannot use, nothing written on failure (the command line end to end is in test_xlsform_cli.py).

The spreadsheets are written here with openpyxl, so they are reproducible. Copies to open by hand are kept
in tests/fixtures/xlsform/; ``python tests/forms/test_xlsform.py`` writes them again, and a test checks that they
still match the definitions below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from tidesk.core.errors import TideskError
from tidesk.core.forms.library import check_files
from tidesk.core.forms.loader import FormErrors, load, parse
from tidesk.core.forms.model import AnsweredBy, Choice, Kind
from tidesk.core.forms.writer import dump
from tidesk.core.forms.xlsform import convert, convert_file

FIXTURE_DIR = Path(__file__).parent.parent / "fixtures" / "xlsform"
Sheets = dict[str, list[tuple[Any, ...]]]

SURVEY_HEADER = (
    "type",
    "name",
    "label::English (en)",
    "label::Gàidhlig (gd)",
    "hint::English (en)",
    "required",
    "constraint",
    "appearance",
    "relevant",
)
SUPPORTED: Sheets = {
    "survey": [
        SURVEY_HEADER,
        ("start", "start"),  # row 2: metadata, left out
        ("end", "end"),
        (
            "text",
            "role",
            "What is your role?",
            "Dè an dreuchd a th' agad?",
            "For example: nurse, support worker",
            "yes",
        ),
        ("begin group", "about", "About you", "Mu do dheidhinn", "A few details first"),
        ("text", "full_name", "Your name", None, None, "yes"),
        ("text", "Notes_Free", "Anything else?", None, None, None, None, "multiline"),
        ("integer", "years", "Years in the service", None, None, "true", ". >= 0 and . <= 60"),
        ("decimal", "hours", "Hours worked last week", None, None, None, ". >= 0"),
        ("date", "started_on", "When did you start?"),
        ("end group",),
        ("begin group", "feelings", "How things are"),
        ("select_one yn", "supported", "Do you feel supported?"),
        ("select_one mood", "mood", "How is your mood?", None, None, "yes"),
        ("select_multiple helps", "helps", "What helps?", None, "Choose all that apply"),
        ("note", "thanks_note", "Thank you for taking part.", None, None, "yes"),
        ("begin group", "details", "A little more detail", None, "Only if you have time"),
        ("integer", "visits", "Visits this month", None, None, None, ". > 0 and . <= 31", None, "${supported} = 'yes'"),
        ("end group",),
        ("end group",),
    ],
    "choices": [
        ("list_name", "name", "label::English (en)", "label::Gàidhlig (gd)"),
        ("yn", "yes", "Yes", "Tha"),
        ("yn", "no", "No", "Chan eil"),
        ("mood", "good", "Good"),
        ("mood", "ok", "Getting by"),
        ("mood", "low", "Low"),
        ("helps", "team", "My team"),
        ("helps", "manager", "My manager"),
        ("helps", "time_off", "Time off"),
    ],
    "settings": [("form_title", "form_id", "version"), ("Team check-in", "Team Check-in", "3")],
}
PLAIN: Sheets = {  # one sheet with any name is the survey; no settings, a plain 'label' column
    "Sheet1": [
        ("type", "name", "label", "constraint"),
        ("text", "first_name", "First name"),
        ("integer", "_count", "How many people?", "0 <= . and 100 >= ."),
        ("note", "bye", "That is all."),
    ],
}


def _one_bad_row(*row: Any) -> Sheets:
    """A form whose row 3 is the one given (rows 2 and 4 are fine)."""
    return {
        "survey": [
            ("type", "name", "label", "calculation"),
            ("text", "before", "Before"),
            row,
            ("text", "after", "After"),
        ]
    }


REPEAT: Sheets = {
    "survey": [
        ("type", "name", "label"),
        ("text", "before", "Before"),
        ("begin repeat", "visits", "Visits"),
        ("date", "visit_on", "Date of the visit"),
        ("end repeat",),
        ("text", "after", "After"),
    ]
}
SEVERAL: Sheets = {
    "survey": [
        ("type", "name", "label", "constraint"),
        ("text", "ok", "Fine"),
        ("geopoint", "where", "Where are you?"),
        ("text", "code", "Your code", "regex(., '^[a-z]+$')"),
        ("integer", "score", "Score", ". >= 0 or . = -1"),
        ("integer", "Age", "Age"),
        ("integer", "age_", "Age again"),
        ("select_one colours or_other", "colour", "Favourite colour"),
        ("time", "when", "What time?"),
    ],
    "choices": [("list_name", "name", "label"), ("colours", "red", "Red")],
}
FIXTURES: dict[str, Sheets] = {
    "supported": SUPPORTED,
    "plain": PLAIN,
    "unsupported-geopoint": _one_bad_row("geopoint", "where", "Where are you?"),
    "unsupported-image": _one_bad_row("image", "photo", "Take a photo"),
    "unsupported-calculate": _one_bad_row("calculate", "total", None, "1 + 1"),
    "unsupported-repeat": REPEAT,
    "several-problems": SEVERAL,
    "no-survey": {"notes": [("a", "b"), (1, 2)], "more": [("c",)]},
}


def write_xlsform(path: Path, sheets: Sheets) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def fixture(name: str, folder: Path) -> Path:
    return write_xlsform(folder / f"{name}.xlsx", FIXTURES[name])


def problems_of(path: Path) -> list[str]:
    with pytest.raises(FormErrors) as caught:
        convert(path)
    return [str(p) for p in caught.value.problems]


# ---- what is converted, and how ----------------------------------------------------------------------


def test_every_supported_kind(tmp_path: Path) -> None:
    form = convert(fixture("supported", tmp_path))
    assert (form.id, form.version, form.title) == ("team-check-in", 3, "Team check-in")
    assert (form.answered_by, form.anonymous, form.purpose) == (AnsweredBy.INDIVIDUAL, False, "")
    assert [(s.id, s.title, s.help) for s in form.sections] == [
        ("questions", "Questions", ""),
        ("about", "About you", "A few details first"),
        ("feelings", "How things are", ""),
    ]
    items = {item.id: item for item in form.items}
    assert list(items) == [
        "role",
        "full_name",
        "notes_free",
        "years",
        "hours",
        "started_on",
        "supported",
        "mood",
        "helps",
        "thanks_note",
        "details",
        "visits",
    ]
    role = items["role"]  # English preferred over Gàidhlig; hint becomes help
    assert (role.kind, role.text, role.help, role.required) == (
        Kind.SHORT_TEXT,
        "What is your role?",
        "For example: nurse, support worker",
        True,
    )
    assert items["notes_free"].kind == Kind.LONG_TEXT and not items["notes_free"].required
    years = items["years"]
    assert (years.kind, years.integer, years.minimum, years.maximum, years.required) == (Kind.NUMBER, True, 0, 60, True)
    hours = items["hours"]
    assert (hours.kind, hours.integer, hours.minimum, hours.maximum) == (Kind.NUMBER, False, 0, None)
    assert items["started_on"].kind == Kind.DATE
    assert items["supported"].kind == Kind.YES_NO and items["supported"].choices == ()
    mood = items["mood"]
    assert (mood.kind, mood.required) == (Kind.SINGLE_CHOICE, True)
    assert mood.choices == (Choice("good", "Good"), Choice("ok", "Getting by"), Choice("low", "Low"))
    helps = items["helps"]
    assert (helps.kind, helps.help) == (Kind.MULTIPLE_CHOICE, "Choose all that apply")
    assert [c.value for c in helps.choices] == ["team", "manager", "time_off"]
    assert (items["thanks_note"].kind, items["thanks_note"].required) == (Kind.NOTE, False)
    # The inner group is flattened into the outer section, its label kept as a sub-heading note.
    details = items["details"]
    assert (details.kind, details.text, details.help) == (Kind.NOTE, "A little more detail", "Only if you have time")
    assert (items["visits"].minimum, items["visits"].maximum) == (1, 31)  # '. > 0' on an integer means >= 1
    assert items["role"].line == 4 and items["visits"].line == 18  # spreadsheet rows


def test_round_trip_through_the_yaml(tmp_path: Path) -> None:
    for name in ("supported", "plain"):
        form = convert(fixture(name, tmp_path))
        assert parse(dump(form)) == form


def test_plain_single_sheet_form(tmp_path: Path) -> None:
    form = convert(fixture("plain", tmp_path))
    assert (form.id, form.version, form.title) == ("plain", 1, "plain")
    # No groups: one section, named after the form.
    assert [(s.id, s.title) for s in form.sections] == [("questions", "plain")]
    count = form.item("count")
    assert (count.minimum, count.maximum, count.integer) == (0, 100, True)


@pytest.mark.parametrize(
    ("given", "version", "note"),
    [
        ("2024031501", 2024031501, None),
        ("007", 7, None),
        (3.0, 3, None),  # a number cell
        ("2147483647", 2147483647, None),
        (None, 1, "The spreadsheet gives no version, so this is version 1."),
    ],
)
def test_versions(tmp_path: Path, given: Any, version: int, note: str | None) -> None:
    source = write_xlsform(tmp_path / "v.xlsx", {"survey": PLAIN["Sheet1"], "settings": [("version",), (given,)]})
    written = convert_file(source)
    assert written.name == f"v.v{version}.yaml" and load(written).version == version
    header = " ".join(
        line.lstrip("# ") for line in written.read_text(encoding="utf-8").splitlines() if line.startswith("#")
    )
    assert (note in header) if note else "this is version 1" not in header


@pytest.mark.parametrize(
    "given",
    ["2024-03-15", "0", "-3", "1.5", "v2", "2147483648", "9223372036854775808", "1" * 40, "1 (2024-03-15 10:00)"],
)
def test_versions_tidesk_cannot_keep_are_refused_at_their_cell(tmp_path: Path, given: str) -> None:
    # A version is stored as a whole number up to 2,147,483,647: anything else would convert, then fail later.
    source = write_xlsform(
        tmp_path / "v.xlsx", {"survey": PLAIN["Sheet1"], "settings": [("form_title", "version"), ("T", given)]}
    )
    [problem] = problems_of(source)
    assert problem.startswith(f"{source}:2: the settings sheet's row 2 gives the version '")
    assert "a whole number from 1 to 2,147,483,647" in problem and "'version' column" in problem
    with pytest.raises(FormErrors):
        convert_file(source)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


def test_file_written_beside_the_spreadsheet_with_a_header(tmp_path: Path) -> None:
    source = fixture("supported", tmp_path)
    written = convert_file(source)
    assert written == tmp_path / "supported.v3.yaml"
    text = written.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[0] == f"# Converted from supported.xlsx (an XLSForm spreadsheet) by tidesk on {date.today()}."
    joined = " ".join(line.lstrip("# ") for line in header)
    assert "keep every item id as it is" in joined
    assert "Left out, as details a phone records by itself: row 2 (start), row 3 (end)." in joined
    assert "Not carried over: skip logic ('relevant'), on row 18." in joined
    assert "form_id 'Team Check-in' became the form id 'team-check-in'" in joined
    assert load(written) == convert(source)
    assert check_files([written]) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["supported.v3.yaml", "supported.xlsx"]  # no temp file


def test_never_overwrites_unless_forced(tmp_path: Path) -> None:
    source = fixture("plain", tmp_path)
    existing = tmp_path / "plain.v1.yaml"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(TideskError, match="a file is already there"):
        convert_file(source)
    with pytest.raises(TideskError, match="a file is already there"):
        convert_file(source, existing)
    assert existing.read_text(encoding="utf-8") == "mine"
    assert convert_file(source, force=True) == existing
    assert load(existing) == convert(source)
    folder = tmp_path / "out"
    folder.mkdir()
    assert convert_file(source, folder) == folder / "plain.v1.yaml"  # a folder: the usual name inside it
    assert convert_file(source, tmp_path / "other.yaml") == tmp_path / "other.yaml"


def test_never_writes_over_what_it_reads_or_a_workspace(tmp_path: Path) -> None:
    source = fixture("plain", tmp_path)
    before = source.read_bytes()
    with pytest.raises(TideskError, match="this is the file being read"):
        convert_file(source, source, force=True)
    assert source.read_bytes() == before
    workspace = tmp_path / "service.tidesk"
    workspace.write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(TideskError, match="a workspace or a backup"):
        convert_file(source, workspace, force=True)
    with pytest.raises(TideskError, match="this folder does not exist"):
        convert_file(source, tmp_path / "absent" / "form.yaml")


@pytest.mark.parametrize(
    ("name", "row", "says"),
    [
        ("unsupported-geopoint", 3, "is a 'geopoint' question, which tidesk cannot use (no maps or places"),
        ("unsupported-image", 3, "is an 'image' question, which tidesk cannot use (no photos, recordings"),
        ("unsupported-calculate", 3, "is a 'calculate' question, which tidesk cannot use (no calculations"),
        (
            "unsupported-repeat",
            3,
            "is a 'begin repeat', which tidesk cannot use (it asks the same questions again for "
            "each person or visit; rows 3 to 5 belong to it)",
        ),
    ],
)
def test_unsupported_rows_are_named_and_nothing_is_written(tmp_path: Path, name: str, row: int, says: str) -> None:
    source = fixture(name, tmp_path)
    [problem] = problems_of(source)
    assert problem.startswith(f"{source}:{row}: the survey sheet's row {row} {says}")
    with pytest.raises(FormErrors):
        convert_file(source)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("hidden", "is a 'hidden' question, which tidesk cannot use (no hidden questions)"),
        ("acknowledge", "is an 'acknowledge' question, which tidesk cannot use (use a 'note' instead)"),
        ("range", "is a 'range' question, which tidesk cannot use (use an 'integer' question with a constraint"),
        ("rank colours", "is a 'rank colours' question, which tidesk cannot use (use a 'select_multiple'"),
        (
            "select_one_from_file colours.csv",
            "is a 'select_one_from_file colours.csv' question, which tidesk cannot "
            "use (the choices must be on the spreadsheet's choices sheet)",
        ),
        ("barcode", "is a 'barcode' question, which tidesk cannot use (no barcode scanning"),
        ("audio", "is an 'audio' question, which tidesk cannot use (no photos, recordings or attached files)"),
        ("datetime", "is a 'datetime' question, which tidesk cannot use (dates only, no times"),
        ("geotrace", "is a 'geotrace' question, which tidesk cannot use (no maps or places"),
        ("txet", "has the type 'txet', which tidesk does not know (see the types on xlsform.org)"),
    ],
)
def test_more_unsupported_kinds(tmp_path: Path, kind: str, says: str) -> None:
    source = write_xlsform(
        tmp_path / "kind.xlsx",
        {
            **_one_bad_row(kind, "q", "A question"),
            "choices": [("list_name", "name", "label"), ("colours", "red", "Red")],
        },
    )
    [problem] = problems_of(source)
    assert problem.startswith(f"{source}:3: the survey sheet's row 3 {says}")


def test_phone_details_and_skip_logic_are_left_out_and_listed(tmp_path: Path) -> None:
    source = write_xlsform(
        tmp_path / "odk.xlsx",
        {
            "survey": [
                ("type", "name", "label", "relevant", "default", "required"),
                ("start", "start"),
                ("end", "end"),
                ("today", "today"),
                ("deviceid", "deviceid"),
                ("username", "username"),
                ("text", "a", "A", None, "hello", "${b} = 1"),
                ("begin group", "g1"),
                ("integer", "b", "B", "${a} != ''"),
                ("end group",),
                ("text", "c", "C"),
                ("begin group", "g2", "Nothing to ask", "${a} = 'x'"),
                ("end group",),
            ]
        },
    )
    form = convert(source)
    assert [(s.id, s.title, [i.id for i in s.items]) for s in form.sections] == [
        ("questions", "Questions", ["a"]),
        ("g1", "G1", ["b"]),
        ("questions_2", "Questions", ["c"]),
    ]
    assert not form.item("a").required
    header = " ".join(
        line.lstrip("# ")
        for line in convert_file(source).read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    )
    assert (
        "Left out, as details a phone records by itself: row 2 (start), row 3 (end), row 4 (today), row 5 "
        "(deviceid), row 6 (username)."
    ) in header
    assert "Not carried over: default answers ('default'), on row 7." in header
    assert (
        "Not carried over: 'required' that depends on other answers (the question is optional here), on row 7" in header
    )
    assert "Not carried over: skip logic ('relevant'), on rows 9, 12." in header
    assert "Not carried over: a group with nothing tidesk can ask, on row 12." in header
    assert "The spreadsheet gives no version, so this is version 1." in header


def test_only_a_plain_yes_no_list_becomes_yes_no(tmp_path: Path) -> None:
    source = write_xlsform(
        tmp_path / "yn.xlsx",
        {
            "survey": [
                ("type", "name", "label"),
                ("select_one yn", "a", "A?"),
                ("select_one yn2", "b", "B?"),
                ("select_multiple yn", "c", "C?"),
            ],
            "choices": [
                ("list_name", "name", "label"),
                ("yn", "no", "No"),
                ("yn", "yes", "Yes"),
                ("yn2", "yes", "Yes, definitely"),
                ("yn2", "no", "No"),
            ],
        },
    )
    form = convert(source)
    assert [form.item(i).kind for i in "abc"] == [Kind.YES_NO, Kind.SINGLE_CHOICE, Kind.MULTIPLE_CHOICE]


def test_an_xlsx_named_xls_is_read_by_its_content(tmp_path: Path) -> None:
    source = fixture("plain", tmp_path).rename(tmp_path / "plain.xls")
    assert convert(source).item("first_name").text == "First name"


def test_every_problem_is_reported_in_row_order(tmp_path: Path) -> None:
    source = fixture("several-problems", tmp_path)
    found = problems_of(source)
    assert [p.split(":")[1] for p in found] == ["3", "4", "5", "7", "8", "9"]
    assert found[0].startswith(f"{source}:3: the survey sheet's row 3 is a 'geopoint' question")
    assert "row 4 has the constraint 'regex(., '^[a-z]+$')', which tidesk cannot use" in found[1]
    assert "row 5 has the constraint '. >= 0 or . = -1'" in found[2]
    assert "row 7 is named 'age_', which becomes the item id 'age' that row 6 already has" in found[3]
    assert "row 8 is a 'select_one colours or_other' question" in found[4] and "'other' choice" in found[4]
    assert "row 9 is a 'time' question, which tidesk cannot use (dates only" in found[5]
    with pytest.raises(FormErrors):
        convert_file(source)
    assert [p.name for p in tmp_path.iterdir()] == [source.name]


def test_names_that_become_the_same_id(tmp_path: Path) -> None:
    source = write_xlsform(
        tmp_path / "twice.xlsx",
        {
            "survey": [
                ("type", "name", "label"),
                ("integer", "Age", "Age"),
                ("begin group", "g", "G"),
                ("integer", "age", "Age again"),
                ("end group",),
            ]
        },
    )
    assert problems_of(source) == [
        f"{source}:4: the survey sheet's row 4 is named 'age', which becomes the item id "
        "'age' that row 2 already has (tidesk ids are lower-case): rename one of them"
    ]


@pytest.mark.parametrize(
    ("constraint", "kind", "bounds"),
    [
        (". >= 1", "integer", (1, None)),
        (".<=10", "decimal", (None, 10)),
        (". >= -2.5 and . <= 2.5", "decimal", (-2.5, 2.5)),
        (". < 10", "integer", (None, 9)),
        (". > 0", "decimal", None),
        (". >= 5 and . <= 1", "integer", None),
        (". >= 0 and . >= 1", "integer", None),
        (". >= ${other}", "integer", None),
        (". >= 0", "text", None),
    ],
)
def test_constraints(tmp_path: Path, constraint: str, kind: str, bounds: tuple[float, float] | None) -> None:
    source = write_xlsform(
        tmp_path / "c.xlsx",
        {
            "survey": [
                ("type", "name", "label", "constraint"),
                ("integer", "other", "Other"),
                (kind, "n", "A number", constraint),
            ]
        },
    )
    if bounds is None:
        assert problems_of(source) == [
            f"{source}:3: the survey sheet's row 3 has the constraint '{constraint}', "
            "which tidesk cannot use: it understands only limits on number questions "
            "such as '. >= 0', '. <= 10' or '. >= 0 and . <= 10'"
        ]
    else:
        item = convert(source).item("n")
        assert (item.minimum, item.maximum) == bounds


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("words.xlsx", b"not a spreadsheet at all, only words", "this is not a spreadsheet tidesk can read"),
        ("empty.xlsx", b"", "this is not a spreadsheet tidesk can read"),
        (
            "form.csv",
            b"type,name,label\ntext,a,A\n",
            "tidesk reads XLSForm spreadsheets saved as .xlsx, not '.csv' files",
        ),
    ],
)
def test_files_that_are_not_spreadsheets(tmp_path: Path, name: str, content: bytes, says: str) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    with pytest.raises(TideskError, match=says) as caught:
        convert_file(source)
    assert str(caught.value).startswith(f"{source}: ")
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file_and_missing_survey_sheet(tmp_path: Path) -> None:
    with pytest.raises(TideskError, match="there is no file here"):
        convert(tmp_path / "absent.xlsx")
    with pytest.raises(TideskError, match=r"there is no 'survey' sheet.*\(sheets: 'notes', 'more'\)"):
        convert(fixture("no-survey", tmp_path))


def test_committed_fixtures_match_their_definitions() -> None:
    for name, sheets in FIXTURES.items():
        book = load_workbook(FIXTURE_DIR / f"{name}.xlsx", read_only=True)
        try:
            assert book.sheetnames == list(sheets), name
            for title, rows in sheets.items():
                found = [tuple(v for v in row) for row in book[title].iter_rows(values_only=True)]
                expected = [tuple(row) + (None,) * (len(found[i]) - len(row)) for i, row in enumerate(rows)]
                assert found == expected, f"{name}/{title}: run python tests/forms/test_xlsform.py to write it again"
        finally:
            book.close()


if __name__ == "__main__":  # write the copies in tests/fixtures/xlsform/ again
    FIXTURE_DIR.mkdir(parents=True, exist_ok=True)
    for fixture_name in FIXTURES:
        print(fixture(fixture_name, FIXTURE_DIR))
