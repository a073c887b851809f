"""Changes and their inverses: every kind of change, applied to random workspaces and undone, leaves the
workspace as it was; redone, as it was after the change. Stamps, removal marks and what a change touched."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.forms.test_responses import BASELINE, SURVEY
from tests.helpers import live_state
from tidesk.core import changes, service, tags
from tidesk.core.changes import Batch, Change
from tidesk.core.errors import TideskError
from tidesk.core.familiarisation import demo as familiarisation_demo
from tidesk.core.forms import library, responses
from tidesk.core.forms.library import Source
from tidesk.core.forms.responses import NO_ANSWER, Answer
from tidesk.core.settings import set_setting
from tidesk.core.workspace import Workspace


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with something of everything: the service, familiarisation notes with themes, forms."""
    path = tmp_path_factory.mktemp("template") / "template.tidesk"
    with Workspace.create(path) as ws:
        with ws.transaction() as session:
            familiarisation_demo.fill(session, random.Random(1), 1)
        for name in ("Skerry Surgery", "Harbour Pharmacy", "Recovery Café"):
            service.add_partner(name).apply(ws)
        for text in (BASELINE, SURVEY):
            change = library.store(ws, text, Source.TEAM)
            assert change is not None
            change.apply(ws)
        ws.checkpoint()
    return path


class World:
    """What a random change can be built from: the workspace as it is now."""

    def __init__(self, ws: Workspace, rng: random.Random) -> None:
        self.ws, self.rng = ws, rng
        self.stages = [s.uuid for s in service.list_stages(ws)]
        self.partners = [p.uuid for p in service.list_partners(ws)]
        catalogue = library.catalogue(ws)
        assessment, survey = catalogue.latest("assessment"), catalogue.latest("survey")
        assert assessment is not None and survey is not None
        self.assessment, self.survey = assessment, survey
        self.started = responses.list_responses(ws)

    def one(self, rows: list[str]) -> str | None:
        return self.rng.choice(rows) if rows else None


def _answer(w: World) -> Change | None:
    if not w.started:
        return None
    response = w.rng.choice(w.started)
    if response.form_id == "assessment":
        value = Answer(w.rng.randrange(5)) if w.rng.random() < 0.8 else NO_ANSWER
        return responses.answer(w.assessment.definition, response.uuid, "safe-rooms", value)
    return responses.answer(w.survey.definition, response.uuid, "confident", Answer(w.rng.randrange(1, 4)))


def _start(w: World) -> Change:
    entry = w.rng.choice([w.assessment, w.survey])
    who = None if entry.definition.anonymous else w.rng.choice([None, "TIPIG"])
    return responses.start_response(entry, round_label=w.rng.choice(["Baseline", "6 months"]), respondent=who)


def _swap(w: World) -> Change | None:
    if len(w.partners) < 2:
        return None
    first, second = w.rng.sample(w.partners, 2)
    return Batch((service.move_partner(first, 0), service.move_partner(second, len(w.partners) - 1)))


def _tags(w: World) -> Change | None:
    stage = w.one(w.stages)
    chosen = w.rng.sample(["theme:1", "theme:9", "principle:trust", "mat:10", "mat:6"], w.rng.randrange(4))
    return tags.set_tags("pathway_stage", stage, chosen) if stage else None


def _if(row: str | None, build: Callable[[str], Change]) -> Change | None:
    return build(row) if row is not None else None


# Every kind of change an area makes today, built the way the areas build them.
KINDS: list[Callable[[World], Change | None]] = [
    lambda w: service.edit_profile(**{w.rng.choice(["name", "organisation", "description"]): f"t {w.rng.random()}"}),
    lambda w: service.add_partner(f"Partner {w.rng.random()}", position=w.rng.randrange(len(w.partners) + 2)),
    lambda w: _if(w.one(w.partners), lambda u: service.edit_partner(u, notes=f"notes {w.rng.random()}")),
    lambda w: _if(w.one(w.partners), service.remove_partner),
    lambda w: _if(w.one(w.stages), lambda u: service.move_stage(u, w.rng.randrange(len(w.stages) + 1))),
    lambda w: service.add_stage(f"Stage {w.rng.random()}", position=w.rng.randrange(len(w.stages) + 1)),
    lambda w: _if(w.one(w.stages), service.remove_stage),
    _tags,
    _start,
    _answer,
    lambda w: _if(w.one([r.uuid for r in w.started]), responses.delete_response),
    lambda w: _if(
        w.one([r.uuid for r in w.started]),
        lambda u: responses.set_status(u, w.rng.choice([responses.COMPLETE, responses.IN_PROGRESS])),
    ),
    lambda w: set_setting("small_number_threshold", w.rng.randrange(5, 12)),
    lambda w: _if(w.one(_meetings(w.ws)), lambda u: changes.Remove("familiarisation_meeting", (u,))),
    _swap,
]


def random_change(ws: Workspace, rng: random.Random) -> Change:
    world = World(ws, rng)
    made = rng.choice(KINDS)(world)
    if made is None:  # nothing of that kind to change yet
        return service.edit_stage(world.stages[0], description=f"what happens {rng.random()}")
    return made


def _meetings(ws: Workspace) -> list[str]:
    from sqlalchemy import select

    from tidesk.core.familiarisation.models import FamiliarisationMeeting

    with ws.read() as session:
        return list(session.scalars(select(FamiliarisationMeeting.uuid)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), steps=st.integers(5, 30))
def test_every_change_undone_leaves_the_workspace_as_it_was(
    template: Path, tmp_path: Path, seed: int, steps: int
) -> None:
    rng = random.Random(seed)
    path = tmp_path / f"w-{seed}-{steps}.tidesk"
    shutil.copy(template, path)
    with Workspace.open(path, before_migration=lambda _p: None) as ws:
        for _ in range(steps):
            change = random_change(ws, rng)
            before = live_state(path)
            undo = change.apply(ws)
            after = live_state(path)
            redo = undo.apply(ws)
            assert live_state(path) == before, (change, undo)
            redo.apply(ws)
            assert live_state(path) == after, (change, redo)
    path.unlink()


def test_a_change_stamps_the_rows_it_writes_and_says_what_it_touched(workspace: Workspace) -> None:
    service.add_partner("Harbour Pharmacy").apply(workspace)
    touched = workspace.last_touched
    assert touched is not None and touched.revision == workspace.revision and touched.tables == {"partner"}
    with sqlite3.connect(workspace.path) as db:
        uuid, changed = db.execute("SELECT uuid, changed_in FROM partner").fetchone()
    assert changed == workspace.revision and touched.rows == {uuid}


def test_removing_a_meeting_removes_its_notes_and_tags_and_restoring_brings_exactly_those(workspace: Workspace) -> None:
    with workspace.transaction() as session:
        familiarisation_demo.fill(session, random.Random(3), 1)
    meeting = _meetings(workspace)[0]
    with sqlite3.connect(workspace.path) as db:
        notes = [r[0] for r in db.execute("SELECT uuid FROM familiarisation_note WHERE meeting_uuid = ?", (meeting,))]
    # One note of this meeting was removed on its own before: restoring the meeting must not bring it back.
    alone = changes.Remove("familiarisation_note", (notes[0],)).apply(workspace)
    assert isinstance(alone, changes.Restore)
    restore = changes.Remove("familiarisation_meeting", (meeting,)).apply(workspace)
    assert isinstance(restore, changes.Restore)
    removed = {uuid for table, uuid in restore.targets}
    assert meeting in removed and set(notes[1:]) <= removed and notes[0] not in removed
    assert {t for t, _u in restore.targets} == {
        "familiarisation_meeting",
        "familiarisation_participant",
        "familiarisation_note",
        "familiarisation_finding",
        "tag",
    }
    restore.apply(workspace)
    with sqlite3.connect(workspace.path) as db:
        back = {r[0] for r in db.execute("SELECT uuid FROM familiarisation_note WHERE removed_in IS NULL")}
    assert set(notes[1:]) <= back and notes[0] not in back


def test_anonymous_answers_carry_no_stamp_that_tells_their_order(workspace: Workspace) -> None:
    change = library.store(workspace, SURVEY, Source.TEAM)
    assert change is not None
    change.apply(workspace)
    entry = library.catalogue(workspace).latest("survey")
    assert entry is not None
    for value in (1, 2, 3):
        started = responses.start_response(entry, round_label="Baseline")
        started.apply(workspace)
        responses.answer(entry.definition, started.uuid, "confident", Answer(value)).apply(workspace)
        responses.answer(entry.definition, started.uuid, "confident", Answer(4 - value)).apply(workspace)
    with sqlite3.connect(workspace.path) as db:
        stamps = db.execute("SELECT changed_in FROM form_response UNION ALL SELECT changed_in FROM form_answer")
        assert {row[0] for row in stamps} == {0}
        ids = [row[0] for row in db.execute("SELECT id FROM form_response ORDER BY rowid")]
    assert ids != sorted(ids) or len(set(ids)) == 3  # random keys: nothing counts up with the order of answering


def test_one_gesture_merges_into_one_inverse(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    first = changes.SetFields("pathway_stage", stage.uuid, {"description": "a"}, merge="typing").apply(workspace)
    second = changes.SetFields("pathway_stage", stage.uuid, {"description": "ab"}, merge="typing").apply(workspace)
    assert first.merge_key == second.merge_key == "typing"
    combined = second.then(first)
    assert isinstance(combined, changes.SetFields)
    combined.apply(workspace)
    assert service.list_stages(workspace)[0].description == stage.description


def test_a_change_to_a_removed_row_is_refused_plainly(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    service.remove_stage(stage.uuid).apply(workspace)
    attempts: list[Callable[[], object]] = [
        lambda: service.remove_stage(stage.uuid).apply(workspace),
        lambda: service.move_stage(stage.uuid, 2).apply(workspace),
        lambda: service.edit_stage(stage.uuid, name="x").apply(workspace),
    ]
    for attempt in attempts:
        with pytest.raises(TideskError, match="no longer in this workspace"):
            attempt()


def test_a_tag_outside_the_vocabulary_is_refused(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    with pytest.raises(TideskError, match="not one of the programme's"):
        tags.set_tags("pathway_stage", stage.uuid, ["theme:12"])
    with sqlite3.connect(workspace.path) as db, pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO tag (uuid, target_table, target, family, code) VALUES ('x', 't', 'y', 'theme', '12')")


def test_tags_are_counted_alike_across_areas(workspace: Workspace) -> None:
    stages = service.list_stages(workspace)
    tags.set_tags("pathway_stage", stages[0].uuid, ["theme:9", "principle:trust"]).apply(workspace)
    tags.set_tags("pathway_stage", stages[1].uuid, ["theme:9"]).apply(workspace)
    assert tags.count_by_tag(workspace, "theme")["theme:9"] == 2
    assert tags.tags_of(workspace, [stages[0].uuid]) == {stages[0].uuid: {"theme:9", "principle:trust"}}
    service.remove_stage(stages[1].uuid).apply(workspace)
    assert tags.count_by_tag(workspace, "theme")["theme:9"] == 1  # a removed row's tags go with it


def test_removed_rows_are_purged_once_every_kept_backup_has_the_removal(workspace: Workspace, places: object) -> None:
    from tidesk.core.backup import take_backup
    from tidesk.core.opening import settle
    from tidesk.core.places import Places

    assert isinstance(places, Places)
    stage = service.list_stages(workspace)[0]
    take_backup(workspace.path, places.backups)  # from before the removal: the mark must stay
    service.remove_stage(stage.uuid).apply(workspace)
    assert settle(workspace, places) == 0
    with sqlite3.connect(workspace.path) as db:
        assert db.execute("SELECT count(*) FROM pathway_stage WHERE uuid = ?", (stage.uuid,)).fetchone()[0] == 1
    for old in places.backups.rglob("*.tidesk"):
        old.unlink()  # the older backup aged out of the retention window
    take_backup(workspace.path, places.backups)
    assert settle(workspace, places) == 1
    with sqlite3.connect(workspace.path) as db:
        assert db.execute("SELECT count(*) FROM pathway_stage WHERE uuid = ?", (stage.uuid,)).fetchone()[0] == 0
