"""Low-level OOXML helpers: fields, shading, borders, bookmarks, and a zip with fixed
entry times."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from briefings import model
from briefings.writers.docx.spool import BodySpool


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


def column_widths(table: model.Table, width: int) -> list[int]:
    """The widths (EMU) of ``table``'s columns when it is ``width`` wide."""
    total = sum(table.widths)
    return [int(width * w / total) for w in table.widths]


def _bookmark_name(anchor: str) -> str:
    # Word bookmark names: a letter first, letters, digits and underscores, <= 40 chars.
    cleaned = "".join(c if c.isalnum() else "_" for c in anchor)
    return f"_b_{cleaned}"[:40]


# Parts of python-docx's default template that no document of ours uses: a Word 2010
# copy of the styles and a thumbnail of the template's own empty page.
_UNUSED_PARTS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
_TABLE_STYLES_KEPT = ("Normal Table", "Table Grid")


def _slim_template(docx: DocxDocument) -> None:
    """Drop what python-docx's default template carries and our documents never use:
    its 100 table styles but the two we use (340 KB of the 356 KB of styles, parsed,
    written and compressed in every document), and the parts in ``_UNUSED_PARTS``.
    Word and LibreOffice still offer every built-in table style (they are latent)."""
    styles = docx.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) != "table":
            continue
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in _TABLE_STYLES_KEPT:
            styles.remove(style)
    for owner in (docx.part, docx.part.package):
        for rel_id, rel in list(owner.rels.items()):
            if rel.reltype in _UNUSED_PARTS:
                del owner.rels[rel_id]


def _dated_package(docx: DocxDocument, created: datetime, body: BodySpool) -> bytes:
    """The package of ``docx`` as zip bytes, every entry dated ``created`` (zip cannot
    store dates before 1980) in python-docx's own entry order, so equal inputs give
    equal bytes. This is ``Document.save`` with a zip writer that fixes the dates,
    so the package is compressed once, and the main document's XML comes from
    ``body``, in pieces."""
    package = docx.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _DatedZipWriter(max(created, datetime(1980, 1, 1, tzinfo=UTC)).timetuple()[:6])
    physical: Any = writer  # python-docx's writer interface, duck-typed
    PackageWriter._write_content_types_stream(physical, package.parts)  # type: ignore[no-untyped-call]
    PackageWriter._write_pkg_rels(physical, package.rels)  # type: ignore[no-untyped-call]
    for part in package.parts:  # PackageWriter._write_parts, but for the main document
        if part is docx.part:
            writer.write_pieces(part.partname, body.document_xml())
        else:
            writer.write(part.partname, part.blob)
        if len(part.rels):
            writer.write(part.partname.rels_uri, part.rels.xml)
    return writer.close()


class _DatedZipWriter:
    """python-docx's physical package writer interface, with fixed entry dates."""

    def __init__(self, stamp: tuple[int, ...]) -> None:
        self.stamp = stamp
        self.buffer = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buffer, "w", zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self.write_pieces(pack_uri, iter([blob]))

    def write_pieces(self, pack_uri: Any, pieces: Iterator[bytes]) -> None:
        """An entry written piece by piece (``zipfile.writestr`` does the same with
        one piece, and gives the same bytes)."""
        entry = zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp)  # type: ignore[arg-type]
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o600 << 16
        with self.zip.open(entry, "w") as target:
            for piece in pieces:
                target.write(piece)

    def close(self) -> bytes:
        self.zip.close()
        return self.buffer.getvalue()
