"""Neighbouring subjects (``neighbours.yaml``) that the instructions do not cover.

A question about prescriptions, Kela's benefits, holidays or the printer shares
words with the instructions ("asiakas", "hakea", "kanta") and would otherwise be
answered with the nearest one. A word of a neighbouring subject counts against
every article (more than a merely unknown word), and when the bot then declines
it can say which subject the question was about and what it covers instead.
Words that an article's title, keywords, example questions or summary use are
dropped from the list when the index is built, so the list cannot hide an article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import yaml

from knowledge.normalise import stem, words

NEIGHBOURS_FILE = Path(__file__).with_name("neighbours.yaml")
MAX_ENDING = 3  # a listed word with an inflection ending this long still counts ("sähköposti|t", the stemmer may split them)
MIN_AFFIX = 5  # an unknown word that begins or ends with a listed word this long belongs to its subject


class NeighbourError(ValueError):
    """The neighbours file is malformed; the message says where."""


class Neighbours:
    """Folded words and stems of neighbouring subjects, each mapped to the subject's name."""

    def __init__(self, domains: Iterable[tuple[str, Iterable[str]]] = ()) -> None:
        self.by_stem: dict[str, str] = {}
        self.by_word: dict[str, str] = {}
        for name, entries in domains:
            for entry in entries:
                for word in words(str(entry)):
                    self.by_word.setdefault(word, name)
                    self.by_stem.setdefault(stem(word), name)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None) -> Neighbours:
        domains = (data or {}).get("domains", [])
        if not isinstance(domains, list):
            raise NeighbourError("'domains' must be a list of {name, words}")
        parsed = []
        for number, item in enumerate(domains, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not isinstance(item.get("words"), list):
                raise NeighbourError(f"domain {number}: expected a mapping with 'name' (text) and 'words' (a list)")
            parsed.append((item["name"], [str(w) for w in item["words"]]))
        return cls(parsed)

    @classmethod
    def load(cls, path: Path = NEIGHBOURS_FILE) -> Neighbours:
        """Read a neighbours file; the packaged one by default."""
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise NeighbourError(f"{path}: {exc}") from None
        if data is not None and not isinstance(data, dict):
            raise NeighbourError(f"{path}: expected a mapping with 'domains'")
        return cls.from_mapping(data)

    def without(self, covered: Callable[[str], bool]) -> Neighbours:
        """A copy without the words whose stem ``covered`` says an article is about."""
        copy = Neighbours()
        copy.by_stem = {s: name for s, name in self.by_stem.items() if not covered(s)}
        copy.by_word = {w: name for w, name in self.by_word.items() if stem(w) in copy.by_stem}
        return copy

    def subject(self, word: str, *, known: bool) -> str | None:
        """The neighbouring subject of a folded question word, if any.

        A word the articles know must be a listed word itself; an unknown one may also be a
        compound that begins or ends with one ("rokotustiedot", "lomahakemus").
        """
        found = self.by_word.get(word) or self.by_stem.get(stem(word))
        for cut in range(len(word) - 1, max(len(word) - MAX_ENDING, MIN_AFFIX) - 1, -1):  # "sähköpostit", "reseptejä"
            found = found or self.by_word.get(word[:cut])
        if found or known:
            return found
        for cut in range(MIN_AFFIX, len(word) - 1):
            found = self.by_word.get(word[:cut]) or self.by_word.get(word[-cut:])
            if found:
                return found
        return None

    def __len__(self) -> int:
        return len(self.by_stem)
