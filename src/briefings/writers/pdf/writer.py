"""The PDF writer: model blocks to reportlab flowables, laid out on numbered pages."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import count
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus.doctemplate import LayoutError

from briefings import model
from briefings.fonts import FontSet
from briefings.theme import TextLook, Theme
from briefings.writers.pdf import pdfua
from briefings.writers.pdf.canvas import LayoutCanvas, NumberedCanvas
from briefings.writers.pdf.flowables import SourcedTable, TextBlock, draw_line
from briefings.writers.pdf.fonts import FontNames
from briefings.writers.pdf.graphics import CoverBand, Rule, ScheduleChart, describe
from briefings.writers.pdf.linebreak import Line, Measurer, TextStyle, truncated
from briefings.writers.pdf.structure import Element
from briefings.writers.pdf.template import DocTemplate, Outline
from briefings.writers.pdf.toc import TocBlock, TocEntry


@dataclass(frozen=True)
class Layout:
    """How one document's blocks are being made: with the measurer of the language at
    hand, in the body or inside a bilingual row (``in_row``), into which structure
    element, and what the document collects on the way."""

    measurer: Measurer
    parent: Element
    """The structure element the blocks' elements go into."""
    lang: str | None = None
    """The language of the blocks, where it is not the document's."""
    document_lang: str = ""
    headings: Iterator[int] = field(default_factory=lambda: count(1))
    """Numbers for the bookmarks of headings without an anchor."""
    contents: list[Outline] = field(default_factory=list)
    """The bookmarks of the body's headings and bilingual heading rows, in order."""
    in_row: bool = False

    def add(self, tag: str, lang: str | None = None, **kwargs: Any) -> Element:
        """A new structure element for a block, after those made before it; in
        ``lang`` if given (a text shown untranslated)."""
        return self.parent.add(tag, lang=lang or self.lang, **kwargs)


COLUMN_HEADER = {"O": "Table", "Scope": "Column"}
ROW_HEADER = {"O": "Table", "Scope": "Row"}


def _style_key(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bolditalic"
    return "bold" if bold else ("italic" if italic else "regular")


class PdfWriter:
    """Writes documents as print-ready A4 PDFs with ``fonts`` and ``theme``. One writer
    serves many documents: the fonts it registers and the widths it measures are
    kept for the next."""

    def __init__(self, fonts: FontSet, theme: Theme) -> None:
        self.theme = theme
        self.font_names = FontNames()
        for style in ("regular", "bold"):  # the rest when first drawn
            for face in (fonts.latin[style], fonts.cjk[style]):
                self.font_names[face]
        self.measurer = Measurer(fonts, self.font_names)
        # A bilingual edition draws its Chinese column with the Chinese preferences
        # (full-width quotes and dashes from the CJK font), its English one without.
        self.side_measurers = {
            prefer: Measurer(replace(fonts, prefer_cjk=prefer), self.font_names)
            for prefer in (False, True)
        }
        self.frame_height = (
            theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
        ) * mm
        self.latin_name = self.font_names[fonts.latin["regular"]]

    # -- blocks -------------------------------------------------------------------------
    def runs(
        self, content: tuple[model.Inline, ...], look: TextLook
    ) -> list[tuple[str, TextStyle]]:
        runs: list[tuple[str, TextStyle]] = []
        for inline in content:
            if isinstance(inline, model.LineBreak):
                runs.append(("\n", TextStyle(look.size, "regular", look.color)))
                continue
            style = _style_key(look.bold or inline.bold, look.italic or inline.italic)
            runs.append((inline.text, TextStyle(look.size, style, look.color, inline.link)))
        return runs

    def text(
        self,
        content: tuple[model.Inline, ...],
        look_name: str,
        layout: Layout,
        tag: str = "P",
        **kwargs: Any,
    ) -> TextBlock:
        """A text block of ``content``, tagged as a new ``tag`` element."""
        look = self.theme.look(look_name)
        runs = self.runs(content, look)
        element = layout.add(tag, lang=_other_lang(content, layout))
        source = _source_of(content)
        links = _link_elements(content, element)
        return TextBlock(
            runs, look, layout.measurer, source=source, element=element, links=links, **kwargs
        )

    def flowables(self, block: model.Block, width: float, layout: Layout) -> list[Flowable]:
        match block:
            case model.Heading(level=level, content=content, anchor=anchor):
                title = model.plain_text(content)
                outline = (level - 1, title, anchor or f"h{next(layout.headings)}")
                if not layout.in_row:
                    layout.contents.append(outline)
                look, tag = f"h{min(level, 3)}", f"H{min(level, 6)}"
                height = self.frame_height
                return [self.text(content, look, layout, tag, outline=outline, frame_height=height)]
            case model.Paragraph(content=content, style=style):
                return [self.text(content, style, layout)]
            case model.BulletList(items=items):
                return self.bullets(items, "body", layout)
            case model.Table():
                return [self.table(block, width, layout)]
            case model.PageBreak():
                return [RLPageBreak()]
            case model.TableOfContents(title=title):
                heading = self.text(title, "h1", layout, "H1")
                return [TocBlock(heading, partial(self.toc_entry, layout), layout.add("TOC"))]
            case model.Cover():
                return self.cover(block, width, layout)
            case model.Schedule():
                draw = partial(self.draw_line, layout.measurer)
                figure = layout.add("Figure", alt=describe(block))
                return [ScheduleChart(block, self.theme, layout.measurer, draw, figure)]
            case model.Parallel():
                return self.parallel(block, width, layout)
        raise TypeError(f"unknown block {block!r}")

    def draw_line(
        self, measurer: Measurer, canvas: Canvas, line: Line, x: float, baseline: float
    ) -> None:
        draw_line(canvas, line, x, baseline, measurer.font_names)

    def cover(self, cover: model.Cover, width: float, layout: Layout) -> list[Flowable]:
        """The cover block: a band with the document type and marking, the title, and
        the details as a borderless two-column list; compact, not a page of its own."""
        draw = partial(self.draw_line, layout.measurer)
        elements = (layout.add("P"), layout.add("P") if cover.marking else None)
        band = CoverBand(cover.kind, cover.marking, self.theme, layout.measurer, draw, elements)
        title = self.text(cover.title, "title", layout, "H1")
        out: list[Flowable] = [band, title]
        if cover.details:
            table = layout.add("Table")
            rows = []
            for label, value in cover.details:
                row = table.add("TR")
                label_cell = replace(layout, parent=row.add("TH", attributes=ROW_HEADER))
                value_cell = replace(layout, parent=row.add("TD"))
                rows.append(
                    [
                        [self.text(label, "label-cell", label_cell)],
                        [self.text(value, "cell", value_cell)],
                    ]
                )
            commands: list[tuple[Any, ...]] = [
                ("FONTNAME", (0, 0), (-1, -1), self.latin_name),  # not Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
            out.append(
                SourcedTable(
                    rows,
                    colWidths=[width * 0.22, width * 0.78],
                    style=TableStyle(commands),
                    hAlign="LEFT",
                )
            )
        out.append(Rule(self.theme.rule))
        kept = KeepTogether(out)
        kept.source = title.source
        return [kept]

    def side_layout(self, layout: Layout, lang: str) -> Layout:
        """The layout of one language's side of a bilingual row."""
        measurer = self.side_measurers[lang.startswith("zh")]
        side_lang = None if lang == layout.document_lang else lang
        return replace(layout, measurer=measurer, in_row=True, lang=side_lang)

    def parallel(self, row: model.Parallel, width: float, layout: Layout) -> list[Flowable]:
        """One row of a bilingual edition. The rows of a table and its translation
        are one table, so that their rules and padding line up; what comes before
        them (a heading) is a row of its own, kept with them; a header row is kept
        with the next row."""
        pair = _table_pair(row)
        if pair is None:
            return [self.parallel_row(row, width, layout)]
        (left_before, left), (right_before, right) = pair
        out: list[Flowable] = []
        if left_before or right_before:
            before = model.Parallel(left_before, right_before, row.langs)
            out.append(self.parallel_row(before, width, layout))
            out[-1].keep_with_next = True
        out.append(self.table_pair(left, right, row.langs, width, layout))
        out[-1].keep_with_next = not left.rows  # a header row: never alone at a page's foot
        return out

    def table_pair(
        self,
        left: model.Table,
        right: model.Table,
        langs: tuple[str, str],
        width: float,
        layout: Layout,
    ) -> Flowable:
        """A table and its translation side by side as one table: the left one's
        columns, a gap with the rule between the languages, the right one's."""
        gap = 6 * mm
        column = (width - gap) / 2
        rows: list[list[list[Flowable]]] = []
        widths: list[float] = []
        commands: list[tuple[Any, ...]] = []
        for table, lang in ((left, langs[0]), (right, langs[1])):
            side_rows = self.table_cells(table, self.side_layout(layout, lang))
            first = len(widths)
            widths += [column * w / sum(table.widths) for w in table.widths]
            commands += self.table_style(bool(table.header), first, len(widths) - 1).getCommands()
            if not rows:
                widths += [gap / 2, gap / 2]
                rows = [[*cells, [], []] for cells in side_rows]
            else:
                rows = [a + b for a, b in zip(rows, side_rows, strict=True)]
        middle = len(left.widths)
        commands += [
            ("FONTNAME", (middle, 0), (middle + 1, -1), self.latin_name),  # not Helvetica
            ("LEFTPADDING", (middle, 0), (middle + 1, -1), 0),
            ("RIGHTPADDING", (middle, 0), (middle + 1, -1), 0),
            ("LINEBEFORE", (middle + 1, 0), (middle + 1, -1), 0.4, HexColor(self.theme.rule)),
        ]
        return SourcedTable(
            rows,
            colWidths=widths,
            style=TableStyle(commands),
            hAlign="LEFT",
            splitInRow=1,
            spaceBefore=2 if left.header else 0,
            source=_first_source(f for row in rows for cell in row for f in cell),
        )

    def parallel_row(self, row: model.Parallel, width: float, layout: Layout) -> Flowable:
        """One row of a bilingual edition: a borderless two-column table row, a thin
        rule between the languages. A heading row carries its bookmark and table of
        contents entry (both languages' titles) on the left heading only."""
        gap = 6 * mm
        column = (width - gap) / 2
        outline: tuple[int, str, str] | None = None
        cells: list[list[Flowable]] = []
        for side, (blocks, lang) in enumerate(
            ((row.left, row.langs[0]), (row.right, row.langs[1]))
        ):
            cell = self.side_layout(layout, lang)
            flowables = [f for block in blocks for f in self.flowables(block, column, cell)]
            for flowable in flowables:
                if isinstance(flowable, TextBlock) and flowable.outline:
                    if side == 0 and outline is None:
                        outline = flowable.outline
                    flowable.outline = None
            cells.append(flowables)
        headings = [
            next((b for b in side if isinstance(b, model.Heading)), None)
            for side in (row.left, row.right)
        ]
        if outline and all(headings):
            titles = [model.plain_text(h.content) for h in headings if h]
            outline = (outline[0], " / ".join(titles), outline[2])
            first = cells[0][0]
            if isinstance(first, TextBlock):
                first.outline = outline
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.latin_name),  # not Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), gap / 2),
            ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LINEBEFORE", (1, 0), (1, -1), 0.4, HexColor(self.theme.rule)),
        ]
        table = SourcedTable(
            [cells],
            colWidths=[column + gap / 2] * 2,
            style=TableStyle(commands),
            hAlign="LEFT",
            # A row splits across pages in every edition (a long paragraph); a heading
            # row only where its heading and a few lines under it fit.
            splitInRow=self.heading_room(cells) if outline else 1,
            source=_first_source(f for side in cells for f in side),
        )
        table.outline = outline
        # A cell drops its first block's space before: the row keeps it (a heading's).
        table.spaceBefore = max((side[0].getSpaceBefore() for side in cells if side), default=0)
        if outline and not layout.in_row:
            layout.contents.append(outline)
        return table

    def heading_room(self, cells: list[list[Flowable]]) -> int:
        """The least height (points) a heading row may keep at the foot of a page when
        it splits: its taller heading and three lines of what follows."""
        body = self.theme.look("body")
        heading = max(
            (
                f.look.size * f.look.leading * 2 + f.look.space_after
                for side in cells
                for f in side[:1]
                if isinstance(f, TextBlock)
            ),
            default=0.0,
        )
        return int(heading + 3 * body.size * body.leading) + 1

    def bullets(
        self, items: tuple[tuple[model.Inline, ...], ...], look_name: str, layout: Layout
    ) -> list[Flowable]:
        look = self.theme.look(look_name)
        item_look = replace(look, space_after=look.space_after / 2)
        bullets: list[Flowable] = []
        element = layout.add("L", attributes={"O": "List", "ListNumbering": "Disc"})
        for item in items:
            entry = element.add("LI")
            label, body = entry.add("Lbl"), entry.add("LBody")
            bullets.append(
                TextBlock(
                    self.runs(item, item_look),
                    item_look,
                    layout.measurer,
                    bullet="•",
                    indent=look.size * 1.4,
                    source=_source_of(item),
                    element=body,
                    bullet_element=label,
                )
            )
        return bullets

    def toc_entry(
        self, layout: Layout, level: int, text: str, page: int, key: str, link: Element | None
    ) -> Flowable:
        look_name = "body" if level == 0 else "note"
        look = self.theme.look(look_name)
        entry_look = replace(look, space_after=2, bold=level == 0)
        title = TextBlock(
            self.runs((model.Span(text),), entry_look),
            entry_look,
            layout.measurer,
            indent=level * 5 * mm,
            element=link,
        )
        number = TextBlock(
            self.runs((model.Span(str(page)),), entry_look), entry_look, layout.measurer
        )
        return TocEntry(title, str(page), number, key)

    def cell(
        self,
        cell: model.Cell,
        look_name: str,
        layout: Layout,
        parent: Element,
        tag: str,
        attributes: dict[str, str] | None = None,
    ) -> list[Flowable]:
        """The blocks of a table cell, tagged inside a new ``tag`` element of row
        ``parent``."""
        element = parent.add(tag, attributes=attributes or {})
        layout = replace(layout, parent=element)
        out: list[Flowable] = []
        for block in cell.blocks:
            if isinstance(block, model.Paragraph):
                out.append(self.text(block.content, look_name, layout))
            else:
                out += self.bullets(block.items, look_name, layout)
        return out

    def table(self, table: model.Table, width: float, layout: Layout) -> Flowable:
        total = sum(table.widths)
        header = bool(table.header)
        rows = self.table_cells(table, layout)
        return SourcedTable(
            rows,
            colWidths=[width * w / total for w in table.widths],
            repeatRows=1 if header else 0,
            style=self.table_style(header),
            hAlign="LEFT",
            splitInRow=1,
            spaceBefore=2,
            spaceAfter=10,
            source=_first_source(f for row in rows[header:] for cell in row for f in cell),
        )

    def table_cells(self, table: model.Table, layout: Layout) -> list[list[list[Flowable]]]:
        """The flowables of each cell of ``table``, row by row, tagged as a new
        ``Table`` element."""
        header = bool(table.header)
        element = layout.add("Table")
        rows = []
        if header:
            tr = element.add("TR")
            rows.append(
                [self.cell(c, "header-cell", layout, tr, "TH", COLUMN_HEADER) for c in table.header]
            )
        for row in table.rows:
            tr = element.add("TR")
            cells = []
            for i, cell in enumerate(row):
                if table.style == "fields" and i == 0:  # a label: the row's header
                    cells.append(self.cell(cell, "label-cell", layout, tr, "TH", ROW_HEADER))
                else:
                    cells.append(self.cell(cell, "cell", layout, tr, "TD"))
            rows.append(cells)
        return rows

    def table_style(self, header: bool, first: int = 0, last: int = -1) -> TableStyle:
        """The look of a data table, in its columns ``first`` to ``last``."""
        theme = self.theme
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (first, 0), (last, -1), self.latin_name),  # not Helvetica
            ("VALIGN", (first, 0), (last, -1), "TOP"),
            ("LEFTPADDING", (first, 0), (last, -1), 5),
            ("RIGHTPADDING", (first, 0), (last, -1), 5),
            ("TOPPADDING", (first, 0), (last, -1), 4),
            ("BOTTOMPADDING", (first, 0), (last, -1), 5),
            ("LINEBELOW", (first, 0), (last, -1), 0.5, HexColor(theme.rule)),
        ]
        if header:
            commands.append(("BACKGROUND", (first, 0), (last, 0), HexColor(theme.header_fill)))
            commands.append(
                ("ROWBACKGROUNDS", (first, 1), (last, -1), [None, HexColor(theme.stripe_fill)])
            )
        return TableStyle(commands)

    # -- pages --------------------------------------------------------------------------
    def write(self, document: model.Document) -> bytes:
        """``document`` as PDF bytes."""
        theme, meta = self.theme, document.meta
        buffer = io.BytesIO()
        doc = DocTemplate(
            buffer,
            pagesize=(theme.page_width_mm * mm, theme.page_height_mm * mm),
            leftMargin=theme.margin_left_mm * mm,
            rightMargin=theme.margin_right_mm * mm,
            topMargin=theme.margin_top_mm * mm,
            bottomMargin=theme.margin_bottom_mm * mm,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator="briefings",
            lang=meta.lang,
            invariant=1,
            pageCompression=0,  # pdfua compresses the streams, once
            # reportlab declares its initial font on every page; make it one we embed
            # rather than the standard, unembedded Helvetica.
            initialFontName=self.latin_name,
            initialFontSize=10,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        for measurer in (self.measurer, *self.side_measurers.values()):
            measurer.keep_together(meta.keep_together)
        root = Element("Document")
        layout = Layout(self.measurer, root, document_lang=meta.lang)
        blocks = (f for block in document.blocks for f in self.flowables(block, doc.width, layout))
        story = list(_keep_headings_with_next(blocks))
        contents = [flowable for flowable in story if isinstance(flowable, TocBlock)]
        entries = [entry for entry in layout.contents if entry[0] <= 1]
        for toc in contents:
            toc.expect(entries)  # so that the first pass lays out a contents of the right length

        def canvas(*args: Any, **kwargs: Any) -> Canvas:
            if not all(toc.pages_known() for toc in contents):
                return LayoutCanvas(*args, **kwargs)
            furniture = partial(self.furniture, meta)
            return NumberedCanvas(*args, furniture=furniture, created=meta.created_at, **kwargs)

        try:
            if contents:
                doc.multiBuild(story, canvasmaker=canvas)
            else:
                doc.build(story, canvasmaker=canvas)
        except LayoutError as exc:
            raise doc.layout_problem(meta.title) from exc
        return pdfua.finish(buffer.getvalue(), root, doc.canv.tags, meta)

    def furniture(self, meta: model.Metadata, canvas: Canvas, page: int, pages: int) -> None:
        """Running header, marking and "Page X of Y" footer, drawn once the page count
        is known."""
        theme = self.theme
        look = theme.look("furniture")
        left = theme.margin_left_mm * mm
        right = (theme.page_width_mm - theme.margin_right_mm) * mm
        top = (theme.page_height_mm - theme.margin_top_mm / 2) * mm
        bottom = theme.margin_bottom_mm / 2 * mm
        marking_look = replace(look, bold=True, color=theme.look("marking").color)
        self.furniture_text(canvas, meta.header, look, left, top, right - left - 45 * mm)
        self.furniture_text(
            canvas, meta.marking, marking_look, right, top, 45 * mm, align_right=True
        )
        canvas.setStrokeColor(HexColor(theme.rule))
        canvas.setLineWidth(0.5)
        canvas.line(left, top - 2.2 * mm, right, top - 2.2 * mm)
        label = meta.page_label.replace("{page}", str(page)).replace("{pages}", str(pages))
        self.furniture_text(canvas, meta.footer_note, look, left, bottom, right - left - 50 * mm)
        self.furniture_text(canvas, label, look, right, bottom, 50 * mm, align_right=True)

    def furniture_text(
        self,
        canvas: Canvas,
        text: str,
        look: TextLook,
        x: float,
        y: float,
        width: float,
        *,
        align_right: bool = False,
    ) -> None:
        if not text:
            return
        runs = self.runs((model.Span(text),), look)
        line = truncated(runs, width, self.measurer, 1)[0]
        draw_line(canvas, line, x - line.width if align_right else x, y, self.font_names)


def _source_of(content: tuple[model.Inline, ...]) -> int | None:
    """The record field of the first span of ``content`` that came from a record."""
    return next((s.source for s in content if isinstance(s, model.Span) and s.source), None)


def _link_elements(content: tuple[model.Inline, ...], element: Element) -> dict[str, Element]:
    """A ``Link`` element inside ``element`` for each heading that runs of ``content``
    link to, by the heading's bookmark; its alternate text is the linked text."""
    texts: dict[str, str] = {}
    for span in content:
        if isinstance(span, model.Span) and span.link:
            texts[span.link] = texts.get(span.link, "") + span.text
    return {key: element.add("Link", alt=text) for key, text in texts.items()}


def _other_lang(content: tuple[model.Inline, ...], layout: Layout) -> str | None:
    """The language of ``content`` if all of it is in one other than the layout's (a
    text shown in English where no translation was found), else None."""
    langs = {s.lang for s in content if isinstance(s, model.Span) and s.text.strip()}
    if len(langs) != 1 or None in langs:
        return None
    (lang,) = langs
    assert lang is not None
    current = layout.lang or layout.document_lang
    return lang if lang.split("-")[0] != current.split("-")[0] else None


def _first_source(flowables: Iterable[Flowable]) -> int | None:
    """The record field of the first of ``flowables`` that names one."""
    return next(filter(None, (getattr(f, "source", None) for f in flowables)), None)


def _table_pair(
    row: model.Parallel,
) -> (
    tuple[tuple[tuple[model.Block, ...], model.Table], tuple[tuple[model.Block, ...], model.Table]]
    | None
):
    """The blocks before a table on each side of ``row`` and the two tables, if both
    sides end with a table of the same shape (a table's rows and their translation)."""
    left, right = row.left[-1:], row.right[-1:]
    if not (left and right and isinstance(left[0], model.Table)):
        return None
    a, b = left[0], right[0]
    if not isinstance(b, model.Table) or len(a.widths) != len(b.widths):
        return None
    if len(a.rows) != len(b.rows) or bool(a.header) != bool(b.header) or a.style != b.style:
        return None
    return (row.left[:-1], a), (row.right[:-1], b)


def _kept_with_next(story: Iterable[Flowable]) -> Iterator[Flowable]:
    """Flowables marked ``keep_with_next`` (a heading row before a table, a table's
    header row) move with the one after them."""
    held: list[Flowable] = []
    for flowable in story:
        if getattr(flowable, "keep_with_next", False):
            held.append(flowable)
            continue
        if held:
            kept = KeepTogether([*held, flowable])
            kept.source = _first_source(held)
            flowable, held = kept, []
        yield flowable
    yield from held


def _keep_headings_with_next(story: Iterable[Flowable]) -> Iterator[Flowable]:
    """A heading never ends a page: it moves with the first block after it."""
    heading: Flowable | None = None  # a heading waiting for what follows it
    for flowable in _kept_with_next(story):
        if heading is not None and isinstance(flowable, TextBlock | Spacer | ScheduleChart):
            kept = KeepTogether([heading, flowable])
            kept.source = _first_source((heading, flowable))
            yield kept
            heading = None
            continue
        if heading is not None:
            # Before a table (which may run over pages): start a new page unless the
            # heading and the first rows fit on this one.
            yield CondPageBreak(40 * mm)
            yield heading
            heading = None
        if isinstance(flowable, TextBlock) and flowable.outline is not None:
            heading = flowable
        else:
            yield flowable
    if heading is not None:
        yield heading
