"""A validation finding that names the file and line to fix, in English (CLI) and Finnish (web pages)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from knowledge import messages

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of ``kb check``; errors block publishing, warnings do not.

    ``field`` names the front matter key (or ``body``) the finding is about, when
    known, so that the web editor can show it beside its form field.
    """

    file: str
    line: int
    message: str
    severity: str = ERROR
    message_fi: str = ""
    field: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        """For ``kb check --json``: English, as the command line is."""
        return {key: value for key, value in asdict(self).items() if key in ("file", "line", "message", "severity")}


def problem(source: str, line: int, text: tuple[str, str], *, field: str = "", severity: str = ERROR, **params: Any) -> Problem:
    """A problem from one of ``messages``' (English, Finnish) pairs; ``{name}`` is the field's Finnish name."""
    english, finnish = text
    key = params.get("key", field)
    name = messages.FIELD_NAMES.get(str(key), str(key))
    return Problem(source, line, english.format(**params), severity, finnish.format(name=name, **params), field or str(params.get("key", "")))


class ArticleError(ValueError):
    """Articles failed validation; ``problems`` lists every error with file and line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == ERROR]
        lines = "\n".join(str(p) for p in self.problems[:20])
        more = len(self.problems) - 20
        super().__init__(lines + (f"\n... and {more} more" if more > 0 else ""))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR]


class KnowledgeError(ValueError):
    """A request the knowledge base refuses (unknown slug, nothing published...): English text, and ``message_fi``."""

    def __init__(self, message: str, message_fi: str = "") -> None:
        super().__init__(message)
        self.message_fi = message_fi


def refusal(text: tuple[str, str], **params: Any) -> KnowledgeError:
    """A :class:`KnowledgeError` from one of ``messages``' (English, Finnish) pairs."""
    english, finnish = text
    return KnowledgeError(english.format(**params), finnish.format(**params))
