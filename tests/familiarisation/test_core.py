"""Familiarisation's use cases: conversations, notes typed in bursts, findings, readiness, search, progress."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tidesk.core import privacy
from tidesk.core.changes import Change
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import conversations as talk
from tidesk.core.familiarisation import findings, readiness, search, step_state
from tidesk.core.familiarisation import progress as phase_progress
from tidesk.core.forms import library
from tidesk.core.programme import StepState
from tidesk.core.workspace import TextIndex, Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.create(tmp_path / "w.tidesk")
    yield workspace
    workspace.close()


def apply(ws: Workspace, change: Change) -> Change:
    return change.apply(ws)


def conversation(ws: Workspace, title: str = "Nursing team", *people: tuple[str, str, int]) -> tuple[str, str]:
    """A conversation with its first note; returns their uuids."""
    meeting, note = "m-" + title, "n-" + title
    apply(ws, talk.start_meeting(title, date(2026, 3, 2), uuid=meeting, first_note=note))
    for role, organisation, count in people:
        apply(ws, talk.add_participant(meeting, role, organisation, count))
    return meeting, note


def test_a_conversation_with_its_people_and_notes_undoes_as_a_whole(ws: Workspace) -> None:
    meeting, note = conversation(ws, "Nursing team", ("Nurses", "NHS Carran", 4), ("Nurse lead", "", 1))
    found = talk.get_meeting(ws, meeting)
    assert found.people == 5 and found.roles == ("Nurses", "Nurse lead")
    assert [p.label for p in found.participants] == ["Nurses (NHS Carran)", "Nurse lead"]  # counts stay out
    assert [n.uuid for n in talk.notes_of(ws, meeting)] == [note]
    apply(ws, talk.set_note_text(note, "Cover for leave is hard to find."))
    undo = apply(ws, talk.remove_meeting(meeting))
    assert talk.list_meetings(ws) == [] and talk.notes_of(ws) == []
    apply(ws, undo)
    assert talk.notes_of(ws, meeting)[0].text == "Cover for leave is hard to find."
    assert talk.get_meeting(ws, meeting).people == 5


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda: talk.add_meeting("  "), "short name"),
        (lambda: talk.add_meeting("Ward", group_kind="crowd"), "one person or with a group"),
        (lambda: talk.add_meeting("Ward", setting="by pigeon"), "in person, online or by phone"),
        (lambda: talk.add_participant("m", "", ""), "role or the organisation"),
        (lambda: talk.add_participant("m", "Nurses", people=0), "whole number from 1"),
        (lambda: findings.mark_finding("n", 0, "   ", "barrier"), "select the words"),
        (lambda: findings.mark_finding("n", 0, "words", "worry"), "facilitator"),
        (lambda: findings.mark_finding("n", 0, "words", "barrier", ["theme:12"]), "not the programme's"),
        (lambda: readiness.judge(10, level=2), "nine themes"),
        (lambda: readiness.judge(1, level=7), "four steps"),
        (lambda: readiness.add_question(1, " "), "write the question"),
    ],
)
def test_what_cannot_be_kept_is_refused_plainly(change: object, words: str) -> None:
    with pytest.raises(TideskError, match=words):
        change()  # type: ignore[operator]


def test_typing_is_stored_in_bursts_and_one_pause_is_one_undo_step(ws: Workspace) -> None:
    """The GUI stores each burst as typed; bursts of one gesture merge their inverses into one undo."""
    _meeting, note = conversation(ws)
    first = apply(ws, talk.set_note_text(note, "Cover", gesture=1))
    second = apply(ws, talk.set_note_text(note, "Cover for leave", gesture=1))
    assert first.merge_key == second.merge_key == ("note", note, 1)
    merged = second.then(first)  # what the undo stack keeps for the gesture
    apply(ws, merged)
    assert talk.get_note(ws, note).text == ""
    assert talk.set_note_text(note, "x", gesture=2).merge_key != first.merge_key


def test_a_finding_keeps_its_passage_and_finds_it_after_edits(ws: Workspace) -> None:
    _meeting, note = conversation(ws, "Pharmacy", ("Community pharmacist", "Harbour Pharmacy", 1))
    text = "The queue at nine is long. People worry about being seen."
    apply(ws, talk.set_note_text(note, text))
    at = text.index("People worry")
    apply(ws, findings.mark_finding(note, at - 1, " People worry about being seen.", "barrier", ["theme:9"]))
    [finding] = findings.list_findings(ws)
    assert finding.passage == "People worry about being seen." and finding.start == at
    assert finding.themes == (9,) and finding.meeting_uuid == "m-Pharmacy"
    assert findings.locate(finding, text) == (at, at + len(finding.passage))
    moved = "Added first. " + text
    assert findings.locate(finding, moved) == (at + 13, at + 13 + len(finding.passage))
    assert findings.locate(finding, "Rewritten entirely.") is None
    undo = apply(ws, talk.remove_note(note))  # the note takes its finding and the finding's tags with it
    assert findings.list_findings(ws) == []
    apply(ws, undo)
    assert findings.list_findings(ws)[0].tags == frozenset({"theme:9"})


def test_the_board_counts_people_under_the_small_number_rule(ws: Workspace) -> None:
    _m1, small = conversation(ws, "Recovery workers", ("Recovery workers", "", 2))
    _m2, large = conversation(ws, "Nursing team", ("Nurses", "", 7))
    for note in (small, large):
        apply(ws, talk.set_note_text(note, "Cover for leave is hard. The team cares."))
    apply(
        ws, findings.mark_finding(small, 0, "Cover for leave is hard.", "barrier", ["theme:3"], role="Recovery workers")
    )
    apply(ws, findings.mark_finding(large, 0, "Cover for leave is hard.", "barrier", ["theme:3"], role="Nurses"))
    apply(ws, findings.mark_finding(small, 25, "The team cares.", "facilitator", ["theme:1", "principle:trust"]))
    columns = {c.theme: c for c in findings.read_board(ws)}
    assert len(columns) == 9 and str(columns[3].people) == "9" and len(columns[3].barriers) == 2
    assert not columns[1].people.shown  # two people: withheld
    assert not columns[2].people.shown and columns[2].findings == ()  # nobody: withheld too (zero is small)
    only_nurses = {c.theme: c for c in findings.read_board(ws, findings.Filters(role="Nurses"))}
    assert [len(only_nurses[t].findings) for t in (1, 3)] == [0, 1]
    trust = {c.theme: c for c in findings.read_board(ws, findings.Filters(principle="trust"))}
    assert len(trust[1].findings) == 1 and not trust[3].findings
    apply(ws, findings.mark_finding(large, 0, "Cover", "barrier"))
    assert findings.read_board(ws)[-1].theme == findings.NO_THEME
    assert privacy.rule_for(ws).threshold == 5


def test_readiness_per_theme_with_questions_and_undo(ws: Workspace) -> None:
    first = apply(ws, readiness.judge(3, level=2, judgement="Goodwill, little cover."))
    judged = readiness.readiness(ws)
    assert [t.theme for t in judged] == list(range(1, 10))
    assert judged[2].level_words == "Thinking about it" and judged[2].judgement == "Goodwill, little cover."
    apply(ws, readiness.judge(3, level=3))
    apply(ws, readiness.add_question(3, "Who covers the rota when training runs?", uuid="q1"))
    apply(ws, readiness.add_question(3, "Is there a quiet room?", index=0, uuid="q2"))
    assert [q.uuid for q in readiness.readiness(ws)[2].questions] == ["q2", "q1"]
    apply(ws, readiness.move_question("q2", 1, 3))
    assert [q.uuid for q in readiness.readiness(ws)[2].questions] == ["q1", "q2"]
    apply(ws, first)  # undoing the first judgement of a theme takes its row away again
    assert readiness.readiness(ws)[2].level is None


def test_progress_and_step_state_follow_the_data(ws: Workspace) -> None:
    assert step_state(ws) == StepState.NOT_STARTED
    _meeting, note = conversation(ws)
    assert step_state(ws) == StepState.IN_PROGRESS
    apply(ws, talk.set_note_text(note, "What helps"))
    apply(ws, findings.mark_finding(note, 0, "What helps", "facilitator", ["theme:1"]))
    for theme in range(1, 10):
        apply(ws, readiness.judge(theme, level=3))
    assert phase_progress(ws).words == "1 conversation · 1 finding · 0 documents · readiness judged for 9 of 9 themes"
    assert step_state(ws) == StepState.DONE


def test_the_guide_gives_its_text_prompts() -> None:
    entry = library.shipped_catalogue().latest(talk.GUIDE_ID)
    assert entry is not None
    prompts = talk.guide_prompts(entry.definition)
    assert prompts and all(p.section != "About this meeting" for p in prompts)
    assert "design-journey" in {p.id for p in prompts}


@pytest.mark.parametrize("fts", [True, False], ids=["fts5", "scan"])
def test_search_finds_every_kind_as_you_type_and_follows_changes(
    ws: Workspace, fts: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "TextIndex", lambda: TextIndex(fts=fts))
    meeting, note = conversation(ws, "Pharmacy")
    apply(ws, talk.set_note_text(note, "Màiri said the ferry timetable shapes every appointment."))
    apply(ws, talk.add_note(meeting, "design-access", "Ferries again, and the weather.", uuid="answer-1"))
    apply(ws, findings.mark_finding(note, 16, "ferry timetable shapes every appointment", "barrier", uuid="f1"))
    assert {h.kind for h in search.search(ws, "ferr")} == {"note", "answer", "finding"}
    [answer] = [h for h in search.search(ws, "weather") if h.kind == "answer"]
    assert answer.title.startswith("Pharmacy: ") and answer.note_uuid == "answer-1" and "«weather»" in answer.context
    assert [h.kind for h in search.search(ws, "mairi")] == ["note"]  # accents folded
    assert search.search(ws, "  ") == [] and search.search(ws, "submarine") == []
    undo = apply(ws, talk.remove_meeting(meeting))
    assert search.search(ws, "ferry") == []
    apply(ws, undo)  # a restore is stamped, so the index sees it come back
    assert len(search.search(ws, "ferry timetable")) == 2
    apply(ws, talk.set_note_text(note, "Rewritten."))
    assert {h.kind for h in search.search(ws, "timetable")} == {"finding"}


def test_search_checks_fts5_and_falls_back_to_a_scan() -> None:
    index = TextIndex(fts=False)
    index.put([("a", "note", "Straße and café"), ("b", "note", "")])
    assert [h.key for h in index.search("cafe")] == ["a"]
    assert index.search("100%") == [] and index.search("_") == []
    assert TextIndex().fts  # the SQLite shipped here has FTS5
