"""The workspace schema's history: Alembic migrations shipped inside the package, driven by its public API."""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

import tidesk.migrations

MIGRATIONS_DIR = Path(tidesk.migrations.__file__).resolve().parent


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@functools.cache
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "tidesk ships at least one migration"
    return head


@functools.cache
def known_revisions() -> frozenset[str]:
    return frozenset({script.revision for script in _scripts().walk_revisions()})


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, target: str = "head") -> None:
    """Bring the schema up to ``target`` inside the caller's transaction."""
    command.upgrade(_config(connection), target)
