"""OOXML pieces the writer needs and python-docx's proxies do not offer: tables made on
the element level, fields, shading, borders, bookmarks and the trimmed template. Plain
functions on python-docx's ``oxml`` elements."""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from docx.shared import Emu, Length, RGBColor, Twips
from docx.text.run import Run
from lxml import etree

from briefings import model
from briefings.writers.docx import elements

_P, _R, _R_PR, _LANG = qn("w:p"), qn("w:r"), qn("w:rPr"), qn("w:lang")
_TR, _TR_PR, _CANT_SPLIT = qn("w:tr"), qn("w:trPr"), qn("w:cantSplit")
_TC, _TC_PR, _TC_W = qn("w:tc"), qn("w:tcPr"), qn("w:tcW")
_VAL, _EAST_ASIA, _TYPE, _W = qn("w:val"), qn("w:eastAsia"), qn("w:type"), qn("w:w")


def rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


# The elements that may follow w:pBdr in w:pPr and w:tcBorders in w:tcPr (ECMA-376
# order; python-docx does not declare these two).
_P_AFTER_BORDERS = tuple(
    qn(tag)
    for tag in (
        *("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap"),
        *("w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi"),
        *("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing"),
        *("w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment"),
        *("w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr"),
        "w:pPrChange",
    )
)
_TC_AFTER_BORDERS = tuple(
    qn(tag)
    for tag in (
        *("w:shd", "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign"),
        *("w:hideMark", "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange"),
    )
)
_BORDER_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("val", "sz", "space", "color"))


def border(owner: CT_P | CT_Tc, side: str, color: str, size: int, space: int) -> None:
    """A border on ``side`` of a paragraph or table cell; ``size`` in eighths of a
    point. The borders element goes where the schema puts it, which Word insists on."""
    after: tuple[str, ...]
    if isinstance(owner, CT_Tc):
        properties, tag, after = owner.get_or_add_tcPr(), "w:tcBorders", _TC_AFTER_BORDERS
    else:
        properties, tag, after = owner.get_or_add_pPr(), "w:pBdr", _P_AFTER_BORDERS
    borders = properties.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        # Before the first of the elements that follow it (each looked for in turn).
        successor = next(
            (found for found in map(properties.find, after) if found is not None), None
        )
        if successor is None:
            properties.append(borders)
        else:
            successor.addprevious(borders)
    edge = child(borders, f"w:{side}")
    values = ("single", str(size), str(space), color.lstrip("#").upper())
    for attribute, value in zip(_BORDER_ATTRIBUTES, values, strict=True):
        edge.set(attribute, value)


def child(parent: Any, tag: str) -> Any:
    """The first ``tag`` child of ``parent``, appended if there is none."""
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    return element


# -- tables ----------------------------------------------------------------------------
def new_table(rows: int, cols: int, width: Length) -> CT_Tbl:
    """A table as python-docx's ``add_table`` makes it: columns of equal width, fixed
    layout."""
    table = CT_Tbl.new_tbl(rows, cols, width)
    table.tblPr.autofit = False
    return table


def place_table(container: Any, table: CT_Tbl) -> None:
    """``table`` at the end of ``container`` (the body or a cell); in a cell followed
    by the empty paragraph Word requires a cell to end with."""
    last = container[-1] if len(container) else None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(table)
    else:
        container.append(table)
        if isinstance(container, CT_Tc):
            container.append(OxmlElement("w:p"))


def add_row(table: CT_Tbl, *, cant_split: bool = True) -> list[CT_Tc]:
    """The cells of a new last row, as wide as their columns (``Table.add_row``),
    kept on one page unless ``cant_split`` is False."""
    row: CT_Row = etree.SubElement(table, _TR)  # rows come last in a table
    if cant_split:
        keep_row_together(row)
    cells = []
    for column in table.tblGrid.gridCol_lst:
        cell: CT_Tc = etree.SubElement(row, _TC)
        column_width = column.get(_W)  # in twips
        if column_width is not None:
            width = etree.SubElement(etree.SubElement(cell, _TC_PR), _TC_W)
            width.set(_TYPE, "dxa")
            width.set(_W, str(int(column_width)))
        etree.SubElement(cell, _P)
        cells.append(cell)
    return cells


def set_cell_width(cell: CT_Tc, width: int) -> None:
    """``cell`` ``width`` EMU wide, as python-docx's ``cell.width = width`` sets it,
    without its look-ups when the cell has a width already (as a new table's cells
    have)."""
    properties = cell.find(_TC_PR)
    current = None if properties is None else properties.find(_TC_W)
    if current is None:
        cell.width = Emu(width)
    else:
        current.set(_TYPE, "dxa")
        current.set(_W, str(round(width / 635)))  # EMU -> twips, as ``Length.twips``


def keep_row_together(row: CT_Row) -> None:
    """Do not let ``row`` break across pages."""
    etree.SubElement(elements.properties(row, _TR_PR), _CANT_SPLIT)


def set_row_height(row: CT_Row, points: float) -> None:
    """``row`` at least ``points`` tall (taller if its text needs it)."""
    properties = row.get_or_add_trPr()
    properties.trHeight_val = Twips(round(points * 20))
    properties.trHeight_hRule = WD_ROW_HEIGHT_RULE.AT_LEAST


def set_cell_margins(table: CT_Tbl, vertical: float, horizontal: float) -> None:
    """The space (points) between the text of ``table``'s cells and their edges,
    above and below, and left and right; instead of its table style's."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        points = vertical if side in ("top", "bottom") else horizontal
        edge.set(qn("w:w"), str(round(points * 20)))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    table.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


def set_look(table: CT_Tbl, *, header: bool, banded: bool) -> None:
    """Which parts of its table style ``table`` shows: the header row's fill if it has
    a ``header``, and stripes on every second row after it if ``banded``."""
    look = table.tblPr.find(qn("w:tblLook"))
    flags = {"firstRow": header, "lastRow": False, "firstColumn": False, "lastColumn": False}
    flags |= {"noHBand": not banded, "noVBand": True}
    for name, value in flags.items():
        look.set(qn(f"w:{name}"), "1" if value else "0")
    # The same as the bit mask that Word still writes and reads.
    mask = (0x0020 if header else 0) | (0 if banded else 0x0200) | 0x0400
    look.set(qn("w:val"), f"{mask:04X}")


def set_column_widths(table: CT_Tbl, widths: list[int]) -> None:
    for column, width in zip(table.tblGrid.gridCol_lst, widths, strict=False):
        column.set(qn("w:w"), str(int(width / 635)))  # EMU -> twentieths of a point


def column_widths(table: model.Table, width: int) -> list[int]:
    """The widths (EMU) of ``table``'s columns when it is ``width`` wide."""
    total = sum(table.widths)
    return [int(width * w / total) for w in table.widths]


def repeat_header(table: CT_Tbl, row_index: int) -> None:
    trpr = table.tr_lst[row_index].get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))  # on: no value (the schema has no "true")


def shade(cell: CT_Tc, color: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color.lstrip("#").upper())
    cell.get_or_add_tcPr().append(shading)


def drop_leading_empty(cell: CT_Tc) -> None:
    """A new cell starts with an empty paragraph; drop it when blocks followed."""
    content = [c for c in cell if c.tag in (qn("w:p"), qn("w:tbl"))]
    if len(content) > 1 and content[0].tag == qn("w:p") and not content[0].text:
        cell.remove(content[0])


def mark_language(cell: CT_Tc, lang: str) -> None:
    """Mark every run of a Chinese column as Chinese for spelling and font choice."""
    for run in cell.iter(_R):
        properties = elements.properties(run, _R_PR)
        lang_element = properties.find(_LANG)
        if lang_element is None:
            lang_element = etree.SubElement(properties, _LANG)
        lang_element.set(_VAL, lang)
        lang_element.set(_EAST_ASIA, lang)


# -- fields and bookmarks --------------------------------------------------------------
def split_fields(label: str) -> list[str]:
    """``label`` cut around its ``{page}`` and ``{pages}`` placeholders."""
    return re.split(r"(\{page\}|\{pages\})", label)


def add_field(paragraph: CT_P, instruction: str, properties: Any) -> None:
    """A field whose result, until Word or LibreOffice updates it, is "1"; each of its
    runs (so the result after an update too) with a copy of the run properties
    ``properties`` (a ``w:rPr``)."""
    start = len(paragraph)
    field_begin(paragraph, instruction)
    Run(_add_run(paragraph), None).text = "1"  # type: ignore[arg-type]  # needs no part
    field_end(paragraph)
    for r in paragraph[start:]:
        r.insert(0, deepcopy(properties))


def field_begin(paragraph: Any, instruction: str) -> None:
    """The start of a field in ``paragraph`` (or a hyperlink): its instruction, then
    the separator after which its result follows."""
    _add_run(paragraph).append(_field_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    _add_run(paragraph).append(instr)
    _add_run(paragraph).append(_field_char("separate"))


def field_end(paragraph: Any) -> None:
    _add_run(paragraph).append(_field_char("end"))


def _field_char(kind: str) -> Any:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _add_run(parent: Any) -> CT_R:
    run: CT_R = OxmlElement("w:r")
    parent.append(run)
    return run


def add_hyperlink(paragraph: CT_P, bookmark: str) -> Any:
    """A link to ``bookmark`` at the end of ``paragraph``, for runs to go in."""
    link = OxmlElement("w:hyperlink")
    link.set(qn("w:anchor"), bookmark)
    link.set(qn("w:history"), "1")
    paragraph.append(link)
    return link


def bookmark_name(anchor: str) -> str:
    """A valid Word bookmark name for ``anchor``: a letter or underscore first, then
    letters, digits and underscores, at most 40 characters."""
    return ("_b_" + "".join(c if c.isalnum() else "_" for c in anchor))[:40]


def bookmark(paragraph: CT_P, name: str, number: int) -> None:
    """Mark ``paragraph`` as the bookmark ``name``."""
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    paragraph.insert(1 if paragraph.pPr is not None else 0, start)
    paragraph.append(end)


def clip(text: str, limit: int = 255) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis if it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- the package -----------------------------------------------------------------------
# Parts of python-docx's default template that no document of ours uses: a Word 2010
# copy of the styles, a thumbnail of the template's own empty page, a bibliography.
_UNUSED_PARTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
)
_TABLE_STYLES_KEPT = ("Normal Table",)
# Settings of the template that describe its own editing sessions.
_TEMPLATE_SETTINGS = ("w:proofState", "w:rsids", "w14:docId")
_APP_PROPERTIES = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    b"<Application>briefings</Application></Properties>"
)


def slim_template(docx: DocxDocument) -> None:
    """Drop what python-docx's default template carries and our documents never use or
    should not claim: its 100 table styles but the two we use (340 KB of the 356 KB
    of styles, parsed, written and compressed in every document; Word and LibreOffice
    still offer every built-in table style, they are latent), the parts in
    ``_UNUSED_PARTS``, the template's editing history, and its application properties
    (Word for the Mac, one page), which name this tool instead."""
    styles = docx.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) != "table":
            continue
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _TABLE_STYLES_KEPT:
            styles.remove(style)
    package = docx.part.package
    for owner in (docx.part, package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in (*_UNUSED_PARTS, RT.EXTENDED_PROPERTIES):
                del owner.rels[rel_id]
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, _APP_PROPERTIES, package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)
    settings = docx.settings.element
    for tag in _TEMPLATE_SETTINGS:
        for old in settings.findall(qn(tag)):
            settings.remove(old)


def set_languages(docx: DocxDocument, langs: list[str]) -> None:
    """``langs`` (BCP 47 tags, the main language first) as the document's languages:
    in its core properties, one ``dc:language`` each, and in the settings, the Latin
    and East Asian languages of the theme fonts."""
    docx.core_properties.language = langs[0]
    core = next(p for p in docx.part.package.iter_parts() if p.partname == "/docProps/core.xml")
    first = core.element.find(qn("dc:language"))
    for lang in reversed(langs[1:]):
        extra = OxmlElement("dc:language")
        extra.text = lang
        first.addnext(extra)
    font_langs = child(docx.settings.element, "w:themeFontLang")
    latin = next((lang for lang in langs if not lang.startswith("zh")), "en-GB")
    font_langs.set(qn("w:val"), latin)
    font_langs.set(qn("w:eastAsia"), "zh-CN")
