"""Every package's tables in one metadata, for migrations and their consistency test."""

from __future__ import annotations

import importlib

from sqlalchemy import MetaData
from sqlmodel import SQLModel

# Modules that define tables. A package adds its models module here.
MODEL_MODULES = (
    "archiving.models",
    "knowledge.models",
    "bot.models",
    "bot.desk.models",
)


def target_metadata() -> MetaData:
    """Import every models module so that SQLModel.metadata holds all tables."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            missing = exc.name or ""
            if not (name == missing or name.startswith(missing + ".")):
                raise  # a real import error inside an existing module
    return SQLModel.metadata
