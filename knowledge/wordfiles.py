"""Reading the word-data files (``lemmas.yaml``, ``synonyms.yaml``): a mapping of one key to lists of words.

Both files are edited by hand, so every way they can be malformed is reported with the
file and what was expected, in the caller's own error type.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml


def read_word_file(path: Path, key: str, error: type[ValueError]) -> Mapping[str, object] | None:
    """The YAML mapping of ``path`` (None for an empty file)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(f"{path}: {exc}") from None
    if data is not None and not isinstance(data, dict):
        raise error(f"{path}: expected a mapping with '{key}'")
    return data


def word_lists(data: Mapping[str, object] | None, key: str, error: type[ValueError]) -> list[list[object]]:
    """The lists of words under ``key`` (none when the mapping has no such key)."""
    lists = (data or {}).get(key, [])
    if not isinstance(lists, list) or not all(isinstance(item, list) for item in lists):
        raise error(f"'{key}' must be a list of lists of words")
    return lists
