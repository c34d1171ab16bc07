"""Page setup and paragraph styles of a theme, the same for every document: the East
Asian font slot and language are set on the styles, so text typed later in Word keeps
the right font."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from briefings.theme import TextLook, Theme
from briefings.writers.docx.ooxml import child, rgb

STYLE_NAMES = {
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
"""The Word paragraph style of each look of the theme."""


def prepare(docx: DocxDocument, theme: Theme, *, keep_user_styles: bool) -> None:
    """Give ``docx`` the page, styles and empty header and footer lines of ``theme``.
    With ``keep_user_styles`` (a user's reference document) the styles it defines stay
    as they are; ours fill the gaps."""
    set_page(docx, theme)
    existing = {s.name for s in docx.styles} if keep_user_styles else set()
    looks = [("Normal", "body"), ("Title", "title"), ("Subtitle", "subtitle")]
    looks += [(f"Heading {level}", f"h{level}") for level in (1, 2, 3)]
    looks += [
        (STYLE_NAMES[key], key)
        for key in ("lead", "note", "kicker", "marking", "cell", "header-cell", "label-cell")
    ]
    for name, look_name in looks:
        if name not in existing:
            set_style(docx, name, theme.look(look_name))
    set_fonts_and_language(docx, theme)
    set_furniture_lines(docx, theme)


def text_width(theme: Theme) -> int:
    """The width between the margins, in EMU."""
    return int(Mm(theme.page_width_mm - theme.margin_left_mm - theme.margin_right_mm))


def set_page(docx: DocxDocument, theme: Theme) -> None:
    for section in docx.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = Mm(theme.page_width_mm)
        section.page_height = Mm(theme.page_height_mm)
        section.top_margin = Mm(theme.margin_top_mm)
        section.bottom_margin = Mm(theme.margin_bottom_mm)
        section.left_margin = Mm(theme.margin_left_mm)
        section.right_margin = Mm(theme.margin_right_mm)
        section.header_distance = section.footer_distance = Mm(8)


def set_style(docx: DocxDocument, name: str, look: TextLook) -> None:
    """The paragraph style ``name`` (made if missing) in the size, weight, colour and
    spacing of ``look``."""
    styles = docx.styles
    if name not in [s.name for s in styles]:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles["Normal"]
    else:
        style = styles[name]
    font = style.font
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.color.rgb = rgb(look.color)
    fmt = style.paragraph_format
    fmt.space_before = Pt(look.space_before)
    fmt.space_after = Pt(look.space_after)
    fmt.line_spacing = look.leading / 1.15  # Word's "single" is already ~1.15 em
    if name.startswith("Heading") or name == "Title":
        fmt.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)


def set_fonts_and_language(docx: DocxDocument, theme: Theme) -> None:
    """Latin and East Asian font slots and languages on the document defaults and on
    every paragraph style, replacing theme-font references that would otherwise win
    over them."""
    latin, east_asian = theme.word_latin_font, theme.word_east_asian_font
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    properties = [] if defaults is None else [child(child(defaults, "w:rPrDefault"), "w:rPr")]
    properties += [
        s.element.get_or_add_rPr() for s in docx.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
    ]
    for rpr in properties:
        fonts = rpr.get_or_add_rFonts()
        for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            fonts.attrib.pop(qn(f"w:{attribute}"), None)
        fonts.set(qn("w:ascii"), latin)
        fonts.set(qn("w:hAnsi"), latin)
        fonts.set(qn("w:eastAsia"), east_asian)
        fonts.set(qn("w:cs"), latin)
        lang = child(rpr, "w:lang")
        lang.set(qn("w:val"), "en-GB")
        lang.set(qn("w:eastAsia"), "zh-CN")
        lang.set(qn("w:bidi"), "ar-SA")


def set_furniture_lines(docx: DocxDocument, theme: Theme) -> None:
    """The header and footer lines, empty: in the furniture size, with one right tab
    at the margin."""
    size = Pt(theme.look("furniture").size)
    section = docx.sections[0]
    for name, line in (
        ("Header", section.header.paragraphs[0]),
        ("Footer", section.footer.paragraphs[0]),
    ):
        # The built-in styles carry centre and right tabs for Letter paper; ours (one
        # right tab at the margin) must be the only ones, and every run of the line
        # (fields included) the furniture size.
        style = docx.styles[name]
        ppr = style.element.get_or_add_pPr()
        for tabs in ppr.findall(qn("w:tabs")):
            ppr.remove(tabs)
        style.font.size = size
        line.style = style
        line.paragraph_format.tab_stops.add_tab_stop(text_width(theme), WD_TAB_ALIGNMENT.RIGHT)
