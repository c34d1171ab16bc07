"""Write a ``Document`` as a print-ready A4 PDF with reportlab's platypus.

Text is laid out by ``briefings.writers.linebreak`` and drawn run by run, never through
reportlab's ``Paragraph`` markup parser, so record text cannot become markup. Fonts
are TrueType, embedded and subset by reportlab. Output is byte-for-byte reproducible:
the canvas runs in invariant mode and its timestamp is the document's ``created``.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import PageBreak as RLPageBreak

from briefings import model
from briefings.fonts import Face, FontSet
from briefings.theme import TextLook, Theme
from briefings.writers.linebreak import Line, Measurer, TextStyle, layout

_registered: dict[Face, str] = {}


def register_fonts(fonts: FontSet) -> dict[Face, str]:
    """Register every face of ``fonts`` with reportlab (once per process) and return
    the reportlab font name of each face."""
    for face in fonts.faces():
        if face not in _registered:
            name = face.key
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
            _registered[face] = name
    return _registered


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
    ) -> None:
        super().__init__()
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
        if fit < 2 or fit >= len(self.lines) or self.outline:
            return []  # headings move whole; keep at least two lines together
        if len(self.lines) - fit < 2:  # no widow line at the top of the next page
            fit = len(self.lines) - 2
        head = TextBlock(
            self.runs,
            self.look,
            self.measurer,
            bullet=self.bullet,
            indent=self.indent,
            lines=self.lines[:fit],
        )
        tail = TextBlock(
            self.runs, self.look, self.measurer, indent=self.indent, lines=self.lines[fit:]
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
        return TextBlock(self.runs(content, look), look, self.measurer, **kwargs)

    def flowables(self, block: model.Block, width: float) -> list[Flowable]:
        match block:
            case model.Heading(level=level, content=content, anchor=anchor):
                title = "".join(s.text for s in content if isinstance(s, model.Span))
                key = anchor or f"h{id(block)}"
                return [self.text(content, f"h{min(level, 3)}", outline=(level - 1, title, key))]
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
        raise TypeError(f"unknown block {block!r}")

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
        if any(isinstance(f, TocBlock) for f in story):
            doc.multiBuild(story, canvasmaker=canvas_class)
        else:
            doc.build(story, canvasmaker=canvas_class)
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
    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        if (
            isinstance(flowable, TextBlock)
            and flowable.outline
            and not isinstance(flowable, _TocEntry)
        ):
            level, title, key = flowable.outline
            if level <= 1:
                self.notify("TOCEntry", (level, title, self.page, key))


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
            out.append(flowable)
        elif is_heading and index + 1 < len(story):
            out.append(KeepTogether([flowable, story[index + 1]]))
            index += 1
        else:
            out.append(flowable)
        index += 1
    return out


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

        def showPage(self) -> None:  # noqa: N802 - reportlab's API
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            pages = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                self.__dict__.update(state)
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
