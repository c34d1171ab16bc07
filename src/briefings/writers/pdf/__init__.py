"""Write a ``Document`` as a print-ready A4 PDF with reportlab's platypus.

Text is laid out by ``briefings.writers.pdf.linebreak`` and drawn run by run, never through
reportlab's ``Paragraph`` markup parser, so record text cannot become markup. Fonts
are TrueType, embedded and subset by reportlab. Output is byte-for-byte reproducible:
the canvas runs in invariant mode and its timestamp is the document's ``created``.
"""

from __future__ import annotations

from briefings.writers.pdf import tounicode
from briefings.writers.pdf.flowables import TextBlock
from briefings.writers.pdf.writer import PdfWriter

tounicode.install()  # characters outside the BMP survive copy and search

__all__ = ["PdfWriter", "TextBlock"]
