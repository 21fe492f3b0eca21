"""Outgoing traffic: Teams' 7-per-second limit, backoff on 429, one cached connector client (bot/channel/sending.py)."""

from __future__ import annotations

import random

from bot.app import EDGE, SERVICES
from bot.channel.sending import Backoff, ConversationRateLimiter
from bot.turns.types import Reply
from botkit import Conversation, RunningBot, talk


class FakeTime:
    """Time passed in: sleeping moves the clock, nothing waits for real."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def test_rate_limiter_lets_seven_a_second_through_per_conversation() -> None:
    time = FakeTime()
    limiter = ConversationRateLimiter(7, 1.0, monotonic=time.monotonic, sleep=time.sleep)
    starts = []
    for _ in range(15):
        await limiter.acquire("a:one")
        starts.append(time.now)
    assert starts[:7] == [100.0] * 7
    assert starts[7] == 101.0 and starts[14] == 102.0
    for i in range(len(starts) - 7):
        assert starts[i + 7] - starts[i] >= 1.0  # never 8 within one second
    before = time.now
    await limiter.acquire("a:other")  # another conversation is not held back
    assert time.now == before


def test_backoff_grows_and_is_capped() -> None:
    backoff = Backoff(base_s=0.5, cap_s=4.0, max_attempts=5)
    rng = random.Random(1)
    delays = [max(backoff.delay(attempt, rng) for _ in range(200)) for attempt in range(6)]
    assert delays[0] <= 0.5 and delays[2] <= 2.0 and delays[5] <= 4.0
    assert delays[3] > delays[0]


async def test_a_reply_throttled_with_429_arrives_after_backoff(bot: RunningBot, anna: Conversation) -> None:
    bot.connector.throttle_next(2)
    await talk(anna, [("hei", "Olen Arkistobotti")])
    assert bot.connector.throttled == 2


async def test_a_burst_to_one_conversation_stays_under_the_teams_limit(bot: RunningBot, anna: Conversation) -> None:
    """The stand-in answers 429 to an 8th message within a second, like Teams; the bot must not trigger it."""
    await anna.say("hei")
    edge = bot.app[EDGE]
    services = bot.app[SERVICES]
    reference = await services.run_sync(services.references.get, bot.district.workers["anna"])
    assert reference is not None
    await edge.send_proactive(reference, [Reply(text=f"viesti {i}") for i in range(10)])
    received = bot.connector.for_conversation(anna.id)[-10:]
    assert [a.text for a in received] == [f"viesti {i}" for i in range(10)]
    assert bot.connector.throttled == 0
    assert received[7].received_at - received[0].received_at >= 0.95


async def test_connector_clients_are_built_once(bot: RunningBot) -> None:
    for user in ("aad-anna", "aad-bertta"):
        conversation = bot.conversation(user)
        for _ in range(3):
            await conversation.say("hei")
    assert bot.app[EDGE].hub.client_count == 1
