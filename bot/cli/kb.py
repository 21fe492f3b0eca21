"""``arkistobotti kb``: check, publish and inspect instructions; match, evaluate, find gaps."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from archiving.clock import system_clock
from bot.cli.common import CliError, add_command, command_group, database, database_id, emit, out, settings
from knowledge.announcements import announce, list_announcements
from knowledge.checks import check_directory
from knowledge.evaluation import evaluate, format_report, load_labelled
from knowledge.gaps import find_gaps
from knowledge.packaged import publish_packaged
from knowledge.problems import ERROR, ArticleError, KnowledgeError, Problem
from knowledge.publishing import get_version, history, list_articles, publish_path
from knowledge.service import KnowledgeBase

SOURCE_HELP = (
    "Articles come from the published versions in the database (the packaged instructions, "
    "or ARKISTOBOTTI_KNOWLEDGE_DIR, count as published); --articles DIR uses a folder instead."
)


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub = command_group(subparsers, "kb", "instruction knowledge base: check, publish, match, evaluate")
    p = add_command(sub, "check", _check, "validate the articles of a folder (front matter, links, unsafe HTML)")
    p.add_argument("directory", type=Path)
    p = add_command(sub, "publish", _publish, "store changed articles of a folder or one file as new versions")
    p.add_argument("path", type=Path)
    p.add_argument("--author", default=None, help="name or e-mail recorded with the versions (default: login name)")
    p.add_argument("--draft", action="store_true", help="store as drafts: users keep seeing the published version")
    add_command(sub, "list", _list, "list the articles in the database with their published version")
    p = add_command(sub, "show", _show, "print an article's published version (or another one)")
    p.add_argument("slug")
    p.add_argument("--version", type=database_id, default=None, help="version number to show")
    p.add_argument("--draft", action="store_true", help="show the newest draft when nothing is published")
    p = add_command(sub, "history", _history, "list every version of an article with author and time")
    p.add_argument("slug")
    p = add_command(sub, "announce", _announce, "record an announcement of an article for subscribed users")
    p.add_argument("slug")
    p.add_argument("--message", default=None, help="Finnish text of the announcement (default: title and summary)")
    p.add_argument("--author", default=None, help="who announces (default: login name)")
    add_command(sub, "announcements", _announcements, "list recorded announcements and whether they were delivered")
    p = add_command(sub, "match", _match, "match questions read from stdin, one per line. " + SOURCE_HELP)
    p.add_argument("--articles", type=Path, default=None, help="match against the articles of this folder")
    p = add_command(sub, "eval", _eval, "top-1 accuracy and abstention on a JSONL question set. " + SOURCE_HELP)
    p.add_argument("file", type=Path, help='lines like {"q": "question", "slug": "expected-slug" or null}')
    p.add_argument("--articles", type=Path, default=None, help="evaluate against the articles of this folder")
    p.add_argument("--min-accuracy", type=float, default=None, help="exit with status 1 below this top-1 accuracy (0-1)")
    p.add_argument("--min-abstention", type=float, default=None, help="exit with status 1 below this abstention recall (0-1)")
    p = add_command(sub, "gaps", _gaps, "unanswered and not-helpful questions, grouped by similarity")
    p.add_argument("--since", type=dt.date.fromisoformat, default=None, help="only questions asked on or after YYYY-MM-DD")


def _author(value: str | None) -> str:
    if value and value.strip():
        return value.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        raise CliError("cannot tell who you are: pass --author NAME") from None


def _problems_out(args: argparse.Namespace, problems: list[Problem], summary: dict[str, object], *, status: int = 1) -> int:
    """Print the problems; ``status`` when any is an error (``kb check`` reports a finding, 1; ``kb publish`` refuses bad input, 2)."""
    errors = sum(p.severity == ERROR for p in problems)
    data = {**summary, "errors": errors, "warnings": len(problems) - errors, "problems": [p.as_dict() for p in problems]}
    text = "\n".join([*(str(p) for p in problems), f"{errors} errors, {len(problems) - errors} warnings"])
    emit(args, data, text)
    return status if errors else 0


def _check(args: argparse.Namespace) -> int:
    result = check_directory(args.directory)
    return _problems_out(args, result.problems, {"articles": len(result.articles)})


def _database() -> Engine:
    """The database with the packaged instructions in it: links to them are valid, and they never vanish from the bot."""
    cfg = settings()
    engine = database(cfg)
    try:
        publish_packaged(engine, cfg.knowledge_dir, now=system_clock())
    except ArticleError as exc:
        engine.dispose()
        raise CliError(f"the packaged instructions (ARKISTOBOTTI_KNOWLEDGE_DIR) do not pass kb check:\n{exc}") from None
    except BaseException:
        engine.dispose()
        raise
    return engine


def _publish(args: argparse.Namespace) -> int:
    engine = _database()
    try:
        results = publish_path(engine, args.path, author=_author(args.author), now=system_clock(), draft=args.draft)
    except ArticleError as exc:
        return _problems_out(args, exc.problems, {"published": []}, status=2)  # bad input: nothing was published
    except KnowledgeError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()
    rows = [r.__dict__ for r in results]
    changed = [r for r in results if r.action != "unchanged"]
    lines = [f"{r.slug}: {r.action} (version {r.number}, {r.status})" for r in results]
    emit(args, {"published": rows}, "\n".join([*lines, f"{len(changed)} of {len(results)} articles changed"]))
    return 0


def _with_engine(args: argparse.Namespace, action):  # type: ignore[no-untyped-def]
    engine = _database()
    try:
        return action(engine)
    except KnowledgeError as exc:
        raise CliError(str(exc)) from None
    finally:
        engine.dispose()


def _list(args: argparse.Namespace) -> int:
    rows = _with_engine(args, list_articles)

    def text() -> str:
        if not rows:
            return "no articles published yet (kb publish DIR)"
        return "\n".join(
            f"{r['slug']:<36} v{r['published'] or '-':<3} {'draft waiting ' if r['draft_pending'] else ''}{r['title']}" for r in rows
        )

    emit(args, rows, text)
    return 0


def _show(args: argparse.Namespace) -> int:
    view = _with_engine(args, lambda e: get_version(e, args.slug, args.version, drafts=args.draft))
    emit(args, view.__dict__, view.content)
    return 0


def _history(args: argparse.Namespace) -> int:
    views = _with_engine(args, lambda e: history(e, args.slug))
    data = [{k: v for k, v in view.__dict__.items() if k != "content"} for view in views]
    lines = [f"v{v.number} {v.status:<9} {v.created_at:%Y-%m-%d %H:%M} UTC  {v.author}  {v.content_hash[:12]}" for v in views]
    emit(args, data, "\n".join(lines))
    return 0


def _announce(args: argparse.Namespace) -> int:
    author = _author(args.author)
    view = _with_engine(args, lambda e: announce(e, args.slug, author=author, now=system_clock(), message=args.message))
    emit(args, view.__dict__, f"announcement {view.id} recorded for {view.slug} v{view.version}: {view.message}")
    return 0


def _announcements(args: argparse.Namespace) -> int:
    views = _with_engine(args, list_announcements)
    lines = [f"{v.id:>4} {v.slug} v{v.version} {'delivered' if v.delivered_at else 'waiting'}: {v.message}" for v in views]
    emit(args, [v.__dict__ for v in views], "\n".join(lines) or "no announcements")
    return 0


def _knowledge_base(articles: Path | None) -> KnowledgeBase:
    try:
        if articles is not None:
            return KnowledgeBase.from_directory(articles)
        engine = _database()
        try:
            return KnowledgeBase.load(engine)
        finally:
            engine.dispose()
    except ArticleError as exc:
        raise CliError(f"the articles do not pass kb check:\n{exc}") from None


def _match(args: argparse.Namespace) -> int:
    kb = _knowledge_base(args.articles)
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        result = kb.match(question)
        shown = kb.redact(question)  # the output may be kept or pasted anywhere: no personal data in it
        if args.json:
            emit(args, {"question": shown, **result.as_dict()})
        else:
            others = " ".join(f"{c.slug}={c.score:.2f}" for c in result.alternatives)
            out(f"{result.slug or '-'}\t{result.score:.2f}\t{shown}" + (f"\t(also: {others})" if others else ""))
    return 0


def _eval(args: argparse.Namespace) -> int:
    try:
        items = load_labelled(args.file)
    except KnowledgeError as exc:
        raise CliError(str(exc)) from None
    kb = _knowledge_base(args.articles)
    try:
        report = evaluate(kb.match, items, set(kb.articles))
    except KnowledgeError as exc:
        raise CliError(str(exc)) from None
    report.confusions = [dataclasses.replace(c, question=kb.redact(c.question)) for c in report.confusions]
    emit(args, {"source": kb.source, **report.as_dict()}, lambda: format_report(report, kb.source))
    below_accuracy = args.min_accuracy is not None and (report.accuracy or 0.0) < args.min_accuracy
    below_abstention = args.min_abstention is not None and (report.abstention_recall or 0.0) < args.min_abstention
    return 1 if below_accuracy or below_abstention else 0


def _gaps(args: argparse.Namespace) -> int:
    since = dt.datetime.combine(args.since, dt.time(), dt.UTC) if args.since else None
    groups = _with_engine(args, lambda e: find_gaps(e, since=since))

    def text() -> str:
        if not groups:
            return "no unanswered or unhelpful questions"
        out = []
        for g in groups:
            reasons = f"{g.reasons['unanswered']} unanswered, {g.reasons['not_helpful']} not helpful"
            guesses = f"; bot guessed {', '.join(s for s, _ in g.guesses.most_common(3))}" if g.guesses else ""
            out.append(f"{g.count:>4}  {g.question}  ({reasons}{guesses})")
            out.extend(f"        - {e}" for e in g.examples[1:])
        return "\n".join(out)

    emit(args, [g.as_dict() for g in groups], text)
    return 0
