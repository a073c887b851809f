"""Shared fixtures: every test gets its own data folder; Qt runs offscreen; nothing touches the real home."""

from __future__ import annotations

import importlib.util
import os

# Qt offscreen, on a screen the size of the smallest a clinic PC has (1024×768): what fits there fits anywhere.
_SCREEN = os.path.join(os.path.dirname(__file__), "screen-1024x768.json")
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_SCREEN}")

# No network, ever: this process and every Python it starts refuse to connect (tests/no_network/).
_GUARD = os.path.join(os.path.dirname(__file__), "no_network")
os.environ["TIDESK_NO_NETWORK"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [_GUARD, os.environ.get("PYTHONPATH")]))
_spec = importlib.util.spec_from_file_location("tidesk_network_guard", os.path.join(_GUARD, "sitecustomize.py"))
assert _spec is not None and _spec.loader is not None
_guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)  # installs the guard here, before anything else is imported

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
