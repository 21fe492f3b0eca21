"""The shared archiving core: models, code sets, lifecycle, validation, audit, queue, archive gateways.

Knows nothing of aiohttp servers or botbuilder; callers pass in engines, clocks and actors.
"""
