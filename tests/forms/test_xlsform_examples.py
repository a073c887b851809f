"""Forms in the spirit of pyxform's examples, one kind of XLSForm at a time: what tidesk makes of each, and
the notes it writes where it leaves something out or changes it.

Two of them are kept in tests/fixtures/xlsform/ (``examples-*.xlsx``) to open by hand; ``python
tests/forms/test_xlsform_examples.py`` writes them again, and a test checks they still match.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.forms.test_xlsform import FIXTURE_DIR, Sheets, write_xlsform
from tidesk.core.forms.loader import FormErrors, load, parse
from tidesk.core.forms.model import Choice, Kind
from tidesk.core.forms.xlsform import conversion, convert, convert_file

CLASSIC: Sheets = {  # the older spellings, with three languages, a choice filter and a settings sheet
    "survey": [
        ("type", "name", "label::English", "label::Français", "hint::English", "required", "choice_filter"),
        ("select one from yn", "consent", "Do you agree to take part?", "Acceptez-vous ?", None, "yes"),
        ("select all that apply from colours", "liked", "Which colours do you like?", "Quelles couleurs ?"),
        ("add select one prompt using region", "region", "Your region", "Votre région"),
        ("select1 town", "town", "Your town", "Votre ville", "Towns in your region", None, "region=${region}"),
        ("integer", "age", "How old is ${name}?", "Quel âge a ${name} ?", "In years, ${name}", "true"),
    ],
    "choices": [
        ("list_name", "name", "label::English", "label::Français", "region"),
        ("yn", "yes", "Yes", "Oui"),
        ("yn", "no", "No", "Non"),
        ("colours", "red", "Red", "Rouge"),
        ("colours", "blue", "Blue ${name}", "Bleu"),
        ("region", "north", "North", "Nord"),
        ("region", "south", "South", "Sud"),
        ("town", "ayr", "Ayr", "Ayr", "south"),
        ("town", "wick", "Wick", "Wick", "north"),
    ],
    "settings": [("form_title", "form_id", "version", "default_language"), ("Classic", "classic", "12", "Français")],
}
SCRIPTS: Sheets = {  # names in Greek, Cyrillic, Arabic and Chinese
    "survey": [
        ("type", "name", "label"),
        ("begin group", "ομάδα", "Ομάδα"),
        ("text", "ηλικία", "Ηλικία"),
        ("text", "возраст", "Возраст"),
        ("integer", "العمر", "العمر"),
        ("date", "日期", "日期"),
        ("end group",),
    ],
    "settings": [("form_id",), ("έρευνα",)],
}
EXAMPLES = {"examples-classic": CLASSIC, "examples-scripts": SCRIPTS}


def header_of(text: str) -> str:
    return " ".join(line.lstrip("# ") for line in text.splitlines() if line.startswith("#"))


def problems(tmp_path: Path, sheets: Sheets) -> list[str]:
    source = write_xlsform(tmp_path / "form.xlsx", sheets)
    with pytest.raises(FormErrors) as caught:
        convert_file(source)
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]
    return [str(p).removeprefix(f"{source}:") for p in caught.value.problems]


def test_the_classic_spellings_mean_select_one_and_select_multiple(tmp_path: Path) -> None:
    converted = conversion(write_xlsform(tmp_path / "classic.xlsx", CLASSIC))
    form = converted.definition
    assert (form.id, form.version, form.title) == ("classic", 12, "Classic")
    kinds = {item.id: item.kind for item in form.items}
    assert kinds == {
        "consent": Kind.YES_NO,
        "liked": Kind.MULTIPLE_CHOICE,
        "region": Kind.SINGLE_CHOICE,
        "town": Kind.SINGLE_CHOICE,
        "age": Kind.NUMBER,
    }
    assert form.item("consent").required and form.item("age").required and not form.item("liked").required
    assert form.item("liked").choices == (Choice("red", "Red"), Choice("blue", "Blue ${name}"))
    assert form.item("town").help == "Towns in your region"
    assert [c.value for c in form.item("town").choices] == ["ayr", "wick"]  # the filter is not applied
    notes = header_of(converted.text)
    assert "Not carried over: choice filters ('choice_filter': every choice is offered), on row 5." in notes
    assert "Not carried over: the choices sheet's 'region' column, on rows 8, 9." in notes
    assert "Texts in English were used; those in Français were left out." in notes


def test_references_to_earlier_answers_are_kept_as_written_and_listed(tmp_path: Path) -> None:
    converted = conversion(write_xlsform(tmp_path / "classic.xlsx", CLASSIC))
    assert converted.definition.item("age").text == "How old is ${name}?"
    assert converted.definition.item("age").help == "In years, ${name}"
    said = [n for n in converted.notes if "where a phone would put an earlier answer" in n]
    assert said == [  # in the order the questions come, a list's choices with the first question to use it
        "The choices sheet's row 5: its label shows ${name}, where a phone would put an earlier answer; tidesk "
        "shows it as written, so reword it.",
        "The survey sheet's row 6: its label shows ${name}, where a phone would put an earlier answer; tidesk "
        "shows it as written, so reword it.",
        "The survey sheet's row 6: its hint shows ${name}, where a phone would put an earlier answer; tidesk "
        "shows it as written, so reword it.",
    ]


def test_the_default_language_is_used_when_there_is_no_english(tmp_path: Path) -> None:
    sheets = {
        "survey": [("type", "name", "label", "label::Deutsch"), ("text", "a", "Votre nom", "Ihr Name")],
        "settings": [("default_language",), ("Français",)],
    }
    converted = conversion(write_xlsform(tmp_path / "fr.xlsx", sheets))
    assert converted.definition.item("a").text == "Votre nom"
    assert "Texts in Français were used; those in Deutsch were left out." in converted.notes
    del sheets["settings"]
    converted = conversion(write_xlsform(tmp_path / "none.xlsx", sheets))
    assert converted.definition.item("a").text == "Votre nom"
    assert "The texts with no language named were used; those in Deutsch were left out." in converted.notes


def test_names_in_other_scripts_keep_what_they_can_and_say_so(tmp_path: Path) -> None:
    converted = conversion(write_xlsform(tmp_path / "scripts.xlsx", SCRIPTS))
    form = converted.definition
    assert form.id == "ereyna" and [s.id for s in form.sections] == ["omada"]
    ids = [item.id for item in form.items]
    assert ids[:2] == ["ilikia", "vozrast"]
    assert ids[2].startswith("q-") and ids[3].startswith("q-") and len(set(ids)) == 4
    assert convert(write_xlsform(tmp_path / "again.xlsx", SCRIPTS)).items == form.items  # the same every time
    assert (
        "The survey sheet's row 3: the name 'ηλικία' became the id 'ilikia', written in Latin letters (ids are "
        "lower-case ASCII letters, digits, - and _)." in converted.notes
    )
    assert (
        f"The survey sheet's row 5: the name 'العمر' has letters an id cannot hold (ids are lower-case ASCII "
        f"letters, digits, - and _), so its id is '{ids[2]}', made from the name: it stays the same for as long "
        "as the name does." in converted.notes
    )
    assert parse(converted.text) == form


def test_two_questions_with_the_same_name_in_another_script(tmp_path: Path) -> None:
    sheets = {"survey": [("type", "name", "label"), ("text", "العمر", "A"), ("text", "العمر", "B")]}
    assert problems(tmp_path, sheets) == [
        "3: the survey sheet's row 3 has the name 'العمر', which row 2 already has: each question needs a name of "
        "its own"
    ]


GROUPS: Sheets = {
    "survey": [
        ("type", "name", "label", "hint", "relevant", "appearance"),
        ("begin_group", "household", "Household", "About your home", None, "field-list"),
        ("integer", "people", "People living here"),
        ("begin group", "children", "Children", None, "${people} > 1"),
        ("integer", "under_5", "Children under five"),
        ("end group", "children"),
        ("end_group",),
        ("note", "done", "Thank you"),
    ]
}


def test_groups_in_both_spellings_and_a_group_inside_a_group(tmp_path: Path) -> None:
    converted = conversion(write_xlsform(tmp_path / "groups.xlsx", GROUPS))
    form = converted.definition
    assert [(s.id, s.title, s.help, [i.id for i in s.items]) for s in form.sections] == [
        ("household", "Household", "About your home", ["people", "children", "under_5"]),
        ("questions", "Questions", "", ["done"]),
    ]
    assert form.item("children").kind == Kind.NOTE
    assert "Not carried over: skip logic ('relevant'), on row 4." in converted.notes


@pytest.mark.parametrize(
    ("rows", "says"),
    [
        ([("end group",)], "2: the survey sheet's row 2 is an 'end group' row, but no group is open here"),
        (
            [("begin group", "g", "G"), ("text", "a", "A")],
            "2: the survey sheet's row 2 begins the group 'g', which has",
        ),
        ([("end repeat",)], "2: the survey sheet's row 2 is an 'end repeat' row, but no repeat is open here"),
        ([("begin group", None, "G"), ("end group",)], "2: the survey sheet's row 2 begins a group with no name"),
        ([("text", None, "A")], "2: the survey sheet's row 2 has no name (its 'name' column is empty)"),
        ([(None, "a", "A")], "2: the survey sheet's row 2 has no type (its 'type' column is empty)"),
        ([("select_one", "a", "A")], "2: the survey sheet's row 2 is a 'select_one' with no choice list"),
        (
            [("select_one nope", "a", "A")],
            "2: the survey sheet's row 2 uses the choice list 'nope', but the spreadsheet",
        ),
        ([("select_one_external x", "a", "A")], "2: the survey sheet's row 2 is a 'select_one_external x' question"),
        ([("select_one yn or_other", "a", "A")], "2: the survey sheet's row 2 is a 'select_one yn or_other' question"),
    ],
)
def test_survey_rows_refused_in_plain_words(tmp_path: Path, rows: list[tuple[Any, ...]], says: str) -> None:
    found = problems(tmp_path, {"survey": [("type", "name", "label"), *rows, ("text", "last", "Last")]})
    assert found[0].startswith(says)
    internal = ("survey_header", "choice_list", "list_name_s", "PyXForm", "[row :", "{'")
    assert not any(word in problem for problem in found for word in internal)


def test_choice_lists_refused_in_plain_words(tmp_path: Path) -> None:
    sheets = {
        "survey": [("type", "name", "label"), ("select_one yn", "a", "A?"), ("select_multiple colours", "b", "B?")],
        "choices": [
            ("list_name", "name", "label"),
            ("yn", "yes", "Yes"),
            ("yn", "yes", "Yes again"),
            ("colours", None, "Red"),
            (None, "stray", "Stray"),
            ("unused", "x", "X"),
            ("unused", "x", "X"),  # duplicates in a list no question uses do not matter
        ],
    }
    assert problems(tmp_path, sheets) == [
        "3: the choices sheet's row 3 repeats the choice 'yes' of the list 'yn', which row 2 already has: each "
        "choice in a list needs a name of its own",
        "4: the choices sheet's row 4 (in the list 'colours') has no name: every choice needs one, as it is the "
        "answer kept",
    ]


def test_a_missing_choice_list_names_the_lists_there_are(tmp_path: Path) -> None:
    sheets = {
        "survey": [("type", "name", "label"), ("select_one colors", "a", "A?")],
        "choices": [("list_name", "name", "label"), ("colours", "red", "Red")],
    }
    assert problems(tmp_path, sheets) == [
        "2: the survey sheet's row 2 uses the choice list 'colors', which the choices sheet does not have (its "
        "lists: 'colours')"
    ]


def test_a_survey_sheet_without_its_headings(tmp_path: Path) -> None:
    assert problems(tmp_path, {"survey": [("text", "a", "A"), ("text", "b", "B")]}) == [
        "1: the survey sheet's row 1 has no 'type' column, so tidesk cannot tell its questions apart"
    ]


def test_columns_and_cells_tidesk_does_not_read_are_listed(tmp_path: Path) -> None:
    sheets = {
        "survey": [
            ("type", "name", "label", "constraint_message", "media::image", None, "default"),
            ("integer", "a", "A", "Too big", "a.png", "a note beside the form", "3"),
            (None, None, None, None, None, "another note"),
            ("text", "b", "B"),
        ],
        "entities": [("list_name", "label"), ("people", "x")],
    }
    converted = conversion(write_xlsform(tmp_path / "extra.xlsx", sheets))
    assert [i.id for i in converted.definition.items] == ["a", "b"]
    notes = " ".join(converted.notes)
    assert "Not carried over: the 'constraint_message' column, on row 2." in notes
    assert "Not carried over: pictures, sounds or videos, on row 2." in notes
    assert "Not carried over: default answers ('default'), on row 2." in notes
    assert "Not read: cells under no column heading, on the survey sheet's rows 2, 3." in notes
    assert "Not read: the 'entities' sheet, which tidesk has no use for." in notes


def test_texts_of_every_awkward_kind_read_back_the_same(tmp_path: Path) -> None:
    awkward = [
        "yes",
        "null",
        "- a list?",
        "# not a comment",
        "a: b",
        "'quoted'",
        '"double"',
        "tab\there",
        "line\nbreak",
    ]
    awkward += ["windows\r\nline", "\u2028separator", "1e3", "~", "@at", "%percent", "ünïcödé ✓", "  padded  "]
    rows = [("type", "name", "label", "hint"), *(("text", f"t{i}", text, text) for i, text in enumerate(awkward))]
    written = convert_file(write_xlsform(tmp_path / "awkward.xlsx", {"survey": rows}))
    form = load(written)
    assert [item.text for item in form.items] == [text.strip().replace("\r\n", "\n") for text in awkward]


def test_committed_examples_match_their_definitions() -> None:
    for name, sheets in EXAMPLES.items():
        book = load_workbook(FIXTURE_DIR / f"{name}.xlsx", read_only=True)
        try:
            for title, rows in sheets.items():
                found = list(book[title].iter_rows(values_only=True))
                expected = [tuple(row) + (None,) * (len(found[i]) - len(row)) for i, row in enumerate(rows)]
                assert found == expected, f"{name}: run python tests/forms/test_xlsform_examples.py to write it again"
        finally:
            book.close()
        assert convert(FIXTURE_DIR / f"{name}.xlsx").items


if __name__ == "__main__":  # write the copies in tests/fixtures/xlsform/ again
    for fixture_name, fixture_sheets in EXAMPLES.items():
        print(write_xlsform(FIXTURE_DIR / f"{fixture_name}.xlsx", fixture_sheets))
