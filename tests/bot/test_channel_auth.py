"""With MicrosoftAppId configured every activity needs a valid Bot Framework token (bot/channel/connector.py).

Microsoft's login service cannot be reached from tests, so a local stand-in
serves the OpenID metadata and signing keys the way login.botframework.com
does, and botbuilder's own channel validation is pointed at it through its
``ChannelValidation.open_id_metadata_endpoint`` seam. Tokens are real RS256 JWTs.
"""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import aiohttp
import jwt
import pytest
from botframework.connector.auth import AuthenticationConstants, ChannelValidation
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from archiving.clock import FixedClock
from bot.app import create_app
from bot.devtools import ConnectorStandIn
from knowledge.service import KnowledgeBase
from botkit import NOW, Conversation, District, RunningBot, bot_settings, start_bot
from logcheck import LogRecords
from test_service_url import stored_reference

APP_ID = "00000000-0000-4000-8000-00000000a99d"
ISSUER = "https://api.botframework.com"
EMULATOR_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"  # one botbuilder accepts from the Emulator


class OpenIdStandIn:
    """login.botframework.com's OpenID metadata and keys, served from a thread (botbuilder fetches them blocking)."""

    def __init__(self) -> None:
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        jwk = json.loads(RSAAlgorithm.to_jwk(self.key.public_key()))
        jwk.update({"kid": self.kid, "use": "sig", "endorsements": ["msteams", "emulator"]})
        keys = {"keys": [jwk]}
        outer = self
        self.requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                outer.requests.append(self.path)
                if self.path == "/v1/.well-known/openidconfiguration":
                    body = {"issuer": ISSUER, "jwks_uri": f"{outer.url}/v1/keys", "id_token_signing_alg_values_supported": ["RS256"]}
                elif self.path == "/v1/keys":
                    body = keys
                else:
                    self.send_error(404)
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                return None

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def token(self, service_url: str, *, audience: str = APP_ID, expires_in: int = 3600, key: Any = None, kid: str | None = None) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": audience, "serviceurl": service_url, "nbf": now - 60, "iat": now - 60, "exp": now + expires_in}
        return jwt.encode(claims, key or self.key, algorithm="RS256", headers={"kid": kid or self.kid})

    def emulator_token(self, *, app_id: str = APP_ID) -> str:
        """What the Bot Framework Emulator sends with the app's credentials: an AAD token, no serviceurl claim."""
        now = int(time.time())
        claims = {"iss": EMULATOR_ISSUER, "aud": app_id, "appid": app_id, "ver": "1.0", "nbf": now - 60, "iat": now - 60, "exp": now + 3600}
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def openid(monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenIdStandIn]:
    standin = OpenIdStandIn()
    metadata = f"{standin.url}/v1/.well-known/openidconfiguration"
    monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", metadata)
    monkeypatch.setattr(AuthenticationConstants, "TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL", metadata)  # Entra ID's, for Emulator tokens
    yield standin
    standin.close()


@pytest.fixture
async def secured_bot(
    bot_db_url: str, district: District, connector: ConnectorStandIn, knowledge: KnowledgeBase, tmp_path: Path, openid: OpenIdStandIn
) -> AsyncIterator[RunningBot]:
    settings = bot_settings(bot_db_url, tmp_path, microsoft_app_id=APP_ID, microsoft_app_password="not-a-real-secret")
    app = create_app(settings, clock=FixedClock(NOW), rng=random.Random(3), knowledge=knowledge, background=False)
    runner, url = await start_bot(app)
    async with aiohttp.ClientSession() as session:
        yield RunningBot(url, app, connector, session, district, FixedClock(NOW), settings)
    await runner.cleanup()


def silent_activity(conversation: Conversation) -> dict[str, Any]:
    """An activity that needs no reply (so no token for the connector is needed): someone else joined."""
    activity = conversation.factory.conversation_update(bot_added=False)
    return activity


async def test_missing_token_is_401(secured_bot: RunningBot) -> None:
    anna = secured_bot.conversation()
    said = await anna.say("hei")
    assert said.status == 401 and said.activities == []


async def test_garbage_and_wrong_scheme_are_401(secured_bot: RunningBot) -> None:
    anna = secured_bot.conversation()
    for header in ("Bearer not.a.jwt", "Basic YWxhZGRpbjpvcGVuc2VzYW1l", "Bearer"):
        said = await anna.post(anna.factory.message("hei"), headers={"Authorization": header})
        assert said.status == 401, header


async def test_forged_expired_or_misaddressed_tokens_are_401(secured_bot: RunningBot, openid: OpenIdStandIn) -> None:
    anna = secured_bot.conversation()
    service_url = anna.connector.service_url
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for label, token in (
        ("signed with another key", openid.token(service_url, key=other_key)),
        ("unknown key id", openid.token(service_url, kid="someone-elses-key")),
        ("another bot's audience", openid.token(service_url, audience="11111111-1111-4111-8111-111111111111")),
        ("expired", openid.token(service_url, expires_in=-3600)),
        ("another service url", openid.token("https://evil.example.invalid/")),
    ):
        said = await anna.post(silent_activity(anna), headers={"Authorization": f"Bearer {token}"})
        assert said.status == 401, label


async def test_a_valid_token_is_accepted(secured_bot: RunningBot, openid: OpenIdStandIn) -> None:
    anna = secured_bot.conversation()
    token = openid.token(anna.connector.service_url)
    said = await anna.post(silent_activity(anna), headers={"Authorization": f"Bearer {token}"})
    assert said.status == 201


async def test_without_app_id_no_token_is_needed(anna: Conversation) -> None:
    said = await anna.say("hei")
    assert said.status == 201 and said.activities


async def test_signing_keys_are_fetched_off_the_event_loop_at_startup(
    bot_db_url: str, district: District, knowledge: KnowledgeBase, tmp_path: Path, openid: OpenIdStandIn
) -> None:
    settings = bot_settings(bot_db_url, tmp_path, microsoft_app_id=APP_ID, microsoft_app_password="not-a-real-secret")
    app = create_app(settings, clock=FixedClock(NOW), rng=random.Random(3), knowledge=knowledge)
    runner, _ = await start_bot(app)
    try:
        for _ in range(200):
            if "/v1/keys" in openid.requests:
                break
            await asyncio.sleep(0.02)
        assert openid.requests[:2] == ["/v1/.well-known/openidconfiguration", "/v1/keys"]
    finally:
        await runner.cleanup()


async def test_only_a_token_with_a_matching_serviceurl_claim_vouches_for_a_service_url(
    secured_bot: RunningBot, openid: OpenIdStandIn, server_log: LogRecords
) -> None:
    """With an app id a channel token's signed serviceurl claim vouches for the URL; an Emulator token has none,
    so its serviceUrl must be loopback (or allow-listed), and it cannot move a reference a channel token stored."""
    anna = secured_bot.conversation()
    channel = openid.token(anna.connector.service_url)
    said = await anna.post(silent_activity(anna), headers={"Authorization": f"Bearer {channel}"})
    assert said.status == 201
    ref = stored_reference(secured_bot, "anna")
    assert ref is not None and ref.vouched and ref.service_url == anna.connector.service_url

    emulator = {"Authorization": f"Bearer {openid.emulator_token()}"}
    elsewhere = silent_activity(anna) | {"serviceUrl": "https://smba.example.invalid/amer/"}
    assert (await anna.post(elsewhere, headers=emulator)).status == 400  # the bot's AAD token would be sent there
    moved = secured_bot.conversation()  # a new conversation on another local port
    moved.factory.service_url = "http://127.0.0.1:9/"
    assert (await moved.post(silent_activity(moved), headers=emulator)).status == 201
    ref = stored_reference(secured_bot, "anna")
    assert ref is not None and ref.vouched and ref.conversation_id == anna.id  # unchanged
    # a channel token moves it
    later = {"Authorization": f"Bearer {openid.token('http://127.0.0.1:9/')}"}
    assert (await moved.post(silent_activity(moved), headers=later)).status == 201
    assert stored_reference(secured_bot, "anna").conversation_id == moved.id  # type: ignore[union-attr]
    assert server_log.failures() == []


async def test_an_invoke_is_answered_not_refused(secured_bot: RunningBot, openid: OpenIdStandIn) -> None:
    anna = secured_bot.conversation()
    activity = silent_activity(anna) | {"type": "invoke", "name": "adaptiveCard/action", "value": {"action": {"type": "Action.Execute"}}}
    token = openid.token(anna.connector.service_url)
    async with secured_bot.session.post(
        f"{secured_bot.url}/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
    ) as response:
        assert response.status == 200
