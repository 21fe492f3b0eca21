"""The desk in chat: queue, tickets, ratings, the next session and the web login link.

Registered in the bot's router by ``register(router, services)``. Free text is
matched on folded words (no ä/ö needed); card submits carry ``desk.*`` and
``ticket.*`` actions. Refusals are :class:`DeskError`, which the turn runner
shows in Finnish.
"""

from __future__ import annotations

from collections.abc import Callable

import re2

from archiving.ids import parse_id
from bot.desk import errors, queue, sessions, texts as T, ticket_views, tickets
from bot.desk.cards import question_card, topic_card
from bot.desk.config import DeskConfig
from bot.desk.formatting import when_fi
from bot.turns import asked
from bot.turns.phrases import fold
from bot.turns.router import AWAITING_KEY, Router, await_answer
from bot.turns.types import Reply, Turn

TICKET_QUESTION = "desk.ticket_question"  # the question "haluan puhua ihmiselle" asks
WEB_SIGNER_KEY = "web.signer"  # services.extras: the web pages' signer, set by bot.web.setup_web

# Chat text is matched with RE2 (google-re2): linear time, however long or odd the message.
_TICKET_REPLY = re2.compile(r"(?is)^\s*tiketti\s*#?\s*(\d+)\s*[:\-–]\s*(.+)$")
_JOIN = re2.compile(r"\b(deskiin|deskille|deskijonoon|deskin jonoon|jonota\w*|jonotta\w*|jonoon|mukaan|osallistu\w*)\b")
_LEAVE = re2.compile(r"\b(poistu|poista|peru|perun|peruuta|lahden|pois)\b.*\bjono")
_POSITION = re2.compile(r"\b(monesko|moneskona|jonotilanne|jonosijani|sijani|sijoitukseni)\b|\bmissa kohtaa jono")
_NEXT = re2.compile(r"\b(seuraava|seuraavan|milloin|aikataulu|aikataulun|deskiajat|deskiaika)\b.*\bdeski|\bdeski\w*\b.*\b(milloin|aikataulu)")
_PERSON = re2.compile(
    r"\bihmiselle\b|\b(puhu|jutel|yhtey)\w*\b.*\b(ihmi|henkilo|neuvoja|tukihenkilo|deski)\w*|\boikea\w* ihmi"
    r"|\b(avaa|uusi|jata|tee)\w* tiketti|\btukipyyn"
)
_HOW_TO = re2.compile(r"\b(miten|kuinka|mites|voiko|voinko|saako|pitaako|pitaisiko|taytyyko|onko|mita|mika)\b")
_MY_TICKETS = re2.compile(r"\b(tikettini|tiketteni|omat tiketit|tikettien tila|tukipyyntoni)\b")
_CONSOLE = re2.compile(r"\b(deskikonsoli|konsoli|kirjautumislinkki|hallintasivu|hallintasivut|julkaisusivu|seurantasivu)\w*")


def _config(turn: Turn) -> DeskConfig:
    return DeskConfig.from_settings(turn.services.settings)


def _topic_after_keyword(text: str) -> str:
    """What follows "haluan deskiin:" / "jonoon" is the topic."""
    _, sep, tail = text.partition(":")
    if sep and tail.strip():
        return tail.strip()
    folded = fold(text)
    match = _JOIN.search(folded)
    if match:
        rest = text[match.end():].strip(" ,.-–")
        return rest
    return ""


def join(turn: Turn, topic: str) -> list[Reply]:
    if not topic.strip():
        return [Reply(card=topic_card())]
    config = _config(turn)
    status = queue.join_queue(turn.services.engine, turn.identity.actor, topic, now=turn.now, config=config)
    when = when_fi(status.start, status.end, config.calendar.zone)
    template = T.JOINED_STARTED if status.start <= turn.now else T.JOINED
    return [Reply(text=template.format(when=when, topic=status.topic, position=status.position, minutes=config.reminder_minutes))]


def join_text(turn: Turn) -> list[Reply]:
    return join(turn, _topic_after_keyword(turn.incoming.text))


def position(turn: Turn) -> list[Reply]:
    status = queue.my_status(turn.services.engine, turn.identity.actor)
    if status is None:
        return [Reply(text=T.ERR_NOT_QUEUED)]
    when = when_fi(status.start, status.end, _config(turn).calendar.zone)
    if status.state == "called":
        return [Reply(text=T.POSITION_CALLED.format(when=when, link=status.meeting_url))]
    return [Reply(text=T.POSITION.format(when=when, position=status.position, topic=status.topic))]


def leave(turn: Turn) -> list[Reply]:
    status = queue.leave_queue(turn.services.engine, turn.identity.actor, now=turn.now)
    return [Reply(text=T.LEFT.format(when=when_fi(status.start, status.end, _config(turn).calendar.zone)))]


def next_session(turn: Turn) -> list[Reply]:
    upcoming = sessions.upcoming(turn.services.engine, turn.now, limit=1)
    if not upcoming:
        return [Reply(text=T.NO_NEXT_SESSION)]
    view = upcoming[0]
    when = when_fi(view.start, view.end, _config(turn).calendar.zone)
    if view.hosts:
        hosts = ", ".join(name for _, name in view.hosts)
        return [Reply(text=T.NEXT_SESSION_HOSTS.format(when=when, hosts=hosts, link=view.meeting_url))]
    return [Reply(text=T.NEXT_SESSION.format(when=when, link=view.meeting_url))]


def open_ticket(turn: Turn, question: str | None, source: str, log_id: object = None) -> list[Reply]:
    logged, guesses = asked.logged_question(turn, log_id)
    text = (question or "").strip() or (logged or "")
    if not text:
        return [Reply(card=question_card())]
    view = tickets.open_ticket(turn.services.engine, turn.identity.actor, text, now=turn.now, guesses=guesses, source=source)
    shown = view.question if len(view.question) <= 160 else view.question[:159] + "…"
    return [Reply(text=T.TICKET_OPENED.format(id=view.id, question=shown))]


def person(turn: Turn) -> list[Reply]:
    """"Haluan puhua ihmiselle": a ticket with what was said after a colon; otherwise ask what the worker needs.

    The ticket is titled with what the worker then writes (in the card or as the next message),
    never with an earlier question the bot already answered.
    """
    _, sep, rest = turn.incoming.text.partition(":")
    if sep and rest.strip():
        return open_ticket(turn, rest, "person")
    await_answer(turn, TICKET_QUESTION)
    return [Reply(card=question_card(T.ASK_PERSON))]


def ticket_from_text(turn: Turn) -> list[Reply]:
    """The next message after "haluan puhua ihmiselle" is the ticket's question."""
    return open_ticket(turn, turn.incoming.text, "person")


def ticket_reply_text(turn: Turn) -> list[Reply]:
    match = _TICKET_REPLY.match(turn.incoming.text)
    assert match is not None
    number = match.group(1)
    ticket_id = parse_id(number)
    if ticket_id is None:  # a number no ticket can have is a missing ticket
        raise errors.ticket_not_found(number[:20])
    view = tickets.reply(turn.services.engine, turn.identity.actor, ticket_id, match.group(2), now=turn.now)
    return [Reply(text=T.TICKET_MESSAGE_ADDED.format(id=view.id))]


def my_tickets(turn: Turn) -> list[Reply]:
    rows = ticket_views.list_tickets(turn.services.engine, turn.identity.actor, limit=10)
    own = [t for t in rows if t.worker_id == turn.worker_id]
    if not own:
        return [Reply(text=T.TICKET_LIST_EMPTY)]
    lines = [T.TICKET_LIST_HEADER] + [
        T.TICKET_LIST_ROW.format(id=t.id, state=T.TICKET_STATES.get(t.state, t.state), question=t.question[:80]) for t in own
    ]
    return [Reply(text="\n".join(lines))]


def login_link(turn: Turn) -> list[Reply]:
    from bot.web.auth import make_login_link

    signer = turn.services.extras.get(WEB_SIGNER_KEY)
    if signer is None:
        return [Reply(text=T.LOGIN_UNAVAILABLE)]
    settings = turn.services.settings
    url = make_login_link(
        turn.services.engine, signer, worker_id=turn.worker_id, now=turn.now, base_url=settings.public_base_url,
        minutes=settings.web_login_minutes,
    )  # fmt: skip
    return [Reply(text=T.LOGIN_LINK.format(minutes=settings.web_login_minutes, url=url))]


# --- card actions ------------------------------------------------------------------------------------


def desk_action(turn: Turn) -> list[Reply]:
    value = turn.incoming.value or {}
    action = turn.incoming.action
    if action == "desk.join":
        topic = value.get("topic")
        if not isinstance(topic, str) or not topic.strip():
            logged, _ = asked.logged_question(turn, value.get("log_id"))
            question = value.get("question") if isinstance(value.get("question"), str) else None
            topic = (logged or question or "").strip()[: queue.TOPIC_LIMIT]
        return join(turn, topic)
    if action == "desk.leave":
        return leave(turn)
    if action == "desk.position":
        return position(turn)
    if action == "desk.next":
        return next_session(turn)
    return [Reply(text=T.BAD_BUTTON)]


def ticket_action(turn: Turn) -> list[Reply]:
    value = turn.incoming.value or {}
    action = turn.incoming.action
    if action == "ticket.open":
        turn.state.pop(AWAITING_KEY, None)  # answered in the card: the next message is not the question
        question = value.get("question") if isinstance(value.get("question"), str) else None
        source = "person" if value.get("source") == "person" else "no_answer"
        return open_ticket(turn, question, source, value.get("log_id"))
    ticket_id = value.get("ticket")
    if not isinstance(ticket_id, int) or isinstance(ticket_id, bool):
        return [Reply(text=T.BAD_BUTTON)]
    if action == "ticket.rate":
        view = tickets.rate(turn.services.engine, turn.identity.actor, ticket_id, value.get("rating"), now=turn.now)
        return [Reply(text=T.TICKET_RATED.format(id=view.id, rating=view.rating))]
    if action == "ticket.reply":
        message = value.get("message") if isinstance(value.get("message"), str) else None
        view = tickets.reply(turn.services.engine, turn.identity.actor, ticket_id, message, now=turn.now)
        return [Reply(text=T.TICKET_MESSAGE_ADDED.format(id=view.id))]
    return [Reply(text=T.BAD_BUTTON)]


def _folded(matcher: re2._Regexp) -> Callable[[str], bool]:
    return lambda text: bool(matcher.search(fold(text)))


def _wants_join(text: str) -> bool:
    """"Haluan deskiin", "jonoon: aihe"; a bare "jonoon" elsewhere may mean the archive queue, so "desk" is needed."""
    folded = fold(text).strip()
    if _LEAVE.search(folded) or _POSITION.search(folded) or "milloin" in folded:
        return False
    if ":" not in folded and _HOW_TO.search(folded):  # "miten deskiin pääsee?" asks how, it does not join
        return False
    return folded.startswith("jonoon") or ("desk" in folded and bool(_JOIN.search(folded)))


def register(router: Router, services: object = None) -> None:
    """Plug the desk into the bot's router (called by ``bot.turns.setup.build_router``)."""
    router.add_intent("desk.ticket_reply", lambda text: bool(_TICKET_REPLY.match(text)), ticket_reply_text, priority=2)
    router.add_intent("desk.leave", _folded(_LEAVE), leave, priority=3)
    router.add_intent("desk.position", _folded(_POSITION), position, priority=4)
    router.add_intent("desk.next", _folded(_NEXT), next_session, priority=5)
    router.add_intent("desk.join", _wants_join, join_text, priority=6)
    router.add_intent("desk.person", _folded(_PERSON), person, priority=7)
    router.add_intent("desk.my_tickets", _folded(_MY_TICKETS), my_tickets, priority=8)
    router.add_intent("desk.console", _folded(_CONSOLE), login_link, priority=9)
    router.add_answer(TICKET_QUESTION, ticket_from_text)
    router.add_action("desk.", desk_action)
    router.add_action("ticket.", ticket_action)
