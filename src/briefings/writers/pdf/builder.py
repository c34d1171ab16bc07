"""Model blocks to reportlab flowables, and the pages they are built on."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
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
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus.doctemplate import LayoutError

from briefings import model
from briefings.fonts import FontSet
from briefings.theme import TextLook, Theme
from briefings.writers.pdf import rows
from briefings.writers.pdf.canvas import _numbered_canvas
from briefings.writers.pdf.flowables import TextBlock, _draw_line
from briefings.writers.pdf.fonts import register_fonts
from briefings.writers.pdf.graphics import CoverBand, Rule, ScheduleChart
from briefings.writers.pdf.linebreak import Line, Measurer, TextStyle, truncated
from briefings.writers.pdf.template import (
    _DocTemplate,
    _layout_problem,
    expected_contents,
    streamed,
)
from briefings.writers.pdf.toc import TocBlock, _TocEntry

HELD_BLOCKS = 1000
"""Up to this many blocks (a report of about 300 meetings), the passes of the contents
share one story; beyond, each pass makes its own."""


def _style_key(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bolditalic"
    return "bold" if bold else ("italic" if italic else "regular")


class _PdfBuilder:
    def __init__(self, document: model.Document, fonts: FontSet, theme: Theme) -> None:
        self.document = document
        self.theme = theme
        self.measurer = _measurer(fonts)
        # A bilingual edition draws its Chinese column with the Chinese preferences
        # (full-width quotes and dashes from the CJK font), its English one without.
        self._measurers = {prefer: _measurer(fonts, prefer) for prefer in (False, True)}
        self.frame_height = (
            theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
        ) * mm
        self._nested = 0
        """Depth of bilingual rows being built: their cells are laid out whole."""
        self._contents: dict[int, TocBlock] = {}
        """The tables of contents, by their place among the document's: the same
        objects in every pass, since they collect the pages."""
        self._seen = {"toc": 0, "heading": 0}
        """Contents and headings met so far in this pass: their place names them (the
        blocks of a ``BlockStream`` are new objects in every pass)."""

    @contextmanager
    def side(self, lang: str) -> Iterator[None]:
        """Build the blocks inside as one side of a bilingual row: laid out with the
        font preferences of ``lang``, and whole (they live in a table cell)."""
        saved = self.measurer
        self.measurer = self._measurers[lang.startswith("zh")]
        self._nested += 1
        try:
            yield
        finally:
            self.measurer = saved
            self._nested -= 1

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
            runs.append((inline.text, TextStyle(look.size, style, look.color)))
        return runs

    def text(self, content: tuple[model.Inline, ...], look_name: str, **kwargs: Any) -> TextBlock:
        look = self.theme.look(look_name)
        runs = self.runs(content, look)
        return TextBlock(runs, look, self.measurer, source=_source_of(content), **kwargs)

    def flowables(self, block: model.Block, width: float) -> list[Flowable]:
        match block:
            case model.Heading(level=level, content=content, anchor=anchor):
                title = model.plain_text(content)
                key = anchor or f"h{self._next('heading')}"
                outline = (level - 1, title, key)
                look = f"h{min(level, 3)}"
                return [self.text(content, look, outline=outline, frame_height=self.frame_height)]
            case model.Paragraph(content=content, style=style):
                return [self.text(content, style)]
            case model.BulletList(items=items):
                return self.bullets(items, "body")
            case model.Table():
                return [self.table(block, width)]
            case model.PageBreak():
                return [RLPageBreak()]
            case model.TableOfContents(title=title):
                # One per document, kept across the passes: it collects the pages.
                place = self._next("toc")
                if place not in self._contents:
                    self._contents[place] = TocBlock(self.text(title, "h1"), self.toc_entry)
                return [self._contents[place]]
            case model.Cover():
                return self.cover(block, width)
            case model.Schedule():
                return [ScheduleChart(block, self.theme, self.measurer, self.draw_line)]
            case model.Parallel():
                return [self.parallel(block, width)]
        raise TypeError(f"unknown block {block!r}")

    def _next(self, kind: str) -> int:
        self._seen[kind] += 1
        return self._seen[kind]

    def latin_name(self) -> str:
        return self.measurer.font_names[self.measurer.fonts.latin["regular"]]

    def draw_line(self, canvas: Canvas, line: Line, x: float, baseline: float) -> None:
        _draw_line(canvas, line, x, baseline, self.measurer.font_names)

    def cover(self, cover: model.Cover, width: float) -> list[Flowable]:
        """The cover block: a band with the document type and marking, the title, and
        the details as a borderless two-column list; compact, not a page of its own."""
        band = CoverBand(cover.kind, cover.marking, self.theme, self.measurer, self.draw_line)
        out: list[Flowable] = [band, self.text(cover.title, "title")]
        if cover.details:
            rows = [
                [[self.text(label, "label-cell")], [self.text(value, "cell")]]
                for label, value in cover.details
            ]
            commands: list[tuple[Any, ...]] = [
                ("FONTNAME", (0, 0), (-1, -1), self.latin_name()),  # not Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
            out.append(
                Table(
                    rows,
                    colWidths=[width * 0.22, width * 0.78],
                    style=TableStyle(commands),
                    hAlign="LEFT",
                )
            )
        out.append(Rule(self.theme.rule))
        return [KeepTogether(out)]

    def parallel(self, row: model.Parallel, width: float) -> Flowable:
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
            with self.side(lang):
                flowables = [f for block in blocks for f in self.flowables(block, column)]
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
            ("FONTNAME", (0, 0), (-1, -1), self.latin_name()),  # not Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (1, 0), (1, -1), gap / 2),
            ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("LINEBEFORE", (1, 0), (1, -1), 0.4, HexColor(self.theme.rule)),
        ]
        table = Table(
            [cells],
            colWidths=[column + gap / 2] * 2,
            style=TableStyle(commands),
            hAlign="LEFT",
            splitInRow=0 if outline else 1,
        )
        table.outline = outline
        return table

    def bullets(
        self, items: tuple[tuple[model.Inline, ...], ...], look_name: str
    ) -> list[Flowable]:
        look = self.theme.look(look_name)
        item_look = TextLook(**{**look.__dict__, "space_after": look.space_after / 2})
        return [
            TextBlock(
                self.runs(item, item_look),
                item_look,
                self.measurer,
                bullet="•",
                indent=look.size * 1.4,
                source=_source_of(item),
            )
            for item in items
        ]

    def toc_entry(self, level: int, text: str, page: int) -> Flowable:
        look_name = "body" if level == 0 else "note"
        look = self.theme.look(look_name)
        entry_look = TextLook(**{**look.__dict__, "space_after": 2, "bold": level == 0})
        title = TextBlock(
            self.runs((model.Span(text),), entry_look),
            entry_look,
            self.measurer,
            indent=level * 5 * mm,
        )
        number = TextBlock(
            self.runs((model.Span(str(page)),), entry_look), entry_look, self.measurer
        )
        return _TocEntry(title, str(page), number)

    def cell(self, cell: model.Cell, look_name: str) -> list[Flowable]:
        out: list[Flowable] = []
        for block in cell.blocks:
            if isinstance(block, model.Paragraph):
                out.append(self.text(block.content, look_name))
            else:
                out += self.bullets(block.items, look_name)
        return out

    def table(self, table: model.Table, width: float) -> Flowable:
        """``table`` as a reportlab table; a long one in the body as ``TableRows``,
        made a page at a time (inside a bilingual row, tables are short)."""
        total = sum(table.widths)
        col_widths = [width * w / total for w in table.widths]

        def cells(index: int) -> list[list[Flowable]]:
            row = table.rows[index]
            looks = [
                "label-cell" if table.style == "fields" and i == 0 else "cell"
                for i in range(len(row))
            ]
            return [self.cell(c, look) for c, look in zip(row, looks, strict=True)]

        def make(data: list[list[list[Flowable]]], start: int, header: bool) -> Table:
            header = header and bool(table.header)
            if header:
                data = [[self.cell(c, "header-cell") for c in table.header], *data]
            return Table(
                data,
                colWidths=col_widths,
                repeatRows=1 if header else 0,
                style=self.table_style(header, continued=start > 0),
                hAlign="LEFT",
                splitInRow=1,
                spaceBefore=2,
                spaceAfter=10,
            )

        if self._nested or len(table.rows) <= rows.LONG:
            return make([cells(i) for i in range(len(table.rows))], 0, True)
        spans = (s for row in table.rows for cell in row for s in model.block_spans(cell))
        source = next((span.source for span in spans if span.source), None)
        return rows.TableRows(
            cells, make, len(table.rows), space_before=2, space_after=10, source=source
        )

    def table_style(self, header: bool, *, continued: bool = False) -> TableStyle:
        """The look of a table; ``continued``: the rows after a page break, which
        repeat the rule under the last row before it (as reportlab's split does)."""
        theme = self.theme
        latin = self.measurer.font_names[self.measurer.fonts.latin["regular"]]
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), latin),  # else reportlab selects Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 5),
            ("RIGHTPADDING", (0, 0), (-1, -1), 5),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.5, HexColor(theme.rule)),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(theme.header_fill)))
            commands.append(
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor(theme.stripe_fill)])
            )
        if continued:
            first = 1 if header else 0
            commands.append(("LINEABOVE", (0, first), (-1, first), 0.5, HexColor(theme.rule)))
        return TableStyle(commands)

    # -- pages --------------------------------------------------------------------------
    def story(self, width: float) -> Iterator[Flowable]:
        """The document's flowables, made as the pages take them: each pass over a long
        document makes them again rather than holding every block and its lines."""
        self._seen = dict.fromkeys(self._seen, 0)
        flowables = (f for block in self.document.blocks for f in self.flowables(block, width))
        return _keep_headings_with_next(flowables)

    def passes(self, width: float) -> tuple[Callable[[], list[Flowable]], bool]:
        """The story of each pass, and whether the passes share its flowables. A short
        document keeps them, laid out once; a long one (over ``HELD_BLOCKS``, or a
        ``BlockStream``) makes them again for each pass, so that its memory does not
        grow with its length."""
        blocks = self.document.blocks
        if not isinstance(blocks, tuple) or len(blocks) > HELD_BLOCKS:
            return (lambda: streamed(self.story(width))), False
        held = list(self.story(width))
        return held.copy, True

    def build(self) -> bytes:
        theme, meta = self.theme, self.document.meta
        page_size = (theme.page_width_mm * mm, theme.page_height_mm * mm)
        buffer = io.BytesIO()
        doc = _DocTemplate(
            buffer,
            pagesize=page_size,
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
            # reportlab declares its initial font on every page; make it one we embed
            # rather than the standard, unembedded Helvetica.
            initialFontName=self.measurer.font_names[self.measurer.fonts.latin["regular"]],
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
        created = meta.created_at
        try:
            if any(isinstance(b, model.TableOfContents) for b in self.document.blocks):
                story, reused = self.passes(doc.width)
                # What the headings will report (this makes the TocBlocks too).
                entries = expected_contents(story() if reused else self.story(doc.width))
                for toc in self._contents.values():
                    toc.expect(entries)
                doc.multiBuild(
                    story,
                    list(self._contents.values()),
                    partial(_numbered_canvas, self.furniture, created),
                    reused=reused,
                )
            else:
                canvas = _numbered_canvas(self.furniture, created, None)
                doc.build(streamed(self.story(doc.width)), canvasmaker=canvas)
        except LayoutError as exc:
            raise _layout_problem(doc.current, meta.title) from exc
        return buffer.getvalue()

    def furniture(self, canvas: Canvas, page: int, pages: int) -> None:
        """Running header, marking and "Page X of Y" footer, drawn once the page count
        is known."""
        theme, meta = self.theme, self.document.meta
        look = theme.look("furniture")
        left = theme.margin_left_mm * mm
        right = (theme.page_width_mm - theme.margin_right_mm) * mm
        top = (theme.page_height_mm - theme.margin_top_mm / 2) * mm
        bottom = theme.margin_bottom_mm / 2 * mm
        marking_look = TextLook(
            **{**look.__dict__, "bold": True, "color": theme.look("marking").color}
        )
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
        _draw_line(canvas, line, x - line.width if align_right else x, y, self.measurer.font_names)


_measurers: dict[tuple[int, bool | None], tuple[FontSet, Measurer]] = {}


def _measurer(fonts: FontSet, prefer_cjk: bool | None = None) -> Measurer:
    """The measurer of ``fonts`` (with the CJK preference ``prefer_cjk`` where given),
    one per process: the faces and widths it remembers serve every document."""
    key = (id(fonts), prefer_cjk)
    known = _measurers.get(key)
    if known is None or known[0] is not fonts:  # the font set is held, so ids stay its
        if len(_measurers) > 32:  # font sets of earlier builds in a long-lived process
            _measurers.clear()
        variant = fonts if prefer_cjk is None else replace(fonts, prefer_cjk=prefer_cjk)
        known = _measurers[key] = (fonts, Measurer(variant, register_fonts(fonts)))
    return known[1]


def _source_of(content: tuple[model.Inline, ...]) -> str | None:
    """The record field of the first span of ``content`` that came from a record."""
    return next((s.source for s in content if isinstance(s, model.Span) and s.source), None)


def _keep_headings_with_next(story: Iterable[Flowable]) -> Iterator[Flowable]:
    """A heading never ends a page: it moves with the first block after it."""
    heading: Flowable | None = None  # a heading waiting for what follows it
    for flowable in story:
        if heading is not None and isinstance(flowable, TextBlock | Spacer):
            yield KeepTogether([heading, flowable])
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
