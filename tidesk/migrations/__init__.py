"""Alembic migrations for the workspace schema. Each revision file is one step; old workspaces must open."""
