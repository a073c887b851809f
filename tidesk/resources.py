"""Find tidesk's shipped folders (forms/, resources/) from a checkout, a wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _candidates(name: str) -> list[Path]:
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:  # PyInstaller one-folder build
        places.append(Path(bundle) / name)
    places.append(_PACKAGE / "_data" / name)  # installed wheel (see pyproject force-include)
    places.append(_PACKAGE.parent / name)  # source checkout or editable install
    return places


def shipped_dir(name: str) -> Path:
    """The folder ``name`` ("forms" or "resources") as shipped with this copy of tidesk."""
    for place in _candidates(name):
        if place.is_dir():
            return place
    raise FileNotFoundError(f"tidesk's {name} folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return shipped_dir("resources").joinpath(*parts)
