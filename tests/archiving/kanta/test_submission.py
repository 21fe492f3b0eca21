"""What is sent for a document depends on the document alone, never on the batch it travels in."""

from __future__ import annotations

import random

from queue_support import NOW  # tests/archiving is on sys.path
from sqlalchemy.engine import Engine
from sqlmodel import Session

from archiving.kanta.submission import build_submissions, header_digest, header_json
from archiving.demo.loadgen import create_queued_district
from archiving.models import Document


def test_a_header_is_the_same_whatever_else_is_in_the_batch(engine: Engine) -> None:
    d = create_queued_district(engine, clients=1, documents_per_client=1, rng=random.Random(3), now=NOW)
    rel, case, client = d.document_ids
    with Session(engine) as session:
        docs = {i: session.get(Document, i) for i in d.document_ids}
        alone = {i: build_submissions(session, [docs[i]])[i] for i in d.document_ids}
        together = build_submissions(session, list(docs.values()))  # type: ignore[arg-type]
    for i in d.document_ids:
        assert header_digest(header_json(alone[i].header())) == header_digest(header_json(together[i].header()))
    assert together[case].case_set_id is None  # a case record does not refer to itself
    assert together[client].case_set_id == together[case].set_id and alone[client].case_set_id == together[case].set_id
