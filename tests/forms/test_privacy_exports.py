"""Exports of anonymous forms keep to the small-number rule (core/privacy.py), checked from the files alone.

Random anonymous forms get random numbers of responses per round, each answered with random, often lopsided,
choices, so tables with counts of 0, 1, 4, 5 and 60 all come up. The CSV and the XLSX are then read as a person
would read them: every figure shown (count, percentage, total, the notes' counts) must be about at least the
threshold, nothing withheld may be worked out from what is shown (the exact solver of tests/core/test_privacy.py
for each table, an exact interval check for the rounds), and no free text may appear."""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.core.test_privacy import Var, worked_out
from tests.forms.test_loader import ids, items
from tests.forms.test_responses import SURVEY, entry_of
from tests.forms.test_responses import start as start_now
from tidesk.core import privacy
from tidesk.core.changes import Batch, Change
from tidesk.core.errors import TideskError
from tidesk.core.forms import export, library, responses
from tidesk.core.forms.library import Source
from tidesk.core.forms.loader import parse
from tidesk.core.forms.model import FormDefinition, Item, Kind
from tidesk.core.forms.responses import Answer
from tidesk.core.privacy import Rule
from tidesk.core.settings import set_setting
from tidesk.core.workspace import Workspace

ROUNDS = ("Baseline", "Spring", "Autumn")
SECRET = "kept-private-"  # every free-text answer carries this, so any leak of one is easy to find
WITHHELD = "withheld"
EXAMPLES = 100  # about 0.08 s each


# ---- making forms and answers ------------------------------------------------------------------------------


@st.composite
def anonymous_forms(draw: st.DrawFn) -> dict[str, object]:
    """A small anonymous form of any kinds of question, always with one for free text."""
    item_ids = draw(st.lists(ids, min_size=1, max_size=4, unique=True))
    listed = [draw(items(i)) for i in item_ids]
    listed.append({"id": "zz-words", "kind": "long_text", "text": "Anything else you would like to say?"})
    for item in listed:  # "not applicable" where it is allowed, so both special answers come up
        if item["kind"] in ("scale", "single_choice", "multiple_choice", "date") and draw(st.booleans()):
            item["not_applicable"] = True
    return {
        "form": "survey",
        "version": 1,
        "title": "Staff survey",
        "answered_by": "individual",
        "anonymous": True,
        "sections": [{"id": "s", "title": "Questions", "items": listed}],
    }


sizes = st.one_of(st.integers(0, 6), st.integers(4, 9), st.integers(5, 40))  # rounds both small and large
weights = st.sampled_from([0, 0, 1, 2, 8, 40])  # lopsided answers: some never given, some given once or twice


def choices_for(item: Item) -> list[Answer | None]:
    """Everything one person could give for an item, None being no answer (not multiple choice)."""
    values: list[Any] = []
    if item.kind == Kind.SCALE and item.scale is not None:
        values = list(item.scale.points)
    elif item.kind == Kind.SINGLE_CHOICE:
        values = [c.value for c in item.choices]
    elif item.kind == Kind.YES_NO:
        values = [True, False]
    elif item.kind == Kind.NUMBER:
        values = [item.minimum if item.minimum is not None else 3]
    elif item.kind == Kind.DATE:
        values = ["2026-03-14"]
    return [None, *[Answer(v) for v in values], *[Answer(special=s) for s in item.specials]]


def answers_for(item: Item, people: int, draw: st.DrawFn, rng: Random) -> list[Answer | None]:
    if item.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        given = draw(st.sampled_from([0.0, 0.1, 0.9, 1.0]))
        return [
            Answer(f"{SECRET}{rng.randrange(10**6)} on the night shift") if rng.random() < given else None
            for _ in range(people)
        ]
    if item.kind == Kind.MULTIPLE_CHOICE:
        ticked = {c.value: draw(st.sampled_from([0.0, 0.05, 0.5, 0.95, 1.0])) for c in item.choices}
        special = draw(st.sampled_from([0.0, 0.1]))
        out: list[Answer | None] = []
        for _ in range(people):
            chosen = [v for v, p in ticked.items() if rng.random() < p]
            if not chosen and item.specials and rng.random() < special:
                out.append(Answer(special=rng.choice(item.specials)))
            else:
                out.append(Answer(chosen) if chosen else None)
        return out
    options = choices_for(item)
    odds = draw(st.lists(weights, min_size=len(options), max_size=len(options)).filter(any))
    return rng.choices(options, weights=odds, k=people)


@dataclass
class Survey:
    form: FormDefinition
    per_round: dict[str, int]
    given: dict[str, list[Answer | None]]  # per item id, one per response (None: not answered)

    @property
    def n(self) -> int:
        return sum(self.per_round.values())


@st.composite
def surveys(draw: st.DrawFn) -> tuple[dict[str, object], dict[str, int], int]:
    data = draw(anonymous_forms())
    rounds = draw(st.lists(sizes, min_size=1, max_size=3))
    per_round = {label: size for label, size in zip(ROUNDS, rounds, strict=False) if size}
    return data, per_round, draw(st.integers(0, 2**32))


def store(ws: Workspace, data: dict[str, object], per_round: dict[str, int], draw: st.DrawFn, rng: Random) -> Survey:
    """Every response and answer in one unit of work (one write, so many examples stay quick)."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    form = parse(text)
    entry = library.Entry(form, Source.TEAM, text)
    n = sum(per_round.values())
    given = {item.id: answers_for(item, n, draw, rng) for item in form.answerable_items}
    changes: list[Change] = []
    person = 0
    for label, size in per_round.items():
        for _ in range(size):
            started = responses.start_response(entry, round_label=label)
            changes.append(started)
            for item_id, answers in given.items():
                answer = answers[person]
                if answer is not None:
                    changes.append(responses.answer(form, started.uuid, item_id, answer))
            person += 1
    if not changes:  # no responses at all: the form is still kept, as a stored team form
        change = library.store(ws, text, Source.TEAM)
        assert change is not None
        changes.append(change)
    Batch(tuple(changes)).apply(ws)
    return Survey(form, per_round, given)


# ---- reading the files back ---------------------------------------------------------------------------------


@dataclass
class Written:
    notes: list[str]
    rows: list[list[str]]
    texts: list[str]  # everything the file holds: its text, or every cell of every sheet


def read_csv(path: Path) -> Written:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        lines = list(csv.reader(handle))
    notes = [line[0].removeprefix("# ") for line in lines if line and line[0].startswith("# ")]
    start = next(i for i, line in enumerate(lines) if line == export.SUMMARY_HEADER)
    return Written(notes, lines[start + 1 :], [path.read_text(encoding="utf-8-sig")])


def read_xlsx(path: Path) -> Written:
    book = load_workbook(path)
    assert book.sheetnames == ["Summary"]  # an anonymous form's responses are never written one by one
    lines = [["" if v is None else str(v) for v in row] for row in book["Summary"].iter_rows(values_only=True)]
    start = next(i for i, line in enumerate(lines) if line == export.SUMMARY_HEADER)
    rows = [line[: len(export.SUMMARY_HEADER)] for line in lines[start + 1 :]]
    texts = [sheet.title for sheet in book.worksheets] + [
        str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row if v is not None
    ]
    return Written([line[0] for line in lines[:start]], rows, texts)


# ---- what a reader can work out ------------------------------------------------------------------------------


def key_of(item: Item, given: Answer | None) -> str:
    """The label of the row a response's answer is counted in (not multiple choice)."""
    if given is None or given.empty:
        return export.NO_ANSWER
    if given.special is not None:
        return given.special.label
    if item.kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT, Kind.NUMBER, Kind.DATE):
        return export.ANSWERED
    if item.kind == Kind.YES_NO:
        return "Yes" if given.value else "No"
    if item.kind == Kind.SCALE and item.scale is not None:
        return f"{given.value} {item.scale.labels.get(given.value, '')}".strip()
    return next(c.label for c in item.choices if c.value == given.value)


def tables(survey: Survey, written: Written) -> Iterator[tuple[Item, list[tuple[str, str, str, int]]]]:
    """Each table a reader sees: (label, count as written, percentage as written, true count); every table
    counts every response once. A choice of a multiple-choice question is a table of its own, with its
    "did not choose it" unwritten: known exactly when the count beside it is shown."""
    for item in survey.form.answerable_items:
        mine = [row for row in written.rows if row[0] == item.id]
        assert mine[-1][2] == export.ALL_RESPONSES and mine[-1][4] == ""
        body = mine[:-1]
        answers = survey.given[item.id]
        if item.kind == Kind.MULTIPLE_CHOICE:
            assert [row[2] for row in body] == [c.label for c in item.choices]
            for row, choice in zip(body, item.choices, strict=True):
                chosen = sum(1 for a in answers if a and isinstance(a.value, list) and choice.value in a.value)
                rest = WITHHELD if row[3] == WITHHELD else str(survey.n - chosen)
                yield item, [(row[2], row[3], row[4], chosen), ("not chosen", rest, "", survey.n - chosen)]
            continue
        true = Counter(key_of(item, a) for a in answers)
        assert set(true) <= {row[2] for row in body}  # every answer given has its row...
        assert sum(true.values()) == survey.n  # ...and every response is counted once
        yield item, [(row[2], row[3], row[4], true[row[2]]) for row in body]


def pinned_rounds(per_round: dict[str, int], phrases: dict[str, str], total: int, threshold: int) -> list[str]:
    """The rounds a reader could work out from the total, what is said of each, and that a listed round holds at
    least one response: exact, since with a single sum each one ranges over a whole interval."""
    bounds: dict[str, tuple[float, float]] = {}
    for label, phrase in phrases.items():
        if phrase.startswith("fewer than"):
            bounds[label] = (1, threshold - 1)
        elif phrase.startswith(f"{threshold} or more"):
            bounds[label] = (threshold, math.inf)
        elif phrase.startswith("number withheld"):
            bounds[label] = (1, math.inf)
        else:
            bounds[label] = (per_round[label], per_round[label])
    pinned = []
    for label, (low, high) in bounds.items():
        others_low = sum(b[0] for other, b in bounds.items() if other != label)
        others_high = sum(b[1] for other, b in bounds.items() if other != label)
        least, most = max(low, total - others_high), min(high, total - others_low)
        if low < high and least == most:
            pinned.append(label)
    return pinned


def check_round_phrases(per_round: dict[str, int], phrases: dict[str, str], known: bool, threshold: int) -> None:
    """What is said of each round is true, never about too few, and cannot be narrowed down to a number."""
    assert sorted(phrases) == sorted(per_round)  # in order of their first day, then by name
    withheld = []
    for label, phrase in phrases.items():
        true = per_round[label]
        if re.fullmatch(r"\d+ responses", phrase):
            assert phrase == f"{true} responses" and true >= threshold
            continue
        withheld.append(true)
        if phrase.startswith("fewer than"):
            assert phrase == f"fewer than {threshold} responses" and true < threshold
        elif "or more" in phrase:
            assert phrase == f"{threshold} or more responses" and true >= threshold
        else:
            assert phrase.startswith("number withheld")
    if known:
        assert not withheld or (len(withheld) >= 2 and sum(withheld) >= threshold)  # together, not a few
        assert pinned_rounds(per_round, phrases, sum(per_round.values()), threshold) == []


def check_rounds(survey: Survey, written: Written, threshold: int) -> bool:
    """The notes' counts: checked against the truth; returns whether the number of responses is shown."""
    counted = next(line for line in written.notes if "in all" in line or line.startswith("No responses yet"))
    match = re.match(r"(\d+) responses in all\.", counted)
    if match:
        assert int(match[1]) == survey.n >= threshold and survey.n > len(survey.per_round)
    else:  # withheld without saying whether it is small, which with the rounds could pin them down
        assert "fewer" not in counted and str(survey.n) not in counted.split(".")[0]
    by_round = next((line for line in written.notes if line.startswith("By round: ")), "")
    phrases = dict(part.split(": ", 1) for part in by_round.removeprefix("By round: ").rstrip(".").split("; ") if part)
    check_round_phrases(survey.per_round, phrases, match is not None, threshold)
    return match is not None


def check_table(rows: list[tuple[str, str, str, int]], n: int, known: bool, threshold: int) -> None:
    for _label, count, percentage, true in rows:
        if count == WITHHELD:
            assert percentage in (WITHHELD, "")  # never a percentage beside a withheld count
            continue
        assert known and int(count) == true >= threshold and n - true >= threshold  # the rest is not small either
        if percentage:
            assert float(percentage) == pytest.approx(100 * true / n, abs=0.051)  # written to one place
    if not known:
        assert all(count == WITHHELD for _l, count, _p, _t in rows)
        return
    hidden = [true for _l, count, _p, true in rows if count == WITHHELD]
    assert not hidden or sum(hidden) >= threshold  # what the withheld ones add up to is not a few either
    if hidden and len(hidden) < len(rows):  # the exact solver, given the total and which withheld ones are small
        grid = [[true for _l, _c, _p, true in rows]]
        withheld: dict[Var, bool] = {}
        for j, (_l, count, _p, true) in enumerate(rows):
            if count == WITHHELD:
                withheld[("cell", 0, j)] = withheld[("col", j, 0)] = true < threshold
        assert worked_out(grid, withheld, threshold) == []
    # A table withheld whole says nothing: every figure in it reads "withheld", with no reason given.


def check(survey: Survey, path: Path, rule: Rule) -> None:
    written = read_csv(path) if path.suffix == ".csv" else read_xlsx(path)
    threshold = rule.threshold
    assert written.notes[0] == privacy.note(rule)
    known = check_rounds(survey, written, threshold)
    total = str(survey.n) if known else WITHHELD
    for item, rows in tables(survey, written):
        assert all(row[3] == total for row in written.rows if row[0] == item.id and row[2] == export.ALL_RESPONSES)
        check_table(rows, survey.n, known, threshold)
    for text in written.texts:
        assert SECRET not in text and "night shift" not in text


# ---- the properties ----------------------------------------------------------------------------------------


def test_exports_of_anonymous_forms_show_nothing_about_too_few(tmp_path: Path) -> None:
    """Random anonymous forms and sets of responses, each exported as CSV and XLSX and read back."""
    made = Counter[str]()
    places: dict[str, Workspace] = {}

    def workspace() -> Workspace:
        """A new form in one workspace each time, and a fresh workspace every so often (reading the forms
        of a workspace takes longer the more it holds)."""
        made["forms"] += 1
        if made["forms"] % 20 == 1:
            if "ws" in places:
                places["ws"].close()
            places["ws"] = Workspace.create(tmp_path / f"survey-{made['forms']}.tidesk")
        return places["ws"]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    @given(surveys(), st.data(), st.sampled_from([5, 5, 6, 8]))
    def exports(drawn: tuple[dict[str, object], dict[str, int], int], data: st.DataObject, threshold: int) -> None:
        form, per_round, seed = drawn
        ws = workspace()
        form_id = form["form"] = f"survey-{made['forms']}"
        set_setting("small_number_threshold", threshold).apply(ws)
        survey = store(ws, form, per_round, data.draw, Random(seed))
        rule = privacy.rule_for(ws)
        csv_file = export.export_csv(ws, form_id, tmp_path / f"{form_id}.csv")
        check(survey, csv_file, rule)
        check(survey, export.export_xlsx(ws, form_id, tmp_path / f"{form_id}.xlsx"), rule)
        screen = export.responses_counted(ws, form_id)  # what the Forms page shows
        notes = read_csv(csv_file).notes
        assert screen.in_all() in notes[1] and (not screen.rounds or "; ".join(screen.lines()) in notes[2])

    try:
        exports()
    finally:
        if "ws" in places:
            places["ws"].close()


@pytest.mark.parametrize(
    ("per_round", "expected"),
    [
        ({"Baseline": 7}, ["Baseline: 7 responses"]),
        ({"Baseline": 3}, ["Baseline: fewer than 5 responses"]),
        ({"Baseline": 10, "Spring": 1, "Base line": 1}, None),  # a mistyped round: 1 and 1 would be known
        ({"Baseline": 4, "Spring": 4}, None),  # 8 in all, each fewer than 5: both would be 4
        ({"A": 1, "B": 1, "C": 1, "D": 1, "E": 1}, None),  # one response in each round
    ],
)
def test_rounds_never_pin_one_another_down(per_round: dict[str, int], expected: list[str] | None) -> None:
    counted = export.count_responses(per_round, Rule())
    if expected is not None:
        assert counted.lines() == expected
    check_round_phrases(per_round, dict(line.split(": ", 1) for line in counted.lines()), counted.total.shown, 5)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.integers(1, 6), st.integers(1, 40)), min_size=1, max_size=6),
    st.sampled_from([5, 6, 8]),
)
def test_random_rounds_never_pin_one_another_down(sizes: list[int], threshold: int) -> None:
    per_round = {f"Round {i}": size for i, size in enumerate(sizes)}
    counted = export.count_responses(per_round, Rule(threshold))
    phrases = dict(line.split(": ", 1) for line in counted.lines())
    check_round_phrases(per_round, phrases, counted.total.shown, threshold)
    if counted.total.shown:
        assert counted.in_all() == f"{sum(sizes)} responses in all."
    else:
        assert counted.in_all() == "The number of responses in all is withheld."


def test_five_of_six_is_not_shown_beside_six(workspace: Workspace, tmp_path: Path) -> None:
    """The review's case: 5 of 6 shown as 83.3 % beside "6 responses" says "exactly one other"."""
    entry = entry_of(workspace, SURVEY)
    for role in ["nurse"] * 5 + ["manager"]:
        made = start_now(workspace, entry, round_label="Baseline")
        responses.answer(entry.definition, made.uuid, "role", Answer(role)).apply(workspace)
    written = read_csv(export.export_csv(workspace, "survey", tmp_path / "s.csv"))
    role = {row[2]: row[3:] for row in written.rows if row[0] == "role"}
    assert role["Nurse"] == [WITHHELD, WITHHELD] and role["Manager"] == [WITHHELD, WITHHELD]
    assert role[export.ALL_RESPONSES] == ["6", ""] and "6 responses in all." in written.notes[1]


def test_two_responses_are_not_counted_in_the_notes(workspace: Workspace, tmp_path: Path) -> None:
    entry = entry_of(workspace, SURVEY)
    for _ in range(2):
        start_now(workspace, entry, round_label="Baseline")
    written = read_csv(export.export_csv(workspace, "survey", tmp_path / "s.csv"))
    assert not any(re.search(r"\b2\b", line) for line in written.notes)
    assert "The number of responses in all is withheld." in written.notes[1]
    assert {row[3] for row in written.rows} == {WITHHELD}


def test_shown_counts_come_with_their_percentages(workspace: Workspace, tmp_path: Path) -> None:
    entry = entry_of(workspace, SURVEY)
    for n, role in enumerate(["nurse"] * 12 + ["manager"] * 8 + [None] * 5):
        made = start_now(workspace, entry, round_label="Baseline")
        if role is not None:
            responses.answer(entry.definition, made.uuid, "role", Answer(role)).apply(workspace)
        responses.answer(entry.definition, made.uuid, "confident", Answer(1 + n % 3)).apply(workspace)
    written = read_csv(export.export_csv(workspace, "survey", tmp_path / "s.csv"))
    role = {row[2]: row[3:] for row in written.rows if row[0] == "role"}
    assert role == {
        "Nurse": ["12", "48.0"],
        "Manager": ["8", "32.0"],
        export.NO_ANSWER: ["5", "20.0"],
        export.ALL_RESPONSES: ["25", ""],
    }


def test_an_existing_file_is_replaced_only_when_asked(workspace: Workspace, tmp_path: Path) -> None:
    entry_of(workspace, SURVEY)
    target = tmp_path / "s.csv"
    target.write_text("kept", encoding="utf-8")
    for write in (export.export_csv, export.export_xlsx):
        with pytest.raises(TideskError, match="already there"):
            write(workspace, "survey", target)
        assert target.read_text(encoding="utf-8") == "kept"
    export.export_xlsx(workspace, "survey", target, force=True)
    assert target.read_bytes().startswith(b"PK")  # replaced, as the person chose
    with pytest.raises(TideskError, match=r"being read|workspace or a backup"):
        export.export_csv(workspace, "survey", workspace.path, force=True)
    assert workspace.path.read_bytes().startswith(b"SQLite format 3")
