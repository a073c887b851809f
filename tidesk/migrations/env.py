"""Alembic environment: tidesk always passes in the connection, so nothing here reads a URL."""

from __future__ import annotations

from alembic import context

from tidesk.core.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable from the alembic command line
    raise SystemExit("Run migrations through tidesk (tidesk.core.schema.upgrade), not the alembic CLI.")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
