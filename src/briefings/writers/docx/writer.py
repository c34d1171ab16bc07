"""The block writer: model blocks to python-docx paragraphs and tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy
from itertools import chain
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.table import _Row
from docx.text.paragraph import Paragraph as DocxParagraph

from briefings import model
from briefings.theme import Theme
from briefings.writers.docx import elements
from briefings.writers.docx.ooxml import (
    _add_field,
    _bookmark_name,
    _border,
    _clip,
    _field_begin,
    _field_end,
    _repeat_header,
    _rgb,
    _set_column_widths,
    _shade,
    _split_fields,
    column_widths,
)
from briefings.writers.docx.parallel import _ParallelRows
from briefings.writers.docx.spool import BodySpool
from briefings.writers.docx.styles import _STYLE_NAMES, _PageAndStyles


class _DocxWriter(_ParallelRows, _PageAndStyles):
    def __init__(
        self,
        docx: DocxDocument,
        document: model.Document,
        theme: Theme,
        style_ids: dict[str, str | None] | None = None,
    ) -> None:
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
        """The two-column table of the bilingual rows being written, if any."""
        self._side_by_side: tuple[DocxTable, tuple[object, ...]] | None = None
        """The table of a bilingual table's rows being written, and its shape."""
        self._style_ids = {} if style_ids is None else style_ids
        """Style name -> id; shared by documents made from the same styled base."""
        self.spool: BodySpool | None = None
        """Where finished blocks go (see ``flush``); None: they stay in the tree."""

    # -- setup: properties, header and footer -----------------------------------------
    def setup(self, *, keep_user_styles: bool, prepared: bool = False) -> None:
        if not prepared:
            self.prepare(keep_user_styles=keep_user_styles)
        self.properties()
        self.furniture()

    def paragraph(self, style: str) -> DocxParagraph:
        """A new paragraph, in the body or the current bilingual cell, in the style
        named ``style``."""
        return elements.add_paragraph(self.target, self.style_id(style))

    def set_style(self, paragraph: DocxParagraph, name: str) -> None:
        """``paragraph.style = name``, without python-docx's search of every style."""
        elements.set_style(paragraph._p, self.style_id(name))

    def style_id(self, name: str) -> str | None:
        """The id of the paragraph style ``name``, looked up once; None for the
        default style, which is set by leaving the style out."""
        if not self._style_ids:
            default = self.docx.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            self._style_ids[default.name] = None
        if name not in self._style_ids:
            self._style_ids[name] = self.docx.styles[name].style_id
        return self._style_ids[name]

    def add_table(self, rows: int, cols: int, *, grid: bool = True) -> DocxTable:
        """A new table in the body or the current bilingual cell, in the "Table Grid"
        style unless ``grid`` is False. Two tables that touch are one table to Word and
        LibreOffice (and a header row is then no longer the first row): a table that
        would follow another directly gets a tiny paragraph between them."""
        if elements.ends_with_table(self.target):
            self.spacer(tiny=True)
        table: DocxTable = self.target.add_table(rows=rows, cols=cols)
        table.autofit = False
        if grid:
            table._tbl.tblPr.style = self.style_id("Table Grid")
        return table

    def properties(self) -> None:
        meta, props = self.meta, self.docx.core_properties
        created = meta.created_at
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

    def prepare(self, *, keep_user_styles: bool) -> None:
        super().prepare(keep_user_styles=keep_user_styles)
        self.furniture_lines()

    def furniture_lines(self) -> None:
        """The header and footer lines, empty: their styles (the furniture size, one
        right tab at the margin), the same for every document of a theme."""
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
        for line, name in (
            (section.header.paragraphs[0], "Header"),
            (section.footer.paragraphs[0], "Footer"),
        ):
            self.set_style(line, name)
            line.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)

    def furniture(self) -> None:
        """Running header with the marking on the right; footer with "Page X of Y" as
        PAGE and NUMPAGES fields, which Word and LibreOffice fill in."""
        section = self.docx.sections[0]
        header = section.header.paragraphs[0]
        self._furniture_run(header, self.meta.header)
        header.add_run("\t")
        marking = self._furniture_run(header, self.meta.marking)
        marking.bold = True
        marking.font.color.rgb = RGBColor.from_string(
            self.theme.look("marking").color.lstrip("#").upper()
        )
        footer = section.footer.paragraphs[0]
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

    def flush(self, *growing: DocxTable) -> None:
        """Hand the spool what is finished in the body: the blocks before the last,
        and the rows before the last of the tables still growing: ``growing`` and
        those the next blocks may add rows to (bilingual rows). Nothing while
        writing inside a table cell."""
        if self.spool is None or self.target is not self.docx:
            return
        side_by_side = self._side_by_side[0] if self._side_by_side else None
        tables = [self._parallel, side_by_side, *growing]
        self.spool.flush(table._tbl for table in tables if table is not None)

    # -- blocks ------------------------------------------------------------------------
    def block(self, block: model.Block) -> None:
        if not isinstance(block, model.Parallel):
            self._parallel = self._side_by_side = None
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
        table = self.add_table(last - first + 1, len(days) + 1)
        # Table.cell() lists every cell of the table on each call: list them once.
        cells = table._cells

        def cell_at(row: int, col: int) -> Any:
            return cells[row * (len(days) + 1) + col]

        width = self.layout_width()
        gutter = int(Mm(13))
        column = (width - gutter) // schedule.width_in_days
        for index, day in enumerate(days, start=1):
            cell = cell_at(0, index)
            self.cell(cell, model.Cell((model.Paragraph(day.title),)), "header-cell")
            _shade(cell, self.theme.header_fill)
        _repeat_header(table, 0)
        for hour in range(first, last):
            self.cell(
                cell_at(hour - first + 1, 0),
                model.Cell((model.Paragraph((model.Span(f"{hour:02d}:00"),)),)),
                "note",
            )
        for index, day in enumerate(days, start=1):
            for top, bottom, events in _hour_clusters(day.events, first, last):
                cell = cell_at(top, index)
                if bottom > top:  # what cell.merge() makes, without its search of the grid
                    for row in range(top, bottom + 1):
                        cell_at(row, index)._tc.vMerge = "restart" if row == top else "continue"
                paragraphs = []
                for event in events:
                    time = model.Span(f"{_hm(event.start)}–{_hm(event.end)}", bold=True)
                    paragraphs.append(model.Paragraph((time, model.LineBreak(), *event.label)))
                self.cell(cell, model.Cell(tuple(paragraphs)), "cell")
                _shade(cell, self.theme.stripe_fill)
        _set_column_widths(table, [gutter] + [column] * len(days))
        # Each cell's width, skipping the cells that continue a merge (row.cells, which
        # searches upwards for them, would hand back the merged cell, set in its row).
        for position, cell in enumerate(cells):
            if cell._tc.vMerge != "continue":
                cell.width = Emu(gutter if position % (len(days) + 1) == 0 else column)
        self.paragraph("Briefing Note")

    def inlines(self, paragraph: DocxParagraph, content: tuple[model.Inline, ...]) -> None:
        p = paragraph._p
        for inline in content:
            if isinstance(inline, model.LineBreak):
                elements.add_line_break(p)
            else:
                elements.add_run(p, inline.text, bold=inline.bold, italic=inline.italic)

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
        rows = chain([table.header] if table.header else [], table.rows)  # rows may be long
        docx_table = self.add_table(1, len(table.widths))
        width = self.layout_width()
        # The grid first: it is spooled with the first rows.
        _set_column_widths(docx_table, column_widths(table, width))
        empty_row = deepcopy(docx_table._tbl.tr_lst[0])
        # Row by row (Table.cell(r, c) walks the whole table each time: quadratic),
        # each row made as it is filled, and spooled once the next one starts.
        for row_index, row in enumerate(rows):
            if row_index:
                docx_table._tbl.append(deepcopy(empty_row))
            docx_row = _Row(docx_table._tbl[-1], docx_table)  # the new last row
            is_header = bool(table.header) and row_index == 0
            self.table_row(docx_row.cells, row, table, width, is_header=is_header)
            if is_header:
                _repeat_header(docx_table, row_index)
            self.flush(docx_table)
        # Inside a bilingual row: the paragraph a cell must end with, kept tiny.
        self.spacer(tiny=self.target is not self.docx)

    def spacer(self, *, tiny: bool) -> None:
        """The paragraph after a table (see ``add_table``)."""
        after = self.paragraph("Briefing Note")
        if tiny:
            after.paragraph_format.space_after = Pt(0)
            after.paragraph_format.line_spacing = Pt(2)

    def table_row(
        self,
        docx_cells: Sequence[Any],
        row: tuple[model.Cell, ...],
        table: model.Table,
        width: int,
        *,
        is_header: bool,
    ) -> None:
        """One row of ``table``, laid out in ``width`` (EMU), into ``docx_cells``."""
        for col_index, (cell, docx_cell, cell_width) in enumerate(
            zip(row, docx_cells, column_widths(table, width), strict=True)
        ):
            docx_cell.width = cell_width
            look = (
                "header-cell"
                if is_header
                else ("label-cell" if table.style == "fields" and col_index == 0 else "cell")
            )
            self.cell(docx_cell, cell, look)
            if is_header:
                _shade(docx_cell, self.theme.header_fill)

    def cell(self, docx_cell: Any, cell: model.Cell, look: str) -> None:
        style_id = self.style_id(_STYLE_NAMES[look])
        first = True
        for block in cell.blocks:
            items = [block.content] if isinstance(block, model.Paragraph) else list(block.items)
            for content in items:
                if first:  # a new cell holds one empty paragraph: the first goes there
                    paragraph = DocxParagraph(docx_cell._tc.find(qn("w:p")), docx_cell)
                    elements.set_style(paragraph._p, style_id)
                    first = False
                else:
                    paragraph = elements.add_paragraph(docx_cell, style_id)
                if isinstance(block, model.BulletList):
                    elements.add_run(paragraph._p, "• ")
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
            self.flush()


def _headings(blocks: Iterable[model.Block]) -> list[tuple[int, str]]:
    """Every heading's level and text; a bilingual row gives "English / 中文"."""
    out: list[tuple[int, str]] = []
    for block in blocks:
        if isinstance(block, model.Heading):
            out.append((block.level, model.plain_text(block.content)))
        elif isinstance(block, model.Parallel):
            left, right = _headings(block.left), _headings(block.right)
            for (level, text), (_, other) in zip(left, right, strict=False):
                out.append((level, f"{text} / {other}"))
    return out


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
