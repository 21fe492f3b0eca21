"""Follow-up questions: "entä jos se on jo lukittu?" right after an answer about locking is about locking.

A worker who has just been answered goes on in the same breath: with "entä",
"entäs", "mites", "ja", "no" at the start, or with a pronoun that points back
("se", "sen", "siitä", "ne", "sinne", "hän", "sellainen"). Such a question is matched with the
previous answer's article as its context: that article gets a head start, and a
question that has no topic words of its own ("kuka sen voi tehdä?") is about it.
A follow-up with a clear topic of its own ("toinen juttu: miten pääsen
deskiin?") still finds its own article. A question of one known topic word
("kuinka pitkään?") right after an answer is elliptical: a follow-up too (``knowledge.matcher``).
"""

from __future__ import annotations

from collections.abc import Sequence

from knowledge.normalise import fold

OPENERS = frozenset(fold(w) for w in "entä entäs entäpä mites mitenkäs ja no mutta sitten sit eli".split())
POINTERS = frozenset(
    fold(w)
    for w in """
    se sen sitä siitä siihen sillä siltä sille siinä siellä sieltä sinne ne niitä niistä niihin niillä niiden
    nää nämä näitä näistä tää tämä tätä tästä tähän tässä tota tuo tuota sama saman samaan samassa
    hän häntä hänen hänelle häneltä hänestä hänet sellainen sellaisen sellaista sellasen sellasta semmonen semmosen
    tollanen tollasen tommonen tommosen
    """.split()
)
MAX_OPENER_POSITION = 3  # "ok kiitos. entä…": an opener among the first few words


def is_follow_up(question_words: Sequence[str]) -> bool:
    """Whether the folded words of a question lean on the previous answer."""
    if any(w in OPENERS for w in question_words[:MAX_OPENER_POSITION]):
        return True
    return any(w in POINTERS for w in question_words)
