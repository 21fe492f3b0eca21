"""Publishing articles into the database as versions, for the communications team.

Only a changed article gets a new version; each version records its author and
time. A draft version waits beside the published one and never reaches users.
A publish run is one transaction: either every article of it is stored or none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from archiving.db import read_only, transaction
from knowledge.articles import Article, parse_article
from knowledge.checks import article_files, check_directory, check_files, check_set
from knowledge.models import DRAFT, PUBLISHED, KbArticle, KbArticleVersion
from knowledge import messages as M
from knowledge.problems import ArticleError, errors, refusal

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


@dataclass(frozen=True)
class PublishResult:
    """What publishing did to one article; ``number`` is the version now matching the file."""

    slug: str
    action: str
    number: int
    status: str


@dataclass(frozen=True)
class VersionView:
    slug: str
    number: int
    status: str
    title: str
    author: str
    created_at: dt.datetime
    content_hash: str
    content: str


def publish_articles(
    engine: Engine, articles: list[Article], *, author: str, now: dt.datetime, draft: bool = False
) -> list[PublishResult]:
    """Store a new version of every changed article, all in one transaction."""
    author = author.strip()
    if not author:
        raise refusal(M.E_AUTHOR_REQUIRED)
    try:
        with transaction(engine) as session:
            return [publish_in_session(session, a, author[:200], now, draft) for a in articles]
    except IntegrityError:
        raise refusal(M.E_PUBLISH_RACE) from None


def publish_in_session(session: Session, article: Article, author: str, now: dt.datetime, draft: bool = False) -> PublishResult:
    """A new version of ``article`` in the caller's transaction, unless the matching version already has its text."""
    status = DRAFT if draft or article.status == DRAFT else PUBLISHED
    row = session.exec(select(KbArticle).where(KbArticle.slug == article.slug)).first()
    if row is None:
        row = KbArticle(slug=article.slug, created_at=now)
        session.add(row)
        session.flush()
    versions = session.exec(
        select(KbArticleVersion).where(KbArticleVersion.article_id == row.id).order_by(col(KbArticleVersion.number).desc())
    ).all()
    digest = article.content_hash
    published = next((v for v in versions if v.status == PUBLISHED), None)
    same = published if status == PUBLISHED else (versions[0] if versions else None)
    if same is not None and same.content_hash == digest:
        return PublishResult(article.slug, UNCHANGED, same.number, same.status)
    number = versions[0].number + 1 if versions else 1
    session.add(
        KbArticleVersion(
            article_id=row.id, number=number, status=status, title=article.title, content=article.text,
            content_hash=digest, author=author, created_at=now,
        )  # fmt: skip
    )
    session.flush()
    return PublishResult(article.slug, UPDATED if versions else CREATED, number, status)


def known_slugs(engine: Engine) -> set[str]:
    with read_only(engine) as session:
        return set(session.exec(select(KbArticle.slug)).all())


def publish_path(engine: Engine, path: Path, *, author: str, now: dt.datetime, draft: bool = False) -> list[PublishResult]:
    """Validate a folder or one file (links may point at published slugs), then publish."""
    if path.is_dir():
        result = check_directory(path)
    elif path.is_file():
        siblings = {p.stem for p in article_files(path.parent)}
        result = check_files([path], known_slugs(engine) | siblings)
    else:
        raise refusal(M.E_NO_PATH, path=path)
    if not result.ok:
        raise ArticleError(result.problems)
    return publish_articles(engine, result.articles, author=author, now=now, draft=draft)


def publish_text(
    engine: Engine, text: str, *, author: str, now: dt.datetime, draft: bool = False, slug: str | None = None
) -> PublishResult:
    """Publish one article given as text (the web editor); ``slug`` pins which article it must be."""
    parsed, problems = parse_article(text, slug or "article")
    if parsed is not None:
        problems += check_set([parsed], known_slugs(engine))
        if slug is not None and parsed.article.slug != slug:
            raise refusal(M.E_WRONG_SLUG, found=parsed.article.slug, slug=slug)
    if parsed is None or errors(problems):
        raise ArticleError(problems)
    return publish_articles(engine, [parsed.article], author=author, now=now, draft=draft)[0]


def _view(slug: str, v: KbArticleVersion) -> VersionView:
    return VersionView(slug, v.number, v.status, v.title, v.author, v.created_at, v.content_hash, v.content)


def history(engine: Engine, slug: str) -> list[VersionView]:
    """Every version of an article, newest first."""
    with read_only(engine) as session:
        rows = session.exec(
            select(KbArticleVersion)
            .join(KbArticle, col(KbArticle.id) == KbArticleVersion.article_id)
            .where(KbArticle.slug == slug)
            .order_by(col(KbArticleVersion.number).desc())
        ).all()
        views = [_view(slug, v) for v in rows]
    if not views:
        raise refusal(M.E_NOT_PUBLISHED, slug=slug)
    return views


def get_version(engine: Engine, slug: str, number: int | None = None, *, drafts: bool = False) -> VersionView:
    """A given version, else the published one, else (with ``drafts``) the newest draft."""
    versions = history(engine, slug)
    if number is not None:
        found = next((v for v in versions if v.number == number), None)
        if found is None:
            raise refusal(M.E_NO_VERSION, slug=slug, number=number)
        return found
    published = next((v for v in versions if v.status == PUBLISHED), None)
    if published is not None:
        return published
    if drafts:
        return versions[0]
    raise refusal(M.E_ONLY_DRAFTS, slug=slug)


def list_articles(engine: Engine) -> list[dict[str, object]]:
    """One row per article: its published version and whether a newer draft waits."""
    with read_only(engine) as session:
        rows = session.exec(
            select(KbArticle.slug, KbArticleVersion)
            .join(KbArticleVersion, col(KbArticle.id) == KbArticleVersion.article_id)
            .order_by(col(KbArticle.slug), col(KbArticleVersion.number).desc())
        ).all()
        views = [(slug, _view(slug, v)) for slug, v in rows]
    listing: dict[str, dict[str, object]] = {}
    for slug, v in views:
        item = listing.setdefault(
            slug,
            {"slug": slug, "title": v.title, "published": None, "latest": v.number, "draft_pending": False,
             "updated_at": v.created_at, "author": v.author},
        )  # fmt: skip
        if v.status == PUBLISHED and item["published"] is None:
            item["published"] = v.number
            item["title"] = v.title
        if v.status == DRAFT and item["published"] is None:
            item["draft_pending"] = True
    return list(listing.values())


def published_articles(engine: Engine) -> list[Article]:
    """The current published version of every article, parsed (what users see)."""
    newest = (
        select(KbArticleVersion.article_id, func.max(KbArticleVersion.number).label("number"))
        .where(KbArticleVersion.status == PUBLISHED)
        .group_by(col(KbArticleVersion.article_id))
        .subquery()
    )
    with read_only(engine) as session:
        rows = session.exec(
            select(KbArticle.slug, KbArticleVersion)
            .join(KbArticleVersion, col(KbArticle.id) == KbArticleVersion.article_id)
            .join(newest, (newest.c.article_id == KbArticleVersion.article_id) & (newest.c.number == KbArticleVersion.number))
            .order_by(col(KbArticle.slug))
        ).all()
        views = [(slug, _view(slug, v)) for slug, v in rows]
    articles = []
    for slug, version in views:
        parsed, _ = parse_article(version.content, f"{slug}@{version.number}")
        if parsed is not None:  # validated when published; a parse failure here means tampering
            articles.append(replace(parsed.article, status=PUBLISHED, source=f"db:{slug}@{version.number}"))
    return articles


def published_signature(engine: Engine) -> tuple[int, int]:
    """Changes whenever something is published: (number of published versions, newest id)."""
    with read_only(engine) as session:
        count, newest = session.exec(
            select(func.count(), func.max(KbArticleVersion.id)).where(KbArticleVersion.status == PUBLISHED)
        ).one()
    return int(count or 0), int(newest or 0)

