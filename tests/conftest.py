"""Shared fixtures: every test gets its own data folder; Qt runs offscreen; nothing touches the real home."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest

from tidesk.core.places import Places
from tidesk.core.workspace import Workspace

pytest_plugins = ["tests.gui_fixtures"]


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may read or write the user's real data folder."""
    monkeypatch.setenv("TIDESK_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def places(tmp_path: Path) -> Places:
    return Places.resolve(tmp_path / "data")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    ws = Workspace.create(tmp_path / "service.tidesk")
    yield ws
    ws.close()
