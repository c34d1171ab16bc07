"""Problems found in user input, reported all at once with their location."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from: a file, a 1-based line and column, and a field path."""

    file: Path
    line: int | None = None
    column: int | None = None
    field: str = ""

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.field}" if self.field else where

    def order(self) -> tuple[str, int, int]:
        """A sort key: by file, then line and column, so a list reads top to bottom."""
        return (str(self.file), self.line or 0, self.column or 0)


@dataclass(frozen=True, slots=True)
class TextSource:
    """Where a text of a document came from: a record file and the path of the field
    in it, such as ``("follow_up", 0, "action", "zh")``. Turned into a ``Location``
    (with line and column) only when a message needs it."""

    file: Path
    path: tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, in words a protocol officer can act on."""

    location: Location
    message: str
    severity: Severity = Severity.ERROR
    root_cause: bool = False
    """Other problems follow from this one (and are folded into its message): it is
    listed before every other."""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


class InputError(Exception):
    """Raised when input has errors; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(f"{len(self.errors)} error(s) in the input")

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Diagnostic]]]:
        """Pickled with its diagnostics (an error raised in a worker process reaches
        the parent whole, with every file, line and field)."""
        return (InputError, (self.diagnostics,))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]


def sort_key(diagnostic: Diagnostic) -> tuple[bool, str, int, int]:
    """Order diagnostics root causes first, then by file and line, so a report reads
    top to bottom."""
    return (not diagnostic.root_cause, *diagnostic.location.order())
