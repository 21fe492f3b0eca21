"""Turning words into weighted match features, the same way for articles and questions.

A word yields its stem (``s:``), its first letters (``p:``, for the verb forms the
stemmer leaves apart), its synonym group (``g:``) and the stems of its compound
parts. A question word that the articles do not know is split as a compound or
corrected as a typo; what remains unknown counts against the match.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.normalise import content_words, prefix, stem
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary

STEM, PREFIX, GROUP = 1.0, 0.3, 0.8
PART, PART_GROUP = 0.5, 0.4

Features = dict[str, float]


@dataclass(frozen=True)
class Unit:
    """One question word (or compound part) and the features that can match it."""

    word: str
    features: tuple[tuple[str, float], ...]
    known: bool
    weight: float = 1.0


def _add(features: Features, key: str, weight: float) -> None:
    if weight > features.get(key, 0.0):
        features[key] = weight


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
    """Every feature of a known word, compound parts included (for articles)."""
    features = base_features(word, synonyms)
    parts = vocabulary.split(word) if vocabulary is not None else None
    for part in parts or ():
        part_stem = stem(part)
        _add(features, "s:" + part_stem, PART)
        group = synonyms.group(part_stem)
        if group:
            _add(features, "g:" + group, PART_GROUP)
    return features


def text_features(text: str, vocabulary: Vocabulary | None, synonyms: Synonyms) -> list[Features]:
    """Features per content word of an article field."""
    return [word_features(w, vocabulary, synonyms) for w in content_words(text)]


def question_units(text: str, vocabulary: Vocabulary, synonyms: Synonyms) -> list[Unit]:
    """The units of a question: known words, compound parts, typo corrections, unknowns."""
    units: list[Unit] = []
    seen: set[str] = set()
    for word in content_words(text):
        if word in seen:
            continue
        seen.add(word)
        if vocabulary.knows(word):
            units.append(Unit(word, tuple(word_features(word, vocabulary, synonyms).items()), True))
            continue
        parts = vocabulary.split(word)
        if parts:
            share = 1.0 / len(parts) ** 0.5
            for part in parts:
                features = base_features(part, synonyms)
                units.append(Unit(part, tuple(features.items()), True, share))
            continue
        corrected = vocabulary.correct(word)
        if corrected:
            fixed, similarity = corrected
            scale = similarity**2
            units.append(Unit(fixed, tuple(base_features(fixed, synonyms, scale).items()), True))
            continue
        head = prefix(word)
        features = (("p:" + head, PREFIX),) if head else ()
        units.append(Unit(word, features, False))
    return units
