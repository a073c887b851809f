"""The first workspace: bookkeeping, settings, and the service profile, partners and pathway.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _row_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "workspace_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application", sa.String(length=32), nullable=False),
        sa.Column("workspace_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False, server_default=sa.func.current_timestamp()),
        sa.Column("created_by_version", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("is_demo", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workspace_meta")),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_setting")),
    )
    op.create_table(
        "service_profile",
        *_row_columns(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("setting", sa.String(length=32), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_profile")),
        sa.UniqueConstraint("uuid", name=op.f("uq_service_profile_uuid")),
    )
    op.create_table(
        "partner",
        *_row_columns(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("uuid", name=op.f("uq_partner_uuid")),
    )
    op.create_table(
        "pathway_stage",
        *_row_columns(),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pathway_stage")),
        sa.UniqueConstraint("uuid", name=op.f("uq_pathway_stage_uuid")),
    )


def downgrade() -> None:
    for name in ("pathway_stage", "partner", "service_profile", "setting", "workspace_meta"):
        op.drop_table(name)
