"""The knowledge base's own words: compound splitting and typo correction against them.

Finnish glues words together ("palveluyksikköni", "neuvontasessioon") and users
mistype; both are resolved against the words the articles actually use, so a
correction can only ever land on a word that leads somewhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from knowledge.normalise import is_generic_head, stem

MIN_LEFT = 3  # shortest first part of a compound ("pin")
MIN_RIGHT = 4  # shortest last part ("loki")
MIN_RIGHT_AFTER_STEM = 6
MIN_FUZZY_LENGTH = 5  # shorter words are too easy to confuse
LENGTH_WINDOW = 2
# Inflected forms of one word share a long beginning and differ only in the ending.
MIN_SHARED = 4
MIN_SHARED_SHARE = 0.6  # of the longer word
MAX_ENDING = 3  # letters of the shorter word after the shared beginning
MAX_NEIGHBOURS = 6


class Vocabulary:
    """Folded surface words and their stems, as found in the articles."""

    def __init__(self, surface_words: Iterable[str]) -> None:
        self.surfaces: frozenset[str] = frozenset(surface_words)
        self.stems: frozenset[str] = frozenset(stem(w) for w in self.surfaces)
        self._split_cache: dict[str, tuple[str, ...] | None] = {}
        buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for word in self.surfaces | self.stems:
            if len(word) >= MIN_FUZZY_LENGTH - LENGTH_WINDOW:
                buckets[(word[0], len(word))].append(word)
        self._buckets = dict(buckets)
        heads: dict[str, list[str]] = defaultdict(list)
        for word in self.surfaces:
            if len(word) >= MIN_SHARED:
                heads[word[:MIN_SHARED]].append(word)
        self._heads = dict(heads)
        self._neighbour_cache: dict[str, tuple[tuple[str, float], ...]] = {}

    def knows(self, word: str) -> bool:
        """Whether a folded word, or its stem, occurs in the articles."""
        return word in self.surfaces or stem(word) in self.stems

    def split(self, word: str) -> tuple[str, ...] | None:
        """The known parts of a compound word, longest first part preferred; None if none.

        A generic last part ("kenttä", "lista", "aikataulu") counts as known even when
        no article uses it, so "palvelutehtäväkenttä" still splits.
        """
        if word in self._split_cache:
            return self._split_cache[word]
        result: tuple[str, ...] | None = None
        for cut in range(len(word) - MIN_RIGHT, MIN_LEFT - 1, -1):
            left, right = word[:cut], word[cut:]
            if left not in self.surfaces and (left not in self.stems or len(right) < MIN_RIGHT_AFTER_STEM):
                continue  # a bare stem as first part needs a long second part ("asiakkuud|esta" is no compound)
            if self.knows(right) or self.neighbours(right) or is_generic_head(right):
                result = (left, right)
                break
            rest = self.split(right)
            if rest is not None:
                result = (left, *rest)
                break
        self._split_cache[word] = result
        return result

    def neighbours(self, word: str) -> tuple[tuple[str, float], ...]:
        """Known words that look like other inflections of ``word``, with the shared share.

        The stemmer leaves many forms apart (kantaan/kanta, asiakkuudesta/asiakkuus);
        a long shared beginning with short endings brings them together, while
        compounds that only share their first part (asiakirja/asiakas) stay apart.
        """
        cached = self._neighbour_cache.get(word)
        if cached is not None:
            return cached
        found = []
        for other in self._heads.get(word[:MIN_SHARED], ()):
            if other == word:
                continue
            shared = _shared_prefix(word, other)
            longer, shorter = max(len(word), len(other)), min(len(word), len(other))
            if shared / longer >= MIN_SHARED_SHARE and shorter - shared <= MAX_ENDING:
                found.append((other, shared / longer))
        found.sort(key=lambda item: (-item[1], item[0]))
        result = tuple(found[:MAX_NEIGHBOURS])
        self._neighbour_cache[word] = result
        return result

    def correct(self, word: str) -> tuple[str, float] | None:
        """The closest known word to a mistyped one and its similarity (0–1), or None."""
        if len(word) < MIN_FUZZY_LENGTH:
            return None
        candidates: list[str] = []
        for length in range(len(word) - LENGTH_WINDOW, len(word) + LENGTH_WINDOW + 1):
            candidates.extend(self._buckets.get((word[0], length), ()))
        if not candidates:
            return None
        cutoff = 82.0 if len(word) < 8 else 85.0  # one slip in six letters is 83; two ("hauska" → "huka") is not
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is None:
            return None
        return best[0], best[1] / 100.0

    def __len__(self) -> int:
        return len(self.surfaces)


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
