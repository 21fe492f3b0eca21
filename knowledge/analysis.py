"""Turning words into weighted match features, the same way for articles and questions.

A word yields its stem (``s:``), its first letters (``p:``, for verb forms the
stemmer leaves apart), its synonym group (``g:``) and the stems of its compound
parts; two neighbouring words yield a phrase feature (``b:``, "pin koodi"). A
question word that the articles do not know is read without its clitic or
possessive suffix, split as a compound, related to a known inflection or
synonym, or corrected as a typo; what remains unknown counts against every
match. Weak words (common verbs, generic nouns such as "aikataulu" or a
compound's "-kenttä") weigh little either way.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, replace

from knowledge.morphology import variants
from knowledge.spoken import readings
from knowledge.normalise import content_words, is_document_type, is_generic_head, is_weak, prefix, stem
from knowledge.normalise import words as _words
from knowledge.synonyms import Synonyms
from knowledge.vocabulary import Vocabulary

STEM, PREFIX, GROUP = 1.0, 0.3, 0.8
PART, PART_GROUP = 0.5, 0.4
NEIGHBOUR = 0.6
PHRASE = 1.0  # weight of a phrase feature in an article
PHRASE_UNIT = 0.5  # weight of a matched phrase in a question
WEAK = 0.3  # weight of a weak word (and of a compound's generic last part) in a question

Features = dict[str, float]


@dataclass(frozen=True)
class Unit:
    """One question word (or compound part, or phrase) and the features that can match it."""

    word: str
    features: tuple[tuple[str, float], ...]
    known: bool
    weight: float = 1.0
    weak: bool = False  # counts a little, but a question of weak words only has no topic
    exact: bool = True  # the word itself is known (not a compound's part, a near inflection or a typo's fix)
    phrase: bool = False  # two neighbouring words that an article also has side by side
    doubt: float = 0.0  # share of an unknown word that a guess (near inflection, typo fix) leaves unexplained
    origin: str = ""  # the question word as written (folded), before any reading, split or fix


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
    words = content_words(joined_compounds(_words(text) if isinstance(text, str) else text, vocabulary))
    for i, word in enumerate(words):
        if i and word != words[i - 1]:
            key = phrase(words[i - 1], word)
            if key in indexed and key not in seen:
                seen.add(key)
                units.append(Unit(f"{words[i - 1]} {word}", ((key, PHRASE),), True, PHRASE_UNIT, phrase=True))
        if word in seen:
            continue
        seen.add(word)
        word_units = memo.get(word) if memo is not None else None
        if word_units is None:
            word_units = [replace(u, origin=word) for u in _word_units(word, vocabulary, synonyms, indexed)]
            if memo is not None:
                memo[word] = word_units
        units.extend(word_units)
    return units


def joined_compounds(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """Neighbouring words joined where the articles write them as one ("palvelu yksikkö", "sos palvelu")."""
    joined: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words):
            first = spoken_prefix(words[i])
            whole = first + words[i + 1]
            if whole in vocabulary.surfaces or (first != words[i] and vocabulary.knows(whole)):
                joined.append(whole)
                i += 2
                continue
        joined.append(words[i])
        i += 1
    return joined


def spoken_prefix(word: str) -> str:
    """A clipped first part written apart ("sos palvelu"): its written form, else the word."""
    written = next(readings(word), word) if len(word) < 4 else word
    return written


def _word_units(word: str, vocabulary: Vocabulary, synonyms: Synonyms, indexed: Container[str]) -> list[Unit]:
    if not is_weak(word) and not vocabulary.knows(word):
        word = _known_reading(word, vocabulary)  # "tarkottaa" is "tarkoittaa": a weak word too
    if is_weak(word):
        features = word_features(word, vocabulary, synonyms) if vocabulary.knows(word) else {}
        return [Unit(word, tuple(features.items()), True, WEAK, weak=True)]
    neighbours = vocabulary.neighbours(word)
    if vocabulary.knows(word):
        features = word_features(word, vocabulary, synonyms)
        _add_neighbours(features, neighbours, synonyms)
        return [Unit(word, tuple(features.items()), True)]
    parts = vocabulary.split(word)
    if parts:
        return _compound_units(parts, synonyms, indexed)
    group = synonyms.group(stem(word))
    if neighbours or group:
        features = {"g:" + group: GROUP} if group else {}
        _add_neighbours(features, neighbours, synonyms)
        doubt = 0.0 if group else 1.0 - neighbours[0][1]
        return [Unit(word, tuple(features.items()), True, exact=bool(group), doubt=doubt)]
    corrected = vocabulary.correct(word)
    if corrected:
        fixed, similarity = corrected
        features = base_features(fixed, synonyms, similarity**2)
        return [Unit(fixed, tuple(features.items()), True, exact=False, doubt=1.0 - similarity)]
    head = prefix(word)
    return [Unit(word, (("p:" + head, PREFIX),) if head else (), False, exact=False)]


def _known_reading(word: str, vocabulary: Vocabulary) -> str:
    """A known shorter or written reading of an unknown word: "arkistoinkohan", "korttini", "kirjottamat", "lukinnu"."""
    shorter = [word, *variants(word)]
    for candidate in shorter[1:]:
        if vocabulary.knows(candidate):
            return candidate
    for written in readings(word):
        if vocabulary.knows(written):
            return written
    return word


def _compound_units(parts: tuple[str, ...], synonyms: Synonyms, indexed: Container[str]) -> list[Unit]:
    """Units of a compound's parts: a generic last part ("-kenttä", "-lista") leaves the weight to the others."""
    generic = len(parts) > 1 and is_generic_head(parts[-1])
    topical = len(parts) - generic
    share = 1.0 / topical**0.5
    units = []
    for i, part in enumerate(parts):
        weak = generic and i == len(parts) - 1
        units.append(Unit(part, tuple(base_features(part, synonyms).items()), True, WEAK if weak else share, weak, False))
    for first, second in zip(parts, parts[1:]):
        key = phrase(first, second)
        if key in indexed:
            units.append(Unit(f"{first} {second}", ((key, PHRASE),), True, PHRASE_UNIT, exact=False, phrase=True))
    return units


def _add_neighbours(features: Features, neighbours: tuple[tuple[str, float], ...], synonyms: Synonyms) -> None:
    for other, share in neighbours:
        for key, weight in base_features(other, synonyms, NEIGHBOUR * share).items():
            if not key.startswith("p:"):
                _add(features, key, weight)


def objects_weigh_less(units: list[Unit], weight: float) -> list[Unit]:
    """Document types beside another topic word weigh less: "miten lukitsen palvelutarpeen arvion" is about locking."""

    def is_object(unit: Unit) -> bool:
        return all(is_document_type(part) for part in unit.word.split())

    if not any(not u.weak and not is_object(u) for u in units):
        return units  # "arkistoidaanko päätökset": the document type is the topic
    return [replace(u, weight=u.weight * weight) if not u.weak and is_object(u) else u for u in units]
