"""desk: web_session, web sessions kept server-side so that sign-out, a role change and deactivation end them

Revision ID: d0002
Revises: d0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import archiving.types

revision = "d0002"
down_revision = "d0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "web_session",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("csrf", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("roles", sqlmodel.sql.sqltypes.AutoString(length=400), nullable=False),
        sa.Column("created_at", archiving.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", archiving.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", archiving.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
        sa.ForeignKeyConstraint(["worker_id"], ["worker.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("web_session") as batch:
        batch.create_index(batch.f("ix_web_session_worker_id"), ["worker_id"], unique=False)
        batch.create_index(batch.f("ix_web_session_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    op.drop_table("web_session")
