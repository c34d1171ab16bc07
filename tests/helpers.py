"""Read outputs back the way a reader would: text out of PDFs, paragraphs out of DOCX."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document as open_docx
from docx.table import Table as DocxTable
from pypdf import PdfReader


def pdf_text(path: Path) -> str:
    """All the text of a PDF, as pypdf extracts it."""
    reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def docx_text(path: Path) -> str:
    """All paragraph text of a DOCX: body, tables, headers and footers."""
    document = open_docx(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
        parts += [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def docx_reading(path: Path) -> str:
    """The body of a DOCX in reading order: paragraphs and table cells (row by row) as
    they come, so that a heading comes before the table under it."""
    parts: list[str] = []
    for block in open_docx(str(path)).iter_inner_content():
        if isinstance(block, DocxTable):
            parts += [cell.text for row in block.rows for cell in row.cells]
        else:
            parts.append(block.text)
    return "\n".join(parts)


def squash(text: str) -> str:
    """Text without white space, for comparing across line breaks (Chinese lines break
    between any two characters, so extracted text has newlines inside words)."""
    return re.sub(r"\s+", "", text)


def pdf_fonts(path: Path) -> list[dict[str, object]]:
    """Every font resource of a PDF: its name, whether it is embedded, its subtype."""
    reader = PdfReader(path)
    fonts: dict[str, dict[str, object]] = {}
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = {"embedded": embedded, "subtype": str(font["/Subtype"])}
    return [{"name": name, **info} for name, info in sorted(fonts.items())]
