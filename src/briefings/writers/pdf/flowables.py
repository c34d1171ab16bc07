"""Text blocks laid out by our line breaker and drawn run by run, and tables that
know which record field their text came from."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table

from briefings.fonts import Face
from briefings.theme import TextLook
from briefings.writers.pdf.canvas import NumberedCanvas, drawing, tagged
from briefings.writers.pdf.linebreak import Line, Measurer, TextStyle, layout
from briefings.writers.pdf.structure import Element


def draw_line(
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
        source: int | None = None,
        element: Element | None = None,
        bullet_element: Element | None = None,
        links: dict[str, Element] | None = None,
    ) -> None:
        super().__init__()
        self.element = element
        """The structure element the text belongs to (None: an artifact)."""
        self.links = links or {}
        """The ``Link`` element (inside ``element``) of each bookmark that runs of the
        text link to."""
        self.bullet_element = bullet_element
        self.drawn_on: Canvas | None = None
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
        self._laid_out_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # reportlab asks again and again (tables measure twice, the contents build
        # makes several passes): lay out once per width.
        if not self._fixed and (self.lines is None or avail_width != self._laid_out_for):
            self.lines = layout(self.runs, avail_width - self.indent, self.measurer)
            if self.outline or self.look.size >= 16:
                self.lines = self._balanced(avail_width - self.indent)
            self._laid_out_for = avail_width
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
            element=self.element,
            bullet_element=self.bullet_element,
            links=self.links,
        )
        tail = TextBlock(
            self.runs,
            self.look,
            self.measurer,
            indent=self.indent,
            lines=self.lines[fit:],
            source=self.source,
            element=self.element,
            links=self.links,
        )
        tail.spaceBefore = 0
        head.spaceAfter = 0
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        if not drawing(canvas):
            return
        names = self.measurer.font_names
        ascent = self.look.size * 0.86 + (self.line_height - self.look.size) / 2
        if self.outline:
            level, title, key = self.outline
            canvas.bookmarkPage(key)
            canvas.addOutlineEntry(title, key, level=level, closed=False)
        element, bullet_element = self.element, self.bullet_element
        if self.drawn_on is canvas:  # a table's header row, repeated: an artifact
            element = bullet_element = None
        self.drawn_on = canvas
        baseline = self.height - ascent
        if self.bullet:
            bullet_style = TextStyle(self.look.size, "regular", self.look.color)
            bullet = layout([(self.bullet, bullet_style)], self.indent, self.measurer)[0]
            with tagged(canvas, bullet_element):
                draw_line(canvas, bullet, self.indent * 0.35, baseline, names)
        if self.links and element is not None:
            for index, line in enumerate(self.lines or ()):
                self._draw_linked(canvas, line, baseline - index * self.line_height, element)
            return
        with tagged(canvas, element):
            for index, line in enumerate(self.lines or ()):
                draw_line(canvas, line, self.indent, baseline - index * self.line_height, names)

    def _draw_linked(self, canvas: Canvas, line: Line, baseline: float, element: Element) -> None:
        """A line of a text with links: each stretch of pieces that links to one
        heading (or to none) drawn as content of its ``Link`` element (or of the
        text's), with a link annotation over each linked stretch."""
        x = self.indent
        for key, group in groupby(line.pieces, key=lambda piece: piece.style.link):
            pieces = list(group)
            stretch = Line(pieces, sum(piece.width for piece in pieces))
            target = self.links.get(key) if key else None
            with tagged(canvas, target or element):
                draw_line(canvas, stretch, x, baseline, self.measurer.font_names)
            if key and target is not None and isinstance(canvas, NumberedCanvas):
                size = self.look.size
                left, bottom = canvas.absolutePosition(x, baseline - size * 0.25)
                right, top = canvas.absolutePosition(x + stretch.width, baseline + size * 0.9)
                canvas.link((left, bottom, right, top), key, target)
            x += stretch.width


class SourcedTable(Table):  # type: ignore[misc]
    """A reportlab table that knows the record field of its first text, and tells the
    parts it splits into, for messages about a table no page can hold."""

    def __init__(self, *args: Any, source: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.source = source

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        for part in parts:
            part.source = self.source
        if parts and getattr(self, "outline", None):  # the contents entry: the first part's
            parts[0].outline = self.outline
        for part in parts[1:]:  # a row's continuation holds no heading: it splits anywhere
            part.splitInRow = 1
        return parts
