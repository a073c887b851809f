"""Familiarisation: meetings, what was heard in them, and the service documents collected.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "familiarisation_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("group_kind", sa.String(length=32), nullable=False),
        sa.Column("setting", sa.String(length=32), nullable=False),
        sa.Column("roles_present", sa.Text(), nullable=False),
        sa.Column("people_count", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_familiarisation_meeting")),
        sa.UniqueConstraint("uuid", name=op.f("uq_familiarisation_meeting_uuid")),
    )
    op.create_table(
        "familiarisation_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("theme", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["familiarisation_meeting.id"],
            name=op.f("fk_familiarisation_note_meeting_id_familiarisation_meeting"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_familiarisation_note")),
        sa.UniqueConstraint("uuid", name=op.f("uq_familiarisation_note_uuid")),
    )
    op.create_table(
        "service_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("dated", sa.Date(), nullable=True),
        sa.Column("location", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_document")),
        sa.UniqueConstraint("uuid", name=op.f("uq_service_document_uuid")),
    )


def downgrade() -> None:
    for name in ("service_document", "familiarisation_note", "familiarisation_meeting"):
        op.drop_table(name)
