"""Turning words into weighted match features, the same way for articles and questions.

A word yields its stem (``s:``), its first letters (``p:``, for verb forms the
stemmer leaves apart), its synonym group (``g:``) and the stems of its compound
parts; two neighbouring words yield a phrase feature (``b:``, "pin koodi"). A
question word that the articles do not know is split as a compound, related to
a known inflection or synonym, or corrected as a typo; what remains unknown
counts against every match.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass

from knowledge.normalise import content_words, prefix, stem
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary

STEM, PREFIX, GROUP = 1.0, 0.3, 0.8
PART, PART_GROUP = 0.5, 0.4
NEIGHBOUR = 0.6
PHRASE = 1.0  # weight of a phrase feature in an article
PHRASE_UNIT = 0.5  # weight of a matched phrase in a question

Features = dict[str, float]


@dataclass(frozen=True)
class Unit:
    """One question word (or compound part, or phrase) and the features that can match it."""

    word: str
    features: tuple[tuple[str, float], ...]
    known: bool
    weight: float = 1.0


def _add(features: Features, key: str, weight: float) -> None:
    if weight > features.get(key, 0.0):
        features[key] = weight


def phrase(first: str, second: str) -> str:
    """The phrase feature of two neighbouring folded words."""
    return f"b:{stem(first)}_{stem(second)}"


def base_features(word: str, synonyms: Synonyms, scale: float = 1.0) -> Features:
    """Stem, prefix and synonym features of one folded word."""
    features: Features = {}
    word_stem = stem(word)
    _add(features, "s:" + word_stem, STEM * scale)
    head = prefix(word)
    if head:
        _add(features, "p:" + head, PREFIX * scale)
    group = synonyms.group(word_stem)
    if group:
        _add(features, "g:" + group, GROUP * scale)
    return features


def word_features(word: str, vocabulary: Vocabulary | None, synonyms: Synonyms) -> Features:
    """Every feature of a known word, compound parts and their phrase included."""
    features = base_features(word, synonyms)
    parts = vocabulary.split(word) if vocabulary is not None else None
    for i, part in enumerate(parts or ()):
        part_stem = stem(part)
        _add(features, "s:" + part_stem, PART)
        group = synonyms.group(part_stem)
        if group:
            _add(features, "g:" + group, PART_GROUP)
        if i and parts:
            _add(features, phrase(parts[i - 1], part), PHRASE)
    return features


def text_features(text: str, vocabulary: Vocabulary | None, synonyms: Synonyms) -> list[Features]:
    """Features per content word of an article field; a word carries the phrase it ends."""
    words = content_words(text)
    result = []
    for i, word in enumerate(words):
        features = word_features(word, vocabulary, synonyms)
        if i:
            _add(features, phrase(words[i - 1], word), PHRASE)
        result.append(features)
    return result


def question_units(
    text: str | list[str],
    vocabulary: Vocabulary,
    synonyms: Synonyms,
    indexed: Container[str] = (),
    memo: dict[str, list[Unit]] | None = None,
) -> list[Unit]:
    """The units of a question (its text or its ``normalise.words``); phrases become units only when an article has them (``indexed``).

    ``memo`` keeps each word's units for the next question: they depend only on the vocabulary, synonyms and ``indexed``.
    """
    units: list[Unit] = []
    seen: set[str] = set()
    words = content_words(text)
    for i, word in enumerate(words):
        if i and word != words[i - 1]:
            key = phrase(words[i - 1], word)
            if key in indexed and key not in seen:
                seen.add(key)
                units.append(Unit(f"{words[i - 1]} {word}", ((key, PHRASE),), True, PHRASE_UNIT))
        if word in seen:
            continue
        seen.add(word)
        word_units = memo.get(word) if memo is not None else None
        if word_units is None:
            word_units = _word_units(word, vocabulary, synonyms, indexed)
            if memo is not None:
                memo[word] = word_units
        units.extend(word_units)
    return units


def _word_units(word: str, vocabulary: Vocabulary, synonyms: Synonyms, indexed: Container[str]) -> list[Unit]:
    neighbours = vocabulary.neighbours(word)
    if vocabulary.knows(word):
        features = word_features(word, vocabulary, synonyms)
        _add_neighbours(features, neighbours, synonyms)
        return [Unit(word, tuple(features.items()), True)]
    parts = vocabulary.split(word)
    if parts:
        share = 1.0 / len(parts) ** 0.5
        units = [Unit(part, tuple(base_features(part, synonyms).items()), True, share) for part in parts]
        for first, second in zip(parts, parts[1:]):
            key = phrase(first, second)
            if key in indexed:
                units.append(Unit(f"{first} {second}", ((key, PHRASE),), True, PHRASE_UNIT))
        return units
    group = synonyms.group(stem(word))
    if neighbours or group:
        features = {"g:" + group: GROUP} if group else {}
        _add_neighbours(features, neighbours, synonyms)
        return [Unit(word, tuple(features.items()), True)]
    corrected = vocabulary.correct(word)
    if corrected:
        fixed, similarity = corrected
        return [Unit(fixed, tuple(base_features(fixed, synonyms, similarity**2).items()), True)]
    head = prefix(word)
    return [Unit(word, (("p:" + head, PREFIX),) if head else (), False)]


def _add_neighbours(features: Features, neighbours: tuple[tuple[str, float], ...], synonyms: Synonyms) -> None:
    for other, share in neighbours:
        for key, weight in base_features(other, synonyms, NEIGHBOUR * share).items():
            if not key.startswith("p:"):
                _add(features, key, weight)
