"""Write a ``Document`` as an editable DOCX with python-docx.

Chinese gets its font the way Word expects: the East Asian slot of ``w:rFonts`` and
``w:lang w:eastAsia="zh-CN"`` are set on the styles, not run by run, so text typed
later in Word keeps the right font. The zip is written with fixed entry times so that
the same document gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from briefings import model
from briefings.theme import TextLook, Theme

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


def write_docx(document: model.Document, theme: Theme, reference: Path | None = None) -> bytes:
    """Render ``document`` to DOCX bytes, using ``reference`` (a user's .docx) for
    styles and page setup where given."""
    if reference is None:
        docx = new_docx(io.BytesIO(_styled_base(document, theme)))
    else:
        docx = new_docx(str(reference))
    writer = _DocxWriter(docx, document, theme)
    writer.setup(keep_user_styles=reference is not None, prepared=reference is None)
    for block in document.blocks:
        writer.block(block)
    buffer = io.BytesIO()
    docx.save(buffer)
    return _fixed_zip(buffer.getvalue(), _created(document.meta.created))


class _DocxWriter:
    def __init__(self, docx: DocxDocument, document: model.Document, theme: Theme) -> None:
        self.docx = docx
        self.document = document
        self.meta = document.meta
        self.theme = theme
        self.bookmark_id = 0
        self._style_ids: dict[str, str | None] = {}

    # -- styles and page ---------------------------------------------------------------
    def setup(self, *, keep_user_styles: bool, prepared: bool = False) -> None:
        if not prepared:
            self.prepare(keep_user_styles=keep_user_styles)
        self.properties()
        self.furniture()

    def prepare(self, *, keep_user_styles: bool) -> None:
        """The page and styles: the same for every document of a theme."""
        self.page()
        if not keep_user_styles:
            for name, look_name in (
                ("Normal", "body"),
                ("Title", "title"),
                ("Subtitle", "subtitle"),
            ):
                self.style(name, self.theme.look(look_name))
            for level in (1, 2, 3):
                self.style(f"Heading {level}", self.theme.look(f"h{level}"))
            for key in ("lead", "note", "kicker", "marking", "cell", "header-cell", "label-cell"):
                self.style(_STYLE_NAMES[key], self.theme.look(key))
        self.fonts_and_language()

    def paragraph(self, style: str) -> DocxParagraph:
        """A new body paragraph in the style named ``style``."""
        paragraph = self.docx.add_paragraph()
        self.set_style(paragraph, style)
        return paragraph

    def set_style(self, paragraph: DocxParagraph, name: str) -> None:
        """``paragraph.style = name``, with the style id looked up once per document
        (python-docx searches every style on every assignment: the DOCX hot spot)."""
        if not self._style_ids:  # the default style is set by leaving the style out
            default = self.docx.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            self._style_ids[default.name] = None
        if name not in self._style_ids:
            self._style_ids[name] = self.docx.styles[name].style_id
        paragraph._p.style = self._style_ids[name]

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

    def properties(self) -> None:
        meta, props = self.meta, self.docx.core_properties
        created = _created(meta.created)
        props.title = meta.title
        props.subject = meta.subject
        props.author = meta.author
        props.last_modified_by = meta.author
        props.language = (
            "zh-CN" if meta.lang.startswith("zh") else ("en-GB" if meta.lang == "en" else meta.lang)
        )
        props.created = props.modified = created.replace(tzinfo=None)
        props.last_printed = created.replace(tzinfo=None)
        props.revision = 1
        props.comments = ""
        props.keywords = "briefing"

    def furniture(self) -> None:
        """Running header with the marking on the right; footer with "Page X of Y" as
        PAGE and NUMPAGES fields, which Word and LibreOffice fill in."""
        section = self.docx.sections[0]
        width = self.text_width()
        header = section.header.paragraphs[0]
        self.set_style(header, "Header")
        header.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        self._furniture_run(header, self.meta.header)
        header.add_run("\t")
        marking = self._furniture_run(header, self.meta.marking)
        marking.bold = True
        marking.font.color.rgb = RGBColor.from_string(
            self.theme.look("marking").color.lstrip("#").upper()
        )
        footer = section.footer.paragraphs[0]
        self.set_style(footer, "Footer")
        footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        self._furniture_run(footer, self.meta.footer_note)
        footer.add_run("\t")
        label = self.meta.page_label
        for piece in _split_fields(label):
            if piece in ("{page}", "{pages}"):
                _add_field(
                    footer, "PAGE" if piece == "{page}" else "NUMPAGES", self._furniture_size()
                )
            elif piece:
                self._furniture_run(footer, piece)

    def text_width(self) -> int:
        """The width between the margins, in EMU."""
        theme = self.theme
        return int(Mm(theme.page_width_mm - theme.margin_left_mm - theme.margin_right_mm))

    def _furniture_size(self) -> Pt:
        return Pt(self.theme.look("furniture").size)

    def _furniture_run(self, paragraph: DocxParagraph, text: str):  # type: ignore[no-untyped-def]
        run = paragraph.add_run(text)
        run.font.size = self._furniture_size()
        run.font.color.rgb = RGBColor.from_string(
            self.theme.look("furniture").color.lstrip("#").upper()
        )
        return run

    # -- blocks ------------------------------------------------------------------------
    def block(self, block: model.Block) -> None:
        match block:
            case model.Heading(level=level, content=content, anchor=anchor):
                paragraph = self.paragraph(f"Heading {min(level, 3)}")
                self.inlines(paragraph, content)
                if anchor:
                    self.bookmark(paragraph, anchor)
            case model.Paragraph(content=content, style=style):
                paragraph = self.paragraph(_STYLE_NAMES.get(style, "Normal"))
                self.inlines(paragraph, content)
            case model.BulletList(items=items):
                for item in items:
                    self.inlines(self.paragraph("List Bullet"), item)
            case model.Table():
                self.table(block)
            case model.PageBreak():
                self.docx.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            case model.TableOfContents(title=title):
                self.table_of_contents(title)

    def inlines(self, paragraph: DocxParagraph, content: tuple[model.Inline, ...]) -> None:
        for inline in content:
            if isinstance(inline, model.LineBreak):
                paragraph.add_run().add_break()
                continue
            run = paragraph.add_run(inline.text)
            if inline.bold:
                run.bold = True
            if inline.italic:
                run.italic = True

    def bookmark(self, paragraph: DocxParagraph, name: str) -> None:
        self.bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), _bookmark_name(name))
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
        paragraph._p.append(end)

    def table(self, table: model.Table) -> None:
        rows = ([table.header] if table.header else []) + list(table.rows)
        docx_table = self.docx.add_table(rows=len(rows), cols=len(table.widths))
        docx_table.style = self.docx.styles["Table Grid"]
        docx_table.autofit = False
        width = self.text_width()
        total = sum(table.widths)
        # Table.cell() lists every cell of the table on each call: list them once.
        cells = docx_table._cells
        for row_index, row in enumerate(rows):
            is_header = bool(table.header) and row_index == 0
            for col_index, cell in enumerate(row):
                docx_cell = cells[row_index * len(table.widths) + col_index]
                docx_cell.width = int(width * table.widths[col_index] / total)
                look = (
                    "header-cell"
                    if is_header
                    else ("label-cell" if table.style == "fields" and col_index == 0 else "cell")
                )
                self.cell(docx_cell, cell, look)
                if is_header:
                    _shade(docx_cell, self.theme.header_fill)
            if is_header:
                _repeat_header(docx_table, row_index)
        _set_column_widths(docx_table, [int(width * w / total) for w in table.widths])
        self.paragraph("Briefing Note")

    def cell(self, docx_cell: object, cell: model.Cell, look: str) -> None:
        first = True
        for block in cell.blocks:
            items = [block.content] if isinstance(block, model.Paragraph) else list(block.items)
            for index, content in enumerate(items):
                paragraph = docx_cell.paragraphs[0] if first else docx_cell.add_paragraph()  # type: ignore[attr-defined]
                first = False
                self.set_style(paragraph, _STYLE_NAMES[look])
                if isinstance(block, model.BulletList):
                    paragraph.add_run("• ")
                del index
                self.inlines(paragraph, content)

    def table_of_contents(self, title: tuple[model.Inline, ...]) -> None:
        """A real TOC field (Word: References > Update Table) whose cached result already
        lists the headings, so the entries show before anyone updates the field; page
        numbers appear on the first update (Word paginates, we cannot)."""
        heading = self.paragraph("Heading 1")
        self.inlines(heading, title)
        entries = [b for b in self.document.blocks if isinstance(b, model.Heading) and b.level <= 2]
        for index, entry in enumerate(entries):
            paragraph = self.paragraph("Normal")
            paragraph.paragraph_format.left_indent = Mm(6 * (entry.level - 1))
            paragraph.paragraph_format.space_after = Pt(2)
            if index == 0:
                _field_begin(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
            text = "".join(s.text for s in entry.content if isinstance(s, model.Span))
            run = paragraph.add_run(text)
            run.bold = entry.level == 1
            if index == len(entries) - 1:
                _field_end(paragraph)


_styled_bases: dict[str, bytes] = {}


def _styled_base(document: model.Document, theme: Theme) -> bytes:
    """An empty DOCX with the page and styles of ``theme``, made once per process: the
    styles are the same for every document, and setting them up costs more than
    writing a short briefing."""
    key = repr(theme)
    if key not in _styled_bases:
        docx = new_docx()
        _DocxWriter(docx, document, theme).prepare(keep_user_styles=False)
        buffer = io.BytesIO()
        docx.save(buffer)
        _styled_bases[key] = buffer.getvalue()
    return _styled_bases[key]


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


def _created(created: str) -> datetime:
    if not created:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return datetime.fromisoformat(created).astimezone(UTC)


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
