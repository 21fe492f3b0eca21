"""Figures for follow-up: documents per service unit and state (no client data, so no audit row)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from archiving.models import Document, ServiceUnit


def status_counts(session: Session) -> dict[str, int]:
    """Documents per state over the whole district."""
    rows = session.exec(select(Document.status, func.count()).group_by(Document.status)).all()
    return {status: count for status, count in rows}


def status_counts_by_unit(session: Session) -> list[dict[str, object]]:
    """One row per (service unit, state): unit id, OID, name, state and count; no unit → None."""
    rows = session.exec(
        select(ServiceUnit.id, ServiceUnit.oid, ServiceUnit.name, Document.status, func.count())
        .select_from(Document)
        .join(ServiceUnit, ServiceUnit.id == Document.service_unit_id, isouter=True)  # type: ignore[arg-type]
        .group_by(ServiceUnit.id, ServiceUnit.oid, ServiceUnit.name, Document.status)
        .order_by(ServiceUnit.name, Document.status)
    ).all()
    return [
        {"unit_id": uid, "unit_oid": oid, "unit_name": name, "status": status, "count": count}
        for uid, oid, name, status, count in rows
    ]
