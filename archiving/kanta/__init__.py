"""The national archive (Kanta): the gateway seam, what is sent, the archive's rules and its stand-in."""

from archiving.kanta.catalog import CachedCatalog, CodeCatalog, catalog_from_database, fixed_catalog
from archiving.kanta.factory import gateway_from_settings, make_gateway
from archiving.kanta.gateway import (
    ArchiveConflict,
    ArchiveEntry,
    ArchiveError,
    ArchiveGateway,
    ArchiveReceipt,
    ArchiveRejected,
    ArchiveUnavailable,
    EntryPage,
    Outcome,
    OutcomeUnknown,
    Violation,
)
from archiving.kanta.http_client import HttpArchiveGateway
from archiving.kanta.simulator import Fault, FaultPlan, KantaSimulator
from archiving.kanta.store import ArchiveStore
from archiving.kanta.submission import (
    Invalidation,
    Submission,
    build_invalidations,
    build_submission,
    build_submissions,
)

__all__ = [
    "ArchiveConflict",
    "ArchiveEntry",
    "ArchiveError",
    "ArchiveGateway",
    "ArchiveReceipt",
    "ArchiveRejected",
    "ArchiveStore",
    "ArchiveUnavailable",
    "CachedCatalog",
    "CodeCatalog",
    "EntryPage",
    "Fault",
    "FaultPlan",
    "HttpArchiveGateway",
    "Invalidation",
    "KantaSimulator",
    "Outcome",
    "OutcomeUnknown",
    "Submission",
    "Violation",
    "build_invalidations",
    "build_submission",
    "build_submissions",
    "catalog_from_database",
    "fixed_catalog",
    "gateway_from_settings",
    "make_gateway",
]
