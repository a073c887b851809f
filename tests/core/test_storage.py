"""A write that cannot be stored (a read-only file, a full disk) is a plain StorageError, and keeps nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import event

from tests.helpers import live_state
from tidesk.core import service
from tidesk.core.errors import StorageError
from tidesk.core.workspace import Workspace


def refuse_writes(ws: Workspace, pragma: str) -> Callable[[], None]:
    """Make every connection of the workspace refuse to write, as a read-only file or a full disk would."""

    def configure(connection: object, _record: object) -> None:
        connection.execute(pragma)  # type: ignore[attr-defined]

    event.listen(ws.engine, "connect", configure)
    ws.engine.dispose()  # connections made from now on refuse

    def undo() -> None:
        event.remove(ws.engine, "connect", configure)
        ws.engine.dispose()

    return undo


@pytest.fixture
def read_only(workspace: Workspace) -> Iterator[Workspace]:
    undo = refuse_writes(workspace, "PRAGMA query_only=ON")
    yield workspace
    undo()


def test_a_write_to_a_read_only_workspace_says_so_plainly_and_keeps_nothing(read_only: Workspace) -> None:
    before = live_state(read_only.path)
    revision = read_only.revision
    with pytest.raises(StorageError) as caught:
        service.edit_profile(name="Carran").apply(read_only)
    message = str(caught.value)
    assert message.startswith("This change was not stored") and "can only be read" in message
    assert "sqlite" not in message.lower() and "attempt to write" not in message  # no technical words
    assert live_state(read_only.path) == before and read_only.revision == revision
    assert service.get_profile(read_only).name == ""  # reading still works


def test_a_full_disk_says_so_plainly(workspace: Workspace) -> None:
    with workspace.read() as session:
        pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
    undo = refuse_writes(workspace, f"PRAGMA max_page_count={pages}")
    try:
        with pytest.raises(StorageError, match="no room left on the disk"):
            service.add_stage("A long stage " * 5000).apply(workspace)
    finally:
        undo()
    service.add_stage("Peer welcome").apply(workspace)  # with room again, writes carry on
    assert service.list_stages(workspace)[-1].name == "Peer welcome"
