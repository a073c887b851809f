"""The workspace schema's history: Alembic migrations shipped inside the package, driven by its public API.

Opening a workspace whose schema is current needs no Alembic at all: the revisions are listed here (a test
keeps this list equal to the migration files), so Alembic is imported only when something must change.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"

# Oldest first; the last is the head. Add each new migration's revision id here.
REVISIONS = ("0001", "0002", "0003", "0004", "0005")


def head_revision() -> str:
    return REVISIONS[-1]


def known_revisions() -> frozenset[str]:
    return frozenset(REVISIONS)


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema up to ``target`` inside the caller's transaction."""
    from alembic import command

    command.upgrade(_config(connection), target)


def alembic_revisions() -> list[str]:
    """The revisions as Alembic reads them from the migration files, oldest first (for the tests)."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]
