"""Write a ``Document`` as an editable DOCX with python-docx: see ``DocxWriter``."""

from __future__ import annotations

from pathlib import Path

from briefings import model
from briefings.theme import Theme
from briefings.writers.docx.writer import DocxWriter

_writers: dict[tuple[str, Path | None], DocxWriter] = {}


def _writer(theme: Theme, reference: Path | None) -> DocxWriter:
    # Until the build holds its writers itself: one writer per theme and process.
    key = (repr(theme), reference)
    if key not in _writers:
        _writers[key] = DocxWriter(theme, reference)
    return _writers[key]


def write_docx(document: model.Document, theme: Theme, reference: Path | None = None) -> bytes:
    """``DocxWriter(theme, reference).write(document)``, with the writer kept."""
    return _writer(theme, reference).write(document)


def styled_base(theme: Theme) -> bytes:
    """The empty styled document the writer of ``theme`` starts from."""
    return _writer(theme, None).styled_base


__all__ = ["DocxWriter", "styled_base", "write_docx"]
