"""The service area's use cases and their inverses (the GUI's undo relies on these round trips)."""

from __future__ import annotations

import pytest

from tidesk.core import service
from tidesk.core.errors import TideskError
from tidesk.core.workspace import Workspace


def test_profile_update_returns_what_undo_needs(workspace: Workspace) -> None:
    before = service.update_profile(workspace, name="  Carran Service ", setting="island")
    assert before == service.ProfileData()
    assert service.get_profile(workspace).name == "Carran Service"
    service.set_profile(workspace, before)
    assert service.get_profile(workspace) == service.ProfileData()


def test_unknown_setting_is_refused(workspace: Workspace) -> None:
    with pytest.raises(ValueError):
        service.update_profile(workspace, setting="moon")


def test_remove_and_restore_partner_puts_it_back_in_place(workspace: Workspace) -> None:
    for name in ("A", "B", "C"):
        service.add_partner(workspace, name)
    middle = service.list_partners(workspace)[1]
    removed = service.remove_partner(workspace, middle.uuid)
    assert [p.name for p in service.list_partners(workspace)] == ["A", "C"]
    service.restore_partner(workspace, removed)
    assert service.list_partners(workspace)[1] == middle


def test_move_stage_and_back(workspace: Workspace) -> None:
    stages = service.list_stages(workspace)
    old_index = service.move_stage(workspace, stages[0].uuid, 3)
    assert service.list_stages(workspace)[3].uuid == stages[0].uuid
    service.move_stage(workspace, stages[0].uuid, old_index)
    assert service.list_stages(workspace) == stages


def test_edits_to_a_removed_item_say_so_plainly(workspace: Workspace) -> None:
    stage = service.list_stages(workspace)[0]
    service.remove_stage(workspace, stage.uuid)
    with pytest.raises(TideskError, match="no longer in this workspace"):
        service.update_stage(workspace, stage.uuid, name="x")


def test_report_data_is_plain(workspace: Workspace) -> None:
    service.update_profile(workspace, name="Carran", setting="remote_rural")
    data = service.report_data(workspace)
    assert data.setting_label == "Remote rural" and len(data.stages) == 10
