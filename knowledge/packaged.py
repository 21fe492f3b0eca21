"""The instructions that come with the bot count as published: at every start they are brought into the database.

A fresh install publishes the whole packaged set (or ``ARKISTOBOTTI_KNOWLEDGE_DIR``)
as version 1 by :data:`PACKAGE_AUTHOR`, so that the communications team can edit
and link to any of them, and publishing one article never hides the others. A
later release may change a packaged instruction or add one: an instruction whose
newest version is still the package's gets the new text as its next version; one
the team has edited (or is editing as a draft) is left alone. New slugs are added.

Idempotent and safe when several instances start at once: each run is one
transaction, and the unique slug and version-number constraints make a second,
simultaneous run fail and try again, when it finds nothing left to do.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from archiving.db import transaction
from knowledge import messages
from knowledge.checks import check_directory
from knowledge.models import KbArticle, KbArticleVersion
from knowledge.problems import ArticleError, refusal
from knowledge.publishing import UNCHANGED, PublishResult, publish_in_session

ARTICLES_DIR = Path(__file__).with_name("articles")
PACKAGE_AUTHOR = messages.PACKAGE_AUTHOR
ATTEMPTS = 3


def publish_packaged(engine: Engine, directory: Path | None = None, *, now: dt.datetime) -> list[PublishResult]:
    """Publish what the database lacks of the packaged set; returns only what changed (empty on most starts)."""
    result = check_directory(directory or ARTICLES_DIR)
    if not result.ok:
        raise ArticleError(result.problems)
    for attempt in range(ATTEMPTS):
        try:
            with transaction(engine) as session:
                newest = _newest_versions(session)
                wanted = [
                    a for a in result.articles
                    if a.slug not in newest or (newest[a.slug][0] == PACKAGE_AUTHOR and newest[a.slug][1] != a.content_hash)
                ]  # fmt: skip
                results = [publish_in_session(session, a, PACKAGE_AUTHOR, now) for a in wanted]
                return [r for r in results if r.action != UNCHANGED]
        except IntegrityError:
            if attempt == ATTEMPTS - 1:
                raise refusal(messages.E_PUBLISH_RACE) from None
    return []  # pragma: no cover - the loop returns or raises


def _newest_versions(session) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Each stored article's newest version (of any status): (author, content hash)."""
    rows = session.exec(
        select(KbArticle.slug, KbArticleVersion.author, KbArticleVersion.content_hash)
        .join(KbArticleVersion, col(KbArticle.id) == KbArticleVersion.article_id)
        .order_by(col(KbArticle.slug), col(KbArticleVersion.number).desc())
    ).all()
    newest: dict[str, tuple[str, str]] = {}
    for slug, author, digest in rows:
        newest.setdefault(slug, (author, digest))
    return newest
