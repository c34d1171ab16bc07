"""Page setup and paragraph styles: the East Asian font slot and language set on the
styles, so text typed later in Word keeps the right font."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle

from briefings.theme import TextLook, Theme
from briefings.writers.docx.ooxml import _child, _get_or_add_rpr

_STYLE_NAMES = {
    "body": "Normal",
    "title": "Title",
    "subtitle": "Subtitle",
    "lead": "Briefing Lead",
    "note": "Briefing Note",
    "kicker": "Briefing Kicker",
    "marking": "Briefing Marking",
    "cell": "Briefing Cell",
    "header-cell": "Briefing Header Cell",
    "label-cell": "Briefing Label Cell",
    "furniture": "Header",
}


class _PageAndStyles:
    """The page setup, paragraph styles, fonts and languages of a theme; mixed into
    the block writer, whose ``docx`` and ``theme`` they work on."""

    docx: DocxDocument
    theme: Theme

    # -- styles and page ---------------------------------------------------------------
    def prepare(self, *, keep_user_styles: bool) -> None:
        """The page and styles: the same for every document of a theme."""
        self.page()
        # A user's reference document keeps the styles it defines; ours fill the gaps.
        existing = {s.name for s in self.docx.styles} if keep_user_styles else set()
        looks = [("Normal", "body"), ("Title", "title"), ("Subtitle", "subtitle")]
        looks += [(f"Heading {level}", f"h{level}") for level in (1, 2, 3)]
        looks += [
            (_STYLE_NAMES[key], key)
            for key in ("lead", "note", "kicker", "marking", "cell", "header-cell", "label-cell")
        ]
        for name, look_name in looks:
            if name not in existing:
                self.style(name, self.theme.look(look_name))
        self.fonts_and_language()

    def page(self) -> None:
        theme = self.theme
        for section in self.docx.sections:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = (
                Mm(theme.page_width_mm),
                Mm(theme.page_height_mm),
            )
            section.top_margin, section.bottom_margin = (
                Mm(theme.margin_top_mm),
                Mm(theme.margin_bottom_mm),
            )
            section.left_margin, section.right_margin = (
                Mm(theme.margin_left_mm),
                Mm(theme.margin_right_mm),
            )
            section.header_distance = section.footer_distance = Mm(8)

    def style(self, name: str, look: TextLook) -> None:
        styles = self.docx.styles
        if name not in [s.name for s in styles]:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
        else:
            style = styles[name]
        font = style.font
        font.size = Pt(look.size)
        font.bold = look.bold
        font.italic = look.italic
        font.color.rgb = RGBColor.from_string(look.color.lstrip("#").upper())
        fmt = style.paragraph_format
        fmt.space_before = Pt(look.space_before)
        fmt.space_after = Pt(look.space_after)
        fmt.line_spacing = look.leading / 1.15  # Word's "single" is already ~1.15 em
        if name.startswith("Heading") or name == "Title":
            fmt.keep_with_next = True
            self._clear_border(style)

    @staticmethod
    def _clear_border(style: BaseStyle) -> None:
        ppr = style.element.get_or_add_pPr()
        for border in ppr.findall(qn("w:pBdr")):
            ppr.remove(border)

    def fonts_and_language(self) -> None:
        """Latin and East Asian font slots and languages on the document defaults and on
        every paragraph style, replacing theme-font references that would otherwise
        win over them."""
        latin, east_asian = self.theme.word_latin_font, self.theme.word_east_asian_font
        targets = [self.docx.styles.element.find(qn("w:docDefaults"))]
        targets += [s.element for s in self.docx.styles if s.type == WD_STYLE_TYPE.PARAGRAPH]
        for element in targets:
            if element is None:
                continue
            rpr = _get_or_add_rpr(element)
            fonts = _child(rpr, "w:rFonts")
            for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                fonts.attrib.pop(qn(f"w:{attribute}"), None)
            fonts.set(qn("w:ascii"), latin)
            fonts.set(qn("w:hAnsi"), latin)
            fonts.set(qn("w:eastAsia"), east_asian)
            fonts.set(qn("w:cs"), latin)
            lang = _child(rpr, "w:lang")
            lang.set(qn("w:val"), "en-GB")
            lang.set(qn("w:eastAsia"), "zh-CN")
            lang.set(qn("w:bidi"), "ar-SA")
