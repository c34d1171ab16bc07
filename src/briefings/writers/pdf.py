"""Write a ``Document`` as a print-ready A4 PDF with reportlab's platypus.

Text is laid out by ``briefings.writers.linebreak`` and drawn run by run, never through
reportlab's ``Paragraph`` markup parser, so record text cannot become markup. Fonts
are TrueType, embedded and subset by reportlab. Output is byte-for-byte reproducible:
the canvas runs in invariant mode and its timestamp is the document's ``created``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
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
from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.fonts import Face, FontSet
from briefings.theme import TextLook, Theme
from briefings.writers import tounicode
from briefings.writers.linebreak import Line, Measurer, TextStyle, layout
from briefings.writers.pdfblocks import CoverBand, Rule, ScheduleChart

tounicode.install()  # characters outside the BMP survive copy and search

_registered: dict[Face, str] = {}


def register_fonts(fonts: FontSet) -> dict[Face, str]:
    """Register every face of ``fonts`` with reportlab (once per process) and return
    the reportlab font name of each face."""
    for face in fonts.faces():
        if face not in _registered:
            # A face drawn fake-bold is the same font program as the regular one.
            _registered[face] = _register_file(face.path, face.index)
    return _registered


@cache
def _register_file(path: Path, index: int) -> str:
    name = f"{path.stem}-{index}-{hashlib.sha256(bytes(path)).hexdigest()[:8]}"
    font = TTFont(name, str(path), subfontIndex=index)
    # reportlab keeps one font per PostScript name per process and silently hands out
    # the first one registered: a font cut down to another character set (see
    # briefings.fonts.convert) has the same PostScript name, and would be drawn with
    # the first one's glyphs. Register under a unique face name; the PDF shows the real.
    real_name = font.face.name
    font.face.name = name.encode()
    pdfmetrics.registerFont(font)
    font.face.name = real_name
    return name


def write_pdf(document: model.Document, fonts: FontSet, theme: Theme) -> bytes:
    """Render ``document`` to PDF bytes."""
    return _PdfBuilder(document, fonts, theme).build()


def _style_key(bold: bool, italic: bool) -> str:
    if bold and italic:
        return "bolditalic"
    return "bold" if bold else ("italic" if italic else "regular")


def _draw_line(
    canvas: Canvas, line: Line, x: float, baseline: float, names: dict[Face, str]
) -> None:
    text = canvas.beginText(x, baseline)
    for piece in line.pieces:
        text.setFont(names[piece.face], piece.style.size)
        color = HexColor(piece.style.color)
        text.setFillColor(color)
        if piece.face.fake_bold:
            # No bold CJK face: fill and stroke the outlines (render mode 2) instead.
            text.setTextRenderMode(2)
            text.setStrokeColor(color)
            canvas.setLineWidth(piece.style.size * 0.035)
        else:
            text.setTextRenderMode(0)
        text.textOut(piece.text)
    # The render mode is graphics state and outlives the text object: reset it, or the
    # next text drawn on the page (the footer, say) comes out bold too.
    text.setTextRenderMode(0)
    canvas.drawText(text)


class TextBlock(Flowable):  # type: ignore[misc]
    """A paragraph, heading or list item laid out by our line breaker."""

    def __init__(
        self,
        runs: list[tuple[str, TextStyle]],
        look: TextLook,
        measurer: Measurer,
        *,
        bullet: str = "",
        indent: float = 0.0,
        outline: tuple[int, str, str] | None = None,
        lines: list[Line] | None = None,
        frame_height: float = float("inf"),
        source: str | None = None,
    ) -> None:
        super().__init__()
        self.frame_height = frame_height
        """The height of an empty frame: a heading taller than that must split."""
        self.source = source
        """The record field of the block's text, for messages."""
        self.runs = runs
        self.look = look
        self.measurer = measurer
        self.bullet = bullet
        self.indent = indent
        self.outline = outline
        self.lines = lines
        self.line_height = look.size * look.leading
        self.spaceBefore = look.space_before
        self.spaceAfter = look.space_after
        self._fixed = lines is not None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if not self._fixed:
            self.lines = layout(self.runs, avail_width - self.indent, self.measurer)
            if self.outline or self.look.size >= 16:
                self.lines = self._balanced(avail_width - self.indent)
        self.width = avail_width
        self.height = len(self.lines or ()) * self.line_height
        return avail_width, self.height

    def _balanced(self, width: float) -> list[Line]:
        """Headings and titles that wrap get lines of similar length, rather than a
        last line holding a single character."""
        lines = self.lines or []
        if len(lines) < 2:
            return lines
        best = lines
        for step in range(1, 10):
            narrower = layout(self.runs, width * (1 - step * 0.05), self.measurer)
            if len(narrower) > len(lines):
                break
            best = narrower
        return best

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        assert self.lines is not None
        fit = int(avail_height // self.line_height)
        if self.outline and self.height <= self.frame_height:
            return []  # headings move whole, unless no page can hold them
        if fit < 2 or fit >= len(self.lines):
            return []  # keep at least two lines together
        if len(self.lines) - fit < 2:  # no widow line at the top of the next page
            fit = len(self.lines) - 2
        head = TextBlock(
            self.runs,
            self.look,
            self.measurer,
            bullet=self.bullet,
            indent=self.indent,
            lines=self.lines[:fit],
            outline=self.outline,
            source=self.source,
        )
        tail = TextBlock(
            self.runs,
            self.look,
            self.measurer,
            indent=self.indent,
            lines=self.lines[fit:],
            source=self.source,
        )
        tail.spaceBefore = 0
        head.spaceAfter = 0
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        names = self.measurer.font_names
        ascent = self.look.size * 0.86 + (self.line_height - self.look.size) / 2
        if self.outline:
            level, title, key = self.outline
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
        for index, line in enumerate(self.lines or ()):
            baseline = self.height - ascent - index * self.line_height
            if index == 0 and self.bullet:
                bullet_style = TextStyle(self.look.size, "regular", self.look.color)
                bullet = layout([(self.bullet, bullet_style)], self.indent, self.measurer)[0]
                _draw_line(canvas, bullet, self.indent * 0.35, baseline, names)
            _draw_line(canvas, line, self.indent, baseline, names)


class TocBlock(Flowable):  # type: ignore[misc]
    """A table of contents filled in by ``multiBuild`` from the headings' pages."""

    def __init__(self, title: TextBlock, make_entry: Callable[[int, str, int], Flowable]) -> None:
        super().__init__()
        self.title = title
        self.make_entry = make_entry
        self.entries: list[tuple[int, str, int, str]] = []
        self._pending: list[tuple[int, str, int, str]] = []
        self._flowables: list[Flowable] = []

    def isIndexing(self) -> int:  # noqa: N802 - reportlab's protocol
        return 1

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.entries == self._pending

    def beforeBuild(self) -> None:  # noqa: N802
        self.entries, self._pending = self._pending, []

    def afterBuild(self) -> None:  # noqa: N802
        pass

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            self._pending.append(stuff)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._flowables = [self.title] + [
            self.make_entry(level, text, page) for level, text, page, _ in self.entries
        ]
        self.width = avail_width
        self.height = 0.0
        for flowable in self._flowables:
            _, height = flowable.wrap(avail_width, avail_height)
            self.height += height + flowable.getSpaceAfter()
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        """A contents longer than the page (a visit of many meetings) flows on as its
        title and entries, one flowable each; nothing if not even the title fits."""
        self.wrap(avail_width, avail_height)
        if self._flowables[0].height > avail_height:
            return []
        return list(self._flowables)

    def draw(self) -> None:
        y = self.height
        for flowable in self._flowables:
            y -= flowable.height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


class _TocEntry(TextBlock):
    """One line of the table of contents: title, dot leader, page number."""

    def __init__(self, title: TextBlock, page: str, page_runs: TextBlock) -> None:
        super().__init__(title.runs, title.look, title.measurer, indent=title.indent)
        self.page_block = page_runs
        self.page = page

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.page_width = 14 * mm
        return super().wrap(avail_width - self.page_width, avail_height)

    def draw(self) -> None:
        super().draw()
        assert self.lines
        canvas = self.canv
        ascent = self.look.size * 0.86 + (self.line_height - self.look.size) / 2
        baseline = self.height - ascent - (len(self.lines) - 1) * self.line_height
        self.page_block.wrap(self.page_width, 100)
        number = self.page_block.lines[0] if self.page_block.lines else Line()
        right = self.width + self.page_width
        font = self.measurer.font_names[self.measurer.fonts.latin["regular"]]
        dot = ". "
        dot_width = pdfmetrics.stringWidth(dot, font, self.look.size)
        dots_from = self.indent + self.lines[-1].width + 6
        dots_to = right - number.width - 6
        count = int((dots_to - dots_from) // dot_width)
        if count > 0:
            canvas.setFillColor(HexColor("#999999"))
            canvas.setFont(font, self.look.size)
            canvas.drawRightString(dots_to, baseline, dot * count)
        _draw_line(canvas, number, right - number.width, baseline, self.measurer.font_names)


class _PdfBuilder:
    def __init__(self, document: model.Document, fonts: FontSet, theme: Theme) -> None:
        self.document = document
        self.theme = theme
        self.measurer = Measurer(fonts, register_fonts(fonts))
        # A bilingual edition draws its Chinese column with the Chinese preferences
        # (full-width quotes and dashes from the CJK font), its English one without.
        self._measurers = {
            prefer: Measurer(replace(fonts, prefer_cjk=prefer), register_fonts(fonts))
            for prefer in (False, True)
        }
        self.frame_height = (
            theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
        ) * mm

    @contextmanager
    def language(self, lang: str) -> Iterator[None]:
        """Lay out the blocks built inside with the fonts preferences of ``lang``."""
        saved = self.measurer
        self.measurer = self._measurers[lang.startswith("zh")]
        try:
            yield
        finally:
            self.measurer = saved

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
                title = "".join(s.text for s in content if isinstance(s, model.Span))
                key = anchor or f"h{id(block)}"
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
                return [TocBlock(self.text(title, "h1"), self.toc_entry)]
            case model.Cover():
                return self.cover(block, width)
            case model.Schedule():
                return [ScheduleChart(block, self.theme, self.measurer, self.draw_line)]
            case model.Parallel():
                return [self.parallel(block, width)]
        raise TypeError(f"unknown block {block!r}")

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
            with self.language(lang):
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
            titles = [_plain(h.content) for h in headings if h]
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
        theme = self.theme
        total = sum(table.widths)
        col_widths = [width * w / total for w in table.widths]
        rows: list[list[list[Flowable]]] = []
        if table.header:
            rows.append([self.cell(c, "header-cell") for c in table.header])
        for row in table.rows:
            looks = [
                "label-cell" if table.style == "fields" and i == 0 else "cell"
                for i in range(len(row))
            ]
            rows.append([self.cell(c, look) for c, look in zip(row, looks, strict=True)])
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
        if table.header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), HexColor(theme.header_fill)))
            commands.append(
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, HexColor(theme.stripe_fill)])
            )
        return Table(
            rows,
            colWidths=col_widths,
            repeatRows=1 if table.header else 0,
            style=TableStyle(commands),
            hAlign="LEFT",
            splitInRow=1,
            spaceBefore=2,
            spaceAfter=10,
        )

    # -- pages --------------------------------------------------------------------------
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
        story: list[Flowable] = []
        for block in self.document.blocks:
            story += self.flowables(block, doc.width)
        story = _keep_headings_with_next(story)
        created = _parse_created(meta.created)
        canvas_class = _numbered_canvas(self.furniture, created)
        try:
            if any(isinstance(f, TocBlock) for f in story):
                doc.multiBuild(story, canvasmaker=canvas_class)
            else:
                doc.build(story, canvasmaker=canvas_class)
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
        line = layout(runs, width, self.measurer)[0]
        _draw_line(canvas, line, x - line.width if align_right else x, y, self.measurer.font_names)


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    current: Flowable | None = None
    """The flowable being placed, to name its record field if it cannot be."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        if isinstance(flowable, Table) and getattr(flowable, "outline", None):
            level, title, key = flowable.outline  # a bilingual row that holds a heading
            if level <= 1:
                self.notify("TOCEntry", (level, title, self.page, key))
            return
        if (
            isinstance(flowable, TextBlock)
            and flowable.outline
            and not isinstance(flowable, _TocEntry)
        ):
            level, title, key = flowable.outline
            if level <= 1:
                self.notify("TOCEntry", (level, title, self.page, key))


def _plain(content: tuple[model.Inline, ...]) -> str:
    return "".join(i.text for i in content if isinstance(i, model.Span))


def _source_of(content: tuple[model.Inline, ...]) -> str | None:
    """The record field of the first span of ``content`` that came from a record."""
    return next((s.source for s in content if isinstance(s, model.Span) and s.source), None)


def _keep_headings_with_next(story: list[Flowable]) -> list[Flowable]:
    """A heading never ends a page: it moves with the first block after it."""
    out: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        is_heading = isinstance(flowable, TextBlock) and flowable.outline is not None
        if (
            is_heading
            and index + 1 < len(story)
            and not isinstance(story[index + 1], TextBlock | Spacer)
        ):
            # Before a table (which may run over pages): start a new page unless the
            # heading and the first rows fit on this one.
            out += [CondPageBreak(40 * mm), flowable]
        elif is_heading and index + 1 < len(story):
            out.append(KeepTogether([flowable, story[index + 1]]))
            index += 1
        else:
            out.append(flowable)
        index += 1
    return out


def _layout_problem(flowable: Flowable | None, title: str) -> InputError:
    """A block that no page can hold (our blocks split, so this is a safety net): an
    input error naming the record field, never a reportlab traceback."""
    source = _first_source(flowable)
    where = Location(Path(source)) if source else Location(Path(title or "document"))
    message = "this text cannot be laid out on a page, even split; shorten it"
    return InputError([Diagnostic(where, message)])


def _first_source(flowable: Any) -> str | None:
    """The record field of ``flowable`` or of the first block inside it that has one."""
    if flowable is None:
        return None
    source = getattr(flowable, "source", None)
    if isinstance(source, str):
        return source
    children: list[Any] = []
    for name in ("_content", "_flowables"):  # KeepTogether, TocBlock
        children += getattr(flowable, name, None) or []
    for row in getattr(flowable, "_cellvalues", None) or []:  # Table
        for cell in row:
            children += cell if isinstance(cell, list | tuple) else [cell]
    return next(filter(None, map(_first_source, children)), None)


def _parse_created(created: str) -> datetime:
    if not created:
        return datetime(2000, 1, 1, tzinfo=UTC)
    return datetime.fromisoformat(created).astimezone(UTC)


def _numbered_canvas(
    furniture: Callable[[Canvas, int, int], None], created: datetime
) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Keeps each page until the end, so the footer can say "Page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = _timestamp(created)
            self._page_states: list[dict[str, Any]] = []
            self._bookmarks: list[tuple[Any, ...]] = []

        def bookmarkPage(self, *args: Any, **kwargs: Any) -> None:  # noqa: N802
            # A bookmark names the page being written; pages are written only in
            # save(), so the bookmark waits for its page there.
            self._bookmarks.append((args, kwargs))

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._page_states.append(
                {**self.__dict__, "_bookmarks_of_page": self._bookmarks, "_bookmarks": []}
            )
            self._bookmarks = []
            self._startPage()

        def save(self) -> None:
            pages = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                bookmarks = state.pop("_bookmarks_of_page", [])
                self.__dict__.update(state)
                for args, kwargs in bookmarks:
                    super().bookmarkPage(*args, **kwargs)
                furniture(self, number, pages)
                super().showPage()
            super().save()

    return NumberedCanvas


def _timestamp(created: datetime) -> TimeStamp:
    stamp = TimeStamp(invariant=1)
    stamp.t = created.timestamp()
    stamp.lt = created.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp
