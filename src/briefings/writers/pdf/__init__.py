"""Write a ``Document`` as a print-ready A4 PDF with reportlab's platypus.

Text is laid out by ``briefings.writers.pdf.linebreak`` and drawn run by run, never through
reportlab's ``Paragraph`` markup parser, so record text cannot become markup. Fonts
are TrueType, embedded and subset by reportlab. Every file is a tagged PDF/UA-1 and
PDF/A-2a one: the writer builds a structure tree from the model (``structure``), the
canvas marks each text as content of its element, and ``pdfua`` writes the tree and
the archival metadata with pikepdf. Output is byte-for-byte reproducible: the
canvas runs in invariant mode, its timestamp is the document's ``created``, and the
final file is saved with a deterministic ID.
"""

from __future__ import annotations

from briefings.writers.pdf import tounicode
from briefings.writers.pdf.flowables import TextBlock
from briefings.writers.pdf.writer import PdfWriter

tounicode.install()  # characters outside the BMP survive copy and search

__all__ = ["PdfWriter", "TextBlock"]
