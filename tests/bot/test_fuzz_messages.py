"""Property-based fuzzing of ``/api/messages`` (hypothesis): whatever is posted, no 5xx, no traceback,
nothing of another worker changes, and nothing of theirs is shown.

Anna's side posts arbitrary JSON, activities with a field of the wrong type, and card
submits with every action the router knows carrying ids from a pool that holds Bertta's
real ids (her ticket, her document, her logged question), numbers no id column can hold
and values of every JSON type. Bertta's rows are compared before and after, and her
question must reach nothing of Anna's. Each example is judged by its own log records. The run is
derandomised (the same examples in every run and in CI) with a fixed number of examples,
so it takes seconds, not minutes.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from bot.app import SERVICES
from bot.desk.config import DeskConfig
from bot.desk.sessions import generate
from botkit import NOW, Conversation, RunningBot, talk
from logcheck import LogRecords

SECRET = "ruokalassa"  # a word of Bertta's question
EXAMPLES = 100  # per property; a post takes about 10 ms of the server's CPU

# JSON as Teams could never send it, and as anyone could: text with NUL, lone surrogates, other scripts' digits
SPECIALS = ["\ud800", "\udfff", "\x00", "\u200b", "\u2212", "²", "٣", "１", "ä", ":", "-", "#", " ", "\n", "<", "%", "'"]
characters = st.sampled_from(SPECIALS) | st.characters(exclude_categories=())
# generated text alone seldom holds the few characters that matter, so a third of the texts are built around one of them
texts = st.text(alphabet=characters, max_size=40) | st.builds(
    "{}{}{}".format, st.text(max_size=12), st.sampled_from([*SPECIALS, "9" * 30, "x" * 3000]), st.text(alphabet=characters, max_size=12)
)
json_scalars = st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70) | st.floats(allow_nan=False) | texts
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=20,
)


def snapshot(bot: RunningBot, worker_id: int) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the worker's own data: documents, their social services, tickets and messages, queue, reference, opt-out."""
    queries = {
        "document": "SELECT * FROM document WHERE author_id = :w ORDER BY id",
        "document_social_service": "SELECT s.* FROM document_social_service s JOIN document d ON d.id = s.document_id WHERE d.author_id = :w ORDER BY 1, 2",
        "desk_ticket": "SELECT * FROM desk_ticket WHERE worker_id = :w ORDER BY id",
        "desk_ticket_message": "SELECT m.* FROM desk_ticket_message m JOIN desk_ticket t ON t.id = m.ticket_id WHERE t.worker_id = :w ORDER BY m.id",
        "desk_queue_entry": "SELECT * FROM desk_queue_entry WHERE worker_id = :w ORDER BY id",
        "conversation_ref": "SELECT * FROM conversation_ref WHERE worker_id = :w",
        "announcement_opt_out": "SELECT * FROM announcement_opt_out WHERE worker_id = :w",
        "chat_submission": "SELECT * FROM chat_submission WHERE worker_id = :w ORDER BY 1",
        "job": "SELECT j.* FROM archive_job j JOIN document d ON d.id = j.document_id WHERE d.author_id = :w ORDER BY j.id",
    }
    with bot.district.engine.connect() as connection:
        return {name: [tuple(row) for row in connection.execute(text(sql), {"w": worker_id})] for name, sql in queries.items()}


async def berttas_world(bot: RunningBot) -> dict[str, int]:
    """Bertta talks to the bot, asks what it cannot answer, opens a ticket and joins the desk queue."""
    generate(bot.district.engine, DeskConfig.from_settings(bot.settings), now=NOW)
    bertta = bot.conversation("aad-bertta", "Bertta Berg")
    (no_answer,) = await talk(bertta, [(f"mitä {SECRET} on tänään", "En löytänyt")])
    log_id = no_answer.button("Jätä tukipyyntö")["log_id"]
    await talk(bertta, [(no_answer.button("Jätä tukipyyntö"), "Avasin tiketin")])
    await talk(bertta, [("haluan deskiin: lukitseminen", "Lisäsin sinut jonoon")])
    with bot.district.engine.connect() as connection:
        ticket = connection.execute(text("SELECT max(id) FROM desk_ticket")).scalar_one()
    return {"log": log_id, "ticket": ticket, "document": bot.district.document(author="bertta")}


def id_pool(theirs: dict[str, int]) -> st.SearchStrategy[Any]:
    return st.sampled_from([*theirs.values(), 0, -1, 1, 2, 2**31 - 1, 2**31, 2**53, 2**63, "1", "²", "٣", "#1", " 7 ", "9" * 30]) | json_values


# every card key that carries an id, with the kind of Bertta's id to put there
ID_KEYS = [("ticket.open", "log_id", "log"), ("desk.join", "log_id", "log"), ("kb.feedback", "log_id", "log"),
           ("kb.show", "log_id", "log"), ("ticket.rate", "ticket", "ticket"), ("ticket.reply", "ticket", "ticket"),
           ("archive.confirm", "doc_ids", "document"), ("meta.form", "doc_id", "document"), ("meta.save", "doc_id", "document")]  # fmt: skip


def submits(theirs: dict[str, int], actions: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    ids = id_pool(theirs)
    known = st.fixed_dictionaries(
        {"action": st.sampled_from(actions)},
        optional={
            "log_id": ids, "ticket": ids, "doc_id": ids, "doc_ids": st.lists(ids, max_size=3) | ids, "all": json_values,
            "rating": ids, "message": json_values, "question": json_values, "topic": json_values, "source": json_values,
            "helpful": json_values, "slug": st.sampled_from(["deski", "../etc", ""]) | json_values, "token": json_values,
            "service_task": json_values, "social_services": json_values, "service_unit": json_values, "form_task": json_values,
        },
    )  # fmt: skip
    return known | st.dictionaries(texts, json_values, max_size=4)


PHRASES = ["{text}", "miten lukitsen {text}", "haluan puhua ihmiselle: {text}", "tiketti {ticket}: {text}", "tiketti 99999999999999999999: {text}",
           "tiketti {text}: moi", "haluan deskiin: {text}", "jonoon: {text}", "poistu jonosta", "monesko olen jonossa",
           "mitä minulla on arkistoimatta {text}", "lopeta tiedotteet", "kirjautumislinkki"]  # fmt: skip
FIELDS = ["type", "id", "serviceUrl", "channelId", "from", "from.id", "from.aadObjectId", "from.name", "recipient", "conversation",
          "conversation.id", "conversation.isGroup", "text", "textFormat", "locale", "value", "name", "action", "replyToId",
          "entities", "channelData", "membersAdded", "attachments"]  # fmt: skip


def mutated(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    activity = json.loads(json.dumps(base))
    node = activity
    *parents, last = path.split(".")
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[last] = value
    return activity


async def test_fuzzed_activities_never_fail_and_never_touch_another_worker(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    theirs = await berttas_world(bot)
    await talk(anna, [("hei", "Olen Arkistobotti")])  # Anna has a conversation reference of her own
    bertta_id = bot.district.workers["bertta"]
    before = snapshot(bot, bertta_id)
    loop = asyncio.get_running_loop()
    router = bot.app[SERVICES].router
    assert router is not None
    actions = [*router.actions, "desk.join", "desk.leave", "desk.position", "ticket.open", "ticket.rate", "ticket.reply", "no.such"]
    statuses: dict[int, int] = {}

    def post(body: str | bytes) -> None:
        server_log.clear()  # each example is judged by its own log records (so that hypothesis can shrink)
        status = asyncio.run_coroutine_threadsafe(anna.post(body), loop).result(timeout=60).status
        statuses[status] = statuses.get(status, 0) + 1
        assert status < 500, body[:300]
        assert server_log.failures() == [], body[:300]

    common = settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))

    @common
    @given(json_values)
    def arbitrary_json(value: Any) -> None:
        post(json.dumps(value))

    @common
    @given(st.sampled_from(["message", "submit", "invoke", "update"]), st.sampled_from(FIELDS), json_values)
    def wrong_types(kind: str, path: str, value: Any) -> None:
        base = {
            "message": anna.factory.message("mitä minulla on arkistoimatta"),
            "submit": anna.factory.submit({"action": "pending.list"}),
            "invoke": anna.factory.message("") | {"type": "invoke", "name": "application/search", "value": {"queryText": "x"}},
            "update": anna.factory.conversation_update(),
        }[kind]
        post(json.dumps(mutated(base, path, value)))

    @common
    @given(submits(theirs, actions))
    def card_submits(value: dict[str, Any]) -> None:
        post(json.dumps(anna.factory.submit(value)))

    @common
    @given(st.sampled_from(ID_KEYS), submits(theirs, actions), st.booleans())
    def foreign_ids(where: tuple[str, str, str], extras: dict[str, Any], with_question: bool) -> None:
        """Each of Bertta's ids in the key that carries it, the rest of the card arbitrary."""
        action, key, kind = where
        value = {**extras, "action": action, key: [theirs[kind]] if key == "doc_ids" else theirs[kind]}
        if not with_question:
            value.pop("question", None)
        post(json.dumps(anna.factory.submit(value)))

    @common
    @given(st.sampled_from(PHRASES), texts)
    def typed_text(phrase: str, said: str) -> None:
        post(json.dumps(anna.factory.message(phrase.format(text=said, ticket=theirs["ticket"]))))

    for run in (arbitrary_json, wrong_types, card_submits, foreign_ids, typed_text):
        await asyncio.to_thread(run)
    assert snapshot(bot, bertta_id) == before
    # nor did Anna see any of it: Bertta's question is in no message to Anna and in no ticket of hers
    assert not [a for a in bot.connector.for_conversation(anna.id) if SECRET in json.dumps(a.activity, ensure_ascii=False)]
    with bot.district.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM desk_ticket WHERE question LIKE :s"), {"s": f"%{SECRET}%"}).scalar_one() == 1
    assert statuses.get(400, 0) > 0 and statuses.get(201, 0) > 0, statuses  # both refusals and real turns were exercised
