"""Rows ready to travel between machines: change and removal stamps on every row, references by uuid, tags.

Every row gains ``changed_in`` (the workspace revision that last changed it; 0 for rows older than this
migration) and ``removed_in`` (set when it is removed; removed rows stay, marked, until backups from before
the removal have aged out). Rows that will cross machines refer to each other by uuid: a familiarisation note
to its meeting, an answer to its response. The programme's one tagging convention gets its table, and the
themes noted on familiarisation notes move into it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ROW_TABLES = ("service_profile", "partner", "pathway_stage", "familiarisation_meeting", "familiarisation_note",
              "service_document", "form_definition", "form_response", "form_answer")
# The vocabulary as it was when this migration was written (migrations never import the code's lists).
VOCABULARY = (
    "(family = 'theme' AND code IN ('1', '2', '3', '4', '5', '6', '7', '8', '9')) OR "
    "(family = 'principle' AND code IN ('safety', 'trust', 'choice', 'collaboration', 'empowerment')) OR "
    "(family = 'mat' AND code IN ('1', '2', '3', '4', '5', '6', '7', '8', '9', '10'))"
)
TAG_NAMESPACE = uuid.UUID("6f1c2a4e-5b0d-4c1e-9a57-0b7d3f2e8c41")  # migrated tags get the same uuid everywhere


def upgrade() -> None:
    for name in ROW_TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("changed_in", sa.Integer(), nullable=False, server_default="0"))
            batch.add_column(sa.Column("removed_in", sa.Integer(), nullable=True))

    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("changed_in", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("removed_in", sa.Integer(), nullable=True),
        sa.Column("target_table", sa.String(length=64), nullable=False),
        sa.Column("target", sa.String(length=36), nullable=False),
        sa.Column("family", sa.String(length=16), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.CheckConstraint(VOCABULARY, name=op.f("ck_tag_vocabulary")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("uuid", name=op.f("uq_tag_uuid")),
        sa.UniqueConstraint("target", "family", "code", name="uq_tag_target_family_code"),
    )
    op.create_index(op.f("ix_tag_target"), "tag", ["target"])

    connection = op.get_bind()
    notes = connection.execute(sa.text(
        "SELECT uuid, theme FROM familiarisation_note WHERE theme BETWEEN 1 AND 9 ORDER BY id")).all()
    for note_uuid, theme in notes:
        connection.execute(
            sa.text("INSERT INTO tag (uuid, target_table, target, family, code) "
                    "VALUES (:uuid, 'familiarisation_note', :target, 'theme', :code)"),
            {"uuid": str(uuid.uuid5(TAG_NAMESPACE, f"{note_uuid}:theme:{theme}")), "target": note_uuid,
             "code": str(theme)},
        )

    with op.batch_alter_table("familiarisation_note") as batch:
        batch.add_column(sa.Column("meeting_uuid", sa.String(length=36), nullable=True))
    connection.execute(sa.text(
        "UPDATE familiarisation_note SET meeting_uuid = "
        "(SELECT uuid FROM familiarisation_meeting WHERE familiarisation_meeting.id = familiarisation_note.meeting_id)"))
    with op.batch_alter_table("familiarisation_note", recreate="always") as batch:
        batch.drop_constraint("fk_familiarisation_note_meeting_id_familiarisation_meeting", type_="foreignkey")
        batch.drop_column("meeting_id")
        batch.drop_column("theme")
        batch.alter_column("meeting_uuid", existing_type=sa.String(length=36), nullable=False)
        batch.create_foreign_key(op.f("fk_familiarisation_note_meeting_uuid_familiarisation_meeting"),
                                 "familiarisation_meeting", ["meeting_uuid"], ["uuid"], ondelete="CASCADE")

    with op.batch_alter_table("form_answer") as batch:
        batch.add_column(sa.Column("response_uuid", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("anonymous", sa.Boolean(), nullable=False, server_default=sa.false()))
    connection.execute(sa.text(
        "UPDATE form_answer SET "
        "response_uuid = (SELECT uuid FROM form_response WHERE form_response.id = form_answer.response_id), "
        "anonymous = (SELECT anonymous FROM form_response WHERE form_response.id = form_answer.response_id)"))
    with op.batch_alter_table("form_answer", recreate="always") as batch:
        batch.drop_constraint("uq_form_answer_response_id_item_id", type_="unique")
        batch.drop_constraint("fk_form_answer_response_id_form_response", type_="foreignkey")
        batch.drop_column("response_id")
        batch.alter_column("response_uuid", existing_type=sa.String(length=36), nullable=False)
        batch.create_foreign_key(op.f("fk_form_answer_response_uuid_form_response"), "form_response",
                                 ["response_uuid"], ["uuid"], ondelete="CASCADE")
        batch.create_unique_constraint("uq_form_answer_response_uuid_item_id", ["response_uuid", "item_id"])


def downgrade() -> None:
    raise NotImplementedError("tidesk never downgrades a workspace; restore the backup taken before upgrading")
