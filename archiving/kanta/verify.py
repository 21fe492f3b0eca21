"""``archive verify``: does the archive hold exactly what the core says it archived?

Every version the core recorded as archived (also when later superseded or
invalidated) must be in the archive exactly once, in the same state; every
archived or corrected document must have its current version recorded; and the
archive must hold nothing the core does not know. Reads no client data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from archiving.db import read_only
from archiving.enums import DocumentStatus, JobOperation
from archiving.kanta.gateway import ArchiveGateway, EntryState
from archiving.models import Document, DocumentVersion

# DocumentVersion.state → the state the archive must show for that version
EXPECTED_STATE = {
    "archived": EntryState.ACTIVE,
    "superseded": EntryState.SUPERSEDED,
    "invalidated": EntryState.INVALIDATED,
}


@dataclass
class VerifyReport:
    """The comparison; ``ok`` only when every list is empty."""

    archived: int = 0
    missing: list[dict[str, object]] = field(default_factory=list)
    duplicates: list[dict[str, object]] = field(default_factory=list)
    unknown: list[dict[str, object]] = field(default_factory=list)
    mismatched: list[dict[str, object]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.duplicates or self.unknown or self.mismatched)

    def to_json(self) -> dict[str, object]:
        return {
            "ok": self.ok,
            "archived": self.archived,
            "missing": self.missing,
            "duplicates": self.duplicates,
            "unknown": self.unknown,
            "mismatched": self.mismatched,
        }


def _archive_contents(
    gateway: ArchiveGateway, page_size: int
) -> tuple[Counter[tuple[int, int]], dict[tuple[int, int], str], Counter[tuple[int, int]]]:
    stored: Counter[tuple[int, int]] = Counter()
    states: dict[tuple[int, int], str] = {}
    invalidations: Counter[tuple[int, int]] = Counter()
    after: int | None = 0
    while after is not None:
        page = gateway.entries(after=after, limit=page_size)
        for entry in page.entries:
            key = (entry.document_id, entry.version)
            if entry.operation == JobOperation.INVALIDATE:
                invalidations[key] += 1
            else:
                stored[key] += 1
                states[key] = entry.state
        after = page.next_after
    return stored, states, invalidations


def verify(engine: Engine, gateway: ArchiveGateway, *, page_size: int = 5000) -> VerifyReport:
    """Compare the core's archived versions with the archive's entries."""
    with read_only(engine) as session:
        versions = session.exec(
            select(DocumentVersion.document_id, DocumentVersion.version, DocumentVersion.state)
        ).all()
        in_archive = session.exec(
            select(Document.id, Document.version, Document.status).where(
                col(Document.status).in_(
                    (DocumentStatus.ARCHIVED, DocumentStatus.CORRECTED, DocumentStatus.INVALIDATED)
                )
            )
        ).all()
    stored, states, invalidations = _archive_contents(gateway, page_size)
    report = VerifyReport(archived=len(versions))
    core = {(d, v): s for d, v, s in versions}
    for (doc_id, version), state in sorted(core.items()):
        where = {"document_id": doc_id, "version": version}
        count = stored.get((doc_id, version), 0)
        if count == 0:
            report.missing.append({**where, "reason": "not in the archive"})
            continue
        if count > 1:
            report.duplicates.append({**where, "count": count})
        expected = EXPECTED_STATE.get(state)
        if expected is not None and states[(doc_id, version)] != expected:
            report.mismatched.append({**where, "core": state, "archive": states[(doc_id, version)]})
        if state == "invalidated" and invalidations.get((doc_id, version), 0) != 1:
            report.mismatched.append({**where, "core": state, "invalidations": invalidations.get((doc_id, version), 0)})
    for doc_id, version, status in in_archive:
        current = version - 1 if status == DocumentStatus.CORRECTED else version  # a correction waits to be sent
        if (doc_id, current) not in core:
            report.missing.append(
                {"document_id": doc_id, "version": current, "reason": f"{status} in the core, no archived version"}
            )
    for key in sorted(set(stored) - set(core)):
        report.unknown.append({"document_id": key[0], "version": key[1], "count": stored[key]})
    return report
