"""Domain errors: each carries the Finnish text the bot shows and the English text the CLI prints.

Edges turn a :class:`DomainError` into a chat reply (``message_fi``), a CLI error
(``message_en``, exit status 2) or an HTTP status (``code``). No message ever
contains a henkilötunnus: documents are named by id, clients not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from archiving import messages

if TYPE_CHECKING:
    from archiving.validation import Problem


class DomainError(Exception):
    """A refusal the user can act on; nothing was changed when it is raised."""

    code = "domain_error"

    def __init__(self, message_fi: str, message_en: str, *, code: str | None = None) -> None:
        super().__init__(message_en)
        self.message_fi = message_fi
        self.message_en = message_en
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message_en


class DocumentNotFound(DomainError):
    """Unknown document, or one the actor may not see: both look the same, so nothing leaks."""

    code = "document_not_found"

    def __init__(self, document_id: object) -> None:
        super().__init__(
            messages.DOCUMENT_NOT_FOUND.format(id=document_id),
            f"document {document_id} was not found (or is not one you may see)",
        )
        self.document_id = document_id


class UnitNotFound(DomainError):
    """Unknown service unit, or one the actor may not follow: both look the same."""

    code = "unit_not_found"

    def __init__(self, unit_id: object) -> None:
        super().__init__(messages.UNIT_NOT_FOUND, f"service unit {unit_id} was not found (or is not one you may follow)")
        self.unit_id = unit_id


class WorkerNotFound(DomainError):
    """The worker reference (id or channel user id) names nobody active."""

    code = "worker_not_found"

    def __init__(self, reference: object) -> None:
        super().__init__(messages.WORKER_NOT_FOUND, f"no active worker with id or channel user id {reference!r}")
        self.reference = reference


class AccessDenied(DomainError):
    """The actor's roles do not allow this action (used only where existence is no secret)."""

    code = "access_denied"

    def __init__(self, message_fi: str, message_en: str) -> None:
        super().__init__(message_fi, message_en)


class IllegalTransition(DomainError):
    """The document's state does not allow the action; the Finnish text says what to do instead."""

    code = "illegal_transition"

    def __init__(self, document_id: int | None, status: str, action: str, *, detail_fi: str | None = None) -> None:
        self.document_id = document_id
        self.status = status
        self.action = action
        text_fi = detail_fi or messages.transition_error(action, status)
        prefix = messages.DOCUMENT_PREFIX.format(id=document_id) if document_id is not None else ""
        super().__init__(
            prefix + text_fi,
            f"document {document_id}: cannot {action} a document in state {status!r}",
        )


class InvalidMetadata(DomainError):
    """The metadata has blocking problems; all of them are listed, not only the first."""

    code = "invalid_metadata"

    def __init__(self, problems: Sequence[Problem], *, document_id: int | None = None) -> None:
        self.problems = list(problems)
        self.document_id = document_id
        prefix_fi = messages.DOCUMENT_PREFIX.format(id=document_id) if document_id is not None else ""
        prefix_en = f"document {document_id}: " if document_id is not None else ""
        super().__init__(
            prefix_fi + messages.INVALID_METADATA_HEAD + " " + " ".join(p.message_fi for p in self.problems),
            prefix_en + "metadata has problems: " + "; ".join(p.message_en for p in self.problems),
        )


class SubmitRefused(DomainError):
    """Some documents of a submit cannot go; the whole submit is refused and nothing changed."""

    code = "submit_refused"

    def __init__(self, failures: Sequence[DomainError]) -> None:
        self.failures = list(failures)
        super().__init__(
            messages.SUBMIT_REFUSED_HEAD + "\n" + "\n".join("- " + f.message_fi for f in self.failures),
            "nothing was submitted: " + " | ".join(f.message_en for f in self.failures),
        )


class UnknownCode(DomainError):
    """A code that the loaded code sets do not contain."""

    code = "unknown_code"

    def __init__(self, system_label_fi: str, system_oid: str, code: str) -> None:
        super().__init__(
            messages.UNKNOWN_CODE.format(system=system_label_fi, code=code),
            f"unknown code {code!r} in code system {system_oid}",
        )


class InvalidInput(DomainError):
    """Input that is malformed on its own (empty reason, no changes given, bad id)."""

    code = "invalid_input"


class CodeImportError(DomainError):
    """A code-server export that cannot be imported; names the line and column to fix."""

    code = "code_import_error"

    def __init__(self, message_en: str, *, line: int | None = None, column: str | None = None) -> None:
        where = []
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        text = (", ".join(where) + ": " if where else "") + message_en
        super().__init__(messages.CODE_IMPORT_FAILED, text)
        self.line = line
        self.column = column
