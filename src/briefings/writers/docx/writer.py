"""The DOCX writer: one method per kind of model block, python-docx underneath.

Chinese gets its font the way Word expects: the East Asian slot of ``w:rFonts`` and
``w:lang w:eastAsia="zh-CN"`` are set on the styles, not run by run, so text typed
later in Word keeps the right font.

In a bilingual edition consecutive rows form one borderless two-column table. A table,
which the bilingual model splits row by row so that each row faces its translation,
is written instead as one table holding both languages' columns side by side: Word
keeps each row's two halves level, and the table reads as one.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from copy import deepcopy
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import count, pairwise
from pathlib import Path
from typing import Any

from docx import Document as open_docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row, CT_Tbl, CT_Tc
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.parfmt import CT_PPr
from docx.oxml.text.run import CT_R
from docx.shared import Emu, Inches, Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from briefings import model
from briefings.theme import Theme
from briefings.writers.docx import elements, ooxml, styles
from briefings.writers.docx.package import Package
from briefings.writers.docx.pages import (
    CHART_GUTTER_MM,
    CHART_INSET,
    CHART_PADDING,
    PageEstimate,
    contents,
    hm,
    hour_clusters,
)
from briefings.writers.docx.styles import CHART_STYLES, STYLE_NAMES

Shape = tuple[object, ...]
"""What makes two one-row bilingual tables rows of the same table."""


@dataclass(frozen=True)
class Layout:
    """Where and how a block is written: the document, the element its blocks go in
    (the body or a cell of a bilingual row), the width they are laid out in (EMU),
    the language, and whether it is the translation (the second column of a
    bilingual row)."""

    docx: DocxDocument
    document: model.Document
    container: Any
    width: int
    lang: str
    translation: bool
    bookmarks: dict[int, str]
    """The bookmark of each heading that has one (by the heading's ``id``)."""
    bookmark_ids: Iterator[int]
    pages: dict[int, int]
    """The estimated page of each heading (by ``id``), for the contents."""
    chart_breaks: frozenset[int] = frozenset()
    """The headings (by ``id``, or their bilingual rows') above a schedule chart that
    start a new page: a chart is kept whole, and its heading with it."""

    @property
    def in_cell(self) -> bool:
        return isinstance(self.container, CT_Tc)


class DocxWriter:
    """Writes documents as editable DOCX files in the styles of ``theme``, or, given
        ``reference_docx`` (a user's .docx), in its styles and page setup where it has
        them. The document they are written into is set up once per writer and kept open
    (see ``package``)."""

    def __init__(self, theme: Theme, reference_docx: Path | None = None) -> None:
        self.theme = theme
        self.reference_docx = reference_docx
        self.style_ids: dict[str, str | None] = {}
        """Style name -> id, looked up once: the same in every document."""
        self.run_looks: dict[tuple[float | None, str | None, bool], CT_RPr] = {}
        """Run properties by size, colour and weight (see ``run_properties``)."""
        self.paragraph_looks: dict[tuple[str, Hashable], CT_PPr] = {}
        """Paragraph properties by style and look (see ``paragraph_like``)."""
        self.empty_tables: dict[tuple[int, int, int, bool, bool, bool], CT_Tbl] = {}
        """New tables by rows, columns, width and look (``add_table``'s arguments),
        made once by python-docx for each new table of that kind to copy."""
        self.bilingual_rows: dict[int, CT_Row] = {}
        """The empty row of a bilingual table, by the table's width (see
        ``bilingual_row``)."""
        self.furniture_lines: dict[tuple[str, ...], tuple[CT_P, CT_P]] = {}
        """The header and footer lines written for each set of their texts, for the
        documents with the same texts to copy (see ``furniture``)."""

    @cached_property
    def package(self) -> Package:
        """The document every document is written into, kept open: the theme's styled
        empty document (the same for every document, and costlier to set up than a
        short briefing is to write), or the user's reference document with the
        theme's styles where it has none."""
        if self.reference_docx is None:
            docx = open_docx()
            ooxml.slim_template(docx)
            styles.prepare(docx, self.theme, keep_user_styles=False)
        else:
            docx = open_docx(str(self.reference_docx))
            styles.prepare(docx, self.theme, keep_user_styles=True)
        return Package(docx)

    def prepare(self) -> None:
        """Make what every document starts from; a build calls this before forking
        its workers, so that they share it."""
        self.package  # noqa: B018  # computed once, kept on the instance

    def write(self, document: model.Document) -> bytes:
        """``document`` as DOCX bytes."""
        # Its blocks are looked at more than once (the contents list the headings).
        document = replace(document, blocks=tuple(document.blocks))
        docx = self.package.fresh()
        self.properties(docx, document)
        self.furniture(document.meta)
        estimate = self.estimate(document.blocks)
        body = Layout(
            docx=docx,
            document=document,
            container=docx.element.body,
            width=styles.text_width(self.theme),
            lang=document.meta.lang,
            translation=False,
            bookmarks=_bookmarks(document.blocks),
            bookmark_ids=count(1),
            pages=estimate.pages if estimate else {},
            chart_breaks=self.chart_breaks(document.blocks, estimate),
        )
        self.blocks(document.blocks, body)
        return self.package.save(document.meta.created_at)

    def estimate(self, blocks: tuple[model.Block, ...]) -> PageEstimate | None:
        """Where the pages of ``blocks`` are estimated to fall, if the contents or a
        schedule chart need to know (None otherwise)."""
        needed = (model.TableOfContents, model.Schedule)
        if not any(isinstance(block, needed) for block in _all_blocks(blocks)):
            return None
        estimate = PageEstimate(self.theme)
        estimate.run(blocks)
        return estimate

    def chart_breaks(
        self, blocks: tuple[model.Block, ...], estimate: PageEstimate | None
    ) -> frozenset[int]:
        """The headings above a schedule chart that do not fit, with the chart, on
        the page they would fall on (estimated): LibreOffice keeps a bilingual row,
        a table, with the table after it only when told so by a page break."""
        pairs = list(pairwise(blocks))
        if estimate is None or not any(isinstance(after, model.Schedule) for _, after in pairs):
            return frozenset()
        return frozenset(
            id(block)
            for block, after in pairs
            if isinstance(after, model.Schedule) and id(block) in estimate.moved_on
        )

    # -- document properties, header and footer ----------------------------------------
    def properties(self, docx: DocxDocument, document: model.Document) -> None:
        meta = document.meta
        props, created = docx.core_properties, meta.created_at.replace(tzinfo=None)
        # Core properties hold at most 255 characters (python-docx raises beyond that).
        props.title = ooxml.clip(meta.title)
        props.subject = ooxml.clip(meta.subject)
        props.author = ooxml.clip(meta.author)
        props.last_modified_by = ooxml.clip(meta.author)
        props.created = props.modified = created
        props.revision = 1
        props.comments = ""
        props.keywords = "briefing"
        ooxml.set_languages(docx, _languages(document))

    def furniture(self, meta: model.Metadata) -> None:
        """Running header with the marking on the right; footer with "Page X of Y" as
        PAGE and NUMPAGES fields, which Word and LibreOffice fill in."""
        header, footer = (part.p_lst[0] for part in self.furniture_parts)
        texts = (meta.header, meta.marking, meta.footer_note, meta.page_label)
        if texts in self.furniture_lines:
            for line, made in zip((header, footer), self.furniture_lines[texts], strict=True):
                line.getparent().replace(line, deepcopy(made))
            return
        look = self.theme.look("furniture")
        small = self.run_properties(size=look.size, color=look.color)
        elements.add_styled_run(header, meta.header, small)
        elements.add_run(header, "\t")
        marking = self.run_properties(
            size=look.size, color=self.theme.look("marking").color, bold=True
        )
        elements.add_styled_run(header, meta.marking, marking)
        elements.add_styled_run(footer, meta.footer_note, small)
        elements.add_run(footer, "\t")
        for piece in ooxml.split_fields(meta.page_label):
            if piece in ("{page}", "{pages}"):
                field = "PAGE" if piece == "{page}" else "NUMPAGES"
                ooxml.add_field(footer, field, small)
            elif piece:
                elements.add_styled_run(footer, piece, small)
        self.furniture_lines[texts] = (deepcopy(header), deepcopy(footer))

    @cached_property
    def furniture_parts(self) -> tuple[Any, Any]:
        """The root elements of the header and footer parts, whose lines ``furniture``
        writes (the package keeps them, and puts back their children)."""
        section = self.package.docx.sections[0]
        return section.header.part.element, section.footer.part.element

    def run_properties(
        self, *, size: float | None = None, color: str | None = None, bold: bool = False
    ) -> CT_RPr:
        """The ``w:rPr`` of runs in ``size`` (points), ``color`` and ``bold``, made by
        python-docx once per look and copied into each run of that look."""
        key = (size, color, bold)
        if key not in self.run_looks:
            element: CT_R = OxmlElement("w:r")
            run = Run(element, None)  # type: ignore[arg-type]  # needs no part
            if size is not None:
                run.font.size = Pt(size)
            if color is not None:
                run.font.color.rgb = ooxml.rgb(color)
            if bold:
                run.bold = True
            self.run_looks[key] = element.get_or_add_rPr()
        return self.run_looks[key]

    # -- paragraphs and tables ---------------------------------------------------------
    def style_id(self, docx: DocxDocument, name: str) -> str | None:
        """The id of the paragraph style ``name``; None for the default style, which is
        set by leaving the style out."""
        if not self.style_ids:
            self.style_ids[docx.styles.default(WD_STYLE_TYPE.PARAGRAPH).name] = None
        if name not in self.style_ids:
            self.style_ids[name] = docx.styles[name].style_id
        return self.style_ids[name]

    def paragraph(self, style: str, env: Layout) -> CT_P:
        """A new paragraph at the end of ``env``'s container, in the style ``style``."""
        return elements.add_paragraph(env.container, self.style_id(env.docx, style))

    def add_table(
        self,
        rows: int,
        cols: int,
        env: Layout,
        *,
        header: bool,
        banded: bool | None = None,
        styled: bool = True,
    ) -> CT_Tbl:
        """A new table at the end of ``env``'s container, in the table style (unless
        ``styled`` is False), with a ``header`` row or without, striped if ``banded``
        (by default: if it has a header, as in the PDF). Two tables that touch
        are one table to Word and LibreOffice (and a header row is then no longer the
        first row): a table that would follow another directly gets a tiny paragraph
        between them."""
        if elements.ends_with_table(env.container):
            # Kept with the table, as a heading row in the table above may be.
            elements.keep_with_next(self.spacer(env, tiny=True))
        # Columns of equal width to start with, as python-docx makes them.
        theme = self.theme
        if env.in_cell:
            width = env.container.width or Inches(1)
        else:
            width = Emu(
                Mm(theme.page_width_mm) - Mm(theme.margin_left_mm) - Mm(theme.margin_right_mm)
            )
        banded = header if banded is None else banded
        key = (rows, cols, int(width), styled, header, banded)
        if key not in self.empty_tables:
            made = ooxml.new_table(rows, cols, width)
            if styled:
                made.tblPr.style = self.style_id(env.docx, styles.TABLE_STYLE)
                ooxml.set_look(made, header=header, banded=banded)
            self.empty_tables[key] = made
        table: CT_Tbl = deepcopy(self.empty_tables[key])
        ooxml.place_table(env.container, table)
        return table

    def spacer(self, env: Layout, *, tiny: bool) -> CT_P:
        """The paragraph after a table (see ``add_table``)."""
        if not tiny:
            return self.paragraph("Briefing Note", env)

        def tiny_look(line: CT_P) -> None:
            line_format = Paragraph(line, env.docx).paragraph_format
            line_format.space_after = Pt(0)
            line_format.line_spacing = Pt(2)

        return self.paragraph_like("Briefing Note", ("tiny",), tiny_look, env)

    def paragraph_like(
        self, style: str, look: Hashable, make: Callable[[CT_P], None], env: Layout
    ) -> CT_P:
        """A new paragraph at the end of ``env``'s container in the style ``style``, with
        the properties that ``make`` gives such a paragraph: made once per ``look`` by
        python-docx and kept, for each paragraph of that look to copy."""
        paragraph = self.paragraph(style, env)
        key = (style, look)
        if key not in self.paragraph_looks:
            sample = deepcopy(paragraph)
            make(sample)
            self.paragraph_looks[key] = sample.get_or_add_pPr()
        paragraph.replace(paragraph.get_or_add_pPr(), deepcopy(self.paragraph_looks[key]))
        return paragraph

    def inlines(self, paragraph: CT_P, content: tuple[model.Inline, ...]) -> None:
        """The runs of ``content`` at the end of ``paragraph``; runs that link to a
        heading go inside a hyperlink to its bookmark, one for consecutive runs."""
        link: Any = None  # the hyperlink the last run went into
        for inline in content:
            if isinstance(inline, model.LineBreak):
                elements.add_line_break(paragraph)
                link = None
                continue
            if not inline.link:
                link = None
            elif link is None or link.get(qn("w:anchor")) != ooxml.bookmark_name(inline.link):
                link = ooxml.add_hyperlink(paragraph, ooxml.bookmark_name(inline.link))
            parent = paragraph if link is None else link
            elements.add_run(parent, inline.text, bold=inline.bold, italic=inline.italic)

    # -- blocks ------------------------------------------------------------------------
    def blocks(self, blocks: Iterable[model.Block], env: Layout) -> None:
        """``blocks`` in order; runs of bilingual rows share their tables."""
        bilingual: CT_Tbl | None = None  # the two-column table of the rows so far
        # A bilingual table's table, the empty row its rows copy, and its shape.
        side_by_side: tuple[CT_Tbl, CT_Row, Shape] | None = None
        for block in blocks:
            if id(block) in env.chart_breaks:
                self.block(model.PageBreak(), env)
            if not isinstance(block, model.Parallel):
                bilingual = side_by_side = None
                self.block(block, env)
                continue
            pair = block.table_row_pair()
            if pair is None:
                side_by_side = None
                bilingual = self.parallel_blocks(
                    block.left, block.right, block.langs, bilingual, env
                )
                continue
            (lead_left, left), (lead_right, right) = pair
            if lead_left or lead_right:  # the heading that rides with the table's first row
                side_by_side = None
                bilingual = self.parallel_blocks(lead_left, lead_right, block.langs, bilingual, env)
            shape = (left.widths, right.widths, left.style, right.style)
            if side_by_side is None or side_by_side[2] != shape:
                bilingual = None  # the bilingual rows after this table start their own
                side_by_side = (*self.side_by_side_table(left, right, env), shape)
            self.side_by_side_row(*side_by_side[:2], left, right, block.langs, env)

    def block(self, block: model.Block, env: Layout) -> None:
        match block:
            case model.Heading(level=level, content=content):
                # A translation's heading is not a second entry of the contents.
                style = "Translated Heading" if env.translation else "Heading"
                paragraph = self.paragraph(f"{style} {min(level, 3)}", env)
                self.inlines(paragraph, content)
                if id(block) in env.bookmarks:
                    ooxml.bookmark(paragraph, env.bookmarks[id(block)], next(env.bookmark_ids))
            case model.Paragraph(content=content, style=style):
                self.inlines(self.paragraph(STYLE_NAMES.get(style, "Normal"), env), content)
            case model.BulletList(items=items):
                for item in items:
                    self.inlines(self.paragraph("List Bullet", env), item)
            case model.Table():
                self.table(block, env)
            case model.PageBreak():
                page_break = Paragraph(elements.new_paragraph(env.container), env.docx)
                page_break.add_run().add_break(WD_BREAK.PAGE)
            case model.TableOfContents(title=title):
                self.table_ofcontents(title, env)
            case model.Cover():
                self.cover(block, env)
            case model.Schedule():
                self.schedule(block, env)
            case model.Parallel():
                self.blocks((block,), env)

    def cover(self, cover: model.Cover, env: Layout) -> None:
        """Document type and marking on one line under an accent rule, the title, then
        label/value lines closed by a thin rule: compact, the body follows on page 1."""
        theme = self.theme

        def band_look(band: CT_P) -> None:
            ooxml.border(band, "top", theme.accent, 18, 6)
            band_format = Paragraph(band, env.docx).paragraph_format
            band_format.tab_stops.add_tab_stop(env.width, WD_TAB_ALIGNMENT.RIGHT)

        def line_look(line: CT_P) -> None:
            line_format = Paragraph(line, env.docx).paragraph_format
            line_format.tab_stops.add_tab_stop(Mm(38))
            line_format.left_indent = Mm(38)  # later lines under the value
            line_format.first_line_indent = -Mm(38)
            line_format.space_after = Pt(2)

        band = self.paragraph_like(STYLE_NAMES["kicker"], ("band", env.width), band_look, env)
        self.inlines(band, cover.kind)
        elements.add_run(band, "\t")
        marking = self.run_properties(color=theme.look("marking").color)
        for inline in cover.marking:
            if isinstance(inline, model.Span):
                elements.add_styled_run(band, inline.text, marking)
        self.inlines(self.paragraph("Title", env), cover.title)
        line = None
        label_look = self.run_properties(color=theme.look("label-cell").color, bold=True)
        for label, value in cover.details:
            line = self.paragraph_like(STYLE_NAMES["cell"], ("cover line",), line_look, env)
            for inline in label:
                if isinstance(inline, model.Span):
                    elements.add_styled_run(line, inline.text, label_look)
            elements.add_run(line, "\t")
            self.inlines(line, value)
        if line is not None:
            ooxml.border(line, "bottom", theme.rule, 6, 8)
            Paragraph(line, env.docx).paragraph_format.space_after = Pt(14)

    def schedule(self, schedule: model.Schedule, env: Layout) -> None:
        """The chart as a faithful table: a column per day, a row per hour, each meeting
        in the cells of the hours it spans (merged), shaded; in small type, with hour
        rows as tall as their meetings need and otherwise even, together no taller
        than a page holds (see ``PageEstimate.chart_rows``)."""
        first, last = schedule.hours()
        days = schedule.days
        table = self.add_table(last - first + 1, len(days) + 1, env, header=True, banded=False)
        ooxml.set_cell_margins(table, CHART_PADDING, CHART_INSET)
        cells = [cell for row in table.tr_lst for cell in row.tc_lst]
        small = self.style_id(env.docx, CHART_STYLES["note"])
        for cell in cells:  # an empty hour is no taller than its label
            elements.set_style(cell.p_lst[0], small)

        def cell_at(row: int, col: int) -> CT_Tc:
            return cells[row * (len(days) + 1) + col]

        gutter = int(Mm(CHART_GUTTER_MM))
        column = (env.width - gutter) // schedule.width_in_days
        for index, day in enumerate(days, start=1):
            cell = cell_at(0, index)
            self.cell(
                cell, model.Cell((model.Paragraph(day.title),)), CHART_STYLES["header-cell"], env
            )
        ooxml.repeat_header(table, 0)
        _, heights = PageEstimate(self.theme).chart_rows(schedule, Emu(env.width).pt)
        for hour, height in zip(range(first, last), heights, strict=True):
            hour_label = model.Paragraph((model.Span(f"{hour:02d}:00"),))
            self.cell(
                cell_at(hour - first + 1, 0), model.Cell((hour_label,)), CHART_STYLES["note"], env
            )
            ooxml.set_row_height(table.tr_lst[hour - first + 1], height)
        for index, day in enumerate(days, start=1):
            for top, bottom, events in hour_clusters(day.events, first, last):
                cell = cell_at(top, index)
                if bottom > top:  # the merge of the cells of the hours it spans
                    for row in range(top, bottom + 1):
                        cell_at(row, index).vMerge = "restart" if row == top else "continue"
                paragraphs = []
                for event in events:
                    time = model.Span(f"{hm(event.start)}–{hm(event.end)}", bold=True)
                    paragraphs.append(model.Paragraph((time, model.LineBreak(), *event.label)))
                self.cell(cell, model.Cell(tuple(paragraphs)), CHART_STYLES["cell"], env)
                ooxml.shade(cell, self.theme.stripe_fill)
        ooxml.set_column_widths(table, [gutter] + [column] * len(days))
        for position, cell in enumerate(cells):  # the cells a merge continues keep theirs
            if cell.vMerge != "continue":
                ooxml.set_cell_width(cell, gutter if position % (len(days) + 1) == 0 else column)
        # On one page: no row splits, and each row keeps with the next.
        for row in table.tr_lst:
            ooxml.keep_row_together(row)
        for row in table.tr_lst[:-1]:
            for paragraph in row.iter(qn("w:p")):
                elements.keep_with_next(paragraph)
        self.paragraph("Briefing Note", env)

    def table(self, table: model.Table, env: Layout) -> None:
        docx_table = self.add_table(1, len(table.widths), env, header=bool(table.header))
        ooxml.set_column_widths(docx_table, ooxml.column_widths(table, env.width))
        first_row = docx_table.tr_lst[0]
        ooxml.keep_row_together(first_row)
        self.set_widths(first_row.tc_lst, table, env.width)
        empty_row = deepcopy(first_row)  # copied: quicker than add_row
        rows = [table.header] if table.header else []
        for row_index, row in enumerate([*rows, *table.rows]):
            if row_index:
                docx_table.append(new_row := deepcopy(empty_row))
            cells = (new_row if row_index else first_row).tc_lst
            is_header = bool(table.header) and row_index == 0
            self.table_row(cells, row, table, env, is_header=is_header)
            if is_header:
                ooxml.repeat_header(docx_table, row_index)
        # Inside a bilingual row: the paragraph a cell must end with, kept tiny.
        self.spacer(env, tiny=env.in_cell)

    def set_widths(self, cells: list[CT_Tc], table: model.Table, width: int) -> None:
        """The widths of ``table``'s columns, laid out in ``width`` (EMU), on ``cells``."""
        for docx_cell, cell_width in zip(cells, ooxml.column_widths(table, width), strict=True):
            ooxml.set_cell_width(docx_cell, cell_width)

    def table_row(
        self,
        cells: list[CT_Tc],
        row: tuple[model.Cell, ...],
        table: model.Table,
        env: Layout,
        *,
        is_header: bool,
    ) -> None:
        """One row of ``table`` into ``cells``."""
        for col_index, (cell, docx_cell) in enumerate(zip(row, cells, strict=True)):
            if is_header:
                look = "header-cell"
            else:
                look = "label-cell" if table.style == "fields" and col_index == 0 else "cell"
            self.cell(docx_cell, cell, STYLE_NAMES[look], env)

    def cell(self, docx_cell: CT_Tc, cell: model.Cell, style: str, env: Layout) -> None:
        """``cell``'s blocks in ``docx_cell``, in the paragraph style ``style``."""
        style_id = self.style_id(env.docx, style)
        first = True
        for block in cell.blocks:
            items = [block.content] if isinstance(block, model.Paragraph) else list(block.items)
            for content in items:
                if first:  # a new cell holds one empty paragraph: the first goes there
                    paragraph = docx_cell.p_lst[0]
                    elements.set_style(paragraph, style_id)
                    first = False
                else:
                    paragraph = elements.add_paragraph(docx_cell, style_id)
                if isinstance(block, model.BulletList):
                    elements.add_run(paragraph, "• ")
                self.inlines(paragraph, content)

    def table_ofcontents(self, title: tuple[model.Inline, ...], env: Layout) -> None:
        """The contents, made here rather than left to a TOC field (which Word fills
        in only when asked, and LibreOffice never): each entry links to its heading,
        and its page number is a PAGEREF field, which LibreOffice computes as it lays
        out the pages, and Word when it prints or updates fields; until then Word
        shows our estimate."""
        self.inlines(self.paragraph("TOC Heading", env), title)
        for level, text, heading in contents(env.document.blocks):
            bookmark = env.bookmarks[id(heading)]
            link = ooxml.add_hyperlink(self.paragraph(f"TOC {level}", env), bookmark)
            elements.add_run(link, text + "\t")
            ooxml.field_begin(link, f"PAGEREF {bookmark} \\h")
            elements.add_run(link, str(env.pages.get(id(heading), 1)))
            ooxml.field_end(link)

    # -- bilingual rows ----------------------------------------------------------------
    def parallel_blocks(
        self,
        left: tuple[model.Block, ...],
        right: tuple[model.Block, ...],
        langs: tuple[str, str],
        table: CT_Tbl | None,
        env: Layout,
    ) -> CT_Tbl:
        """Blocks side by side, in a new row of ``table``, the borderless two-column
        table of the rows before (a new one if None); returns the table."""
        if table is None:
            table = self.add_table(0, 2, env, header=False, styled=False)
            ooxml.set_column_widths(table, [env.width // 2] * 2)
        table.append(row := deepcopy(self.bilingual_row(env.width)))
        cells = row.tc_lst
        half = env.width // 2
        for side, (cell, blocks, lang) in enumerate(zip(cells, (left, right), langs, strict=True)):
            # Cell margins take about 2 mm on each side of the column.
            column = replace(
                env, container=cell, width=half - int(Mm(4)), lang=lang, translation=side == 1
            )
            self.blocks(blocks, column)
            ooxml.drop_leading_empty(cell)
            if column.lang.startswith("zh"):
                ooxml.mark_language(cell, column.lang)
        return table

    def bilingual_row(self, width: int) -> CT_Row:
        """The empty row of a bilingual table ``width`` wide (EMU): two cells of half
        the width, a rule between them; made once per width, for each row to copy."""
        if width not in self.bilingual_rows:
            table = ooxml.new_table(0, 2, Emu(width))
            ooxml.set_column_widths(table, [width // 2] * 2)
            cells = ooxml.add_row(table, cant_split=False)  # a long section flows on
            for cell in cells:
                ooxml.set_cell_width(cell, width // 2)
            ooxml.border(cells[1], "left", self.theme.rule, 4, 0)
            self.bilingual_rows[width] = table.tr_lst[0]
        return self.bilingual_rows[width]

    def side_by_side_table(
        self, left: model.Table, right: model.Table, env: Layout
    ) -> tuple[CT_Tbl, CT_Row]:
        """A table with the columns of ``left`` and of its translation ``right``, and
        the empty row that each of its rows is a copy of: its cells as wide as their
        columns, a rule between the two tables."""
        half = env.width // 2
        columns = len(left.widths) + len(right.widths)
        table = self.add_table(0, columns, env, header=bool(left.header))
        widths = ooxml.column_widths(left, half) + ooxml.column_widths(right, half)
        ooxml.set_column_widths(table, widths)
        self.spacer(env, tiny=False)
        cells = ooxml.add_row(table)
        split = len(left.widths)
        self.set_widths(cells[:split], left, half)
        self.set_widths(cells[split:], right, half)
        ooxml.border(cells[split], "left", self.theme.rule, 12, 0)
        empty_row = table.tr_lst[-1]
        table.remove(empty_row)
        return table, empty_row

    def side_by_side_row(
        self,
        table: CT_Tbl,
        empty_row: CT_Row,
        left: model.Table,
        right: model.Table,
        langs: tuple[str, str],
        env: Layout,
    ) -> None:
        """A row of a table and the same row of its translation, as one new row of
        ``table``, a copy of ``empty_row``."""
        table.append(new_row := deepcopy(empty_row))
        cells = new_row.tc_lst
        is_header = bool(left.header)
        split = len(left.widths)
        for side, docx_cells, lang in (
            (left, cells[:split], langs[0]),
            (right, cells[split:], langs[1]),
        ):
            row = side.header or side.rows[0]
            self.table_row(docx_cells, row, side, env, is_header=is_header)
            if lang.startswith("zh"):
                for cell in docx_cells:
                    ooxml.mark_language(cell, lang)
        if is_header:
            ooxml.repeat_header(table, len(table.tr_lst) - 1)


def _bookmarks(blocks: Iterable[model.Block]) -> dict[int, str]:
    """A bookmark for every heading with an anchor, and for every heading the table
    of contents links to (by the heading's ``id``)."""
    bookmarks: dict[int, str] = {}
    for block in _all_blocks(blocks):
        if isinstance(block, model.Heading) and block.anchor:
            bookmarks[id(block)] = ooxml.bookmark_name(block.anchor)
    for number, (_, _, heading) in enumerate(contents(blocks), start=1):
        bookmarks.setdefault(id(heading), f"_Toc{number}")
    return bookmarks


def _all_blocks(blocks: Iterable[model.Block]) -> Iterator[model.Block]:
    for block in blocks:
        yield block
        if isinstance(block, model.Parallel):
            yield from _all_blocks(block.left)
            yield from _all_blocks(block.right)


def _languages(document: model.Document) -> list[str]:
    """The languages of ``document`` with their region: the main one first, and a
    bilingual edition's other one (from its rows)."""
    langs = [document.meta.lang]
    langs += next((b.langs for b in document.blocks if isinstance(b, model.Parallel)), ())
    tags = [
        "zh-CN" if lang.startswith("zh") else "en-GB" if lang == "en" else lang for lang in langs
    ]
    return list(dict.fromkeys(tags))
