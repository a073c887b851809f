"""The familiarisation report: what a service manager finds in the PDF, and what it must never show (a small
number next to the people it is about, or anyone's name)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import FrozenInstanceError
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from tidesk.core import service
from tidesk.core.changes import AddRow, Change
from tidesk.core.demo import write_demo
from tidesk.core.familiarisation import conversations, findings, readiness
from tidesk.core.familiarisation.report import (
    LENS_DONE,
    LENS_DUE,
    LENS_NONE,
    LENS_OVERDUE,
    lens_state,
    name_remover,
    report_data,
    shorten,
)
from tidesk.core.settings import set_setting
from tidesk.core.workspace import Workspace
from tidesk.reports import REPORTS, export_report

NAMES = ("Morag MacLeod", "Ailsa Drummond")
SMALL, MIDDLE, LARGE = "Ferry stewards", "Kelp gatherers", "Lighthouse keepers"
SECTIONS = (
    "About this report",
    "Who was heard",
    "By role",
    "By organisation",
    "What helps and what gets in the way",
    "The service's documents",
    "Readiness, theme by theme",
    "Questions for the lens event",
)
QUOTE = "Morag said the ferry timetable is the hardest thing for people on Skerry."
HIDDEN_PASSAGE = "the side room is kept free for anyone who would rather wait alone"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "w.tidesk")
    yield workspace
    workspace.close()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def _outline(path: Path) -> list[str]:
    def walk(entries: list) -> list[str]:
        titles: list[str] = []
        for entry in entries:
            titles += walk(entry) if isinstance(entry, list) else [entry.title]
        return titles

    return walk(PdfReader(path).outline)


def _apply(ws: Workspace, *changes: Change) -> None:
    for change in changes:
        change.apply(ws)


def _meeting(ws: Workspace, title: str, day: int, kind: str, setting: str) -> str:
    uuid = f"{title}-uuid"
    _apply(ws, conversations.add_meeting(title, date(2026, 5, day), kind, setting, guide_version=1, uuid=uuid))
    return uuid


def _note(ws: Workspace, meeting: str, text: str, question: str = "") -> str:
    uuid = f"note-{abs(hash(text))}"
    _apply(ws, conversations.add_note(meeting, question, text, uuid=uuid))
    return uuid


def _mark(ws: Workspace, note: str, text: str, passage: str, kind: str, tags: tuple[str, ...], **fields: object) -> str:
    uuid = f"finding-{abs(hash(passage))}"
    wording = str(fields.pop("wording", ""))
    _apply(ws, findings.mark_finding(note, text.index(passage), passage, kind, tags, wording=wording, uuid=uuid))
    if fields:
        _apply(ws, findings.edit_finding(uuid, **fields))
    return uuid


def _small_world(ws: Workspace) -> None:
    """Three conversations: one role has exactly two people, one three and one seven; two people are named."""
    _apply(ws, service.edit_profile(name="Skerry Harbour Service"))
    first = _meeting(ws, "Harbour crew", 4, "group", "in person")
    second = _meeting(ws, "Kelp shed", 11, "group", "online")
    third = _meeting(ws, "Lighthouse", 19, "group", "phone")
    _apply(
        ws,
        conversations.add_participant(first, SMALL, "Skerry Trust", 2, NAMES[0]),
        conversations.add_participant(second, MIDDLE, "Skerry Trust", 3, NAMES[1]),
        conversations.add_participant(third, LARGE, "Carran Council", 7),
    )
    text = f"{QUOTE} Ailsa Drummond thinks evening clinics would help."
    note = _note(ws, first, text, "design-access")
    _mark(ws, note, text, QUOTE, "barrier", ("theme:9", "principle:choice", "mat:3"), quote=True)
    _mark(
        ws,
        note,
        text,
        "Ailsa Drummond thinks evening clinics would help.",
        "facilitator",
        ("theme:9", "principle:choice"),
    )
    other = f"At the lighthouse {HIDDEN_PASSAGE}, and people say it helps."
    note = _note(ws, third, other, "perspectives-already-happening")
    _mark(
        ws,
        note,
        other,
        HIDDEN_PASSAGE,
        "facilitator",
        ("theme:9", "theme:1", "principle:safety", "mat:10"),
        wording="A quiet side room is kept for people who would rather wait alone.",
        role=LARGE,
    )
    _apply(
        ws,
        readiness.judge(3, level=2, judgement="MacLeod's team is stretched, so start gently."),
        readiness.judge(9, level=4),
        readiness.add_question(9, "Could the ferry timetable shape clinic times?"),
    )
    today = date.today()
    for title, owner, lens_on, due in (
        ("Lone working policy", "NHS Skerry", None, today - timedelta(days=30)),
        ("First appointment letter", "Ailsa Drummond", today - timedelta(days=10), None),
        ("Welcome leaflet", "Recovery workers", None, today + timedelta(days=90)),
        ("Complaints procedure", "NHS Skerry", None, None),
    ):
        values = {"uuid": f"doc-{title}", "title": title, "kind": "policy", "owner": owner}
        _apply(ws, AddRow("service_document", {**values, "lens_reviewed_on": lens_on, "lens_review_due": due}))


# ---- the export --------------------------------------------------------------------------------------


def test_the_report_is_registered() -> None:
    assert REPORTS["familiarisation"].title == "Familiarisation"
    assert REPORTS["familiarisation"].area == "familiarisation"


def test_export_has_every_section(ws: Workspace, tmp_path: Path) -> None:
    _small_world(ws)
    calls: list[tuple[int, int]] = []
    out = export_report(ws, "familiarisation", tmp_path / "f.pdf", progress=lambda d, t: calls.append((d, t)))
    titles = _outline(out)
    for section in SECTIONS:
        assert section in titles
    assert "9. Service design and delivery" in titles
    assert calls[-1][0] == calls[-1][1]

    text = _flat(_text(out))
    for expected in (
        "Skerry Harbour Service",
        "3 conversations",
        "4 May 2026 and 19 May 2026",
        "3 with groups; 1 in person, 1 online and 1 by phone",
        "What helps",
        "What gets in the way",
        "A quiet side room is kept for people who would rather wait alone.",
        "Choice",
        "MAT standard 10",
        "Overdue since",
        "Done,",
        "Due by",
        "None planned",
        "Thinking about it",
        "Already under way",
        "start gently",
        "Could the ferry timetable shape clinic times?",
        "Nothing has been noted under this theme yet",
        "Figures based on fewer than 5 people are not shown",
    ):
        assert expected in text, expected
    assert HIDDEN_PASSAGE not in text  # not chosen as a quote: only the lead's words are printed


def test_the_small_number_rule_holds_in_the_pdf(ws: Workspace, tmp_path: Path) -> None:
    _small_world(ws)
    text = _flat(_text(export_report(ws, "familiarisation", tmp_path / "f.pdf")))
    assert f"{SMALL} fewer than 5" in text
    assert f"{MIDDLE} fewer than 5" in text
    assert f"{LARGE} 7" in text
    assert not re.search(rf"{SMALL}\W*2\b", text)
    assert not re.search(rf"{MIDDLE}\W*3\b", text)
    assert not re.search(r"\b[0-4] people\b", text)  # "with 2 people" nowhere, nor any other small count
    assert "Everyone who took part 12" in text


def test_a_figure_that_would_give_away_a_small_one_is_withheld_with_its_mark(ws: Workspace, tmp_path: Path) -> None:
    meeting = _meeting(ws, "Crew", 4, "group", "in person")
    _apply(
        ws,
        conversations.add_participant(meeting, LARGE, "Skerry Trust", 7),
        conversations.add_participant(meeting, SMALL, "Skerry Trust", 2),
    )
    text = _flat(_text(export_report(ws, "familiarisation", tmp_path / "f.pdf")))
    assert f"{LARGE} –" in text and f"{SMALL} fewer than 5" in text  # 9 - 7 would give the 2 away
    assert "“–” marks a figure withheld so a hidden figure cannot be worked out." in text
    assert "In all, 9 people took part" in text


def test_a_higher_threshold_withholds_more(ws: Workspace, tmp_path: Path) -> None:
    _small_world(ws)
    _apply(ws, set_setting("small_number_threshold", 8))
    text = _flat(_text(export_report(ws, "familiarisation", tmp_path / "f.pdf")))
    assert f"{LARGE} fewer than 8" in text
    assert "Figures based on fewer than 8 people" in text


def test_names_never_reach_the_report(ws: Workspace, tmp_path: Path) -> None:
    _small_world(ws)
    data = report_data(ws)
    text = _text(export_report(ws, "familiarisation", tmp_path / "f.pdf"))
    for name in NAMES:
        for part in (name, *name.split()):
            assert part not in text
            assert part not in repr(data)
    assert "“[name] said the ferry timetable is the hardest thing for people on Skerry.”" in _flat(text)
    assert "[name]'s team is stretched" in _flat(text)


def test_the_report_data_is_plain_and_frozen(ws: Workspace) -> None:
    _small_world(ws)
    data = report_data(ws)
    with pytest.raises(FrozenInstanceError):
        data.unthemed = 3  # type: ignore[misc]
    assert data.conversations.count == 3
    assert [theme.theme for theme in data.themes] == list(range(1, 10))
    ninth = data.themes[8]
    assert ninth.hinders_quote.startswith("[name] said") and ninth.helps_quote == ""
    assert len(ninth.facilitators) == 2 and len(ninth.barriers) == 1


def test_an_empty_workspace_gives_a_calm_report(ws: Workspace, tmp_path: Path) -> None:
    out = export_report(ws, "familiarisation", tmp_path / "empty.pdf")
    text = _flat(_text(out))
    for expected in (
        "No conversations have been recorded yet",
        "Nobody has been recorded as taking part yet",
        "No findings have been recorded yet",
        "No documents have been gathered yet",
        "Readiness has not been judged for any theme yet",
        "No questions for the lens event have been recorded yet",
    ):
        assert expected in text, expected
    assert "withheld" not in text and "fewer than" not in text
    assert "Nothing has been noted under this theme" not in text  # one calm line, not nine
    assert len(PdfReader(out).pages) <= 4


def test_the_demo_exports_from_the_command_line(tmp_path: Path) -> None:
    demo, out = tmp_path / "demo.tidesk", tmp_path / "familiarisation.pdf"
    write_demo(demo)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "tidesk", "export", str(demo), "--report", "familiarisation", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = _flat(_text(out))
    assert "Carran Community Substance Use Service" in text
    assert "Fictional demo service" in text
    assert "fewer than 5" in text
    for section in SECTIONS:
        assert section in _outline(out)


# ---- the pieces ----------------------------------------------------------------------------------------


def test_names_are_taken_out_whole_and_in_parts() -> None:
    remove = name_remover(["Morag MacLeod", " Dr  Iain Òg Mac an t-Saoir ", ""])
    assert remove("morag macleod came in") == "[name] came in"
    assert remove("Morag's view, and MacLeod's") == "[name]'s view, and [name]'s"
    assert remove("Iain and Òg said so") == "[name] and [name] said so"
    assert remove("Moragh and Dr Smith; a dr called") == "Moragh and Dr Smith; a dr called"
    assert remove("an emergency flat, de facto, at the t-junction") == "an emergency flat, de facto, at the t-junction"
    assert remove("Mac an t-Saoir and Saoir") == "[name] and [name]"
    assert name_remover(["hope ward"])("Hope said the ward has hope") == "[name] said the ward has hope"
    assert name_remover([])("Morag") == "Morag"


def test_lens_review_states() -> None:
    today = date(2026, 12, 1)
    assert lens_state(None, None, today) == (LENS_NONE, None)
    assert lens_state(None, date(2027, 1, 1), today) == (LENS_DUE, date(2027, 1, 1))
    assert lens_state(None, date(2026, 6, 1), today) == (LENS_OVERDUE, date(2026, 6, 1))
    assert lens_state(date(2026, 3, 1), None, today) == (LENS_DONE, date(2026, 3, 1))
    assert lens_state(date(2026, 3, 1), date(2027, 3, 1), today) == (LENS_DONE, date(2026, 3, 1))
    assert lens_state(date(2025, 3, 1), date(2026, 3, 1), today) == (LENS_OVERDUE, date(2026, 3, 1))


def test_long_quotes_are_shortened_at_a_word() -> None:
    words = "word " * 100
    short = shorten(words, 40)
    assert short.endswith("…") and len(short) <= 41 and "wor…" not in short
    assert shorten("  short   and calm ") == "short and calm"
