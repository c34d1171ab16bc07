"""The look of the documents: page, sizes, colours and Word font names, in one place.

Both writers read the same ``Theme``, so a DOCX and a PDF of one document match.
Values are format-neutral: points, millimetres and ``#rrggbb`` colours.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TextLook:
    size: float
    bold: bool = False
    italic: bool = False
    color: str = "#1a1a1a"
    space_before: float = 0.0
    space_after: float = 6.0
    leading: float = 1.45
    """Line height as a multiple of the size; Chinese wants a little more than Latin."""


def _default_looks() -> dict[str, TextLook]:
    return {
        "body": TextLook(10.5),
        "lead": TextLook(12, color="#333333", space_after=8),
        "note": TextLook(9, color="#555555", space_after=4),
        "title": TextLook(
            22, bold=True, color="#0b3a63", space_before=24, space_after=8, leading=1.25
        ),
        "subtitle": TextLook(13, color="#333333", space_after=14),
        "kicker": TextLook(9.5, bold=True, color="#0b6e99", space_after=4),
        "marking": TextLook(8.5, bold=True, color="#a0262b", space_after=10),
        "h1": TextLook(16, bold=True, color="#0b3a63", space_before=14, space_after=8, leading=1.3),
        "h2": TextLook(
            12.5, bold=True, color="#0b3a63", space_before=12, space_after=5, leading=1.3
        ),
        "h3": TextLook(11, bold=True, color="#1a1a1a", space_before=8, space_after=4),
        "cell": TextLook(9.5, space_after=0, leading=1.35),
        "header-cell": TextLook(9.5, bold=True, color="#ffffff", space_after=0, leading=1.35),
        "label-cell": TextLook(9.5, bold=True, color="#0b3a63", space_after=0, leading=1.35),
        "furniture": TextLook(8, color="#666666", space_after=0, leading=1.2),
    }


@dataclass(frozen=True)
class Theme:
    page_width_mm: float = 210.0  # A4
    page_height_mm: float = 297.0
    margin_top_mm: float = 22.0
    margin_bottom_mm: float = 20.0
    margin_left_mm: float = 20.0
    margin_right_mm: float = 20.0
    accent: str = "#0b3a63"
    rule: str = "#b9c6d3"
    header_fill: str = "#0b3a63"
    stripe_fill: str = "#eef2f6"
    looks: dict[str, TextLook] = field(default_factory=_default_looks)
    word_latin_font: str = "Arial"
    """Latin font named in DOCX files: present on Windows and macOS; LibreOffice uses
    the metric-compatible Liberation Sans."""
    word_east_asian_font: str = "Microsoft YaHei"
    """East Asian font named in DOCX files (w:rFonts w:eastAsia): the default Chinese UI
    font of Windows; Word on macOS substitutes PingFang SC."""

    def look(self, name: str) -> TextLook:
        return self.looks.get(name, self.looks["body"])
