"""``kanta-sim``: the stand-in national archive as its own aiohttp service."""

from kantasim.app import SimConfig, make_app, run

__all__ = ["SimConfig", "make_app", "run"]
