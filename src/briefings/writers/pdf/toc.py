"""The table of contents: filled in from the headings' pages, with dot leaders."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable

from briefings.writers.pdf.canvas import NumberedCanvas, drawing, tagged
from briefings.writers.pdf.flowables import TextBlock, draw_line
from briefings.writers.pdf.linebreak import Line
from briefings.writers.pdf.structure import Element


class TocBlock(Flowable):  # type: ignore[misc]
    """A table of contents filled in by ``multiBuild`` from the headings' pages."""

    def __init__(
        self,
        title: TextBlock,
        make_entry: Callable[[int, str, int, str, Element | None], Flowable],
        element: Element,
    ) -> None:
        super().__init__()
        self.title = title
        self.element = element
        """The ``TOC`` structure element."""
        self.links: dict[str, Element] = {}
        """The ``Link`` element of each entry, by its bookmark."""
        self.source = title.source
        self.make_entry = make_entry
        self.entries: list[tuple[int, str, int, str]] = []
        self._pending: list[tuple[int, str, int, str]] = []
        self._flowables: list[Flowable] = []

    def isIndexing(self) -> int:  # noqa: N802 - reportlab's protocol
        return 1

    def isSatisfied(self) -> bool:  # noqa: N802
        return self.entries == self._pending

    def expect(self, entries: list[tuple[int, str, str]]) -> None:
        """Fill the contents in ahead with the entries the headings will report, page
        numbers unknown, so that the first pass already lays out a contents of the
        right length."""
        self._pending = [(level, title, 0, key) for level, title, key in entries]
        for _, title, key in entries:
            self.links[key] = self.element.add("TOCI").add("Link", alt=title)

    def pages_known(self) -> bool:
        """Whether the entries carry the pages a pass found (the first pass knows only
        the headings): until they do, ``multiBuild`` lays out again."""
        return not self.entries or self.entries[0][2] > 0

    def beforeBuild(self) -> None:  # noqa: N802
        self.entries, self._pending = self._pending, []

    def afterBuild(self) -> None:  # noqa: N802
        pass

    def notify(self, kind: str, stuff: Any) -> None:
        if kind == "TOCEntry":
            self._pending.append(stuff)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._flowables = [self.title] + [
            self.make_entry(level, text, page, key, self.links.get(key))
            for level, text, page, key in self.entries
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
        parts, self._flowables = self._flowables, []  # the page holds them from here
        return parts

    def draw(self) -> None:
        y = self.height
        for flowable in self._flowables:
            y -= flowable.height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


class TocEntry(TextBlock):
    """One line of the table of contents: title, dot leader, page number."""

    def __init__(self, title: TextBlock, page: str, page_runs: TextBlock, key: str) -> None:
        super().__init__(
            title.runs, title.look, title.measurer, indent=title.indent, element=title.element
        )
        self.page_block = page_runs
        self.page = page
        self.key = key
        """The bookmark of the heading, which the entry links to."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.page_width = 14 * mm
        return super().wrap(avail_width - self.page_width, avail_height)

    def draw(self) -> None:
        super().draw()
        if not drawing(self.canv):
            return
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
        if count > 0:  # the dot leader: an artifact
            canvas.setFillColor(HexColor("#999999"))
            canvas.setFont(font, self.look.size)
            canvas.drawRightString(dots_to, baseline, dot * count)
        with tagged(canvas, self.element):
            draw_line(canvas, number, right - number.width, baseline, self.measurer.font_names)
        if isinstance(canvas, NumberedCanvas) and self.element is not None:
            left, bottom = canvas.absolutePosition(self.indent, 0)
            right, top = canvas.absolutePosition(right, self.height)
            canvas.link((left, bottom, right, top), self.key, self.element)
