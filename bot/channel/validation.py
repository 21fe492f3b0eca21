"""The posted activity checked at the edge, before anything else reads it.

Whatever the channel (or anyone who can reach ``/api/messages``) posts is
parsed once and reduced to the fields the bot uses, each of the type the Bot
Framework schema gives it. Anything else is a 400 with an English message, so
no turn ever starts on a value it cannot handle:

- JSON that is not I-JSON (RFC 7493): ``NaN``/``Infinity`` (also 1e999), integers
  beyond ±2**53, strings with lone surrogates (they cannot be stored or sent), and
  NUL characters (PostgreSQL text cannot hold them);
- nesting deeper than :data:`MAX_DEPTH` or more than :data:`MAX_NODES` values in
  the free-form parts (a card submit's ``value``, ``channelData``, entities),
  so no later step recurses deeply or walks a huge tree;
- a known field of the wrong type (a dict as ``aadObjectId``, a number as
  ``text``), or an id longer than the database keeps.

Unknown fields are dropped: the returned dict holds only what is checked here.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 24  # nesting of the free-form parts (a card submit's value is one or two levels deep)
MAX_NODES = 5_000  # values in the free-form parts together
MAX_SAFE_INT = 2**53 - 1  # I-JSON: integers beyond this are not interoperable
ID_LIMIT = 300  # from.id, conversation.id, ...: state keys and conversation references keep at most 400 characters
SHORT_LIMIT = 64  # type, channelId, locale, role, ...
NAME_LIMIT = 1_000  # display names, the invoke name
URL_LIMIT = 400  # the stored serviceUrl column
MEMBERS_LIMIT = 100

_BAD_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


class ActivityError(ValueError):
    """The posted body is not an activity the bot can take; ``str()`` is the English 400 message."""


def _refuse_constant(name: str) -> Any:
    raise ActivityError(f"request body contains {name}, which JSON does not allow")


def parse_body(raw: bytes) -> dict[str, Any]:
    """The posted bytes as a JSON object, or :class:`ActivityError`."""
    try:
        body = json.loads(raw, parse_constant=_refuse_constant)
    except ActivityError:
        raise
    except RecursionError:
        raise ActivityError(f"request body is nested too deeply (at most {MAX_DEPTH} levels)") from None
    except ValueError:  # also UnicodeDecodeError: the body is not UTF-8
        raise ActivityError("request body is not valid JSON") from None
    if not isinstance(body, dict):
        raise ActivityError("request body must be a JSON object (a Bot Framework activity)")
    return body


def _text(value: Any, path: str, limit: int | None, *, required: bool = False) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise ActivityError(f"activity field {path} must be a string")
    if required and not value.strip():
        raise ActivityError(f"activity field {path} must not be empty")
    if limit is not None and len(value) > limit:
        raise ActivityError(f"activity field {path} is longer than {limit} characters")
    if _BAD_CHARACTERS.search(value):
        raise ActivityError(f"activity field {path} contains a NUL character or a lone surrogate")
    return value


def _json_value(value: Any, path: str, budget: list[int]) -> Any:
    """Check a free-form JSON value without recursion: depth, size, strings and numbers."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        budget[0] -= 1
        if budget[0] < 0:
            raise ActivityError(f"activity has more than {MAX_NODES} values")
        if depth > MAX_DEPTH:
            raise ActivityError(f"activity field {path} is nested too deeply (at most {MAX_DEPTH} levels)")
        if isinstance(node, str):
            _text(node, path, None)
        elif isinstance(node, bool) or node is None:
            continue
        elif isinstance(node, float):
            if not math.isfinite(node):  # 1e999 parses as infinity
                raise ActivityError(f"activity field {path} holds a number beyond the range of JSON numbers")
        elif isinstance(node, int):
            if abs(node) > MAX_SAFE_INT:
                raise ActivityError(f"activity field {path} holds a number beyond ±2**53")
        elif isinstance(node, dict):
            for key, item in node.items():
                _text(key, path, NAME_LIMIT)
                stack.append((item, depth + 1))
        elif isinstance(node, list):
            stack.extend((item, depth + 1) for item in node)
    return value


def _object(value: Any, path: str, *, required: bool = False) -> dict[str, Any] | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise ActivityError(f"activity field {path} must be an object")
    return value


def _account(value: Any, path: str, *, required: bool = False) -> dict[str, Any] | None:
    """A ChannelAccount: id, name, aadObjectId, role."""
    data = _object(value, path, required=required)
    if data is None:
        return None
    account = {
        "id": _text(data.get("id"), f"{path}.id", ID_LIMIT, required=True),
        "name": _text(data.get("name"), f"{path}.name", NAME_LIMIT),
        "aadObjectId": _text(data.get("aadObjectId"), f"{path}.aadObjectId", ID_LIMIT),
        "role": _text(data.get("role"), f"{path}.role", SHORT_LIMIT),
    }
    return {key: item for key, item in account.items() if item is not None}


def _conversation(value: Any) -> dict[str, Any]:
    data = _object(value, "conversation", required=True)
    assert data is not None
    is_group = data.get("isGroup")
    if is_group is not None and not isinstance(is_group, bool):
        raise ActivityError("activity field conversation.isGroup must be true or false")
    conversation = {
        "id": _text(data.get("id"), "conversation.id", ID_LIMIT, required=True),
        "name": _text(data.get("name"), "conversation.name", NAME_LIMIT),
        "conversationType": _text(data.get("conversationType"), "conversation.conversationType", SHORT_LIMIT),
        "tenantId": _text(data.get("tenantId"), "conversation.tenantId", ID_LIMIT),
        "isGroup": is_group,
    }
    return {key: item for key, item in conversation.items() if item is not None}


def _entities(value: Any, budget: list[int]) -> list[dict[str, Any]] | None:
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise ActivityError("activity field entities must be a list of objects")
    _json_value(value, "entities", budget)
    for entity in value:
        if entity.get("type") == "mention":  # the one kind botbuilder reads: its text and whom it names
            _text(entity.get("text"), "entities[].text", None)
            _account(entity.get("mentioned"), "entities[].mentioned", required=True)
    return value


def clean_activity(body: dict[str, Any]) -> dict[str, Any]:
    """The activity's known fields, checked; raises :class:`ActivityError` naming the first bad one."""
    budget = [MAX_NODES]
    activity: dict[str, Any] = {
        "type": _text(body.get("type"), "type", SHORT_LIMIT, required=True),
        "id": _text(body.get("id"), "id", ID_LIMIT),
        "serviceUrl": _text(body.get("serviceUrl"), "serviceUrl", URL_LIMIT, required=True),
        "channelId": _text(body.get("channelId"), "channelId", SHORT_LIMIT, required=True),
        "from": _account(body.get("from"), "from", required=True),
        "recipient": _account(body.get("recipient"), "recipient"),
        "conversation": _conversation(body.get("conversation")),
        "text": _text(body.get("text"), "text", None),
        "textFormat": _text(body.get("textFormat"), "textFormat", SHORT_LIMIT),
        "locale": _text(body.get("locale"), "locale", SHORT_LIMIT),
        "name": _text(body.get("name"), "name", NAME_LIMIT),
        "action": _text(body.get("action"), "action", SHORT_LIMIT),
        "replyToId": _text(body.get("replyToId"), "replyToId", ID_LIMIT),
        "entities": _entities(body.get("entities"), budget),
    }
    if "value" in body:
        activity["value"] = _json_value(body["value"], "value", budget)
        if activity["type"] == "message" and activity["value"] is not None and not isinstance(activity["value"], dict):
            raise ActivityError("activity field value must be an object in a message (a card submit)")
    channel_data = _object(body.get("channelData"), "channelData")
    if channel_data is not None:
        activity["channelData"] = _json_value(channel_data, "channelData", budget)
    members = body.get("membersAdded")
    if members is not None:
        if not isinstance(members, list) or len(members) > MEMBERS_LIMIT:
            raise ActivityError(f"activity field membersAdded must be a list of at most {MEMBERS_LIMIT} accounts")
        activity["membersAdded"] = [_account(m, "membersAdded[]", required=True) for m in members]
    return {key: item for key, item in activity.items() if item is not None or key == "value"}
