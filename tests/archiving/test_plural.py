"""Finnish number agreement in every text the product shows (archiving/plural.py and the texts modules).

Every text with a count placeholder is either a ``Plural`` (rendered here with
0, 1, 2 and 21: one form for 1, the other for the rest) or a label whose number
reads right with any value, named below with the reason. A new counted text
that is neither fails the first test.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from types import ModuleType

import pytest

import archiving.messages
import bot.desk.texts
import bot.live.texts
import bot.texts
import bot.web.texts
import knowledge.messages
from archiving.plural import Plural

MODULES: tuple[ModuleType, ...] = (bot.texts, bot.desk.texts, bot.live.texts, bot.web.texts, archiving.messages, knowledge.messages)
# placeholders that hold a number of things
COUNTS = {"count", "total", "shown", "minutes", "length", "limit", "weeks", "created", "seen", "completed", "locked",
          "archived", "failed", "min", "position", "rating"}  # fmt: skip
# texts whose number is a label, an ordinal or a fraction: right with any value
LABELS = {
    "bot.texts.PENDING_TITLE": "a count in brackets after the heading",
    "bot.live.texts.FAILED_TITLE": "a count in brackets after the heading",
    "bot.texts.PENDING_TRUNCATED": "shown/total as a fraction",
    "bot.texts.ARCHIVE_ALL_BUTTON": "a count in brackets on the button",
    "bot.desk.texts.ERR_ALREADY_QUEUED": "position: an ordinal",
    "bot.desk.texts.POSITION": "position: an ordinal ('sijalla 3')",
    "bot.desk.texts.JOINED_STARTED": "position: an ordinal",
    "bot.desk.texts.REMINDER": "'N minuutin kuluttua' is genitive singular with every number",
    "bot.desk.texts.TICKET_RATED": "rating/5",
    "bot.desk.texts.ERR_TOPIC_TOO_LONG": "length and limit are filled with CHARACTERS ('1 merkki')",
    "bot.desk.texts.ERR_TEXT_TOO_LONG": "length and limit are filled with CHARACTERS",
    "bot.web.texts.NEEDS_IMPORTED_OK": "counts as labels ('Uusia: 3')",
    "bot.web.texts.FOLLOWUP_CHART_DESC": "counts as labels ('valmistuneita 3')",
    "knowledge.messages.P_QUESTION_COUNT[0]": "English, for kb check (the number of example questions is never 1 in a warning)",
    "knowledge.messages.P_QUESTION_COUNT[1]": "a count as a label ('Esimerkkikysymyksiä: 3')",
    "knowledge.messages.P_TOO_LONG[0]": "English, for kb check (a too long text is never 1 character long)",
    "knowledge.messages.P_TOO_LONG[1]": "counts as labels ('merkkejä 300, enintään 200')",
    "knowledge.messages.E_ANNOUNCE_LONG[0]": "English, for the CLI; the limit is a fixed 1,000",
    "knowledge.messages.E_ANNOUNCE_LONG[1]": "a limit as a label ('merkkejä saa olla enintään 1000')",
}
SAMPLES = (0, 1, 2, 21)


def _texts() -> Iterator[tuple[str, object]]:
    for module in MODULES:
        for name, value in vars(module).items():
            if not name.isupper():
                continue
            key = f"{module.__name__}.{name}"
            if isinstance(value, dict):
                yield from ((f"{key}[{k!r}]", v) for k, v in value.items())
            elif isinstance(value, tuple):
                yield from ((f"{key}[{i}]", v) for i, v in enumerate(value))
            else:
                yield key, value


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _render(template: str, **numbers: int) -> str:
    values = {name: "X" for name in _fields(template)}
    values.update({k: v for k, v in numbers.items() if k in values})
    return template.format(**values)


PLURALS = [(name, value) for name, value in _texts() if isinstance(value, Plural)]


def test_every_counted_text_is_plural_or_a_label() -> None:
    loose = [
        name for name, value in _texts()
        if isinstance(value, str) and _fields(value) & COUNTS and name not in LABELS
    ]  # fmt: skip
    assert not loose, f"counted texts without both Finnish forms: {loose}"
    assert len(PLURALS) >= 15


@pytest.mark.parametrize(("name", "plural"), PLURALS, ids=[name for name, _ in PLURALS])
def test_every_plural_renders_with_0_1_2_and_21(name: str, plural: Plural) -> None:
    assert plural.key in _fields(plural.other) or plural.key not in _fields(plural.one)  # shown, or only agreed with
    rendered = {n: plural.format(**{plural.key: n, **{f: "X" for f in _fields(plural.other) | _fields(plural.one) if f != plural.key}}) for n in SAMPLES}
    assert all("{" not in text and "}" not in text for text in rendered.values())
    assert rendered[1] == _render(plural.one, **{plural.key: 1})
    for n in (0, 2, 21):
        assert rendered[n] == _render(plural.other, **{plural.key: n}), n
    assert plural.one.replace("{", "").split() != plural.other.replace("{", "").split(), f"{name}: the two forms are the same"
    # the partitive that follows other numbers never follows 1
    assert not re.search(r"\b1 \w+(aa|ää|ta|tä)\b", rendered[1]), rendered[1]


def test_labels_read_right_with_one() -> None:
    for name, value in _texts():
        if name in LABELS and isinstance(value, str):
            text = _render(value, **{k: 1 for k in COUNTS})
            assert not re.search(r"\b1 (\w+)(aa|ää)\b", text), (name, text)


def test_the_archiving_texts_with_one_and_many() -> None:
    T = bot.texts
    assert T.CONFIRM_TITLE.format(count=1) == "Lukitaanko ja arkistoidaanko 1 asiakirja?"
    assert T.CONFIRM_TITLE.format(count=21) == "Lukitaanko ja arkistoidaanko 21 asiakirjaa?"
    assert T.ARCHIVE_QUEUED.format(count=1) == "Lähetin 1 asiakirjan arkistointijonoon. Kerron, kun se on arkistoitu."
    assert T.ARCHIVE_QUEUED.format(count=2) == "Lähetin 2 asiakirjaa arkistointijonoon. Kerron, kun ne on arkistoitu."
    assert T.CONFIRM_MORE.format(count=1) == "…ja 1 muu"
    assert bot.desk.texts.CHARACTERS.format(count=1) == "1 merkki"
    assert bot.desk.texts.CHARACTERS.format(count=0) == "0 merkkiä"


def test_a_count_must_be_a_whole_number() -> None:
    with pytest.raises(TypeError):
        bot.texts.ARCHIVE_QUEUED.format(count="1")
    with pytest.raises(KeyError):
        bot.texts.ARCHIVE_QUEUED.format(total=1)
