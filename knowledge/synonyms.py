"""Synonym groups as data (``synonyms.yaml``): words a worker uses for the same thing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from knowledge.normalise import stem, words
from knowledge.wordfiles import read_word_file, word_lists

SYNONYMS_FILE = Path(__file__).with_name("synonyms.yaml")


class SynonymError(ValueError):
    """The synonym file is malformed; the message says where."""


class Synonyms:
    """Maps a word's stem to its group, so that any member finds the others."""

    def __init__(self, groups: Iterable[Iterable[str]] = ()) -> None:
        self._group_of: dict[str, str] = {}
        for number, group in enumerate(groups, start=1):
            stems = []
            for word in group:
                parts = words(str(word))
                if len(parts) != 1:
                    raise SynonymError(f"group {number}: {word!r} must be one word")
                stems.append(stem(parts[0]))
            if len(stems) < 2:
                raise SynonymError(f"group {number}: a group needs at least two words")
            group_id = stems[0]
            for member in stems:
                other = self._group_of.get(member)
                if other is not None and other != group_id:
                    raise SynonymError(f"group {number}: {member!r} is already in group {other!r}")
                self._group_of[member] = group_id

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> Synonyms:
        return cls(word_lists(data, "groups", SynonymError))

    @classmethod
    def load(cls, path: Path = SYNONYMS_FILE) -> Synonyms:
        """Read a synonym file; the packaged one by default."""
        return cls.from_mapping(read_word_file(path, "groups", SynonymError))

    def group(self, word_stem: str) -> str | None:
        """The group id of a stem, or None when it has no synonyms."""
        return self._group_of.get(word_stem)

    def __len__(self) -> int:
        return len(self._group_of)
