"""Finnish word endings the Snowball stemmer leaves apart, and the particles it does not strip.

Three small, data-driven steps on folded words, applied the same way to articles
and questions:

* regular stem rules for the consonant stems Snowball keeps apart
  (virheilmoitus/virheilmoituks-, asiakkuus/asiakkuud-, sijainen/sijais-,
  arkistointi/arkistoinnin) and for
  the -tko nouns whose ending it takes for a clitic (käyttökatko/käyttökatkon);
* a lemma-family table (``lemmas.yaml``) for the irregular rest
  (lukita/lukitsen/lukitseminen, pakollinen/pakollista);
* the question clitics (-ko/-kö, -han/-hän, -pa/-pä, -kin, -kaan/-kään, colloquial -s)
  and possessive suffixes (-ni, -si, -mme, -nne, -nsa/-nsä), offered as variants
  that the caller accepts only when the shorter word means something.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from knowledge.wordfiles import read_word_file, word_lists

LEMMAS_FILE = Path(__file__).with_name("lemmas.yaml")

# Snowball stem endings of the consonant-stem nouns, and what the nominative's stem ends in.
STEM_RULES: tuple[tuple[str, str], ...] = (
    ("uks", "us"),  # virheilmoituksen → virheilmoitus
    ("yks", "ys"),  # yhteyksiä → yhteys
    ("uud", "uus"),  # asiakkuuden → asiakkuus
    ("yyd", "yys"),  # näkyvyyden → näkyvyys
    ("eud", "eus"),  # käyttöoikeuden → käyttöoikeus
    ("eyd", "eys"),  # yhteyden → yhteys
    ("is", "in"),  # sijaisen → sijainen, sähköisesti → sähköinen (the -nen words)
    ("nt", "n"),  # arkistointi → arkistoinnin, arviointi → arvioinnin (nt/nn gradation)
    ("umin", "u"),  # osallistuminen → osallistua, onnistuminen → onnistua (the -minen nouns of -ua verbs)
    ("ymin", "y"),  # ilmestyminen → ilmestyä
)
MIN_RULE_STEM = 6  # shorter stems are too ambiguous to rewrite
# Nouns in -tko (katko, käyttökatko, jatko) whose -ko Snowball strips as if it were the
# clitic; a clitic after a verb's -t ("lukitsetko") is peeled by ``variants`` instead.
NOUN_KO = "tko"

# Enclitic particles, outermost first as they are peeled ("onkohan" = on + ko + han).
CLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö", "s")
POSSESSIVES = ("mme", "nne", "nsa", "nsä", "ni", "si")
MIN_REST = 2  # what must remain of a word after a particle


EXACT = "="  # a form written "=arkistoin" is matched by its spelling only: its stem is another word's ("arkisto")
MIN_FAMILY_STEM = 5  # shorter stems ("luk", "val") are matched by the listed spellings only


class LemmaError(ValueError):
    """The lemma-family file is malformed; the message says where."""


def regular_stem(word_stem: str) -> str:
    """A Snowball stem with the regular consonant-stem ending rewritten to the nominative's."""
    for ending, replacement in STEM_RULES:
        if word_stem.endswith(ending) and len(word_stem) >= MIN_RULE_STEM:
            return word_stem[: -len(ending)] + replacement
    return word_stem


def _fold(text: str) -> str:
    """The Finnish part of ``normalise.fold`` (which builds on this module, so cannot be imported here)."""
    return text.casefold().replace("ä", "a").replace("ö", "o").replace("å", "a")


class LemmaFamilies:
    """Surface forms and their stems mapped to one family stem: the first member's."""

    def __init__(self, groups: Iterable[Iterable[str]], stem: Callable[[str], str]) -> None:
        self.by_surface: dict[str, str] = {}
        self.by_stem: dict[str, str] = {}
        for number, group in enumerate(groups, start=1):
            entries = [_fold(str(entry)) for entry in group]
            forms = [entry.removeprefix(EXACT) for entry in entries]
            if len(forms) < 2 or not all(f.isalpha() for f in forms):
                raise LemmaError(f"family {number}: needs at least two single words, got {entries!r}")
            family = stem(forms[0])
            for entry, form in zip(entries, forms):
                keys = [(self.by_surface, form)]
                form_stem = stem(form)
                if not entry.startswith(EXACT) and len(form_stem) >= MIN_FAMILY_STEM:
                    keys.append((self.by_stem, form_stem))
                for table, key in keys:
                    other = table.get(key)
                    if other is not None and other != family:
                        raise LemmaError(f"family {number}: {form!r} already belongs to family {other!r}")
                    table[key] = family

    @classmethod
    def from_mapping(cls, data: Mapping[str, object] | None, stem: Callable[[str], str]) -> LemmaFamilies:
        return cls(word_lists(data, "families", LemmaError), stem)

    @classmethod
    def load(cls, stem: Callable[[str], str], path: Path = LEMMAS_FILE) -> LemmaFamilies:
        """Read a lemma-family file; the packaged one by default."""
        return cls.from_mapping(read_word_file(path, "families", LemmaError), stem)

    def family(self, word: str, word_stem: str) -> str:
        """The family stem of a folded word whose (regular) stem is ``word_stem``."""
        return self.by_surface.get(word) or self.by_stem.get(word_stem) or word_stem


def without_clitics(word: str) -> Iterator[str]:
    """The folded word with its trailing particles peeled one at a time (not the word itself)."""
    current = word
    peeled = True
    while peeled:
        peeled = False
        for clitic in CLITICS:
            folded = _fold(clitic)
            if current.endswith(folded) and len(current) - len(folded) >= MIN_REST:
                if folded == "s" and current[-2] not in "aeiouy":
                    continue  # colloquial -s follows a vowel ("mitäs", "onkos")
                current = current[: -len(folded)]
                yield current
                peeled = True
                break


def variants(word: str) -> Iterator[str]:
    """Shorter readings of a folded word: particles peeled, then a possessive suffix dropped."""
    seen = {word}
    for base in (word, *without_clitics(word)):
        if base not in seen:
            seen.add(base)
            yield base
        for suffix in POSSESSIVES:
            if base.endswith(suffix) and len(base) - len(suffix) >= MIN_REST + 2:
                shorter = base[: -len(suffix)]
                if shorter not in seen:
                    seen.add(shorter)
                    yield shorter
