"""Spoken and hurried Finnish read as the written language the articles use.

Workers type as they speak: "mä", "onks", "pitäis", "lukinnu", "kirjottamat",
"jotenki", "tää". These are regular, so a handful of rules covers thousands of
words: a clipped final -n or -t, a -(i)s for -isi, an -oi- diphthong spoken as
-o-, the colloquial -ks clitic, and a short table of spoken pronouns and
particles. The rules only *propose* readings (``readings``); the caller accepts
one only when the knowledge base knows the word it gives, so a rule can never
turn a real word into a wrong one. Applied to folded words (ä → a, ö → o).
"""

from __future__ import annotations

from collections.abc import Iterator

# Spoken forms of function words and pronouns (folded) and the written word they stand for.
_SPOKEN: dict[str, str] = {
    "ma": "mina", "sa": "sina", "mua": "minua", "sua": "sinua", "mul": "minulla", "mulla": "minulla",
    "mult": "minulta", "multa": "minulta", "mulle": "minulle", "mun": "minun", "sun": "sinun",
    "sul": "sinulla", "sulla": "sinulla", "sulle": "sinulle", "meil": "meilla", "meiän": "meidan",
    "meian": "meidan", "teiän": "teidan", "teian": "teidan", "taa": "tama", "tan": "taman", "tas": "tassa",
    "tast": "tasta", "toi": "tuo", "tota": "tuota", "noi": "nuo", "naa": "nama", "noita": "noita",
    "oo": "ole", "oon": "olen", "oot": "olet", "ollaa": "ollaan", "ootte": "olette", "itte": "itse",
    "ite": "itse", "sit": "sitten", "sitte": "sitten", "mite": "miten", "mitä": "mita",
    "vaa": "vaan", "nii": "niin", "jotai": "jotain", "mitää": "mitaan", "mitaa": "mitaan", "mikskä": "miksi",
    "tarttee": "tarvitsee", "tarvii": "tarvitsee", "tarviin": "tarvitsen", "tarviiko": "tarvitseeko",
    "pitäs": "pitaisi", "pitas": "pitaisi", "pitäis": "pitaisi", "pitais": "pitaisi", "pitäiskö": "pitaisiko",
    "pitaisko": "pitaisiko", "pitäskö": "pitaisiko", "pitasko": "pitaisiko", "vois": "voisi", "voisko": "voisiko",
    "olis": "olisi", "oisko": "olisiko", "ois": "olisi", "onks": "onko", "eiks": "eiko", "saaks": "saako",
    "voiks": "voiko", "pitääks": "pitaako", "pitaaks": "pitaako", "mikäs": "mika", "kukas": "kuka",
    "miks": "miksi", "mist": "mista", "mis": "missa", "mihi": "mihin", "mil": "milla", "kuka": "kuka",
    "tänää": "tänään", "onnaa": "onnistuu", "onnannu": "onnistunut", "nään": "näen", "huomen": "huomenna", "sos": "sosiaali", "kela": "kela",
}  # fmt: skip


def _fold(text: str) -> str:
    return text.casefold().replace("ä", "a").replace("ö", "o").replace("å", "a")


SPOKEN_WORDS: dict[str, str] = {_fold(k): _fold(v) for k, v in _SPOKEN.items() if _fold(k) != _fold(v)}
MIN_RULE_WORD = 4  # shorter words are left alone: too many readings


def spoken_word(word: str) -> str:
    """The written word a spoken pronoun or particle stands for ("mä" → "minä", folded), else the word."""
    return SPOKEN_WORDS.get(word, word)


def readings(word: str) -> Iterator[str]:
    """Written forms a spoken or clipped folded word may stand for, most likely first (not the word itself)."""
    table = SPOKEN_WORDS.get(word)
    if table and table != word:
        yield table
    if len(word) < MIN_RULE_WORD:
        return
    seen = {word}
    for candidate in _rules(word):
        if candidate not in seen:
            seen.add(candidate)
            yield candidate


def _rules(word: str) -> Iterator[str]:
    last = word[-1]
    # -ks for the clitic -kos: "saaks", "onks", "pitääks"
    if word.endswith("ks") and len(word) > 4:
        yield word[:-2]
        yield word[:-2] + "ko"
    # a clipped past participle: "lukinnu", "menny", "ollu", "arkistoitunu" → -nut/-nyt, -lut
    if word.endswith(("nu", "ny", "llu", "lly", "rru", "rry", "ssu", "ssy")):
        yield word + "t"
    # a clipped final -n: "jotenki", "tänää", "vähä", "kaikke"
    if last in "aeiouy":
        yield word + "n"
    # -is for -isi, -isko for -isiko: "pitäis", "ottais", "tekisko"
    if word.endswith("is"):
        yield word + "i"
    if word.endswith(("isko", "iskö")):
        yield word[:-2] + "iko"
    # the -oi- diphthong spoken as -o-: "kirjottaa", "tarkottaa", "ilmotan", "ilmotus"
    at = word.find("ot", 1)
    while at != -1:
        if word[at - 1] not in "aeiouy":  # "kirjottaa", not "kootaan"
            yield word[: at + 1] + "i" + word[at + 1 :]
        at = word.find("ot", at + 2)
    # -ee for -ea/-eä in spoken infinitives and partitives: "pitkee", "tehee" (rare): -eea
    if word.endswith("ee") and len(word) > 4:
        yield word[:-1] + "a"
