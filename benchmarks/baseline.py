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

import yaml
from docx import Document as new_docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

FONTS = Path(__file__).resolve().parent.parent / "src" / "briefings" / "fonts" / "data"


def _register_fonts() -> None:
    if "Base-Latin" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Base-Latin", str(FONTS / "LiberationSans-Regular.ttf")))
        pdfmetrics.registerFont(TTFont("Base-Bold", str(FONTS / "LiberationSans-Bold.ttf")))
        pdfmetrics.registerFont(TTFont("Base-CJK", str(FONTS / "wqy-microhei.ttc"), subfontIndex=0))


def _load(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


class _Texts:
    def __init__(self, visit: dict[str, Any], lang: str) -> None:
        self.visit, self.lang = visit, lang

    def __call__(self, texts: dict[str, str] | None) -> str:
        return (texts or {}).get(self.lang) or (texts or {}).get("en", "")

    def org(self, key: str) -> str:
        return self(self.visit["organisations"][key]["name"])


def _sections(meeting: dict[str, Any], t: _Texts) -> list[tuple[str, Any]]:
    """The content of one briefing as (kind, value) pairs, shared by both writers."""
    orgs = [
        [t.org(k), t.visit["organisations"][k].get("country", "")] for k in meeting["participants"]
    ]
    actions = [[t(a["action"]), t.org(a["owner"]), a["due"]] for a in meeting.get("follow_up", [])]
    fields = [
        ["Date", meeting["start"][:10]],
        ["Time", f"{meeting['start'][11:]}–{meeting['end'][11:]}"],
        ["Venue", t(meeting.get("venue"))],
        ["Hosts", ", ".join(t.org(k) for k in meeting["hosts"])],
        ["Type", meeting["kind"]],
        ["Topics", ", ".join(t(x) for x in meeting.get("topics", []))],
    ]
    return [
        ("h1", t(meeting["title"])),
        ("table", fields),
        ("h2", "Objectives"),
        *[("li", t(x)) for x in meeting.get("objectives", [])],
        ("h2", "Background"),
        ("p", t(meeting.get("background"))),
        ("h2", "Talking points"),
        *[("li", t(x)) for x in meeting.get("talking_points", [])],
        ("h2", "Participants"),
        ("table", orgs),
        ("h2", "Outcomes"),
        *[("li", t(x)) for x in meeting.get("outcomes", [])],
        ("h2", "Follow-up actions"),
        ("table", actions),
    ]


def _report(
    visit: dict[str, Any], meetings: list[dict[str, Any]], t: _Texts
) -> list[tuple[str, Any]]:
    itinerary = [[m["start"][:16], t(m["title"]), t(m.get("venue"))] for m in meetings]
    sections: list[tuple[str, Any]] = [
        ("h1", t(visit["title"])),
        ("p", t(visit["summary"])),
        ("h2", "Itinerary"),
        ("table", itinerary),
    ]
    for meeting in meetings:
        sections += [("h2", t(meeting["title"]))]
        sections += [("li", t(x)) for x in meeting.get("outcomes", [])]
    actions = [
        [t(a["action"]), t.org(a["owner"]), a["due"]]
        for m in meetings
        for a in m.get("follow_up", [])
    ]
    sections += [("h2", "Follow-up actions"), ("table", actions)]
    sections += [("h2", "Conclusions"), ("p", t(visit.get("conclusions")))]
    return sections


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
    visit = _load(visit_dir / "visit.yaml")
    meetings = sorted(
        (_load(p) for p in sorted((visit_dir / "meetings").glob("*.yaml"))),
        key=lambda m: m["start"],
    )
    count = 0
    for lang in langs:
        t = _Texts(visit, lang)
        (out / lang).mkdir(parents=True, exist_ok=True)
        documents = [(m["id"], _sections(m, t)) for m in meetings]
        documents.append(("visit-report", _report(visit, meetings, t)))
        for name, sections in documents:
            write_docx(sections, out / lang / f"{name}.docx")
            write_pdf(sections, out / lang / f"{name}.pdf", lang)
            count += 2
    return count
