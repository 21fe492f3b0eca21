"""knowledge: scrub henkilötunnus codes, in every spelling the detector knows, from the free text already stored

Revision ID: k0002
Revises: k0001
Create Date: 2026-12-04

The columns are those the models mark as free text (``archiving.free_text``) at
this revision; new rows are scrubbed as they are written. Batched, idempotent,
the same SQL on SQLite and PostgreSQL (``archiving.free_text.scrub_table``).
"""

from __future__ import annotations

from alembic import op

from archiving.free_text import JSON, TEXT, scrub_table

revision = "k0002"
down_revision = "k0001"
branch_labels = None
depends_on = None

# table: (key column, [(column, kind)])
SCRUB = {
    "kb_article_version": ("id", [("title", TEXT), ("content", TEXT), ("author", TEXT)]),
    "kb_announcement": ("id", [("message", TEXT), ("author", TEXT)]),
    "kb_question_log": ("id", [("question", TEXT)]),
}


def upgrade() -> None:
    connection = op.get_bind()
    for table, (key, columns) in SCRUB.items():
        scrub_table(connection, table, key, columns)


def downgrade() -> None:
    pass  # what was redacted is gone for good
