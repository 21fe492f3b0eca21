"""The channel edge: the only package that imports botbuilder (adapter, connector clients, storage)."""

from bot.channel.adapter import ChannelEdge
from bot.channel.connector import CachingBotFrameworkAuthentication, ConnectorHub
from bot.channel.sending import Backoff, ConversationRateLimiter
from bot.channel.storage import DatabaseStorage

__all__ = [
    "Backoff",
    "CachingBotFrameworkAuthentication",
    "ChannelEdge",
    "ConnectorHub",
    "ConversationRateLimiter",
    "DatabaseStorage",
]
