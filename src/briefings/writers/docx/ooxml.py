"""Low-level OOXML helpers: fields, shading, borders, bookmarks, and a zip with fixed
entry times."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph


def _rgb(color: str) -> RGBColor:
    return RGBColor.from_string(color.lstrip("#").upper())


# The elements that follow w:pBdr in w:pPr and w:tcBorders in w:tcPr (ECMA-376 order).
_P_AFTER_BORDERS = tuple(
    [
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ]
)
_TC_AFTER_BORDERS = tuple(
    [
        "w:shd",
        "w:noWrap",
        "w:tcMar",
        "w:textDirection",
        "w:tcFitText",
        "w:vAlign",
        "w:hideMark",
        "w:headers",
        "w:cellIns",
        "w:cellDel",
        "w:cellMerge",
        "w:tcPrChange",
    ]
)


def _border(
    target: Any, side: str, color: str, size: int, space: int, *, cell: bool = False
) -> None:
    """A paragraph (or table cell) border on ``side``; ``size`` in eighths of a point.
    The borders element goes where the schema puts it, which Word insists on."""
    parent = target._tc.get_or_add_tcPr() if cell else target._p.get_or_add_pPr()
    tag = "w:tcBorders" if cell else "w:pBdr"
    borders = parent.find(qn(tag))
    if borders is None:
        borders = OxmlElement(tag)
        parent.insert_element_before(borders, *(_TC_AFTER_BORDERS if cell else _P_AFTER_BORDERS))
    edge = _child(borders, f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), str(space))
    edge.set(qn("w:color"), color.lstrip("#").upper())


def _drop_leading_empty(cell: Any) -> None:
    """A new cell starts with an empty paragraph; drop it when blocks followed."""
    content = [c for c in cell._tc if c.tag in (qn("w:p"), qn("w:tbl"))]
    if len(content) > 1 and content[0].tag == qn("w:p") and not cell.paragraphs[0].text:
        cell._tc.remove(content[0])


def _mark_language(cell: Any, lang: str) -> None:
    """Mark every run of a Chinese column as Chinese for spelling and font choice."""
    for run in cell._tc.iter(qn("w:r")):
        rpr = run.get_or_add_rPr()
        lang_element = _child(rpr, "w:lang")
        lang_element.set(qn("w:val"), lang)
        lang_element.set(qn("w:eastAsia"), lang)


# -- OOXML helpers ---------------------------------------------------------------------
def _child(parent: Any, tag: str) -> Any:
    element = parent.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        parent.append(element)
    return element


def _get_or_add_rpr(element: Any) -> Any:
    if element.tag == qn("w:docDefaults"):
        return _child(_child(element, "w:rPrDefault"), "w:rPr")
    return element.get_or_add_rPr()


def _split_fields(label: str) -> list[str]:
    import re

    return re.split(r"(\{page\}|\{pages\})", label)


def _add_field(paragraph: DocxParagraph, instruction: str, size: Pt) -> None:
    _field_begin(paragraph, instruction)
    run = paragraph.add_run("1")
    run.font.size = size
    _field_end(paragraph)


def _field_begin(paragraph: DocxParagraph, instruction: str) -> None:
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)


def _field_end(paragraph: DocxParagraph) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(char)


def _shade(cell: object, color: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color.lstrip("#").upper())
    tcpr.append(shading)


def _clip(text: str, limit: int = 255) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis if it was longer."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _repeat_header(table: DocxTable, row_index: int) -> None:
    trpr = table.rows[row_index]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _set_column_widths(table: DocxTable, widths: list[int]) -> None:
    grid = table._tbl.tblGrid
    for column, width in zip(grid.findall(qn("w:gridCol")), widths, strict=False):
        column.set(qn("w:w"), str(int(width / 635)))  # EMU -> twentieths of a point


def _bookmark_name(anchor: str) -> str:
    # Word bookmark names: a letter first, letters, digits and underscores, <= 40 chars.
    cleaned = "".join(c if c.isalnum() else "_" for c in anchor)
    return f"_b_{cleaned}"[:40]


def _fixed_zip(data: bytes, created: datetime) -> bytes:
    """Rewrite the package with every entry dated ``created`` (zip cannot store dates
    before 1980), in python-docx's own entry order, so equal inputs give equal bytes."""
    stamp = max(created, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
