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
        self.target: Any = docx
        """Where blocks go: the document body, or a table cell of a bilingual row."""
        self.width: int | None = None
        """The width blocks are laid out in (EMU), when narrower than the text width."""
        self._parallel: DocxTable | None = None
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

    def paragraph(self, style: str) -> DocxParagraph:
        """A new paragraph, in the body or the current bilingual cell, in the style
        named ``style``."""
        paragraph: DocxParagraph = self.target.add_paragraph()
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
        # Core properties hold at most 255 characters (python-docx raises beyond that).
        props.title = _clip(meta.title)
        props.subject = _clip(meta.subject)
        props.author = _clip(meta.author)
        props.last_modified_by = _clip(meta.author)
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
        for name in ("Header", "Footer"):
            # The built-in styles carry centre and right tabs for Letter paper; ours
            # (one right tab at the margin) must be the only ones, and every run of
            # the line (fields included) the furniture size.
            style = self.docx.styles[name]
            ppr = style.element.get_or_add_pPr()
            for tabs in ppr.findall(qn("w:tabs")):
                ppr.remove(tabs)
            style.font.size = self._furniture_size()
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

    def layout_width(self) -> int:
        """The width the current block is laid out in, in EMU."""
        return self.width or self.text_width()

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
        if not isinstance(block, model.Parallel):
            self._parallel = None
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
                self.target.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            case model.TableOfContents(title=title):
                self.table_of_contents(title)
            case model.Cover():
                self.cover(block)
            case model.Schedule():
                self.schedule(block)
            case model.Parallel():
                self.parallel(block)

    def cover(self, cover: model.Cover) -> None:
        """Document type and marking on one line under an accent rule, the title, then
        label/value lines closed by a thin rule: compact, the body follows on page 1."""
        theme = self.theme
        band = self.paragraph(_STYLE_NAMES["kicker"])
        _border(band, "top", theme.accent, 18, 6)
        band.paragraph_format.tab_stops.add_tab_stop(self.layout_width(), WD_TAB_ALIGNMENT.RIGHT)
        self.inlines(band, cover.kind)
        band.add_run("\t")
        for inline in cover.marking:
            if isinstance(inline, model.Span):
                run = band.add_run(inline.text)
                run.font.color.rgb = _rgb(theme.look("marking").color)
        self.inlines(self.paragraph("Title"), cover.title)
        paragraph = None
        for label, value in cover.details:
            paragraph = self.paragraph(_STYLE_NAMES["cell"])
            paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(38))
            paragraph.paragraph_format.left_indent = Mm(38)  # later lines under the value
            paragraph.paragraph_format.first_line_indent = -Mm(38)
            paragraph.paragraph_format.space_after = Pt(2)
            for inline in label:
                if isinstance(inline, model.Span):
                    run = paragraph.add_run(inline.text)
                    run.bold = True
                    run.font.color.rgb = _rgb(theme.look("label-cell").color)
            paragraph.add_run("\t")
            self.inlines(paragraph, value)
        if paragraph is not None:
            _border(paragraph, "bottom", theme.rule, 6, 8)
            paragraph.paragraph_format.space_after = Pt(14)

    def schedule(self, schedule: model.Schedule) -> None:
        """The chart as a faithful table: a column per day, a row per hour, each meeting
        in the cells of the hours it spans (merged), shaded."""
        first, last = schedule.hours()
        days = schedule.days
        table = self.target.add_table(rows=last - first + 1, cols=len(days) + 1)
        table.style = self.docx.styles["Table Grid"]
        table.autofit = False
        width = self.layout_width()
        gutter = int(Mm(13))
        column = (width - gutter) // max(len(days), 1)
        for index, day in enumerate(days, start=1):
            cell = table.cell(0, index)
            self.cell(cell, model.Cell((model.Paragraph(day.title),)), "header-cell")
            _shade(cell, self.theme.header_fill)
        _repeat_header(table, 0)
        for hour in range(first, last):
            self.cell(
                table.cell(hour - first + 1, 0),
                model.Cell((model.Paragraph((model.Span(f"{hour:02d}:00"),)),)),
                "note",
            )
        for index, day in enumerate(days, start=1):
            for top, bottom, events in _hour_clusters(day.events, first, last):
                cell = table.cell(top, index)
                if bottom > top:
                    cell = cell.merge(table.cell(bottom, index))
                paragraphs = []
                for event in events:
                    time = model.Span(f"{_hm(event.start)}–{_hm(event.end)}", bold=True)
                    paragraphs.append(model.Paragraph((time, model.LineBreak(), *event.label)))
                self.cell(cell, model.Cell(tuple(paragraphs)), "cell")
                _shade(cell, self.theme.stripe_fill)
        _set_column_widths(table, [gutter] + [column] * len(days))
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = gutter if index == 0 else column
        self.paragraph("Briefing Note")

    def parallel(self, row: model.Parallel) -> None:
        """One row of a bilingual edition: consecutive rows form one borderless
        two-column table, so each English block sits beside its Chinese one."""
        if self._parallel is None:
            self._parallel = self.target.add_table(rows=0, cols=2)
            self._parallel.autofit = False
            _set_column_widths(self._parallel, [self.layout_width() // 2] * 2)
        cells = self._parallel.add_row().cells
        saved = (self.target, self.width, self._parallel)
        half = self.layout_width() // 2
        sides = ((cells[0], row.left, row.langs[0]), (cells[1], row.right, row.langs[1]))
        for cell, blocks, lang in sides:
            cell.width = half
            # Cell margins take about 2 mm on each side of the column.
            self.target, self.width, self._parallel = cell, half - int(Mm(4)), None
            for block in blocks:
                self.block(block)
            _drop_leading_empty(cell)
            if lang.startswith("zh"):
                _mark_language(cell, lang)
        self.target, self.width, self._parallel = saved
        _border(cells[1], "left", self.theme.rule, 4, 0, cell=True)

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
        docx_table = self.target.add_table(rows=len(rows), cols=len(table.widths))
        docx_table.style = self.docx.styles["Table Grid"]
        docx_table.autofit = False
        width = self.layout_width()
        total = sum(table.widths)
        # Row by row: Table.cell(r, c) walks the whole table each time (quadratic).
        for row_index, (row, docx_row) in enumerate(zip(rows, docx_table.rows, strict=True)):
            is_header = bool(table.header) and row_index == 0
            for col_index, (cell, docx_cell) in enumerate(zip(row, docx_row.cells, strict=True)):
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
        after = self.paragraph("Briefing Note")
        if self.target is not self.docx:
            # Inside a bilingual row: the paragraph a cell must end with, kept tiny.
            after.paragraph_format.space_after = Pt(0)
            after.paragraph_format.line_spacing = Pt(2)

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
        entries = [(level, text) for level, text in _headings(self.document.blocks) if level <= 2]
        for index, (level, text) in enumerate(entries):
            paragraph = self.paragraph("Normal")
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
            paragraph.paragraph_format.space_after = Pt(2)
            if index == 0:
                _field_begin(paragraph, 'TOC \\o "1-2" \\h \\z \\u')
            run = paragraph.add_run(text)
            run.bold = level == 1
            if index == len(entries) - 1:
                _field_end(paragraph)


def _headings(blocks: tuple[model.Block, ...]) -> list[tuple[int, str]]:
    """Every heading's level and text; a bilingual row gives "English / 中文"."""
    out: list[tuple[int, str]] = []
    for block in blocks:
        if isinstance(block, model.Heading):
            out.append((block.level, _plain(block.content)))
        elif isinstance(block, model.Parallel):
            left, right = _headings(block.left), _headings(block.right)
            for (level, text), (_, other) in zip(left, right, strict=False):
                out.append((level, f"{text} / {other}"))
    return out


def _plain(content: tuple[model.Inline, ...]) -> str:
    return "".join(i.text for i in content if isinstance(i, model.Span))


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _hour_clusters(
    events: tuple[model.ScheduleEvent, ...], first: int, last: int
) -> list[tuple[int, int, list[model.ScheduleEvent]]]:
    """Table rows (first and last, 1-based below the header) for each group of events
    whose hours overlap; one group becomes one merged cell."""
    clusters: list[tuple[int, int, list[model.ScheduleEvent]]] = []
    for event in sorted(events, key=lambda e: (e.start, e.end)):
        top = event.start // 60 - first + 1
        bottom = max(top, min(-(-event.end // 60), last) - first)
        if clusters and top <= clusters[-1][1]:
            old_top, old_bottom, grouped = clusters[-1]
            clusters[-1] = (old_top, max(old_bottom, bottom), [*grouped, event])
        else:
            clusters.append((top, bottom, [event]))
    return clusters


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
