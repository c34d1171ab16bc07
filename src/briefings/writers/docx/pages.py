"""An estimate of the page each heading of a DOCX falls on, for the page numbers the
contents show before a word processor has laid the document out.

LibreOffice computes the real numbers (they are PAGEREF fields); Word shows these
until it updates fields (on printing, or F9). The estimate flows the blocks down
pages of the theme's size with rough glyph widths (half an em for Latin, one em for
Chinese) and the theme's type sizes and leading; rows of tables and the schedule
chart are kept whole, as the writer asks Word to keep them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from briefings import model
from briefings.theme import TextLook, Theme

_MM = 72 / 25.4
_CELL_PADDING = 9.0  # points above and below a table cell's text (its style's margins)
_CELL_INSET = 10.0  # points left and right of it
_LATIN_EM = 0.5  # the average width of a Latin character, in ems
_CJK_LINE = 1.25  # the height of a line of Chinese, against one of Latin
CHART_GUTTER_MM = 13.0  # the schedule chart's column of hours
CHART_PADDING = 1.5  # points above and below the text of a chart's cell
CHART_INSET = 3.0  # points left and right of it
CHART_ROOM_AROUND = 140.0  # points of a page left for the heading and note of a chart


class PageEstimate:
    """Flows the blocks of a document down pages, noting where each heading falls."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.page_height = (
            theme.page_height_mm - theme.margin_top_mm - theme.margin_bottom_mm
        ) * _MM
        self.width = (theme.page_width_mm - theme.margin_left_mm - theme.margin_right_mm) * _MM
        self.page = 1
        self.used = 0.0
        self.blocks: list[model.Block] = []
        self.pages: dict[int, int] = {}
        """The estimated page of each heading, by the heading's ``id``."""
        self.moved_on: set[int] = set()
        """The headings (by ``id``, or their bilingual rows') that start a new page to
        stay with what follows them."""

    def run(self, blocks: Iterable[model.Block]) -> dict[int, int]:
        listed = self.blocks = list(blocks)
        for block, after in zip(listed, [*listed[1:], None], strict=True):
            self.block(block, after)
        return self.pages

    def block(self, block: model.Block, after: model.Block | None) -> None:
        if isinstance(block, model.PageBreak):
            self.page, self.used = self.page + 1, 0.0
            return
        if isinstance(block, model.Schedule | model.Cover):
            self.keep_whole(self.height(block, self.width))
        elif isinstance(block, model.Table):
            for row in [*([block.header] if block.header else []), *block.rows]:
                self.keep_whole(self.row_height(row, block, self.width))
        else:
            first = block.left[0] if isinstance(block, model.Parallel) and block.left else block
            if isinstance(first, model.Heading):  # with what it introduces
                needed = self.height(block, self.width) + self.start_of(after)
                if self.keep_whole(needed, advance=False):
                    self.moved_on.add(id(block))
            self.note_headings(block)
            self.flow(self.height(block, self.width))

    def start_of(self, block: model.Block | None) -> float:
        """The height of what must come onto a page with the heading above ``block``:
        the whole of a schedule chart, a table's first rows, or a few lines."""
        if isinstance(block, model.Schedule):
            return self.height(block, self.width)
        if isinstance(block, model.Table) and block.rows:
            first_rows = ([block.header] if block.header else []) + [block.rows[0]]
            return sum(self.row_height(row, block, self.width) for row in first_rows)
        return 30.0

    def note_headings(self, block: model.Block) -> None:
        if isinstance(block, model.Heading):
            self.pages[id(block)] = self.page
        elif isinstance(block, model.Parallel):
            for inner in block.left:
                self.note_headings(inner)

    def keep_whole(self, height: float, *, advance: bool = True) -> bool:
        """Start a new page if ``height`` no longer fits on this one; then take it
        (unless not ``advance``). Whether a new page was started."""
        moved = bool(self.used) and self.used + height > self.page_height
        if moved:
            self.page, self.used = self.page + 1, 0.0
        if advance:
            self.flow(height)
        return moved

    def flow(self, height: float) -> None:
        """Take ``height`` points, going on over as many pages as it needs."""
        self.used += height
        while self.used > self.page_height:
            self.page, self.used = self.page + 1, self.used - self.page_height

    # -- heights ---------------------------------------------------------------------
    def height(self, block: model.Block, width: float) -> float:
        match block:
            case model.Heading(level=level, content=content):
                return self.text(content, f"h{min(level, 3)}", width)
            case model.Paragraph(content=content, style=style):
                return self.text(content, style, width)
            case model.BulletList(items=items):
                return sum(self.text(item, "body", width - 18) for item in items)
            case model.Table(header=header, rows=rows):
                every = [*([header] if header else []), *rows]
                return sum(self.row_height(row, block, width) for row in every)
            case model.TableOfContents(title=title):
                entries = sum(
                    self.text((model.Span(text),), "body", width - 30 - 17 * (level - 1)) - 4
                    for level, text, _ in contents(self.blocks)
                )
                return self.text(title, "h1", width) + entries
            case model.Cover(title=title, details=details):
                lines = sum(self.text(value, "cell", width * 0.75) for _, value in details)
                return 60 + self.text(title, "title", width) + lines
            case model.Schedule():
                return self.schedule_height(block, width)
            case model.Parallel(left=left, right=right):
                half = width / 2 - 12
                return max(self.column(left, half), self.column(right, half))
        return 0.0

    def schedule_height(self, schedule: model.Schedule, width: float) -> float:
        header, hours = self.chart_rows(schedule, width)
        return header + sum(hours)

    def chart_rows(self, schedule: model.Schedule, width: float) -> tuple[float, list[float]]:
        """The heights (points) of the chart's header row and of its hour rows, the
        hour rows fitted to what a page leaves below the header row and room for a
        heading (see ``fitted``)."""
        header, needed = self.chart_needs(schedule, width)
        room = self.page_height - header - CHART_ROOM_AROUND
        # As in the PDF: 110 mm for the hours, an hour between 8 and 11 mm.
        tallest = max(8 * _MM, min(11 * _MM, 110 * _MM / max(len(needed), 1)))
        return header, fitted(needed, room, tallest)

    def chart_needs(self, schedule: model.Schedule, width: float) -> tuple[float, list[float]]:
        """The heights (points) the chart's header row and each hour row need at
        least: an hour's row holds its label and its share of the meetings that span
        it."""
        first, last = schedule.hours()
        column = (width - CHART_GUTTER_MM * _MM) / schedule.width_in_days - 2 * CHART_INSET
        head_look = chart_look(self.theme, "header-cell")
        header = max(self.text(day.title, head_look, column) for day in schedule.days)
        label = self.text((model.Span("00:00"),), chart_look(self.theme, "note"), width)
        rows = [label] * (last - first)
        event_look = chart_look(self.theme, "cell")
        for day in schedule.days:
            for top, bottom, events in hour_clusters(day.events, first, last):
                labels = [(model.Span("00:00–00:00"), model.LineBreak(), *e.label) for e in events]
                needed = sum(self.text(label, event_look, column) for label in labels)
                for row in range(top - 1, bottom):
                    rows[row] = max(rows[row], needed / (bottom - top + 1))
        padding = 2 * CHART_PADDING
        return header + padding, [row + padding for row in rows]

    def column(self, blocks: Iterable[model.Block], width: float) -> float:
        return sum(self.height(block, width) for block in blocks)

    def row_height(self, row: tuple[model.Cell, ...], table: model.Table, width: float) -> float:
        """A table row's height: its tallest cell's, whose paragraphs all take the
        look of table cells (as the writer writes them)."""
        total = sum(table.widths)
        cells = [
            sum(
                self.text(content, "cell", width * share / total - _CELL_INSET)
                for block in cell.blocks
                for content in (
                    [block.content] if isinstance(block, model.Paragraph) else block.items
                )
            )
            for cell, share in zip(row, table.widths, strict=False)
        ]
        return max(cells, default=0.0) + _CELL_PADDING

    def text(self, content: tuple[model.Inline, ...], look: str | TextLook, width: float) -> float:
        """The height of a paragraph of ``content`` in ``look`` (or the theme's look of
        that name)."""
        if isinstance(look, str):
            look = self.theme.look(look)
        height = look.space_before + look.space_after
        segment: list[str] = []
        for inline in (*content, model.LineBreak()):
            if isinstance(inline, model.Span):
                segment.append(inline.text)
                continue
            text = "".join(segment)
            lines = _lines(text, max(width, 1.0) / look.size)
            # Chinese fonts have taller lines than Latin ones.
            line = look.size * look.leading * (_CJK_LINE if _WIDE.search(text) else 1.0)
            height += lines * line
            segment.clear()
        return height


def _lines(text: str, width: float) -> int:
    """The lines ``text`` takes in ``width`` ems, broken between words (and between
    Chinese characters); a word wider than a line is broken inside."""
    lines, used = 1, 0.0
    for word in _WORD.findall(text):
        ems = 1.0 if _WIDE.match(word) else _LATIN_EM * len(word)
        inked = ems - _LATIN_EM * (len(word) - len(word.rstrip()))  # trailing spaces
        if used and used + inked > width:
            lines, used = lines + 1, 0.0
        while ems > width:
            lines, ems = lines + 1, ems - width
        used += ems
    return lines


_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\uffef]")
"""A Chinese character or punctuation mark, an em wide."""
_WORD = re.compile(rf"{_WIDE.pattern}|[^\s\u2e80-\u9fff\uf900-\uffef]+\s*|\s+")


def chart_look(theme: Theme, name: str) -> TextLook:
    """The look of the theme's ``name`` in the schedule chart: smaller and tighter,
    so that a week of meetings in two languages fits a page."""
    look = theme.look(name)
    return replace(look, size=round(look.size * 0.8, 1), space_before=0, space_after=0, leading=1.2)


def fitted(needed: list[float], room: float, tallest: float) -> list[float]:
    """Row heights, each at least what it ``needed``, as even as they can be, together
    filling ``room`` at most, and none taller than ``tallest`` unless it needs it.
    Rows that need more than ``room`` holds keep what they need."""
    low, high = 0.0, tallest
    for _ in range(40):  # the even height, found by halving
        middle = (low + high) / 2
        if sum(max(row, middle) for row in needed) <= room:
            low = middle
        else:
            high = middle
    return [max(row, low) for row in needed]


def hm(minutes: int) -> str:
    """Minutes after midnight as ``HH:MM``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def hour_clusters(
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


def contents(blocks: Iterable[model.Block]) -> list[tuple[int, str, model.Heading]]:
    """The entries of the table of contents: each heading of level 1 or 2, its level
    and text ("English / 中文" for a bilingual row's pair); the heading of the first
    language is the one the entry links to."""
    out: list[tuple[int, str, model.Heading]] = []
    for block in blocks:
        if isinstance(block, model.Heading) and block.level <= 2:
            out.append((block.level, model.plain_text(block.content), block))
        elif isinstance(block, model.Parallel):
            left, right = contents(block.left), contents(block.right)
            for (level, text, heading), (_, other, _) in zip(left, right, strict=False):
                out.append((level, f"{text} / {other}", heading))
    return out
