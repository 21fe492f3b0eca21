"""bot: scrub henkilötunnus codes, in every spelling the detector knows, from the free text already stored

Revision ID: b0004
Revises: b0003
Create Date: 2026-12-04

The columns are those the models mark as free text (``archiving.free_text``) at
this revision; new rows are scrubbed as they are written. Batched, idempotent,
the same SQL on SQLite and PostgreSQL (``archiving.free_text.scrub_table``).
"""

from __future__ import annotations

from alembic import op

from archiving.free_text import JSON, TEXT, scrub_table

revision = "b0004"
down_revision = "b0003"
branch_labels = None
depends_on = None

# table: (key column, [(column, kind)])
SCRUB = {
    "outbox_message": ("id", [("text", TEXT), ("card_json", JSON), ("last_error", TEXT)]),
    "background_lease": ("name", [("last_error", TEXT)]),
}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (key, columns) in SCRUB.items():
        scrub_table(connection, table, key, columns)


def downgrade() -> None:
    pass  # what was redacted is gone for good
