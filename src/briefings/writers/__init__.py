"""Writers turn a ``briefings.model.Document`` into file bytes; one package per format.

A writer's package (and python-docx or reportlab with it) is imported when a writer of
its format is first made, so that commands that write nothing (``--check``,
``validate``, a build with nothing out of date) do not pay for loading them.
"""

from __future__ import annotations

from typing import Protocol

from briefings.fonts import FontSet
from briefings.model import Document
from briefings.theme import Theme

FORMATS = ("docx", "pdf")


class Writer(Protocol):
    """Writes whole documents of one format, with what it loaded once (styles, fonts)."""

    def write(self, document: Document) -> bytes:
        """The file's bytes."""
        ...


def make_writer(fmt: str, theme: Theme, fonts: FontSet) -> Writer:
    """The writer of ``fmt`` (``docx`` or ``pdf``) for ``theme`` and ``fonts``; what it
    sets up once (the DOCX styles, the PDF fonts) is made now, so that worker processes
    forked afterwards share it."""
    if fmt == "pdf":
        from briefings.writers.pdf import PdfWriter

        return PdfWriter(fonts, theme)
    if fmt == "docx":
        from briefings.writers.docx import DocxWriter

        writer = DocxWriter(theme, theme.reference_docx)
        writer.prepare()
        return writer
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Writer", "make_writer"]
