"""Finnish number agreement for user-facing texts: "1 asiakirja", "2 asiakirjaa".

Finnish puts a noun after any number but one in the partitive singular
("2 asiakirjaa", "21 asiakirjaa", "0 asiakirjaa") and after one in the
nominative ("1 asiakirja"); the words around it follow ("kun se on
arkistoitu" / "kun ne on arkistoitu"). That is CLDR's rule for Finnish
(and Swedish): *one* for the integer 1, *other* for everything else, which is
the rule the standard library's ``gettext`` applies, so a later translation
catalogue can take over without touching the call sites.

Every text that shows a count is a :class:`Plural` in its package's texts
module, written out in both forms; call sites format it like a ``str``.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from typing import Any

_CATALOGUE = gettext.NullTranslations()


@dataclass(frozen=True)
class Plural:
    """A text in its two Finnish forms; ``key`` names the placeholder whose number picks the form."""

    one: str
    other: str
    key: str = "count"

    def form(self, number: int) -> str:
        """The template that agrees with ``number``."""
        return _CATALOGUE.ngettext(self.one, self.other, number)

    def format(self, **values: Any) -> str:
        """Like ``str.format``: the value of ``key`` must be an int and picks the form."""
        number = values[self.key]
        if not isinstance(number, int) or isinstance(number, bool):
            raise TypeError(f"{self.key} must be an int, not {type(number).__name__}")
        return self.form(number).format(**values)
