"""Familiarisation as the lead captures it: who took part, notes that answer the discussion guide, findings
marked in the notes, a fuller documents register with attached files, and the team's readiness judgement.

What older workspaces hold is carried over, nothing dropped:
- a meeting's roles and head count become one participant row, and its summary its first note;
- a note that was a facilitator or a barrier stays a note and gains a finding covering all its words, and
  its theme tags move to that finding;
- a document's date becomes the date it was last reviewed, its location goes into its notes ("Kept at: …"),
  and its kind is one of the register's kinds (a form is "other").

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""
from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

NAMESPACE = uuid.UUID("0b5d7a38-61c4-4c55-9d4e-3f1f7c2d9a05")  # migrated rows get the same uuid everywhere
KINDS = {"policy": "policy", "procedure": "procedure", "pathway": "pathway", "leaflet": "leaflet",
         "letter template": "letter template", "job description": "job description"}


def _stamps() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("changed_in", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("removed_in", sa.Integer(), nullable=True),
    ]


def _keys(name: str) -> list[sa.Constraint]:
    return [sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
            sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid"))]


def _child(name: str, parent: str, column: str) -> sa.Constraint:
    return sa.ForeignKeyConstraint([column], [f"{parent}.uuid"], name=op.f(f"fk_{name}_{column}_{parent}"),
                                   ondelete="CASCADE")


def _new_tables() -> None:
    op.create_table(
        "familiarisation_participant", *_stamps(),
        sa.Column("meeting_uuid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("organisation", sa.String(length=200), nullable=False),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        _child("familiarisation_participant", "familiarisation_meeting", "meeting_uuid"),
        *_keys("familiarisation_participant"),
    )
    op.create_table(
        "familiarisation_finding", *_stamps(),
        sa.Column("note_uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("passage", sa.Text(), nullable=False),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("quote", sa.Boolean(), nullable=False),
        _child("familiarisation_finding", "familiarisation_note", "note_uuid"),
        *_keys("familiarisation_finding"),
    )
    op.create_table(
        "service_document_file", *_stamps(),
        sa.Column("document_uuid", sa.String(length=36), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        _child("service_document_file", "service_document", "document_uuid"),
        *_keys("service_document_file"),
    )
    op.create_table(
        "familiarisation_readiness", *_stamps(),
        sa.Column("theme", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("judgement", sa.Text(), nullable=False),
        *_keys("familiarisation_readiness"),
    )
    op.create_table(
        "readiness_question", *_stamps(),
        sa.Column("theme", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *_keys("readiness_question"),
    )


def _drop(connection: sa.Connection, name: str, *columns: str) -> None:
    """Drop columns in place. Never by copying the table (Alembic's batch mode): these tables have children,
    and with foreign keys on, dropping the old copy would delete every child row with it."""
    for column in columns:
        connection.execute(sa.text(f'ALTER TABLE "{name}" DROP COLUMN "{column}"'))


def _made(kind: str, *parts: object) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *map(str, parts)])))


def _meetings(connection: sa.Connection) -> None:
    with op.batch_alter_table("familiarisation_meeting") as batch:
        batch.add_column(sa.Column("guide_id", sa.String(length=64), nullable=False,
                                   server_default="familiarisation-guide"))
        batch.add_column(sa.Column("guide_version", sa.Integer(), nullable=True))
    with op.batch_alter_table("familiarisation_note") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("question_id", sa.String(length=64), nullable=False, server_default=""))
    meetings = connection.execute(sa.text(
        "SELECT uuid, roles_present, people_count, summary, removed_in FROM familiarisation_meeting")).all()
    for meeting, roles, people, summary, removed in meetings:
        if (roles or "").strip() or (people or 0) > 1:
            connection.execute(sa.text(
                "INSERT INTO familiarisation_participant (uuid, removed_in, meeting_uuid, position, role, "
                "organisation, people, name) VALUES (:uuid, :removed, :meeting, 0, :role, '', :people, '')"),
                {"uuid": _made("participant", meeting), "removed": removed, "meeting": meeting,
                 "role": (roles or "").strip(), "people": max(1, people or 1)})
        first = 0
        if (summary or "").strip():
            connection.execute(sa.text(
                "INSERT INTO familiarisation_note (uuid, removed_in, meeting_uuid, position, question_id, kind, "
                "text) VALUES (:uuid, :removed, :meeting, 0, '', 'observation', :text)"),
                {"uuid": _made("summary", meeting), "removed": removed, "meeting": meeting, "text": summary})
            first = 1
        notes = connection.execute(sa.text(
            "SELECT uuid FROM familiarisation_note WHERE meeting_uuid = :meeting AND uuid != :summary ORDER BY id"),
            {"meeting": meeting, "summary": _made("summary", meeting)}).scalars().all()
        for position, note in enumerate(notes, start=first):
            connection.execute(sa.text("UPDATE familiarisation_note SET position = :p WHERE uuid = :uuid"),
                               {"p": position, "uuid": note})
    _drop(connection, "familiarisation_meeting", "roles_present", "people_count", "summary")


def _findings(connection: sa.Connection) -> None:
    heard = connection.execute(sa.text(
        "SELECT uuid, kind, text, removed_in FROM familiarisation_note WHERE kind IN ('facilitator', 'barrier')"
    )).all()
    for note, kind, text, removed in heard:
        finding = _made("finding", note)
        connection.execute(sa.text(
            "INSERT INTO familiarisation_finding (uuid, removed_in, note_uuid, kind, start, passage, wording, role, "
            "quote) VALUES (:uuid, :removed, :note, :kind, 0, :text, :text, '', 0)"),
            {"uuid": finding, "removed": removed, "note": note, "kind": kind, "text": text})
        connection.execute(sa.text(
            "UPDATE tag SET target_table = 'familiarisation_finding', target = :finding "
            "WHERE target_table = 'familiarisation_note' AND target = :note"), {"finding": finding, "note": note})
    _drop(connection, "familiarisation_note", "kind")


def _documents(connection: sa.Connection) -> None:
    with op.batch_alter_table("service_document") as batch:
        batch.add_column(sa.Column("lens_reviewed_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("lens_review_due", sa.Date(), nullable=True))
        batch.add_column(sa.Column("file_name", sa.String(length=255), nullable=False, server_default=""))
        batch.add_column(sa.Column("file_size", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("file_sha256", sa.String(length=64), nullable=False, server_default=""))
    for document, kind, location, notes in connection.execute(sa.text(
            "SELECT uuid, kind, location, notes FROM service_document")).all():
        kept = (location or "").strip()
        joined = "\n".join(part for part in ((notes or "").strip(), f"Kept at: {kept}" if kept else "") if part)
        connection.execute(sa.text("UPDATE service_document SET kind = :kind, notes = :notes WHERE uuid = :uuid"),
                           {"kind": KINDS.get((kind or "").strip().lower(), "other"), "notes": joined,
                            "uuid": document})
    connection.execute(sa.text("ALTER TABLE service_document RENAME COLUMN dated TO reviewed_on"))
    _drop(connection, "service_document", "location")


def upgrade() -> None:
    connection = op.get_bind()
    _new_tables()
    _meetings(connection)
    _findings(connection)
    _documents(connection)


def downgrade() -> None:
    raise NotImplementedError("tidesk never downgrades a workspace; restore the backup taken before upgrading")
