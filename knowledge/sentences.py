"""A worker's story and the question in it: the sentences that ask weigh most when matching.

"Tein eilen päätöksen ja esihenkilö luki sen. Hän sanoi, että se on valmis.
Pitääkö mun lukita se nyt?": the story's words (yesterday, the manager, reading)
are incidental; the asking sentence names the topic.
"""

from __future__ import annotations

import re

from knowledge.normalise import words

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_STORY_WORDS = 10  # shorter texts are read as one question


def asking_sentences(text: str) -> tuple[str, str]:
    """The sentences that ask (those ending in "?", else the last) and the story around them ("" when there is none)."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) < 2 or len(words(text)) < MIN_STORY_WORDS:
        return text, ""
    asking = [s for s in sentences if s.rstrip().endswith("?")] or sentences[-1:]
    if len(asking) == len(sentences):
        return text, ""
    story = [s for s in sentences if s not in asking]
    return " ".join(asking), " ".join(story)
