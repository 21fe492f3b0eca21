"""A validation finding that names the file and line to fix."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of ``kb check``; errors block publishing, warnings do not."""

    file: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    """A request the knowledge base refuses (unknown slug, nothing published...); English text."""
