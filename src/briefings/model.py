"""The format-neutral document model that templates produce and writers consume.

A small tree of frozen dataclasses, in the spirit of pandoc's AST: a ``Document`` has
``Metadata`` and a sequence of blocks; blocks hold inlines. Writers see only this
module; nothing here knows about meetings, DOCX or PDF.

Every ``Span`` may carry ``source``: where its text came from, as the renderer names it
(for a record's text, the number of its ``TextSource`` in the build's list), so that a
problem found late (a character no font can draw) still names the record field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text with uniform emphasis."""

    text: str
    bold: bool = False
    italic: bool = False
    source: int | None = None
    """The number of the record text it came from, in the build's list of sources
    (``briefings.diagnostics.TextSource``); None for text of the templates."""
    lang: str | None = None
    """Set when the run is in another language than its paragraph (a marked fallback)."""
    link: str | None = None
    """The anchor of the heading the run links to (a follow-up's meeting), if any."""


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break inside a paragraph."""


Inline = Span | LineBreak


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    content: tuple[Inline, ...]
    anchor: str | None = None
    """A stable name for bookmarks and the table of contents."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    content: tuple[Inline, ...]
    style: str = "body"
    """One of ``body``, ``title``, ``subtitle``, ``lead``, ``note``, ``marking``."""


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[tuple[Inline, ...], ...]


@dataclass(frozen=True, slots=True)
class Cell:
    blocks: tuple[Paragraph | BulletList, ...]


@dataclass(frozen=True, slots=True)
class Table:
    widths: tuple[float, ...]
    """Relative column widths; writers scale them to the text width."""
    header: tuple[Cell, ...]
    rows: tuple[tuple[Cell, ...], ...]
    style: str = "grid"
    """``grid`` for data tables (header row repeated on each page), ``fields`` for
    label/value pairs without a header."""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class TableOfContents:
    title: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Cover:
    """The opening block of a document: what it is, for which visit, and its marking."""

    kind: tuple[Inline, ...]
    """The document type, e.g. "Meeting briefing"."""
    title: tuple[Inline, ...]
    marking: tuple[Inline, ...] = ()
    details: tuple[tuple[tuple[Inline, ...], tuple[Inline, ...]], ...] = ()
    """Label and value pairs: delegation, dates, place."""


@dataclass(frozen=True, slots=True)
class ScheduleEvent:
    start: int
    """Minutes after local midnight."""
    end: int
    label: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class ScheduleDay:
    title: tuple[Inline, ...]
    events: tuple[ScheduleEvent, ...]


@dataclass(frozen=True, slots=True)
class Schedule:
    """A day-by-day chart: days as columns, events placed by their local time."""

    days: tuple[ScheduleDay, ...]
    columns: int = 0
    """The columns the chart is divided into, if more than its days: the last week of
    a long visit keeps the column width of the weeks before it."""

    @property
    def width_in_days(self) -> int:
        """How many day columns the chart's width holds."""
        return max(len(self.days), self.columns, 1)

    def hours(self) -> tuple[int, int]:
        """The first and last full hour the chart spans (at least 8:00 to 18:00)."""
        events = [e for day in self.days for e in day.events]
        first = min([8 * 60, *(e.start for e in events)]) // 60
        last = -(-max([18 * 60, *(e.end for e in events)]) // 60)
        return first, min(last, 24)


@dataclass(frozen=True, slots=True)
class Parallel:
    """One row of a bilingual edition: the same blocks in two languages, side by side."""

    left: tuple[Block, ...]
    right: tuple[Block, ...]
    langs: tuple[str, str] = ("en-GB", "zh-CN")

    def table_row_pair(
        self,
    ) -> tuple[tuple[tuple[Block, ...], Table], tuple[tuple[Block, ...], Table]] | None:
        """If both sides end with one row of a table of the same kind (after a heading,
        maybe): what comes before it and the table, on each side. Writers lay such a
        row out as one row of a table with the columns of both."""
        if not self.left or not self.right:
            return None
        left, right = self.left[-1], self.right[-1]
        if not (isinstance(left, Table) and isinstance(right, Table)):
            return None
        if len(left.rows) + bool(left.header) != 1 or len(right.rows) + bool(right.header) != 1:
            return None
        if bool(left.header) != bool(right.header):
            return None
        return (self.left[:-1], left), (self.right[:-1], right)


Block = (
    Heading
    | Paragraph
    | BulletList
    | Table
    | PageBreak
    | TableOfContents
    | Cover
    | Schedule
    | Parallel
)


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    lang: str
    """BCP 47 language of the document, e.g. ``en`` or ``zh-CN``."""
    subject: str = ""
    author: str = ""
    header: str = ""
    """Running header text."""
    marking: str = ""
    """Handling marking printed on every page, e.g. "Internal"."""
    page_label: str = "{page} / {pages}"
    """Footer text, with ``{page}`` and ``{pages}`` replaced by the numbers."""
    footer_note: str = ""
    created: str = ""
    """ISO 8601 timestamp (UTC) of the build, from SOURCE_DATE_EPOCH where set."""
    keep_together: tuple[str, ...] = ()
    """Names (of places, organisations, people) that a line should not break inside,
    where it can break elsewhere."""

    def furniture(self) -> tuple[str, ...]:
        """The texts drawn on every page around the body: header, marking, page label
        and footer note."""
        return (self.header, self.marking, self.page_label, self.footer_note)

    @property
    def created_at(self) -> datetime:
        """``created`` as a UTC date-time; a fixed date when it is not set, so that
        output stays reproducible."""
        if not self.created:
            return datetime(2000, 1, 1, tzinfo=UTC)
        return datetime.fromisoformat(self.created).astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Document:
    meta: Metadata
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def spans(self) -> Iterator[Span]:
        """Every text run of the document, in reading order, including tables."""
        for block in self.blocks:
            yield from block_spans(block)

    def text(self) -> str:
        """The plain text, for tests and debugging."""
        return "\n".join(span.text for span in self.spans())

    def to_json(self) -> str:
        """A stable JSON dump of the model, for snapshot tests and for debugging a template."""
        return json.dumps(_tagged(self), ensure_ascii=False, indent=1, sort_keys=True)


def plain_text(content: tuple[Inline, ...]) -> str:
    """The text of some inlines, without emphasis or line breaks."""
    return "".join(i.text for i in content if isinstance(i, Span))


def block_spans(block: Block | Cell) -> Iterator[Span]:
    """The text runs of one block, in reading order."""
    match block:
        case Heading(content=content) | Paragraph(content=content) | TableOfContents(title=content):
            yield from (i for i in content if isinstance(i, Span))
        case BulletList(items=items):
            for item in items:
                yield from (i for i in item if isinstance(i, Span))
        case Table(header=header, rows=rows):
            for cell in (*header, *(c for row in rows for c in row)):
                yield from block_spans(cell)
        case Cell(blocks=blocks):
            for inner in blocks:
                yield from block_spans(inner)
        case Cover(kind=kind, title=title, marking=marking, details=details):
            parts = (kind, title, marking, *(part for pair in details for part in pair))
            runs = tuple(i for part in parts for i in part)
            yield from (i for i in runs if isinstance(i, Span))
        case Schedule(days=days):
            for day in days:
                runs = (*day.title, *(i for e in day.events for i in e.label))
                yield from (i for i in runs if isinstance(i, Span))
        case Parallel(left=left, right=right):
            for side in (*left, *right):
                yield from block_spans(side)


def _tagged(value: Any) -> Any:
    if is_dataclass(value):
        items = {f.name: _tagged(getattr(value, f.name)) for f in fields(value)}
        return {"type": type(value).__name__, **items}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_tagged(v) for v in value]
    return value
