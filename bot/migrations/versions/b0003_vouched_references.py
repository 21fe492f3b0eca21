"""bot: conversation_ref.vouched, whether the channel vouched for the turn that stored the reference

Revision ID: b0003
Revises: b0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b0003"
down_revision = "b0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # references stored so far count as unvouched: only their own sender or a vouched turn replaces them
    op.add_column("conversation_ref", sa.Column("vouched", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("conversation_ref") as batch:
        batch.drop_column("vouched")
