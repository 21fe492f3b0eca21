"""``arkistobotti desk ...`` and ``web login-link``: the desk from the terminal; errors in English, exit 2, nothing changed."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
from collections.abc import Callable
from functools import wraps

from archiving.actors import Actor
from archiving.clock import system_clock
from archiving.enums import Channel
from archiving.errors import DomainError
from bot.cli.common import CliError, add_command, command_group, database, database_id, emit, progress, resolve_worker, settings
from bot.desk import closures, invitations, needs, roster, sessions, ticket_views, tickets
from bot.desk.config import DeskConfig
from bot.desk.gaps import gaps_from_question_log
from bot.desk.mailer import SmtpConfig, send_batch
from bot.desk.schedule import local_today
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    desk = command_group(subparsers, "desk", "help desk: sessions, invitations, roster, closures, tickets")
    p = add_command(desk, "schedule", _schedule, "generate desk sessions N weeks ahead (idempotent) and list them")
    p.add_argument("--from", dest="first", type=_date, help="first day (YYYY-MM-DD, default today)")
    p.add_argument("--weeks", type=int, help="how many whole weeks: from the first day to the Sunday ending the last one; on a Friday, 2 "
                   "covers that Friday and the two following weeks (default ARKISTOBOTTI_DESK_WEEKS_AHEAD)")
    p = add_command(desk, "invite", _invite, "e-mail the calendar series (changed ones, or all with --force)")
    p.add_argument("--dry-run", action="store_true", help="print the .ics instead of sending; changes nothing")
    p.add_argument("--force", action="store_true", help="send every series even if unchanged")

    rost = _group(desk, "roster", "desk-staff hosts and absences")
    add_command(rost, "list", _roster_list, "desk staff with upcoming sessions and absences")
    p = add_command(rost, "absence", _absence_add, "record days a host is away and reassign their sessions")
    p.add_argument("--worker", required=True, help="the host: worker id or channel user id")
    p.add_argument("--from", dest="first", required=True, type=_date)
    p.add_argument("--to", dest="last", type=_date, help="last day away (default: the --from day)")
    p = add_command(rost, "assign", _assign, "set a session's hosts by hand")
    p.add_argument("--session", required=True, type=database_id)
    p.add_argument("--worker", required=True, action="append", help="a host: worker id or channel user id; repeat for several hosts")

    clos = _group(desk, "closures", "days without desk sessions")
    add_command(clos, "list", _closures_list, "closure days from today on")
    p = add_command(clos, "add", _closure_change, "close the desk on a day (cancels its sessions, tells the queue)")
    p.add_argument("day", type=_date)
    p.add_argument("--reason", default="")
    p = add_command(clos, "remove", _closure_change, "open a closed day again")
    p.add_argument("day", type=_date)

    tick = _group(desk, "tickets", "tickets opened from chat")
    p = add_command(tick, "list", _tickets_list, "tickets, newest activity first")
    p.add_argument("--state", action="append", choices=["new", "assigned", "waiting", "resolved", "closed"])
    p = add_command(tick, "show", _ticket_show, "one ticket with its messages")
    p.add_argument("ticket", type=database_id)
    for name, help_text in (("assign", "take a ticket"), ("reply", "answer the worker through the bot"),
                            ("resolve", "mark resolved (the worker is asked to rate)"), ("close", "close a ticket")):  # fmt: skip
        p = add_command(tick, name, _ticket_action, help_text)
        p.add_argument("ticket", type=database_id)
        p.add_argument("--as", dest="actor", required=True, help="the desk-staff worker acting: worker id or channel user id")
        if name in ("reply", "resolve"):
            p.add_argument("--message", required=name == "reply", default=None)
        if name == "assign":
            p.add_argument("--to", dest="assignee", help="another desk-staff worker: worker id or channel user id")

    need = _group(desk, "needs", '"instruction needed" items for the communications team')
    p = add_command(need, "list", _needs_list, "open items, most frequent first")
    p.add_argument("--all", action="store_true", help="also done and dismissed items")
    add_command(need, "import", _needs_import, "turn the knowledge base's unanswered and unhelpful questions into items")

    web = command_group(subparsers, "web", "web pages")
    p = add_command(web, "login-link", _login_link, "print a single-use login link for a worker")
    p.add_argument("--worker", required=True, help="worker id or channel user id")


def _group(parent: argparse._SubParsersAction, name: str, help: str) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    return parent.add_parser(name, help=help, description=help).add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad date {text!r}, expected YYYY-MM-DD") from None


def _domain(fn: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Domain refusals become English CLI errors (exit 2)."""

    @wraps(fn)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            return fn(args)
        except DomainError as exc:
            raise CliError(exc.message_en) from None

    return wrapper


def _config() -> tuple[Settings, DeskConfig]:
    cfg = settings()
    return cfg, DeskConfig.from_settings(cfg)


@_domain
def _schedule(args: argparse.Namespace) -> int:
    cfg, config = _config()
    engine = database(cfg)
    result = sessions.generate(engine, config, now=system_clock(), first=args.first, weeks=args.weeks)
    progress(f"created {result.created}, cancelled {result.cancelled}, restored {result.restored}, without host {result.unstaffed}")
    zone = config.calendar.zone
    emit(args, [v.to_json() for v in result.sessions], lambda: "\n".join(v.line_en(zone) for v in result.sessions) or "no sessions")
    return 0


@_domain
def _invite(args: argparse.Namespace) -> int:
    cfg, config = _config()
    recipients = cfg.invite_recipients
    if not recipients and not args.dry_run:
        raise CliError("no recipients: set ARKISTOBOTTI_DESK_INVITE_RECIPIENTS (comma-separated addresses)")
    engine, now = database(cfg), system_clock()
    batch = invitations.prepare(engine, config, organizer=cfg.smtp_from, recipients=recipients, now=now, force=args.force, dry_run=args.dry_run)
    summary = [{"uid": i.uid, "slot": i.slot, "sequence": i.sequence, "method": i.method} for i in batch]
    if args.dry_run:
        emit(args, [dict(s, ics=i.ics.decode("utf-8")) for s, i in zip(summary, batch)],
             lambda: "\n".join(i.ics.decode("utf-8") for i in batch) or "nothing to send")  # fmt: skip
        return 0
    results = asyncio.run(send_batch(engine, SmtpConfig.from_settings(cfg), batch, recipients, now=now))
    for row, error in zip(summary, results):  # error is None when sent
        row["status"] = "failed" if error else "sent"
    emit(args, summary, lambda: "\n".join(f"{r['slot']} {r['method']} SEQUENCE {r['sequence']}: {r['status']}" for r in summary) or "nothing to send")
    failures = [f"{i.slot}: {error}" for i, error in zip(batch, results) if error]
    if failures:
        raise CliError("sending failed for " + "; ".join(failures))
    return 0


def _roster_list(args: argparse.Namespace) -> int:
    engine = database()
    rows = roster.roster(engine, system_clock())
    emit(args, [r.to_json() for r in rows], lambda: "\n".join(r.line_en() for r in rows) or "no desk staff (give workers the role 'desk')")
    return 0


@_domain
def _absence_add(args: argparse.Namespace) -> int:
    cfg, config = _config()
    now, engine = system_clock(), database(cfg)
    worker_id = resolve_worker(engine, args.worker).worker_id
    result = roster.add_absence(
        engine, worker_id, args.first, args.last or args.first, today=local_today(now, config.calendar), now=now,
        hosts_per_session=config.hosts_per_session,
    )  # fmt: skip
    data = {"absence_id": result.absence_id, "reassigned_sessions": result.reassigned, "unstaffed_sessions": result.unstaffed}
    emit(args, data, f"absence #{result.absence_id} recorded; reassigned {len(result.reassigned)} sessions, {len(result.unstaffed)} left without host")
    return 0


@_domain
def _assign(args: argparse.Namespace) -> int:
    engine = database()
    workers = [resolve_worker(engine, reference).worker_id for reference in args.worker]
    hosts = roster.set_hosts(engine, args.session, workers, system_clock())
    emit(args, {"session": args.session, "hosts": hosts}, f"session #{args.session} hosts: {', '.join(map(str, hosts))}")
    return 0


def _closures_list(args: argparse.Namespace) -> int:
    cfg, config = _config()
    rows = closures.list_closures(database(cfg), since=local_today(system_clock(), config.calendar))
    data = [{"day": c.day.isoformat(), "reason": c.reason} for c in rows]
    emit(args, data, lambda: "\n".join(f"{c.day} {c.reason}" for c in rows) or "no closure days")
    return 0


@_domain
def _closure_change(args: argparse.Namespace) -> int:
    cfg, config = _config()
    if args.closures_command == "add":
        result = closures.add_closure(database(cfg), config, args.day, args.reason, now=system_clock())
        data = {"day": args.day.isoformat(), "cancelled_sessions": result.sessions_changed, "workers_told": result.workers_told}
        text = f"{args.day} closed; cancelled {result.sessions_changed} sessions, told {result.workers_told} queued workers"
    else:
        result = closures.remove_closure(database(cfg), config, args.day, now=system_clock())
        data = {"day": args.day.isoformat(), "restored_sessions": result.sessions_changed}
        text = f"{args.day} open again; restored {result.sessions_changed} sessions"
    emit(args, data, text)
    return 0


def _tickets_list(args: argparse.Namespace) -> int:
    rows = ticket_views.list_tickets(database(), Actor.system("cli", Channel.CLI), states=args.state)
    emit(args, [t.to_json() for t in rows], lambda: "\n".join(t.line_en() for t in rows) or "no tickets")
    return 0


@_domain
def _ticket_show(args: argparse.Namespace) -> int:
    view = ticket_views.get_ticket(database(), Actor.system("cli", Channel.CLI), args.ticket)
    lines = [f"#{view.id} [{view.state}] from {view.worker_name}: {view.question}"]
    lines += [f"  guess {g.slug} ({g.score:.2f})" for g in view.guesses]
    lines += [f"  {'desk' if d else 'worker'} {a} {t:%Y-%m-%d %H:%M}: {b}" for a, d, b, t in view.messages]
    emit(args, view.to_json(), "\n".join(lines))
    return 0


@_domain
def _ticket_action(args: argparse.Namespace) -> int:
    engine = database()
    actor = resolve_worker(engine, args.actor)
    to = getattr(args, "assignee", None)  # only `assign` has --to
    assignee = resolve_worker(engine, to).worker_id if to is not None else None
    now, ticket, command = system_clock(), args.ticket, args.tickets_command
    actions = {
        "assign": lambda: tickets.assign(engine, actor, ticket, now=now, assignee_id=assignee),
        "reply": lambda: tickets.reply(engine, actor, ticket, args.message, now=now),
        "resolve": lambda: tickets.resolve(engine, actor, ticket, now=now, note=args.message),
        "close": lambda: tickets.close(engine, actor, ticket, now=now),
    }
    view = actions[command]()
    emit(args, view.to_json(), f"ticket #{view.id} is now {view.state}")
    return 0


def _needs_list(args: argparse.Namespace) -> int:
    states = ("open", "done", "dismissed") if args.all else ("open",)
    rows = needs.list_needs(database(), states=states)
    data = [n.model_dump(include={"id", "source", "state", "occurrences", "slug", "summary"}) for n in rows]
    emit(args, data, lambda: "\n".join(f"#{n.id} [{n.state}] {n.source} x{n.occurrences}: {n.summary}" for n in rows) or "no items")
    return 0


def _needs_import(args: argparse.Namespace) -> int:
    engine = database()
    created, seen = needs.import_gaps(engine, gaps_from_question_log(engine), now=system_clock())
    emit(args, {"created": created, "updated": seen}, f"{created} new items, {seen} already known")
    return 0


@_domain
def _login_link(args: argparse.Namespace) -> int:
    from bot.web.auth import LoginError, cli_login_link

    cfg = settings()
    engine = database(cfg)
    resolve_worker(engine, args.worker)  # an unknown worker or an id no column holds is refused here, as everywhere
    try:
        link = cli_login_link(engine, cfg, args.worker, now=system_clock())
    except LoginError as exc:
        raise CliError(str(exc)) from None
    emit(args, {"url": link, "expires_in_minutes": cfg.web_login_minutes}, link)
    return 0
