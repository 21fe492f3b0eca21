"""Developer tools shared by tests, the benchmark and local runs (no botbuilder)."""

from bot.devtools.connector_standin import ConnectorStandIn, ReceivedActivity
from bot.devtools.activities import ActivityFactory

__all__ = ["ActivityFactory", "ConnectorStandIn", "ReceivedActivity"]
