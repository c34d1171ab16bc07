"""Writers turn a ``briefings.model.Document`` into file bytes; one package per format.

A writer's package (and python-docx or reportlab with it) is imported when a writer of
its format is first made, so that commands that write nothing (``--check``,
``validate``, a build with nothing out of date) do not pay for loading them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from briefings.fonts import FontSet
    from briefings.model import Document
    from briefings.theme import Theme

FORMATS = ("docx", "pdf", "html", "ics")
"""Every format a build can write."""
DEFAULT_FORMATS = ("docx", "pdf")
"""What a build writes unless asked for others."""
CALENDAR_FORMATS = ("ics",)
"""Formats of calendars (the programme's events), not of documents: written by
``briefings.writers.ics.IcsWriter`` from a ``briefings.render.calendar.Calendar``."""
FONT_FORMATS = ("docx", "pdf")
"""Formats whose files depend on the fonts chosen (HTML names system font stacks)."""
THEME_ONLY_FORMATS = ("docx",)
"""Formats whose writer is made from the theme alone: one writer serves every
language (its styled DOCX base is set up once)."""


class Writer(Protocol):
    """Writes whole documents of one format, with what it loaded once (styles, fonts)."""

    def write(self, document: Document) -> bytes:
        """The file's bytes."""
        ...


class LayoutError(Exception):
    """A text that no page can hold. Writers know nothing of records: they name the
    text by its ``Span.source`` (the build turns it into file, line and field), or by
    what it is (``what``) when it is no record's."""

    def __init__(self, message: str, source: int | None, what: str) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.what = what


def make_writer(fmt: str, theme: Theme, fonts: FontSet) -> Writer:
    """The writer of document format ``fmt`` (``docx``, ``pdf`` or ``html``) for
    ``theme`` and ``fonts``; what it sets up once (the DOCX styles, the PDF fonts) is
    made now, so that worker processes forked afterwards share it."""
    if fmt == "pdf":
        from briefings.writers.pdf import PdfWriter

        return PdfWriter(fonts, theme)
    if fmt == "docx":
        from briefings.writers.docx import DocxWriter

        writer = DocxWriter(theme, theme.reference_docx)
        writer.prepare()
        return writer
    if fmt == "html":
        from briefings.writers.html import HtmlWriter

        return HtmlWriter(theme)
    raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


__all__ = [
    "CALENDAR_FORMATS",
    "DEFAULT_FORMATS",
    "FONT_FORMATS",
    "FORMATS",
    "THEME_ONLY_FORMATS",
    "Writer",
    "make_writer",
]
