"""Bad input at ``/api/messages`` is a 400 with an English message, never a 5xx or a traceback (issue 9, finding 5).

The attack run's cases: JSON nested ~990 levels (RecursionError), wrong-typed fields (a
dict as aadObjectId, numbers where text is expected), lone surrogates, huge numbers, and
invoke activities (501). The property-based version of this is ``test_fuzz_messages.py``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.app import SERVICES
from bot.turns.types import InvokeAnswer, Turn
from botkit import Conversation, RunningBot, talk
from logcheck import LogRecords


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


async def test_json_nested_hundreds_of_levels_is_a_400(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    for levels in (990, 5000, 50_000):
        said = await anna.post(deep(levels))
        assert said.status == 400, levels
        nested = json.dumps(anna.factory.message("hei"))[:-1] + ', "channelData": ' + "{\"a\": " * levels + "1" + "}" * levels + "}"
        said = await anna.post(nested)
        assert said.status == 400, levels
    async with bot.session.get(f"{bot.url}/healthz") as response:
        assert response.status == 200
    assert server_log.failures() == []


def _set(activity: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    node = activity
    *parents, last = path.split(".")
    for part in parents:
        node = node[part]
    node[last] = value
    return activity


WRONG = [
    ("from.aadObjectId", {"$ne": None}),
    ("from.aadObjectId", ["aad-anna"]),
    ("from.id", 29),
    ("from", "aad-anna"),
    ("from.name", {"first": "Anna"}),
    ("conversation.id", 12345),
    ("conversation.id", "a:" + "x" * 5000),
    ("conversation.isGroup", "yes"),
    ("recipient", []),
    ("channelId", None),
    ("type", 1),
    ("id", {"x": 1}),
    ("text", 12),
    ("text", ["hei"]),
    ("text", {"bytes": "aGVp"}),
    ("text", "hei\u0000"),
    ("locale", 7),
    ("value", [1, 2]),
    ("value", "archive.confirm"),
    ("value", {"action": "ticket.rate", "ticket": 10**30, "rating": 5}),
    ("value", {"action": "kb.feedback", "log_id": -(2**60)}),
    ("value", {"action": "meta.form", "doc_id": 1e400}),
    ("entities", {"type": "mention"}),
    ("entities", [{"type": "mention", "text": 5, "mentioned": {"id": "x"}}]),
    ("entities", [{"type": "mention", "text": "<at>x</at>", "mentioned": "x"}]),
    ("membersAdded", "everyone"),
    ("membersAdded", [{"name": "no id"}]),
    ("channelData", "tenant"),
    ("serviceUrl", ["http://127.0.0.1/"]),
]


@pytest.mark.parametrize(("path", "value"), WRONG, ids=[f"{p}={str(v)[:20]}" for p, v in WRONG])
async def test_a_field_of_the_wrong_type_is_a_400(bot: RunningBot, anna: Conversation, path: str, value: Any, server_log: LogRecords) -> None:
    activity = _set(anna.factory.message("hei"), path, value)
    said = await anna.post(json.dumps(activity, allow_nan=True))
    assert said.status == 400 and said.activities == []
    assert server_log.failures() == []


@pytest.mark.parametrize(
    "raw",
    [
        '"text": "hei \\ud800 moi"',  # a lone surrogate: cannot be stored or sent
        '"text": "\\udcff"',
        '"value": {"action": "ticket.open", "question": "\\udfff"}',
        '"from": {"id": "29:x", "aadObjectId": "aad-anna\\ud83d"}',
        '"value": {"n": NaN}',
        '"value": {"n": Infinity}',
        '"value": {"n": 1e999}',
        '"value": {"n": 123456789012345678901234567890}',
    ],
)
async def test_strings_and_numbers_json_cannot_carry_safely_are_a_400(anna: Conversation, raw: str, server_log: LogRecords) -> None:
    base = json.dumps({k: v for k, v in anna.factory.message("hei").items() if k not in ("text", "value", "from")})
    if '"from"' not in raw:
        raw += ', "from": {"id": "29:aad-anna", "aadObjectId": "aad-anna"}'
    said = await anna.post(base[:-1] + ", " + raw + "}")
    assert said.status == 400 and said.activities == []
    assert server_log.failures() == []


async def test_invalid_utf8_is_a_400(anna: Conversation) -> None:
    said = await anna.post(json.dumps(anna.factory.message("hei")).encode().replace(b"hei", b"h\xff\xfei"))
    assert said.status == 400


async def test_an_invoke_gets_200_and_an_empty_answer_not_501(bot: RunningBot, anna: Conversation, server_log: LogRecords) -> None:
    for name in ("adaptiveCard/action", "application/search", "composeExtension/query", "", None):
        activity = anna.factory.message("") | {"type": "invoke", "name": name, "value": {"queryText": "las"}}
        async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
            assert response.status == 200, name
            assert await response.read() == b""
    stranger = bot.conversation("aad-nobody")
    activity = stranger.factory.message("") | {"type": "invoke", "name": "application/search", "value": 5}
    async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
        assert response.status == 200
    assert bot.connector.activities == []  # an invoke is answered in the HTTP response, nothing is posted
    assert server_log.failures() == []


async def test_an_invoke_handler_plugs_into_the_router(bot: RunningBot, anna: Conversation) -> None:
    """The dispatch another capability (typeahead search) will grow: a name, a handler, its answer as the HTTP body."""

    def echo(turn: Turn) -> InvokeAnswer:
        return InvokeAnswer(200, {"worker": turn.worker_id, "asked": (turn.incoming.value or {}).get("queryText")})

    bot.app[SERVICES].router.add_invoke("test/echo", echo)  # type: ignore[union-attr]
    activity = anna.factory.message("") | {"type": "invoke", "name": "test/echo", "value": {"queryText": "lukitus"}}
    async with bot.session.post(f"{bot.url}/api/messages", json=activity) as response:
        assert response.status == 200
        assert await response.json() == {"worker": bot.district.workers["anna"], "asked": "lukitus"}


async def test_unknown_fields_and_teams_extras_still_work(anna: Conversation) -> None:
    activity = anna.factory.message("hei") | {"attachments": [{"contentType": "text/html", "content": "<p>hei</p>"}],
                                              "timestamp": 5, "somethingNew": {"deep": [[[]]]}}  # fmt: skip
    said = await anna.post(activity)
    assert said.status == 201 and "Olen Arkistobotti" in said.text
    await talk(anna, [({"action": "pending.list"}, "")])
