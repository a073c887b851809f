"""The window (PySide6): the shell, shared widgets, the form view, and one folder per area.

PySide6 puts a hook on every import to see whether the module uses its ``__feature__`` switches, and it
finds out by reading the module's whole source: after Qt is loaded, every later import costs time and
memory (SQLAlchemy: about 0.1 s and 18 MB). tidesk uses no such switch, so the check is made by name.
"""

from __future__ import annotations

import sys

import PySide6.QtCore  # noqa: F401 - loads the hook tamed below


def _tame_the_import_hook() -> None:
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 - a module without type hints


def _uses_pyside(module: object) -> bool:
    return str(getattr(module, "__name__", "")).startswith(("PySide6", "tidesk.gui"))


_tame_the_import_hook()
