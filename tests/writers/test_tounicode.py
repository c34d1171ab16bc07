"""Characters outside the BMP survive text extraction (reportlab wrote ``<20BB7>``)."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader

from briefings.fonts import Face
from briefings.writers.pdf.fonts import register_face
from briefings.writers.pdf.tounicode import utf16_hex
from tests.fonts.tiny import make_font


def test_code_points_are_written_as_utf16() -> None:
    assert utf16_hex(0x4E2D) == "4E2D"
    assert utf16_hex(0x41) == "0041"
    assert utf16_hex(0x20BB7) == "D842DFB7"


def test_a_non_bmp_character_is_extracted_from_the_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    face = Face(make_font(tmp_path / "yoshi.ttf", "𠮷A"))
    name = register_face(face)
    pdf = tmp_path / "yoshi.pdf"
    canvas = Canvas(str(pdf), invariant=1)
    canvas.setFont(name, 20)
    canvas.drawString(50, 700, "A𠮷A")
    canvas.save()
    assert "A𠮷A" in PdfReader(pdf).pages[0].extract_text()
