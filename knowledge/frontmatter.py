"""Splitting an article into YAML front matter and markdown body, keeping line numbers.

The YAML is read with ``yaml.safe_load`` (no object construction); the node tree
from ``yaml.compose`` gives the line of every key and list item, so that a
validation error can point at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from knowledge import messages as M
from knowledge.problems import Problem, problem

FENCE = "---"


@dataclass
class FrontMatter:
    """The parsed header: values, the line of each key and of each list item."""

    data: dict[str, Any]
    key_lines: dict[str, int] = field(default_factory=dict)
    item_lines: dict[str, list[int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line_of(self, key: str, index: int | None = None) -> int:
        """The file line of ``key`` (or of its ``index``-th list item); 1 if unknown."""
        if index is not None:
            items = self.item_lines.get(key, [])
            if index < len(items):
                return items[index]
        return self.key_lines.get(key, 1)


def split_front_matter(text: str, source: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Parse ``text``; on failure return None and problems naming ``source`` and the line."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    if not lines or lines[0].strip() != FENCE:
        return None, [problem(source, 1, M.P_NO_OPENING)]
    closing = next((i for i in range(1, len(lines)) if lines[i].strip() in (FENCE, "...")), None)
    if closing is None:
        return None, [problem(source, 1, M.P_NOT_CLOSED)]
    header = "\n".join(lines[1:closing])
    offset = 2  # file line of the header's first line
    try:
        node = yaml.compose(header, Loader=yaml.SafeLoader)
        data = yaml.safe_load(header)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + mark.line if mark is not None else 1
        reason = exc.problem or str(exc)
        return None, [problem(source, line, M.P_BAD_YAML, reason=reason)]
    except yaml.YAMLError as exc:
        return None, [problem(source, 1, M.P_BAD_YAML, reason=exc)]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [problem(source, offset, M.P_NOT_MAPPING)]
    matter = FrontMatter(data=data, body="\n".join(lines[closing + 1 :]), body_line=closing + 2)
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = offset + key_node.start_mark.line
        if key in matter.key_lines:
            problems.append(problem(source, line, M.P_TWICE, key=key, first=matter.key_lines[key]))
            continue
        matter.key_lines[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            matter.item_lines[key] = [offset + item.start_mark.line for item in value_node.value]
    return matter, problems
