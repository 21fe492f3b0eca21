"""The terminal chat: the same router, dialogs and state as in Teams, with cards drawn as text.

Buttons are numbered; typing a number presses one (asking for the card's inputs
first, as Teams would send them). Proactive messages for this worker (archive
results, desk reminders) are printed as they come; with the embedded archive
the queue runs here too, so archiving from the terminal completes.

With ``--json`` every line printed is one JSON object: ``{"type": "reply", "text",
"card" (the Adaptive Card), "buttons": [{"number", "title", "url"?}], "later"}`` per
bot reply, ``{"type": "input", ...}`` when a pressed button's card needs a value,
``{"type": "link", "url"}`` for a pressed link and ``{"type": "notice", "text"}``.
"""

from __future__ import annotations

import asyncio
import random
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy.engine import Engine

from archiving.clock import Clock, system_clock
from archiving.db import read_only
from archiving.enums import Channel
from archiving.models import Worker
from bot import texts
from bot.background import queue_in_process, work_queue
from bot.cardtext import Button, CardInput, RenderedCard, render
from bot.cli.common import json_line, progress, resolve_worker
from bot.database import open_database
from bot.notifier import ArchiveResultNotifier
from bot.proactive import OutboxDeliverer
from bot.services import Services
from bot.settings import Settings
from bot.state_store import EtagConflict, StateWrite
from bot.turns.identity import Identity, display_name
from bot.turns.runner import TurnRunner
from bot.turns.setup import build_router
from bot.turns.types import Incoming, Reply

Ask = Callable[[str], str]
Say = Callable[[str], None]
QUIT = {"/q", "/quit", "/exit", "lopeta"}



def _number(text: str) -> int | None:
    """A typed button or choice number: ASCII digits only ("²" passes str.isdigit but not int), at most six."""
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else None

class TerminalChat:
    """One worker's conversation in the terminal; ``ask``/``say`` are input and print (replaceable in tests)."""

    def __init__(self, services: Services, identity: Identity, ask: Ask, say: Say, *, json_lines: bool = False) -> None:
        self.services = services
        self.identity = identity
        self.ask = ask
        self.say = say
        self.json_lines = json_lines
        assert services.router is not None
        self.runner = TurnRunner(services, services.router, channel=Channel.CLI)
        self.key = f"cli/conversations/{identity.worker_id}"
        self.state: dict[str, Any] = {}
        self.etag: str | None = None
        self.buttons: dict[int, tuple[Button, RenderedCard]] = {}

    def load_state(self) -> None:
        stored = self.services.states.read([self.key]).get(self.key)
        self.state, self.etag = (dict(stored.data), stored.etag) if stored else ({}, None)

    def save_state(self) -> None:
        try:
            self.etag = self.services.states.write({self.key: StateWrite(self.state, self.etag)})[self.key]
        except EtagConflict:  # another terminal for the same worker wrote meanwhile: take theirs
            self.load_state()

    def incoming(self, *, text: str = "", value: dict[str, Any] | None = None) -> Incoming:
        return Incoming(
            channel_user_id=self.identity.channel_user_id, conversation_id=self.key, text=text, value=value,
            user_name=self.identity.name, channel="terminal",
        )  # fmt: skip

    def turn(self, line: str) -> list[Reply]:
        """Run one line through the bot (blocking; call it off the event loop)."""
        stripped = line.strip()
        number = _number(stripped)
        if stripped.isascii() and stripped.isdigit() and number not in self.buttons:  # a number is a button press, never a question
            template = texts.CHAT_NO_SUCH_BUTTON if self.buttons else texts.CHAT_NO_BUTTONS
            notice = template.format(number=stripped[:20])
            self.say(json_line({"type": "notice", "text": notice}) if self.json_lines else notice)
            return []  # the buttons on screen stay pressable
        if number is not None:
            button, card = self.buttons[number]
            if button.url:
                if self.json_lines:
                    self.say(json_line({"type": "link", "url": button.url}))
                else:
                    self.say(texts.CHAT_LINK.format(url=button.url))
                return []
            value = dict(button.data or {})
            for spec in card.inputs:
                value[spec.id] = self.fill(spec)
            incoming = self.incoming(value=value)
        else:
            incoming = self.incoming(text=line)
        replies = self.runner.run(incoming, self.state, {}, None, identity=self.identity)
        self.save_state()
        return replies

    def fill(self, spec: CardInput) -> str:
        """Ask for one card input; empty keeps the card's current value."""
        if self.json_lines:
            choices = [{"number": n, "value": v, "title": t} for n, (v, t) in enumerate(spec.choices, start=1)]
            asked = {"type": "input", "id": spec.id, "label": spec.label, "value": spec.value, "multi": spec.multi, "choices": choices}
            self.say(json_line(asked))  # the answer is the next line: numbers of choices, or text; empty keeps the value
            answer = self.ask("").strip()
            if not spec.is_text and not spec.choices:
                return spec.value
            if spec.is_text or not answer:
                return answer or spec.value
            return self.pick(spec, answer)
        self.say(f"{spec.label}:")
        if not spec.is_text and not spec.choices:  # a coded field with nothing to offer is never free text
            self.say(texts.CHAT_NO_CHOICES)
            return spec.value
        if spec.is_text:
            answer = self.ask(texts.CHAT_TYPE_TEXT + " ").strip()
            return answer or spec.value
        chosen = {v for v in spec.value.split(",") if v}
        for number, (value, title) in enumerate(spec.choices, start=1):
            self.say(f"  {'*' if value in chosen else ' '} {number}. {title}")
        answer = self.ask((texts.CHAT_CHOOSE if spec.multi else texts.CHAT_CHOOSE_ONE) + " ").strip()
        if not answer:
            return spec.value
        return self.pick(spec, answer)

    def pick(self, spec: CardInput, answer: str) -> str:
        """The values of the numbered choices in ``answer`` (``2,4``); a number off the list keeps the current value."""
        picked = []
        for part in answer.replace(" ", ",").split(","):
            if not part:
                continue
            chosen = _number(part)
            if chosen is None or not 1 <= chosen <= len(spec.choices):
                bad = texts.CHAT_BAD_CHOICE.format(number=part[:20])
                self.say(json_line({"type": "notice", "text": bad}) if self.json_lines else bad)
                return spec.value
            picked.append(spec.choices[chosen - 1][0])
        return ",".join(picked if spec.multi else picked[:1])

    def show(self, replies: list[Reply], *, later: bool = False) -> None:
        """Print replies; the buttons of these replies become the numbered ones."""
        if not later and replies:  # a pressed link or a number off the list leaves the buttons as they were
            self.buttons = {}
        for reply in replies:
            if self.json_lines:
                self.say(json_line(self.reply_json(reply, later=later)))
                continue
            if later:
                self.say(texts.CHAT_LATER)
            if reply.text:
                self.say(reply.text)
            if reply.card is not None:
                first = max(self.buttons, default=0) + 1
                rendered = render(reply.card, first_number=first)
                self.say(rendered.text)
                for button in rendered.buttons:
                    self.buttons[button.number] = (button, rendered)
            self.say("")

    def reply_json(self, reply: Reply, *, later: bool) -> dict[str, Any]:
        """One reply for ``--json``: its text, its card as sent to Teams, and the card's buttons by number."""
        buttons: list[dict[str, Any]] = []
        if reply.card is not None:
            rendered = render(reply.card, first_number=max(self.buttons, default=0) + 1)
            for button in rendered.buttons:
                self.buttons[button.number] = (button, rendered)
                buttons.append({"number": button.number, "title": button.title, **({"url": button.url} if button.url else {})})
        return {"type": "reply", "text": reply.text or None, "card": reply.card, "buttons": buttons, "later": later}


def _sign_login_links(services: Services, cfg: Settings, engine: Engine, clock: Clock) -> None:
    """"kirjautumislinkki" works here too: the links are signed with the secret the server's pages check (shared in the database)."""
    from bot.desk.chat import WEB_SIGNER_KEY
    from bot.stored_secrets import web_secret
    from bot.web.auth import Signer

    services.extras[WEB_SIGNER_KEY] = Signer(lambda: web_secret(engine, cfg.web_secret, now=clock()))


async def run_chat(
    cfg: Settings, worker: str, *, ask: Ask = input, say: Say = print, clock: Clock = system_clock, json_lines: bool = False
) -> int:
    """The ``chat`` command: resolve the worker, start the background work, read lines until /q or end of input."""
    from knowledge.service import KnowledgeBase

    engine = open_database(cfg.database_url)
    try:
        actor = resolve_worker(engine, worker)
        with read_only(engine) as session:
            row = session.get(Worker, actor.worker_id)
            channel_user_id = (row.channel_user_id if row else None) or f"cli:{actor.worker_id}"
    except BaseException:
        engine.dispose()
        raise
    services = Services.build(cfg, engine, clock=clock)
    identity = Identity(actor, channel_user_id)
    services.knowledge = await asyncio.to_thread(partial(KnowledgeBase.open, engine, cfg.knowledge_dir, now=clock()))
    services.router = build_router(services)
    _sign_login_links(services, cfg, engine, clock)
    chat = TerminalChat(services, identity, ask, say, json_lines=json_lines)
    await services.run_sync(chat.load_state)

    async def print_later(_reference: dict[str, Any], replies: list[Reply]) -> None:
        chat.show(replies, later=True)

    stop = threading.Event()
    tasks = [
        asyncio.create_task(ArchiveResultNotifier(services).run()),
        asyncio.create_task(OutboxDeliverer(services, print_later, worker_id=identity.worker_id, needs_reference=False).run()),
    ]
    queue_thread = None
    if queue_in_process(cfg):
        from archiving.kanta.factory import gateway_from_settings

        services.gateway = gateway_from_settings(cfg, engine, random.Random(), clock=clock)
        queue_thread = asyncio.get_running_loop().run_in_executor(None, work_queue, services, stop)
    greeting = texts.CHAT_GREETING.format(name=display_name(actor.label))
    if json_lines:
        progress(greeting)  # stdout carries only JSON objects
    else:
        say(greeting)
    loop = asyncio.get_running_loop()
    try:
        while True:
            try:
                line = await loop.run_in_executor(None, ask, "> ")
            except EOFError:
                break
            if line.strip().lower() in QUIT:
                break
            if not line.strip():
                continue
            replies = await services.run_sync(chat.turn, line)
            chat.show(replies)
    finally:
        stop.set()
        services.wake_queue()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if queue_thread is not None:
            await asyncio.gather(queue_thread, return_exceptions=True)
        if services.gateway is not None:
            services.gateway.close()
        services.close()
        engine.dispose()
    return 0
