"""desk: scrub henkilötunnus codes, in every spelling the detector knows, from the free text already stored

Revision ID: d0003
Revises: d0002
Create Date: 2026-12-04

The columns are those the models mark as free text (``archiving.free_text``) at
this revision; new rows are scrubbed as they are written. Batched, idempotent,
the same SQL on SQLite and PostgreSQL (``archiving.free_text.scrub_table``).
"""

from __future__ import annotations

from alembic import op

from archiving.free_text import JSON, TEXT, scrub_table

revision = "d0003"
down_revision = "d0002"
branch_labels = None
depends_on = None

# table: (key column, [(column, kind)])
SCRUB = {
    "desk_session": ("id", [("cancel_reason", TEXT)]),
    "desk_closure": ("day", [("reason", TEXT)]),
    "desk_queue_entry": ("id", [("topic", TEXT), ("notes", TEXT)]),
    "desk_ticket": ("id", [("question", TEXT)]),
    "desk_ticket_message": ("id", [("body", TEXT)]),
    "desk_instruction_need": ("id", [("summary", TEXT)]),
    "desk_invitation_send": ("id", [("error", TEXT)]),
}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (key, columns) in SCRUB.items():
        scrub_table(connection, table, key, columns)


def downgrade() -> None:
    pass  # what was redacted is gone for good
