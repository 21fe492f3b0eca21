"""Teams-shaped Bot Framework activity JSON, as the channel would post it to ``/api/messages``.

The shapes follow activities recorded from Microsoft Teams (personal chat):
``from.id`` is the Teams user id, ``from.aadObjectId`` the Entra object id the
bot maps to a worker, ``conversation.conversationType`` is ``personal``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import uuid
from dataclasses import dataclass, field
from typing import Any

TENANT_ID = "00000000-0000-4000-8000-000000000001"
BOT_ID = "28:00000000-0000-4000-8000-0000000000b0"
BOT_NAME = "Arkistobotti"


@dataclass
class ActivityFactory:
    """Builds activities for one user in one personal conversation."""

    service_url: str
    user_id: str  # the AAD object id, i.e. the worker's channel user id
    user_name: str = "Testi Työntekijä"
    conversation_id: str = field(default_factory=lambda: f"a:{uuid.uuid4().hex}")
    channel_id: str = "msteams"
    _counter: itertools.count = field(default_factory=itertools.count, repr=False)  # type: ignore[type-arg]

    def _base(self, activity_type: str) -> dict[str, Any]:
        return {
            "type": activity_type,
            "id": f"{self.conversation_id[-8:]}-{next(self._counter)}-{uuid.uuid4().hex[:8]}",
            "timestamp": dt.datetime.now(dt.UTC).isoformat().replace("+00:00", "Z"),
            "localTimestamp": dt.datetime.now(dt.UTC).isoformat(),
            "localTimezone": "Europe/Helsinki",
            "serviceUrl": self.service_url,
            "channelId": self.channel_id,
            "from": {"id": f"29:{self.user_id}", "name": self.user_name, "aadObjectId": self.user_id},
            "conversation": {"conversationType": "personal", "tenantId": TENANT_ID, "id": self.conversation_id},
            "recipient": {"id": BOT_ID, "name": BOT_NAME},
            "entities": [{"locale": "fi-FI", "country": "FI", "platform": "Web", "timezone": "Europe/Helsinki", "type": "clientInfo"}],
            "channelData": {"tenant": {"id": TENANT_ID}},
            "locale": "fi-FI",
        }

    def message(self, text: str) -> dict[str, Any]:
        """The worker types ``text``."""
        activity = self._base("message")
        activity["text"] = text
        activity["textFormat"] = "plain"
        return activity

    def submit(self, value: dict[str, Any]) -> dict[str, Any]:
        """The worker presses an Adaptive Card ``Action.Submit`` button carrying ``value``."""
        activity = self._base("message")
        activity["value"] = value
        activity["channelData"] = {**activity["channelData"], "source": {"name": "message"}, "legacy": {"replyToId": "1:x"}}
        return activity

    def conversation_update(self, *, bot_added: bool = True) -> dict[str, Any]:
        """The bot (and user) were added to the conversation, as Teams sends on install."""
        activity = self._base("conversationUpdate")
        members = [{"id": BOT_ID}] if bot_added else [{"id": f"29:{self.user_id}", "aadObjectId": self.user_id}]
        activity["membersAdded"] = members
        activity["channelData"] = {**activity["channelData"], "eventType": "teamMemberAdded"} if not bot_added else activity["channelData"]
        return activity

    def installation_update(self, action: str = "add") -> dict[str, Any]:
        """The app was installed (``add``) or removed (``remove``) in personal scope."""
        activity = self._base("installationUpdate")
        activity["action"] = action
        return activity
