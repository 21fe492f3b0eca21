"""What a browser would submit from a server-rendered form: its inputs, textareas, checked boxes and selects."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.fields = action, False, []  # type: ignore[var-annotated]
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self.labels: dict[str, str] = {}
        self._label_for: str | None = None
        self._label_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and self.action and a.get("action") == self.action:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), []
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "label":
            self._label_for, self._label_text = a.get("for"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self.action:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "label" and self._label_for:
            self.labels[self._label_for] = " ".join("".join(self._label_text).split())
            self._label_for = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)
        if self._label_for is not None:
            self._label_text.append(data)


def form_fields(page: str, action: str) -> list[tuple[str, str]]:
    """The (name, value) pairs the form posting to ``action`` would send, in document order."""
    parser = _Form(action)
    parser.feed(page)
    return parser.fields


def labels(page: str) -> dict[str, str]:
    """Every label's text by the id of the control it names."""
    parser = _Form("")
    parser.inside = True  # every label of the page: no form ends the search
    parser.feed(page)
    return parser.labels


def replace(fields: list[tuple[str, str]], name: str, *values: str) -> list[tuple[str, str]]:
    """``fields`` with every value of ``name`` replaced by ``values``."""
    return [f for f in fields if f[0] != name] + [(name, v) for v in values]


def value(fields: list[tuple[str, str]], name: str) -> str:
    return next(v for n, v in fields if n == name)


def values(fields: list[tuple[str, str]], name: str) -> list[str]:
    return [v for n, v in fields if n == name]


def checked(fields: list[tuple[str, str]], group: str) -> list[str]:
    """The ticked checkboxes of a group named ``group-<value>``, as their values, in document order."""
    return [n.removeprefix(f"{group}-") for n, v in fields if n.startswith(f"{group}-") and v == "1"]
