"""Page setup and paragraph styles of a theme, the same for every document: the East
Asian font slot and language are set on the styles, so text typed later in Word keeps
the right font."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from briefings.theme import TextLook, Theme
from briefings.writers.docx.ooxml import child, rgb
from briefings.writers.docx.pages import chart_look

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
TABLE_STYLE = "Briefing Table"
CHART_STYLES = {
    "cell": "Briefing Chart Cell",
    "header-cell": "Briefing Chart Header",
    "note": "Briefing Chart Hour",
}
"""The paragraph style of each look in the schedule chart (see ``pages.chart_look``)."""


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
    for look_name, name in CHART_STYLES.items():
        if name not in existing:
            set_style(docx, name, chart_look(theme, look_name))
    if TABLE_STYLE not in existing:
        add_table_style(docx, theme)
    add_contents_styles(docx, theme, existing)
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
    if name not in styles:
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
    if "Heading" in name or name == "Title":
        fmt.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        for old in ppr.findall(qn("w:pBdr")):
            ppr.remove(old)


def add_contents_styles(docx: DocxDocument, theme: Theme, existing: set[str]) -> None:
    """The styles of the table of contents and of the headings it leaves out: its own
    heading ("TOC Heading") and the headings of a bilingual edition's second column
    look like headings but are body text to the outline, so that no update of the
    contents lists them; the entries ("TOC 1", "TOC 2") end in a dotted tab to the
    page number at the margin."""
    left_out = [("TOC Heading", "h1")]
    left_out += [(f"Translated Heading {level}", f"h{level}") for level in (1, 2, 3)]
    for name, look in left_out:
        if name not in existing:
            set_style(docx, name, theme.look(look))
            ppr = docx.styles[name].element.get_or_add_pPr()
            ppr.get_or_add_outlineLvl().val = 9  # body text
    for level in (1, 2):
        name = f"TOC {level}"
        if name in existing:
            continue
        set_style(docx, name, theme.look("body"))
        style = docx.styles[name]
        style.font.bold = level == 1
        style.paragraph_format.left_indent = Mm(6 * (level - 1))
        style.paragraph_format.space_after = Pt(2)
        style.paragraph_format.tab_stops.add_tab_stop(
            text_width(theme), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def add_table_style(docx: DocxDocument, theme: Theme) -> None:
    """The table style of the PDF's tables: a rule under every row, the header row
    filled, every second row after it striped (when the table's look asks for the
    first row and banded rows), the PDF's cell padding, no vertical rules."""
    style = docx.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = docx.styles["Normal Table"]
    rule = f'w:val="single" w:sz="4" w:space="0" w:color="{_hex(theme.rule)}"'
    for xml in (
        f"<w:tblPr {_W}><w:tblStyleRowBandSize w:val='1'/>"
        f"<w:tblBorders><w:bottom {rule}/><w:insideH {rule}/></w:tblBorders>"
        "<w:tblCellMar><w:top w:w='80' w:type='dxa'/><w:left w:w='100' w:type='dxa'/>"
        "<w:bottom w:w='100' w:type='dxa'/><w:right w:w='100' w:type='dxa'/></w:tblCellMar>"
        "</w:tblPr>",
        f"<w:tblStylePr {_W} w:type='firstRow'>"
        f"<w:tcPr><w:shd w:val='clear' w:color='auto' w:fill='{_hex(theme.header_fill)}'/>"
        "</w:tcPr></w:tblStylePr>",
        f"<w:tblStylePr {_W} w:type='band2Horz'>"
        f"<w:tcPr><w:shd w:val='clear' w:color='auto' w:fill='{_hex(theme.stripe_fill)}'/>"
        "</w:tcPr></w:tblStylePr>",
    ):
        style.element.append(parse_xml(xml))


_W = nsdecls("w")


def _hex(color: str) -> str:
    return color.lstrip("#").upper()


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
    look = theme.look("furniture")
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
        style.font.size = Pt(look.size)
        style.font.color.rgb = rgb(look.color)
        line.style = style
        line.paragraph_format.tab_stops.add_tab_stop(text_width(theme), WD_TAB_ALIGNMENT.RIGHT)
