"""Writers turn a ``briefings.model.Document`` into file bytes; one module per format."""

from __future__ import annotations

from collections.abc import Callable

from briefings.fonts import FontSet
from briefings.model import Document
from briefings.theme import Theme
from briefings.writers.docx import write_docx
from briefings.writers.pdf import write_pdf

FORMATS = ("docx", "pdf")

Writer = Callable[[Document, FontSet, Theme], bytes]


def writer_for(fmt: str) -> Writer:
    """The writer of ``fmt`` (``docx`` or ``pdf``)."""
    if fmt == "pdf":
        return write_pdf
    if fmt == "docx":
        return lambda document, fonts, theme: write_docx(document, theme, theme.reference_docx)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Writer", "write_docx", "write_pdf", "writer_for"]
