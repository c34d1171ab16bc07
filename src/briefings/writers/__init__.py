"""Writers turn a ``briefings.model.Document`` into file bytes; one module per format.

A writer's module (and python-docx or reportlab with it) is imported when a file of
its format is first written, so that commands that write nothing (``--check``,
``validate``, a build with nothing out of date) do not pay for loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from briefings.fonts import FontSet
from briefings.model import Document
from briefings.theme import Theme

if TYPE_CHECKING:
    from briefings.writers.pdf import PdfWriter

FORMATS = ("docx", "pdf")

Writer = Callable[[Document, FontSet, Theme], bytes]


def writer_for(fmt: str) -> Writer:
    """The writer of ``fmt`` (``docx`` or ``pdf``)."""
    if fmt == "pdf":
        return lambda document, fonts, theme: pdf_writer(fonts, theme).write(document)
    if fmt == "docx":
        from briefings.writers.docx import write_docx

        return lambda document, fonts, theme: write_docx(document, theme, theme.reference_docx)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


_pdf_writers: dict[int, tuple[FontSet, Theme, PdfWriter]] = {}


def pdf_writer(fonts: FontSet, theme: Theme) -> PdfWriter:
    """The PDF writer of ``fonts`` and ``theme``, one per process (the font sets of a
    build are held, so their ids stay theirs)."""
    from briefings.writers.pdf import PdfWriter

    known = _pdf_writers.get(id(fonts))
    if known is None or known[0] is not fonts or known[1] is not theme:
        if len(_pdf_writers) > 32:  # font sets of earlier builds in a long-lived process
            _pdf_writers.clear()
        known = _pdf_writers[id(fonts)] = (fonts, theme, PdfWriter(fonts, theme))
    return known[2]


def preload(fmt: str, theme: Theme) -> None:
    """Load the writer of ``fmt`` and what it sets up once per theme (the DOCX styles),
    so that worker processes forked afterwards have them, and a long-lived process
    (``briefings watch``) makes them once."""
    writer_for(fmt)
    if fmt == "docx" and theme.reference_docx is None:
        from briefings.writers.docx import styled_base

        styled_base(theme)


__all__ = ["FORMATS", "Writer", "pdf_writer", "preload", "writer_for"]
