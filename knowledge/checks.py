"""``kb check``: every article alone, then the set (duplicates, related slugs, links, HTML)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.articles import Article, ParsedArticle, read_article
from knowledge.frontmatter import split_front_matter
from knowledge.normalise import fold
from archiving.hetu import contains_hetu
from knowledge import messages as M
from knowledge.problems import WARNING, Problem, errors, problem
from knowledge.safety import scan_body

IGNORED_FILES = {"readme.md"}


@dataclass
class CheckResult:
    """The articles that parsed and every problem found, sorted by file and line."""

    parsed: list[ParsedArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [p.article for p in self.parsed]

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def article_files(directory: Path) -> list[Path]:
    """The article files of a folder: ``*.md`` except its README."""
    return sorted(p for p in directory.glob("*.md") if p.name.lower() not in IGNORED_FILES)


def check_files(paths: Iterable[Path], known_slugs: Iterable[str] = ()) -> CheckResult:
    """Parse and check ``paths`` as one set; ``known_slugs`` may be linked to as well."""
    result = CheckResult()
    unusable: list[Path] = []
    for path in paths:
        parsed, problems = read_article(path)
        result.problems.extend(problems)
        if parsed is not None:
            result.parsed.append(parsed)
        else:
            unusable.append(path)
    result.problems.extend(check_set(result.parsed, set(known_slugs)))
    result.problems.extend(_duplicates_among_unusable(unusable, {p.article.slug: p.article.source for p in result.parsed}))
    result.problems.sort()
    return result


def check_directory(directory: Path) -> CheckResult:
    """Check every article of ``directory``; a missing or empty folder is one problem."""
    if not directory.is_dir():
        return CheckResult(problems=[problem(str(directory), 1, M.P_NO_DIRECTORY)])
    paths = article_files(directory)
    if not paths:
        return CheckResult(problems=[problem(str(directory), 1, M.P_NO_ARTICLES)])
    return check_files(paths)


def _duplicates_among_unusable(paths: list[Path], seen: dict[str, str]) -> list[Problem]:
    """A file that failed to parse may still claim a slug another file has (a copy left beside its original)."""
    problems = []
    for path in paths:
        try:
            matter, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError):
            continue
        slug = matter.data.get("slug") if matter is not None else None
        if not isinstance(slug, str) or not slug:
            continue
        if slug in seen:
            problems.append(problem(str(path), matter.line_of("slug"), M.P_DUPLICATE, field="slug", slug=slug, other=seen[slug]))
        else:
            seen[slug] = str(path)
    return problems


def check_set(parsed: list[ParsedArticle], known_slugs: set[str]) -> list[Problem]:
    """Problems that only show when the articles are seen together."""
    problems: list[Problem] = []
    first_seen: dict[str, str] = {}
    for item in parsed:
        article, matter = item.article, item.matter
        if article.slug in first_seen:
            line = matter.line_of("slug")
            problems.append(problem(article.source, line, M.P_DUPLICATE, field="slug", slug=article.slug, other=first_seen[article.slug]))
        else:
            first_seen[article.slug] = article.source
    slugs = set(first_seen) | known_slugs
    asked: dict[str, str] = {}
    for item in parsed:
        article, matter = item.article, item.matter
        for i, related in enumerate(article.related):
            if related not in slugs:
                problems.append(problem(article.source, matter.line_of("related", i), M.P_RELATED_MISSING, field="related", item=related))
        problems.extend(scan_body(matter.body, article.source, matter.body_line, slugs))
        for name, values in (("title", [article.title]), ("summary", [article.summary]), ("keywords", article.keywords), ("questions", article.questions)):
            for i, value in enumerate(values):
                if contains_hetu(value):
                    problems.append(problem(article.source, matter.line_of(name, i if name in ("keywords", "questions") else None), M.P_HETU, field=name))
        for i, question in enumerate(article.questions):
            key = " ".join(fold(question).split()).rstrip("?!. ")
            if key in asked and asked[key] != article.slug:
                line = matter.line_of("questions", i)
                problems.append(problem(article.source, line, M.P_SAME_QUESTION, field="questions", severity=WARNING, question=question, other=asked[key]))
            asked.setdefault(key, article.slug)
    return problems
