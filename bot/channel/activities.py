"""Bot Framework Activity ⇄ the neutral turn types of ``bot.turns.types``."""

from __future__ import annotations

from typing import Any

from botbuilder.core import InvokeResponse
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    Attachment,
    ChannelAccount,
    ConversationAccount,
    ConversationReference,
    Entity,
)

from bot import texts
from bot.turns.types import Incoming, InvokeAnswer, Kind, Reply

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
REQUIRED_FIELDS = ("type", "serviceUrl", "channelId", "from.id", "conversation.id")


def missing_fields(body: dict[str, Any]) -> list[str]:
    """The required activity fields absent from a posted JSON body."""
    missing = []
    for path in REQUIRED_FIELDS:
        node: Any = body
        for part in path.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if not isinstance(node, str) or not node.strip():
            missing.append(path)
    return missing


def _account(data: Any, model: type = ChannelAccount) -> Any:
    if not isinstance(data, dict):
        return None
    fields = {"id": data.get("id"), "name": data.get("name"), "aad_object_id": data.get("aadObjectId"), "role": data.get("role")}
    if model is ConversationAccount:
        fields.update(
            conversation_type=data.get("conversationType"), tenant_id=data.get("tenantId"), is_group=data.get("isGroup")
        )
    return model(**fields)


def activity_from_json(body: dict[str, Any]) -> Activity:
    """The Activity botbuilder needs, built field by field from the checked JSON (``validation.clean_activity``).

    msrest's generic ``Activity().deserialize`` walks every attribute of the model and
    costs more than the rest of a light turn; this sets the fields the adapter, its
    token validation and ``to_incoming`` read. Mention entities still go through msrest.
    """
    entities = body.get("entities")
    members_added = body.get("membersAdded")
    return Activity(
        type=body.get("type"),
        id=body.get("id"),
        service_url=body.get("serviceUrl"),
        channel_id=body.get("channelId"),
        from_property=_account(body.get("from")),
        recipient=_account(body.get("recipient")),
        conversation=_account(body.get("conversation"), ConversationAccount),
        text=body.get("text") if isinstance(body.get("text"), str) else None,
        text_format=body.get("textFormat"),
        locale=body.get("locale"),
        value=body.get("value"),
        name=body.get("name"),
        action=body.get("action"),
        reply_to_id=body.get("replyToId"),
        channel_data=body.get("channelData"),
        members_added=[_account(m) for m in members_added if isinstance(m, dict)] if isinstance(members_added, list) else None,
        entities=[Entity().deserialize(e) for e in entities if isinstance(e, dict) and e.get("type") == "mention"] or None
        if isinstance(entities, list)
        else None,
    )


MAX_MENTION = 500  # characters of a mention's text the bot will look for in the message


def without_bot_mention(activity: Activity) -> str:
    """The message text with the bot's @mention (``<at>Arkistobotti</at>``) taken out.

    botbuilder's ``TurnContext.remove_recipient_mention`` compiles the mention's
    text, which the sender controls, as a regular expression; this is a plain
    string replacement of the mention entity's text.
    """
    text = activity.text or ""
    bot_id = activity.recipient.id if activity.recipient else None
    for entity in activity.entities or []:
        properties = getattr(entity, "additional_properties", None) or {}
        mentioned, mention_text = properties.get("mentioned"), properties.get("text")
        if (
            isinstance(mentioned, dict) and bot_id and mentioned.get("id") == bot_id
            and isinstance(mention_text, str) and 0 < len(mention_text) <= MAX_MENTION
        ):  # fmt: skip
            text = text.replace(mention_text, "")
    return text


def to_incoming(activity: Activity, *, vouched: bool = False) -> Incoming:
    """What the worker did, without botbuilder types; the user is the AAD object id when Teams gives one.

    ``vouched``: a Bot Framework token's serviceurl claim matched the activity (see ``service_urls``).
    """
    sender = activity.from_property
    user_id = (getattr(sender, "aad_object_id", None) or sender.id) if sender else ""
    common: dict[str, Any] = {
        "channel_user_id": user_id or "",
        "conversation_id": activity.conversation.id if activity.conversation else "",
        "user_name": (sender.name if sender else "") or "",
        "channel": activity.channel_id or "",
        "vouched": vouched,
    }
    if activity.type == ActivityTypes.message:
        text = without_bot_mention(activity) if activity.entities else activity.text
        value = activity.value if isinstance(activity.value, dict) else None
        return Incoming(kind=Kind.MESSAGE, text=(text or "").strip(), value=value, **common)
    if activity.type == ActivityTypes.installation_update:
        removed = (activity.action or "").startswith("remove")
        return Incoming(kind=Kind.INSTALLATION, action_removed=removed, **common)
    if activity.type == ActivityTypes.conversation_update:
        bot_id = activity.recipient.id if activity.recipient else None
        bot_added = any(m.id == bot_id for m in activity.members_added or [])
        return Incoming(kind=Kind.CONVERSATION_UPDATE, bot_added=bot_added, **common)
    if activity.type == ActivityTypes.invoke:
        value = activity.value if isinstance(activity.value, dict) else None
        return Incoming(kind=Kind.INVOKE, name=activity.name or "", value=value, **common)
    return Incoming(kind=Kind.OTHER, **common)


def invoke_response(answer: InvokeAnswer) -> Activity:
    """The ``invokeResponse`` activity botbuilder turns into the HTTP answer of an invoke."""
    return Activity(type=ActivityTypes.invoke_response, value=InvokeResponse(status=answer.status, body=answer.body))


def to_activity(reply: Reply) -> Activity:
    """A message activity with the reply's text and its Adaptive Card as an attachment."""
    activity = Activity(type=ActivityTypes.message, text=reply.text or None, locale=texts.LOCALE)
    if reply.card is not None:
        activity.attachments = [Attachment(content_type=ADAPTIVE_CARD, content=reply.card)]
    return activity


def reference_of_body(body: dict[str, Any]) -> dict[str, Any]:
    """The ConversationReference JSON of an incoming activity, without its id (proactive messages are not replies).

    Built from the posted JSON itself: serialising botbuilder's model again on every turn costs more than the turn.
    """
    reference = {
        "user": body.get("from"),
        "bot": body.get("recipient") or {"id": "bot"},
        "conversation": body.get("conversation"),
        "channelId": body.get("channelId"),
        "serviceUrl": body.get("serviceUrl"),
    }
    if body.get("locale"):
        reference["locale"] = body["locale"]
    return reference


def reply_payload(reply: Reply, reference: dict[str, Any], reply_to_id: str | None = None) -> dict[str, Any]:
    """The Bot Framework JSON of a message from the bot into the conversation of ``reference``."""
    payload: dict[str, Any] = {
        "type": "message",
        "from": reference.get("bot"),
        "recipient": reference.get("user"),
        "conversation": reference.get("conversation"),
        "channelId": reference.get("channelId"),
        "serviceUrl": reference.get("serviceUrl"),
    }
    payload["locale"] = texts.LOCALE  # the text is Finnish whatever language the client is set to (or if it sent none)
    if reply_to_id:
        payload["replyToId"] = reply_to_id
    if reply.text:
        payload["text"] = reply.text
        payload["textFormat"] = "markdown"
    if reply.card is not None:
        payload["attachments"] = [{"contentType": ADAPTIVE_CARD, "content": reply.card}]
    return payload


def reference_from(data: dict[str, Any]) -> ConversationReference:
    return ConversationReference().deserialize(data)
