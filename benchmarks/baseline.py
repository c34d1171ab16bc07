"""The floor: the same documents written with python-docx and reportlab calls directly.

No validation, no templates, no document model, no locale formatting, no font
coverage check, no reproducibility fixes: YAML in, the same sections out (title,
fields table, objectives, background, talking points, participants, outcomes,
follow-up; the report with its itinerary, outcomes, actions and conclusions), with
the same fonts embedded in the PDFs. What briefings does on top costs the difference.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from benchmarks.sections import documents, load_visit

FONTS = Path(__file__).resolve().parent.parent / "src" / "briefings" / "fonts" / "data"


def _register_fonts() -> None:
    if "Base-Latin" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Base-Latin", str(FONTS / "LiberationSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("Base-Bold", str(FONTS / "LiberationSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("Base-CJK", str(FONTS / "wqy-microhei.ttc"), subfontIndex=0))


def write_docx(sections: list[tuple[str, Any]], path: Path) -> None:
    document = new_docx()
    for kind, value in sections:
        if kind == "h1":
            document.add_heading(value, level=1)
        elif kind == "h2":
            document.add_heading(value, level=2)
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "li":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "table" and value:
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for row, cells in zip(table.rows, value, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    cell.text = text
    document.save(str(path))


def write_pdf(sections: list[tuple[str, Any]], path: Path, lang: str) -> None:
    font = "Base-CJK" if lang == "zh" else "Base-Latin"
    wrap = "CJK" if lang == "zh" else None
    styles = {
        "h1": ParagraphStyle("h1", fontName=font, fontSize=16, leading=20, wordWrap=wrap),
        "h2": ParagraphStyle("h2", fontName=font, fontSize=12.5, leading=16, wordWrap=wrap),
        "p": ParagraphStyle("p", fontName=font, fontSize=10.5, leading=15, wordWrap=wrap),
        "li": ParagraphStyle(
            "li", fontName=font, fontSize=10.5, leading=15, leftIndent=12, wordWrap=wrap
        ),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=9.5, leading=13, wordWrap=wrap),
    }
    story: list[Any] = []
    for kind, value in sections:
        if kind == "table":
            if value:
                rows = [[Paragraph(escape(text), styles["cell"]) for text in row] for row in value]
                story.append(Table(rows))
        else:
            story.append(Paragraph(escape(("• " if kind == "li" else "") + value), styles[kind]))
        story.append(Spacer(1, 4))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


def build_baseline(visit_dir: Path, out: Path, langs: tuple[str, ...] = ("en", "zh")) -> int:
    """Write every briefing and the report of ``visit_dir`` in DOCX and PDF; returns the
    number of files written."""
    _register_fonts()
    visit, meetings = load_visit(visit_dir)
    count = 0
    for lang in langs:
        (out / lang).mkdir(parents=True, exist_ok=True)
        for name, sections in documents(visit, meetings, lang):
            write_docx(sections, out / lang / f"{name}.docx")
            write_pdf(sections, out / lang / f"{name}.pdf", lang)
            count += 2
    return count
