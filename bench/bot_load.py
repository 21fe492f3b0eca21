"""Benchmark: N concurrent conversations against the real ``/api/messages``, ours beside the stock echo bot.

Each bot runs in its own process (as in production: one server process, its own
interpreter); this process runs the load and a local connector stand-in that
receives the replies. A conversation sends a message, waits until the bot's
reply has reached the connector, then sends the next (closed loop), so latency
is measured from the POST being sent to the reply arriving at the connector.

* ours: ``bot.app.create_app`` on a fresh SQLite database with a synthetic
  district (one worker per conversation, each with pending documents), the
  packaged instructions, background tasks on, as ``arkistobotti serve`` runs it.
  Mixes: ``help`` (the lightest full turn: identity, state, the help card),
  ``questions`` (questions to the instructions), ``pending`` (the worker's
  pending-documents list) and ``full`` (the realistic mix: a greeting, three
  questions and the pending list).
* ours_capacity: the same with Teams' 7-messages-per-second-per-conversation
  limit lifted. A closed-loop conversation asks faster than that, and the bot
  (correctly) holds its replies back, which caps 50 conversations at ~350/s; the
  capacity runs measure the server itself, as the stock bot is measured.
* stock_echo: botbuilder's own echo bot (``CloudAdapter`` + ``ActivityHandler``)
  with the same load and the same connector stand-in.
* ours_paced: the last mix with a think time of ``--paced`` seconds between one
  conversation's messages, first messages spread over that time: the latency
  of 50 people chatting at once.

Each server runs pinned to one CPU of its own and the load (with the connector
stand-in) to the others, the stock bot exactly like ours (``--no-pin``: all
float). A Python server is bound by one core (the GIL); left to float, its
event-loop and turn threads hand the GIL between cores and a turn costs about a
third more. Pinning is what a deployment does with systemd's ``CPUAffinity=`` or
a container's cpuset; the JSON says which CPUs were used.

Every run reports messages per second, p50/p95/p99 latency (overall and per
message), the server process's CPU milliseconds per message and its CPU
utilisation (Linux), and the load average when it started: on a machine shared
with other work the CPU cost per message moves far less than the throughput.
``cpu_per_message_ratio_capacity`` is the stock bot's CPU per message over ours
(both servers are single processes bound by one core), a steadier companion to
``throughput_ratio_capacity``; the goals are judged on the measured throughput.

Our server gets the ``ARKISTOBOTTI_*`` variables of this process (for example
``ARKISTOBOTTI_TURN_THREADS=2``), so configurations can be compared; the JSON
lists the ones given under ``config.settings_env``.

Prints JSON.

    python bench/bot_load.py [--conversations 50] [--messages 20] [--warmup 2] [--mixes help,questions,pending,full]
                             [--paced 1.0] [--skip-stock] [--no-capacity] [--no-pin]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.devtools import ActivityFactory, ConnectorStandIn, ReceivedActivity  # noqa: E402

GOAL_RATIO = 5.0
GOAL_P95_MS = 50.0
MIXES = {
    # what workers send: a greeting, questions to the instructions, their pending documents
    "full": ("hei", "miten lukitsen asiakirjan", "mitä minulla on arkistoimatta", "mikä on palvelutehtävä ja miten se valitaan", "kuka vastaa arkistoinnista"),
    # the lightest full turn (identity, state, the help card), closest to what the echo bot does
    "help": ("hei", "apua", "moi"),
    "questions": ("miten lukitsen asiakirjan", "mikä on palvelutehtävä ja miten se valitaan", "kuka vastaa arkistoinnista"),
    "pending": ("mitä minulla on arkistoimatta", "onko mulla arkistoimattomia"),
}


# --- the servers (run in their own process) ----------------------------------------------------


def serve_stock(port: int) -> None:
    """botbuilder's echo bot, as in Microsoft's samples."""
    from aiohttp import web
    from botbuilder.core import ActivityHandler, TurnContext
    from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

    class Config:
        APP_ID = ""
        APP_PASSWORD = ""

    class EchoBot(ActivityHandler):
        async def on_message_activity(self, turn_context: TurnContext) -> None:
            await turn_context.send_activity(f"Echo: {turn_context.activity.text}")

    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(Config()))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def serve_ours(port: int, database_url: str, archive_url: str, rate: int) -> None:
    from aiohttp import web

    from bot.app import create_app, freeze_heap
    from bot.settings import load_settings

    settings = load_settings(
        _settings_env(), database_url=database_url, kanta_sim_database_url=archive_url, log_level="WARNING", send_rate_per_conversation=rate
    )
    app = create_app(settings)
    app.on_startup.append(freeze_heap)  # as `arkistobotti serve` does
    web.run_app(app, host="127.0.0.1", port=port, access_log=None, print=None)


def _settings_env() -> dict[str, str]:
    """``ARKISTOBOTTI_*`` variables of this process (e.g. ``ARKISTOBOTTI_TURN_THREADS``), to benchmark a configuration."""
    return {k: v for k, v in os.environ.items() if k.startswith("ARKISTOBOTTI_") and not k.startswith("ARKISTOBOTTI_TEST_")}


def seed(database_url: str, workers: int) -> None:
    """A synthetic district: one worker per conversation, each with a few pending documents."""
    from archiving import hetu
    from archiving.actors import Actor
    from archiving.authoring import create_document
    from archiving.codesets.loader import load_packaged
    from archiving.db import transaction
    from archiving.enums import DocumentStatus
    from archiving.models import Client, Organisation, ServiceUnit, Worker, WorkerRole
    from bot.database import open_database

    engine = open_database(database_url)
    rng = random.Random(2026)
    now = dt.datetime.now(dt.UTC)
    with transaction(engine) as session:
        load_packaged(session)
        org = Organisation(oid="2.999.77", name="Kuormitustestin hyvinvointialue")
        session.add(org)
        session.flush()
        unit = ServiceUnit(oid="2.999.77.1", name="Vammaispalvelut", organisation_id=org.id)  # type: ignore[arg-type]
        session.add(unit)
        session.flush()
        taken: set[str] = set()
        for i in range(workers):
            worker = Worker(name=f"Kuorma Käyttäjä {i}", channel_user_id=f"load-user-{i}", service_unit_id=unit.id)
            session.add(worker)
            session.flush()
            session.add(WorkerRole(worker_id=worker.id, role="worker"))  # type: ignore[arg-type]
            code = hetu.synthetic(rng, dt.date(1950 + i % 60, 1 + i % 12, 1 + i % 28))
            while code in taken:
                code = hetu.synthetic(rng, dt.date(1950 + i % 60, 1 + i % 12, 1 + i % 28))
            taken.add(code)
            client = Client(hetu=code, name=f"Asiakas {i}")
            session.add(client)
            session.flush()
            for n, status in enumerate((DocumentStatus.COMPLETED, DocumentStatus.COMPLETED, DocumentStatus.LOCKED, DocumentStatus.COMPLETED)):
                create_document(
                    session, Actor.system("seed"), author_id=worker.id, client_id=client.id,  # type: ignore[arg-type]
                    title=f"Päätös {n + 1}", document_type_code="11053", service_task_code="20",
                    social_services=["37"] if n != 1 else [], service_unit_id=unit.id, status=status, now=now,
                )  # fmt: skip
    engine.dispose()


# --- the load --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def cpu_plan(pin: bool) -> tuple[set[int], set[int]] | None:
    """(server CPUs, load CPUs): each server on one CPU of its own, the load and connector stand-in on the rest.

    A Python server is bound by one core (the GIL); left to float, its event-loop and turn threads hand
    the GIL between cores and every turn costs about a third more, and the load competes for its core.
    Pinned, as a deployment would (systemd ``CPUAffinity=``, a container's cpuset), both bots alike.
    """
    if not pin or not hasattr(os, "sched_getaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None
    return {cpus[0]}, set(cpus[1:])


def _start(args: list[str], server_cpus: set[int] | None = None) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, __file__, *args, "--port", str(port)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=(lambda: os.sched_setaffinity(0, server_cpus)) if server_cpus else None,  # every thread inherits it
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    import urllib.request

    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                return process, url
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"server did not start: {process.stderr.read() if process.stderr else ''}") from None
            time.sleep(0.1)


async def run_load(
    url: str, conversations: int, messages: int, warmup: int, paced: float, mix: tuple[str, ...], server_pid: int | None = None
) -> dict[str, Any]:
    """Closed-loop conversations; returns throughput and latency of the measured (non-warmup) messages.

    With ``server_pid``, also the server's CPU time per measured message (Linux /proc): on a machine
    shared with other work it moves much less than messages per second do.
    """
    waiting: dict[str, tuple[float, asyncio.Future[float]]] = {}
    errors = {"http": 0, "timeouts": 0}

    def received(activity: ReceivedActivity) -> None:
        entry = waiting.pop(activity.reply_to_id or "", None)
        if entry is not None and not entry[1].done():
            entry[1].set_result(activity.received_at - entry[0])

    connector = ConnectorStandIn(on_activity=received, keep=False, rate_limit=0)
    service_url = await connector.start()
    latencies: list[float] = []
    by_text: dict[str, list[float]] = {text: [] for text in mix}
    measured_start = measured_end = 0.0
    cpu_start = cpu_end = None
    load_at_start: tuple[float, ...] = ()
    started = asyncio.Event()
    ready = 0
    loop = asyncio.get_running_loop()

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=conversations + 10)) as session:

        async def conversation(i: int) -> None:
            nonlocal ready, measured_start, cpu_start, load_at_start
            factory = ActivityFactory(service_url=service_url, user_id=f"load-user-{i}", user_name=f"Kuorma Käyttäjä {i}")
            rng = random.Random(i)
            for n in range(warmup + messages):
                if n == warmup:
                    ready += 1
                    if ready == conversations:
                        measured_start = time.perf_counter()
                        cpu_start, load_at_start = _cpu_seconds(server_pid), os.getloadavg()
                        started.set()
                    await started.wait()
                    if paced:  # people do not all press enter at the same instant: spread the first messages
                        await asyncio.sleep(rng.uniform(0, paced))
                text = mix[(i + n) % len(mix)]
                activity = factory.message(text)
                future: asyncio.Future[float] = loop.create_future()
                waiting[activity["id"]] = (time.perf_counter(), future)
                async with session.post(f"{url}/api/messages", json=activity) as response:
                    await response.read()
                    if response.status not in (200, 201):
                        errors["http"] += 1
                try:
                    latency = await asyncio.wait_for(future, 30)
                except TimeoutError:
                    errors["timeouts"] += 1
                    continue
                if n >= warmup:
                    latencies.append(latency)
                    by_text[text].append(latency)
                if paced:
                    await asyncio.sleep(rng.uniform(0.5 * paced, 1.5 * paced))

        await asyncio.gather(*(conversation(i) for i in range(conversations)))
        measured_end = time.perf_counter()
        cpu_end = _cpu_seconds(server_pid)
    await connector.close()
    seconds = measured_end - measured_start
    return {
        "messages": len(latencies),
        "seconds": round(seconds, 3),
        "messages_per_second": round(len(latencies) / seconds, 1) if seconds > 0 else None,
        "latency_ms": {
            "p50": round(_percentile(latencies, 0.50) * 1000, 1),
            "p95": round(_percentile(latencies, 0.95) * 1000, 1),
            "p99": round(_percentile(latencies, 0.99) * 1000, 1),
            "max": round(max(latencies) * 1000, 1) if latencies else None,
        },
        "p95_ms_by_message": {text: round(_percentile(values, 0.95) * 1000, 1) for text, values in by_text.items() if values},
        "server_cpu_ms_per_message": (
            round((cpu_end - cpu_start) * 1000 / len(latencies), 3) if cpu_start is not None and cpu_end is not None and latencies else None
        ),
        "server_cpu_utilisation": (
            round((cpu_end - cpu_start) / seconds, 2) if cpu_start is not None and cpu_end is not None and seconds > 0 else None
        ),
        "load_average_at_start": load_at_start,
        "errors": errors,
    }


def _cpu_seconds(pid: int | None) -> float | None:
    """User + system CPU seconds of process ``pid`` so far (None where /proc is not available)."""
    if pid is None:
        return None
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _against(args: list[str], load: Any, plan: tuple[set[int], set[int]] | None = None) -> dict[str, Any]:
    process, url = _start(args, plan[0] if plan else None)
    before = os.sched_getaffinity(0) if plan else None
    try:
        if plan:
            os.sched_setaffinity(0, plan[1])
        return asyncio.run(load(url, process.pid))
    finally:
        if before is not None:
            os.sched_setaffinity(0, before)
        process.terminate()
        process.wait(20)


def bench(args: argparse.Namespace) -> dict[str, Any]:
    mixes = [m.strip() for m in args.mixes.split(",") if m.strip()]
    plan = cpu_plan(args.pin)
    result: dict[str, Any] = {
        "benchmark": "bot_load",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load_average_before": os.getloadavg()},
        "config": {"conversations": args.conversations, "messages_per_conversation": args.messages,
                   "warmup_per_conversation": args.warmup, "mixes": {m: list(MIXES[m]) for m in mixes},
                   "paced_think_time_s": args.paced, "settings_env": _settings_env(),
                   "cpus": {"server": sorted(plan[0]), "load": sorted(plan[1])} if plan else "not pinned"},  # fmt: skip
        "ours": {},
    }
    with tempfile.TemporaryDirectory(prefix="bot-load-") as folder:
        database_url = f"sqlite:///{Path(folder) / 'bot.db'}"
        archive_url = f"sqlite:///{Path(folder) / 'kanta-sim.db'}"
        seed(database_url, args.conversations)
        serve = ["--serve-ours", "--database-url", database_url, "--archive-url", archive_url]
        for mix in mixes:
            result["ours"][mix] = _against(
                serve, lambda url, pid, m=mix: run_load(url, args.conversations, args.messages, args.warmup, 0.0, MIXES[m], pid), plan
            )
        if args.capacity:
            # Closed-loop conversations send faster than Teams' 7 messages per second per conversation, which the
            # bot enforces by holding replies back; with that limit lifted the run measures the server itself,
            # as the stock echo bot (which has no such limit) is measured.
            result["ours_capacity"] = {}
            for mix in mixes:
                result["ours_capacity"][mix] = _against(
                    [*serve, "--rate", "100000"],
                    lambda url, pid, m=mix: run_load(url, args.conversations, args.messages, args.warmup, 0.0, MIXES[m], pid),
                    plan,
                )
        if args.paced > 0:
            result["ours_paced"] = _against(
                serve, lambda url, pid: run_load(url, args.conversations, args.paced_messages, 1, args.paced, MIXES[mixes[-1]], pid), plan
            )
            result["ours_paced"]["mix"] = mixes[-1]
    if not args.skip_stock:
        result["stock_echo"] = _against(
            ["--serve-stock"], lambda url, pid: run_load(url, args.conversations, args.messages, args.warmup, 0.0, MIXES["help"], pid), plan
        )
        stock = result["stock_echo"]["messages_per_second"]
        result["throughput_ratio"] = {m: round(r["messages_per_second"] / stock, 2) for m, r in result["ours"].items() if stock}
        if "ours_capacity" in result:
            result["throughput_ratio_capacity"] = {
                m: round(r["messages_per_second"] / stock, 2) for m, r in result["ours_capacity"].items() if stock
            }
            stock_cpu = result["stock_echo"]["server_cpu_ms_per_message"]
            result["cpu_per_message_ratio_capacity"] = {  # stock's CPU per message over ours: less sensitive to a busy machine
                m: round(stock_cpu / r["server_cpu_ms_per_message"], 2)
                for m, r in result["ours_capacity"].items()
                if stock_cpu and r["server_cpu_ms_per_message"]
            }
    ratios = result.get("throughput_ratio", {})
    result["goals"] = {
        "throughput_ratio_at_least": GOAL_RATIO,
        "p95_ms_at_most": GOAL_P95_MS,
        "throughput_met": {m: r >= GOAL_RATIO for m, r in ratios.items()},
        "throughput_met_capacity": {m: r >= GOAL_RATIO for m, r in result.get("throughput_ratio_capacity", {}).items()},
        "p95_met_closed_loop": {m: r["latency_ms"]["p95"] <= GOAL_P95_MS for m, r in result["ours"].items()},
        "p95_met_capacity": {m: r["latency_ms"]["p95"] <= GOAL_P95_MS for m, r in result.get("ours_capacity", {}).items()},
    }
    if "ours_paced" in result:
        result["goals"]["p95_met_paced"] = result["ours_paced"]["latency_ms"]["p95"] <= GOAL_P95_MS
    result["machine"]["load_average_after"] = os.getloadavg()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20, help="measured messages per conversation")
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured messages per conversation first")
    parser.add_argument("--mixes", default="help,questions,pending,full", help=f"message mixes to run for our bot, of {sorted(MIXES)}")
    parser.add_argument("--paced", type=float, default=1.0, help="also run the last mix with this mean think time (s); 0: skip")
    parser.add_argument("--paced-messages", type=int, default=10, help="messages per conversation in the paced run")
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument("--no-pin", dest="pin", action="store_false", help="let the servers and the load float over all CPUs")
    parser.add_argument("--no-capacity", dest="capacity", action="store_false", help="skip the runs with Teams' per-conversation limit lifted")
    parser.add_argument("--serve-ours", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--serve-stock", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--archive-url", help=argparse.SUPPRESS)
    parser.add_argument("--rate", type=int, default=7, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_stock:
        serve_stock(args.port)
    elif args.serve_ours:
        serve_ours(args.port, args.database_url, args.archive_url, args.rate)
    else:
        print(json.dumps(bench(args), indent=2))


if __name__ == "__main__":
    main()
