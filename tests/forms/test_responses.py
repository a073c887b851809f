"""Responses: autosaved answers, undo, anonymity, and baseline against follow-up across versions."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from typing import Any

import pytest

from tidesk.core.errors import TideskError
from tidesk.core.forms import library, responses
from tidesk.core.forms.library import Entry, Source
from tidesk.core.forms.loader import parse
from tidesk.core.forms.model import Special
from tidesk.core.forms.responses import Answer
from tidesk.core.forms.scoring import compare_rounds, compare_versions, group_scores
from tidesk.core.forms.writer import dump
from tidesk.core.workspace import Workspace

BASELINE = """\
form: assessment
version: 1
title: Assessment
answered_by: group
scales:
  r: {min: 0, max: 4, labels: {0: Not in place, 1: Talked about, 2: Starting, 3: In place, 4: Embedded}}
sections:
  - id: culture
    title: Culture
    items:
      - {id: shared-language, kind: scale, scale: r, text: We talk about trauma kindly, dont_know: true,
         tags: [theme:1, principle:trust]}
      - {id: safe-rooms, kind: scale, scale: r, text: Rooms feel safe, tags: [theme:1, principle:safety]}
      - {id: old-item, kind: scale, scale: r, text: Something we stopped asking, tags: [theme:1]}
  - id: leadership
    title: Leadership
    items:
      - {id: standing-item, kind: scale, scale: r, text: A standing item at senior meetings, tags: [theme:2]}
      - {id: notes, kind: long_text, text: Evidence notes}
scoring:
  group_by: [theme, principle]
"""

SURVEY = """\
form: survey
version: 1
title: Survey
answered_by: individual
anonymous: true
sections:
  - id: s
    title: S
    items:
      - {id: role, kind: single_choice, text: Your role, choices: [Nurse, Manager]}
      - {id: confident, kind: scale, text: Confidence, scale: {min: 1, max: 3, labels: {1: Low, 2: Some, 3: High}}}
      - {id: when, kind: date, text: When, required: true}
"""


def entry_of(ws: Workspace, text: str, source: Source = Source.TEAM) -> Entry:
    definition = parse(text)
    change = library.store(ws, text, source)
    if change is not None:
        change.apply(ws)
    found = library.catalogue(ws).find(definition.id, definition.version)
    assert found is not None
    return found


def start(ws: Workspace, entry: Entry, **details: Any) -> responses.StartResponse:
    """Start a response now; the change carries the new response's uuid."""
    change = responses.start_response(entry, **details)
    change.apply(ws)
    return change


def test_answers_are_stored_one_by_one_and_undo_restores_them(workspace: Workspace) -> None:
    entry = entry_of(workspace, BASELINE)
    form = entry.definition
    started = start(workspace, entry, round_label="Baseline", respondent="TIPIG")
    first = responses.answer(form, started.uuid, "shared-language", Answer(2)).apply(workspace)
    undo = responses.answer(form, started.uuid, "shared-language", Answer(3)).apply(workspace)
    assert isinstance(undo, responses.SetAnswer) and undo.answer == Answer(2)
    redo = undo.apply(workspace)
    assert responses.answers(workspace, started.uuid)["shared-language"] == Answer(2)
    redo.apply(workspace)
    assert responses.answers(workspace, started.uuid)["shared-language"] == Answer(3)
    undo.apply(workspace)
    first.apply(workspace)  # undoing the first answer leaves no answer at all
    assert "shared-language" not in responses.answers(workspace, started.uuid)
    responses.answer(form, started.uuid, "shared-language", Answer(2)).apply(workspace)
    responses.answer(form, started.uuid, "shared-language", Answer(special=Special.DONT_KNOW)).apply(workspace)
    assert responses.answers(workspace, started.uuid)["shared-language"].special == Special.DONT_KNOW
    responses.answer(form, started.uuid, "shared-language", responses.NO_ANSWER).apply(workspace)
    assert "shared-language" not in responses.answers(workspace, started.uuid)


@pytest.mark.parametrize(
    ("item", "value", "words"),
    [
        ("shared-language", 7, "from 0 to 4"),
        ("shared-language", "3", "from 0 to 4"),
        ("notes", 3, "write some text"),
    ],
)
def test_answers_that_do_not_fit_are_refused_plainly(
    workspace: Workspace, item: str, value: object, words: str
) -> None:
    entry = entry_of(workspace, BASELINE)
    started = start(workspace, entry)
    with pytest.raises(TideskError, match=words):
        responses.answer(entry.definition, started.uuid, item, Answer(value)).apply(workspace)


def test_special_answers_only_where_offered(workspace: Workspace) -> None:
    entry = entry_of(workspace, BASELINE)
    started = start(workspace, entry)
    with pytest.raises(TideskError, match="not offered"):
        responses.answer(entry.definition, started.uuid, "safe-rooms", Answer(special=Special.NOT_APPLICABLE)).apply(
            workspace
        )


def test_anonymous_responses_keep_no_name_time_or_order(workspace: Workspace) -> None:
    entry = entry_of(workspace, SURVEY)
    with pytest.raises(TideskError, match="anonymously"):
        responses.start_response(entry, respondent="Morag")
    made = [start(workspace, entry, round_label="Baseline") for _ in range(6)]
    for response in made:
        responses.answer(entry.definition, response.uuid, "role", Answer("nurse")).apply(workspace)
    with sqlite3.connect(workspace.path) as db:
        rows = db.execute("SELECT id, respondent, started_on FROM form_response").fetchall()
        answer_ids = [r[0] for r in db.execute("SELECT id FROM form_answer")]
    assert all(r[1] is None for r in rows)
    assert all(len(r[2]) == 10 for r in rows)  # a day, never a time
    ids = [r[0] for r in rows]
    assert min(ids) > 1000 and len(set(ids)) == 6  # random keys, not 1, 2, 3…
    assert min(answer_ids) > 1000


def test_progress_and_required(workspace: Workspace) -> None:
    entry = entry_of(workspace, SURVEY)
    started = start(workspace, entry)
    responses.answer(entry.definition, started.uuid, "confident", Answer(2)).apply(workspace)
    given = responses.answers(workspace, started.uuid)
    assert responses.progress(entry.definition, given) == (1, 3)
    assert [i.id for i in responses.missing_required(entry.definition, given)] == ["when"]


def test_a_shipped_definition_is_kept_once_answered(workspace: Workspace) -> None:
    from tidesk.core.forms.loader import parse

    shipped = Entry(parse(BASELINE), Source.SHIPPED, BASELINE)
    start(workspace, shipped)
    kept = library.catalogue(workspace, shipped=library.Catalogue()).find("assessment", 1)
    assert kept is not None and kept.text == BASELINE


def test_baseline_and_follow_up_compare_on_shared_items_across_versions(workspace: Workspace) -> None:
    """The issue's promise: copy the form, change wording and add an item, and the rounds still compare."""
    v1 = entry_of(workspace, BASELINE)
    baseline = start(workspace, v1, round_label="Baseline", respondent="TIPIG")
    for item, value in (("shared-language", 1), ("safe-rooms", 2), ("old-item", 4), ("standing-item", 0)):
        responses.answer(v1.definition, baseline.uuid, item, Answer(value)).apply(workspace)
    adapted = BASELINE.replace("version: 1", "version: 2").replace(
        "Rooms feel safe", "Rooms and waiting areas feel safe"
    )
    adapted = adapted.replace(
        "      - {id: old-item, kind: scale, scale: r, text: Something we stopped asking, tags: [theme:1]}\n",
        "      - {id: peer-welcome, kind: scale, scale: r, text: A peer welcomes people, tags: [theme:1]}\n",
    )
    with pytest.raises(TideskError, match="already exists"):
        library.store(workspace, adapted.replace("version: 2", "version: 1"), Source.TEAM)
    v2 = entry_of(workspace, adapted)
    follow = start(workspace, v2, round_label="6 months", respondent="TIPIG")
    for item, value in (("shared-language", 3), ("safe-rooms", 2), ("peer-welcome", 4), ("standing-item", 2)):
        responses.answer(v2.definition, follow.uuid, item, Answer(value)).apply(workspace)
    result = compare_rounds(
        v1.definition,
        responses.answers(workspace, baseline.uuid),
        v2.definition,
        responses.answers(workspace, follow.uuid),
    )
    assert result.versions.added == ("peer-welcome",) and result.versions.dropped == ("old-item",)
    by_tag = {g.tag: g for g in result.groups}
    assert by_tag["theme:1"].before == pytest.approx(1.5) and by_tag["theme:1"].after == pytest.approx(2.5)
    assert by_tag["theme:2"].change == pytest.approx(2)
    assert "peer-welcome" in result.versions.explain() and "old-item" in result.versions.explain()


def test_scores_leave_out_specials_and_reverse_where_asked(workspace: Workspace) -> None:
    from tidesk.core.forms.loader import parse

    form = parse(BASELINE.replace("  group_by: [theme, principle]", "  group_by: [theme]\n  reverse: [safe-rooms]"))
    scores = group_scores(form, {"shared-language": Answer(special=Special.DONT_KNOW), "safe-rooms": Answer(1)})
    assert scores == {"theme:1": 3.0}
    assert compare_versions(form, form).same_items


def test_a_team_copy_round_trips_through_the_writer(workspace: Workspace) -> None:
    v1 = entry_of(workspace, BASELINE)
    copy = dump(replace(v1.definition, version=2), "Team copy")
    change = library.store(workspace, copy, Source.TEAM)
    assert change is not None
    change.apply(workspace)
    assert library.catalogue(workspace).latest("assessment").definition.version == 2  # type: ignore[union-attr]
    assert library.store(workspace, copy, Source.TEAM) is None  # loading the same file again changes nothing
    entry_of(workspace, BASELINE.replace("version: 1", "version: 4"))
    with pytest.raises(TideskError, match="went down"):
        library.store(workspace, BASELINE.replace("version: 1", "version: 3"), Source.TEAM)
