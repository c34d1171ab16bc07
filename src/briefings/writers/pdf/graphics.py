"""Drawn PDF blocks that are not text flows: the cover band and the schedule chart.

Both are vector graphics drawn straight on the canvas; their text goes through our
line breaker and is drawn by the caller's ``draw_line`` (the PDF writer's), so it uses
the same embedded fonts and font fallback as the body text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from briefings import model
from briefings.theme import TextLook, Theme
from briefings.writers.pdf.canvas import drawing, tagged
from briefings.writers.pdf.linebreak import (
    ELLIPSIS,
    Line,
    Measurer,
    TextStyle,
    layout,
    truncated,
    with_ellipsis,
)
from briefings.writers.pdf.structure import Element

DrawLine = Callable[[Canvas, Line, float, float], None]
EVENT_SIZE = 7.0
"""The size (points) of every event label of the schedule chart."""
DAY_TITLE_LINES = 6
"""The most lines a day's title may take: a travel day of a bilingual edition names
its date and places in both languages."""


def _runs(content: tuple[model.Inline, ...], look: TextLook) -> list[tuple[str, TextStyle]]:
    runs: list[tuple[str, TextStyle]] = []
    for inline in content:
        if isinstance(inline, model.LineBreak):
            runs.append(("\n", TextStyle(look.size, "regular", look.color)))
        else:
            bold = look.bold or inline.bold
            style = "bold" if bold else ("italic" if inline.italic else "regular")
            runs.append((inline.text, TextStyle(look.size, style, look.color)))
    return runs


class CoverBand(Flowable):  # type: ignore[misc]
    """An accent rule across the text width, the document type under it on the left
    and the marking, boxed, on the right."""

    def __init__(
        self,
        kind: tuple[model.Inline, ...],
        marking: tuple[model.Inline, ...],
        theme: Theme,
        measurer: Measurer,
        draw_line: DrawLine,
        elements: tuple[Element | None, Element | None] = (None, None),
    ) -> None:
        super().__init__()
        self.kind, self.marking = kind, marking
        self.elements = elements
        """The structure elements of the document type and of the marking."""
        self.theme, self.measurer, self.draw_line = theme, measurer, draw_line
        self.spaceAfter = 4 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, 12 * mm
        return self.width, self.height

    def draw(self) -> None:
        canvas, theme = self.canv, self.theme
        if not drawing(canvas):
            return
        canvas.setFillColor(HexColor(theme.accent))
        canvas.rect(0, self.height - 2.2 * mm, self.width, 2.2 * mm, stroke=0, fill=1)
        baseline = self.height - 8.5 * mm
        kind_look = theme.look("kicker")
        kind = layout(_runs(self.kind, kind_look), self.width * 0.6, self.measurer)
        if kind:
            with tagged(canvas, self.elements[0]):
                self.draw_line(canvas, kind[0], 0, baseline)
        marking_look = theme.look("marking")
        marking = layout(_runs(self.marking, marking_look), self.width * 0.35, self.measurer)
        if marking and marking[0].width:
            line = marking[0]
            pad = 2.2 * mm
            x = self.width - line.width - pad
            canvas.setStrokeColor(HexColor(marking_look.color))
            canvas.setLineWidth(0.8)
            box_height = marking_look.size + 2 * pad * 0.7
            canvas.rect(
                x - pad, baseline - pad * 0.9, line.width + 2 * pad, box_height, stroke=1, fill=0
            )
            with tagged(canvas, self.elements[1]):
                self.draw_line(canvas, line, x, baseline)


class Rule(Flowable):  # type: ignore[misc]
    """A thin horizontal line across the text width."""

    def __init__(self, color: str, space_after: float = 6 * mm) -> None:
        super().__init__()
        self.color = color
        self.spaceBefore = 2 * mm
        self.spaceAfter = space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, 0.8
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(HexColor(self.color))
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 0.4, self.width, 0.4)


@dataclass(frozen=True)
class _Placed:
    event: model.ScheduleEvent
    lane: int
    lanes: int


def place_events(events: tuple[model.ScheduleEvent, ...]) -> list[_Placed]:
    """Side-by-side lanes for events of one day that overlap (each cluster of
    overlapping events shares the column width)."""
    ordered = sorted(events, key=lambda e: (e.start, e.end))
    placed: list[_Placed] = []
    cluster: list[tuple[model.ScheduleEvent, int]] = []
    cluster_end = -1

    def close() -> None:
        lanes = max((lane for _, lane in cluster), default=-1) + 1
        placed.extend(_Placed(event, lane, lanes) for event, lane in cluster)

    for event in ordered:
        if event.start >= cluster_end:
            close()
            cluster, cluster_end = [], event.end
        lane_ends: dict[int, int] = {}
        for other, lane in cluster:
            lane_ends[lane] = max(lane_ends.get(lane, 0), other.end)
        lane = next((n for n in sorted(lane_ends) if lane_ends[n] <= event.start), len(lane_ends))
        cluster.append((event, lane))
        cluster_end = max(cluster_end, event.end)
    close()
    return placed


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


class ScheduleChart(Flowable):  # type: ignore[misc]
    """Days as columns, hours down the side, each event a block at its local time."""

    def __init__(
        self,
        schedule: model.Schedule,
        theme: Theme,
        measurer: Measurer,
        draw_line: DrawLine,
        element: Element | None = None,
    ) -> None:
        super().__init__()
        self.schedule = schedule
        self.element = element
        """The chart's ``Figure`` element: all it draws is that figure's content."""
        self.theme, self.measurer, self.draw_line = theme, measurer, draw_line
        self.first, self.last = schedule.hours()
        self.gutter = 11 * mm
        self.head = 11 * mm
        self.head_lines = 2
        self.head_look = TextLook(8.5, bold=True, color=theme.accent, space_after=0, leading=1.2)
        self.spaceBefore = 1 * mm
        self.spaceAfter = 3 * mm

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        hours = max(self.last - self.first, 1)
        self.hour = max(8 * mm, min(11 * mm, 110 * mm / hours))
        self.width = avail_width
        column = (avail_width - self.gutter) / self.schedule.width_in_days
        self.head_lines = max(
            [1, *(len(self.day_title(day, column)) for day in self.schedule.days)]
        )
        self.head = (self.head_lines * 1.2 * self.head_look.size + 4) + 2 * mm
        self.height = self.head + hours * self.hour
        return self.width, self.height

    def y_of(self, minutes: int) -> float:
        return float(self.height - self.head - (minutes / 60 - self.first) * self.hour)

    def draw(self) -> None:
        if drawing(self.canv):
            with tagged(self.canv, self.element):
                self.draw_chart()

    def draw_chart(self) -> None:
        canvas, theme = self.canv, self.theme
        days = self.schedule.days or (model.ScheduleDay((), ()),)
        column = (self.width - self.gutter) / self.schedule.width_in_days
        label_look = TextLook(7, color="#666666", space_after=0, leading=1.2)
        canvas.setLineWidth(0.4)
        right = self.gutter + len(days) * column
        for hour in range(self.first, self.last + 1):
            y = self.y_of(hour * 60)
            canvas.setStrokeColor(HexColor(theme.rule))
            canvas.line(self.gutter - 1.5 * mm, y, right, y)
            if hour < self.last:
                text = layout(
                    _runs((model.Span(f"{hour:02d}:00"),), label_look), 20 * mm, self.measurer
                )
                self.draw_line(canvas, text[0], 0, y - label_look.size * 0.35)
        head_look = self.head_look
        for index, day in enumerate(days):
            x = self.gutter + index * column
            canvas.setStrokeColor(HexColor(theme.rule))
            canvas.line(x, 0, x, self.height - self.head + 1 * mm)
            for n, line in enumerate(self.day_title(day, column)):
                baseline = self.height - head_look.size - n * head_look.size * 1.2
                self.draw_line(canvas, line, x + 1.5 * mm, baseline)
            for placed in place_events(day.events):
                self.event(placed, x, column)

    def day_title(self, day: model.ScheduleDay, column: float) -> list[Line]:
        runs = _runs(day.title, self.head_look)
        return truncated(runs, column - 2 * mm, self.measurer, DAY_TITLE_LINES)

    def event(self, placed: _Placed, x: float, column: float) -> None:
        canvas, theme, event = self.canv, self.theme, placed.event
        lane_width = (column - 2 * mm) / placed.lanes
        left = x + 1 * mm + placed.lane * lane_width
        top, bottom = self.y_of(event.start), self.y_of(max(event.end, event.start + 20))
        width, height = lane_width - 0.8 * mm, top - bottom - 0.6 * mm
        canvas.setFillColor(HexColor(theme.stripe_fill))
        canvas.setStrokeColor(HexColor(theme.rule))
        canvas.roundRect(left, top - height, width, height, 1.2 * mm, stroke=1, fill=1)
        canvas.setFillColor(HexColor(theme.accent))
        canvas.rect(left, top - height, 1 * mm, height, stroke=0, fill=1)
        inner = width - 3 * mm
        time = f"{_hm(event.start)}–{_hm(event.end)}"
        # Every block's text is one size: a label too long for its block is cut short.
        time_look = TextLook(EVENT_SIZE - 0.4, bold=True, color=theme.accent, leading=1.2)
        text_look = TextLook(EVENT_SIZE, color="#1a1a1a", space_after=0, leading=1.2)
        lines = layout(_runs((model.Span(time),), time_look), inner, self.measurer)[:1]
        lines += layout(_runs(event.label, text_look), inner, self.measurer)
        steps = [look.size * look.leading for look in (time_look, *[text_look] * (len(lines) - 1))]
        fits = next(
            (n for n, used in enumerate(accumulate(steps)) if used > height - 1.7 * mm),
            len(lines),
        )
        if 0 < fits < len(lines):  # the label is cut short: say so
            look = time_look if fits == 1 else text_look
            style = TextStyle(look.size, "bold" if look.bold else "regular", look.color)
            cut = with_ellipsis(lines[fits - 1], inner, self.measurer, style)
            if fits > 1 or cut.text == lines[0].text + ELLIPSIS:  # never cut into the time
                lines[fits - 1] = cut
        y = top - 1.2 * mm
        for n, line in enumerate(lines[:fits]):
            look = time_look if n == 0 else text_look
            y -= look.size * look.leading
            self.draw_line(canvas, line, left + 2 * mm, y + look.size * 0.22)


def describe(schedule: model.Schedule) -> str:
    """What the chart shows, as text (its alternate text): each day and its events."""
    days = []
    for day in schedule.days:
        events = [
            f"{_hm(e.start)}–{_hm(e.end)} {model.plain_text(e.label)}"
            for e in sorted(day.events, key=lambda e: (e.start, e.end))
        ]
        days.append(f"{model.plain_text(day.title)}: {'; '.join(events) or '–'}")
    return ". ".join(days)
