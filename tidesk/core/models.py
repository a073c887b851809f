"""Every table's model, gathered so the metadata (and Alembic, and the changes) sees the whole schema.

Each area keeps its tables in ``tidesk/core/<area>/models.py`` and the forms mechanism in
``tidesk/core/forms/models.py``; they are found by walking the package, so adding an area edits no list.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil

import tidesk.core
from tidesk.core.db import Base, Setting, Tag, WorkspaceMeta

__all__ = ["Base", "Setting", "Tag", "WorkspaceMeta", "load_models", "model_modules"]


def model_modules() -> list[str]:
    """``tidesk.core.<package>.models`` for every package of the core that has one."""
    found = []
    for info in pkgutil.iter_modules(tidesk.core.__path__):
        if info.ispkg:
            name = f"tidesk.core.{info.name}.models"
            if importlib.util.find_spec(name) is not None:
                found.append(name)
    return sorted(found)


@functools.cache
def load_models() -> None:
    for name in model_modules():
        importlib.import_module(name)


load_models()
