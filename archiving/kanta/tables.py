"""The stand-in archive's table, in its own ``MetaData`` so it never enters the product's migrations.

One row per stored item (an archived version or an invalidation), with the
digest of its header so that a resend is compared without parsing. The
henkilötunnus is stored because the archive files documents under it; nothing
reads it back out except the archive's own order rule.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, Text

from archiving.types import UTCDateTime

metadata = MetaData()

entries = Table(
    "kanta_entry",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(64), nullable=False, unique=True),
    Column("idempotency_key", String(128), nullable=False, unique=True),
    Column("operation", String(16), nullable=False),
    Column("set_id", String(200), nullable=False, index=True),
    Column("document_id", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("client_hetu", String(11), nullable=False, index=True),
    Column("state", String(16), nullable=False),
    Column("header_json", Text, nullable=False),
    Column("header_digest", String(64), nullable=True),  # SHA-256 of the canonical header; null before it existed
    Column("content", Text, nullable=False),
    Column("received_at", UTCDateTime(), nullable=False),
)
