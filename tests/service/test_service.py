"""The service area's changes and their inverses (the GUI's undo relies on these round trips)."""

from __future__ import annotations

import pytest

from tidesk.core import service
from tidesk.core.errors import TideskError
from tidesk.core.workspace import Workspace


def test_a_profile_edit_is_tidied_and_its_inverse_puts_it_back(workspace: Workspace) -> None:
    undo = service.edit_profile(name="  Carran Service ", setting="island").apply(workspace)
    assert service.get_profile(workspace).name == "Carran Service"
    redo = undo.apply(workspace)
    assert service.get_profile(workspace) == service.ProfileData()
    redo.apply(workspace)
    assert service.get_profile(workspace).name == "Carran Service"


def test_unknown_setting_is_refused_before_anything_is_written(workspace: Workspace) -> None:
    revision = workspace.revision
    with pytest.raises(TideskError, match="not a setting"):
        service.edit_profile(setting="moon")
    with pytest.raises(ValueError, match="unknown profile fields"):
        service.edit_profile(colour="blue")
    assert workspace.revision == revision


def test_remove_and_restore_partner_puts_it_back_in_place(workspace: Workspace) -> None:
    for name in ("A", "B", "C"):
        service.add_partner(name).apply(workspace)
    middle = service.list_partners(workspace)[1]
    restore = service.remove_partner(middle.uuid).apply(workspace)
    assert [p.name for p in service.list_partners(workspace)] == ["A", "C"]
    restore.apply(workspace)
    assert service.list_partners(workspace)[1] == middle


def test_inserting_a_stage_moves_the_later_ones_down_and_undo_moves_them_back(workspace: Workspace) -> None:
    stages = service.list_stages(workspace)
    undo = service.add_stage("Peer welcome", position=2).apply(workspace)
    names = [s.name for s in service.list_stages(workspace)]
    assert names[2] == "Peer welcome" and names[3] == stages[2].name and len(names) == 11
    undo.apply(workspace)
    assert service.list_stages(workspace) == stages


def test_move_stage_and_back(workspace: Workspace) -> None:
    stages = service.list_stages(workspace)
    undo = service.move_stage(stages[0].uuid, 3).apply(workspace)
    assert service.list_stages(workspace)[3].uuid == stages[0].uuid
    undo.apply(workspace)
    assert service.list_stages(workspace) == stages


def test_edits_to_a_removed_item_say_so_plainly(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    service.remove_stage(stage.uuid).apply(workspace)
    with pytest.raises(TideskError, match="no longer in this workspace"):
        service.edit_stage(stage.uuid, name="x").apply(workspace)


def test_a_blank_name_is_refused_when_the_change_is_built(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    for build in (
        lambda: service.add_stage("  "),
        lambda: service.edit_stage(stage.uuid, name=" "),
        lambda: service.add_partner(""),
        lambda: service.edit_partner(stage.uuid, name=""),
    ):
        with pytest.raises(TideskError, match="needs a name"):
            build()


def test_report_data_is_plain(workspace: Workspace) -> None:
    service.edit_profile(name="Carran", setting="remote_rural").apply(workspace)
    data = service.report_data(workspace)
    assert data.setting_label == "Remote rural" and len(data.stages) == 10
