"""Forms: definitions kept in the workspace, responses and their answers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "form_definition",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("loaded_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_definition")),
        sa.UniqueConstraint("uuid", name=op.f("uq_form_definition_uuid")),
        sa.UniqueConstraint("form_id", "version", name="uq_form_definition_form_id_version"),
    )
    op.create_table(
        "form_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("form_id", sa.String(length=64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("round_label", sa.String(length=100), nullable=False),
        sa.Column("respondent", sa.String(length=200), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("anonymous", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_response")),
        sa.UniqueConstraint("uuid", name=op.f("uq_form_response_uuid")),
    )
    op.create_table(
        "form_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("response_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("special", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(["response_id"], ["form_response.id"],
                                name=op.f("fk_form_answer_response_id_form_response"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_answer")),
        sa.UniqueConstraint("uuid", name=op.f("uq_form_answer_uuid")),
        sa.UniqueConstraint("response_id", "item_id", name="uq_form_answer_response_id_item_id"),
    )


def downgrade() -> None:
    for name in ("form_answer", "form_response", "form_definition"):
        op.drop_table(name)
