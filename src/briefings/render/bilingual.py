"""The bilingual edition: two renderings of one document zipped into parallel rows.

The English and the Chinese document come from the same template and the same records,
so their blocks correspond one to one. ``parallel_document`` pairs them (a sequence
match on block kinds guards against a template that differs by language) and lays
each pair side by side in a ``Parallel`` row: a heading travels with the block after
it, tables go row by row so each row faces its translation (tables wider than half a
page holds are folded to two columns first), and blocks that do not fit a half page
(the schedule chart, with its heading) are merged into one full-width block instead.
"""

from __future__ import annotations

from dataclasses import replace
from difflib import SequenceMatcher

from briefings.model import (
    Block,
    BulletList,
    Cell,
    Cover,
    Document,
    Heading,
    Inline,
    LineBreak,
    Metadata,
    PageBreak,
    Paragraph,
    Parallel,
    Schedule,
    ScheduleDay,
    ScheduleEvent,
    Span,
    Table,
    TableOfContents,
)

NARROW_TABLE = 3
"""Tables with more columns than this are folded to two columns in a bilingual edition
(five columns in half an A4 page are unreadable): the first two cells of a row one
under the other, and the rest likewise."""
FOLDED_FIRST = 2
"""How many of a wide table's columns its first folded column holds."""
FIELDS_LABEL = 0.3
"""The least share of a label/value table's width (before widening) its labels get
in half a page."""


def parallel_document(left: Document, right: Document) -> Document:
    """``left`` and ``right`` side by side, block by block (one ``Parallel`` per row)."""
    langs = (left.meta.lang, right.meta.lang)
    # Aligning the two needs them whole: a long parallel edition is held.
    pairs = _pair_blocks(tuple(left.blocks), tuple(right.blocks))
    blocks: list[Block] = []
    index = 0
    while index < len(pairs):
        a, b = pairs[index]
        follows = pairs[index + 1] if index + 1 < len(pairs) else (None, None)
        if (
            isinstance(a, Heading)
            and isinstance(b, Heading)
            and _rides_with_heading(follows[0])
            and _rides_with_heading(follows[1])
        ):
            # A heading never stands alone at the foot of a page: it shares a row.
            assert follows[0] is not None and follows[1] is not None
            blocks.append(Parallel((a, follows[0]), (_unanchored(b), follows[1]), langs))
            index += 2
            continue
        if (
            isinstance(a, Heading)
            and isinstance(b, Heading)
            and isinstance(follows[0], Schedule)
            and isinstance(follows[1], Schedule)
        ):
            # The chart is one full-width block: so is its heading, in both languages.
            blocks.append(Heading(a.level, _both(a.content, b.content), a.anchor))
            index += 1
            continue
        if (
            isinstance(a, Heading)
            and isinstance(b, Heading)
            and isinstance(follows[0], Table)
            and isinstance(follows[1], Table)
        ):
            rows = _rows(*follows, langs)
            first = rows[0] if rows else None
            if isinstance(first, Parallel):  # a table: the heading joins its first row
                joined = Parallel((a, *first.left), (_unanchored(b), *first.right), langs)
                blocks += [joined, *rows[1:]]
                index += 2
                continue
        blocks += _rows(a, b, langs)
        index += 1
    return Document(meta=_metadata(left.meta, right.meta), blocks=tuple(blocks))


def _signature(block: Block) -> tuple[object, ...]:
    match block:
        case Heading(level=level):
            return ("h", level)
        case Paragraph(style=style):
            return ("p", style)
        case Table(widths=widths, rows=rows, style=style):
            return ("table", len(widths), len(rows), style)
    return (type(block).__name__,)


def _pair_blocks(
    left: tuple[Block, ...], right: tuple[Block, ...]
) -> list[tuple[Block | None, Block | None]]:
    matcher = SequenceMatcher(
        a=[_signature(b) for b in left], b=[_signature(b) for b in right], autojunk=False
    )
    pairs: list[tuple[Block | None, Block | None]] = []
    for _, i1, i2, j1, j2 in matcher.get_opcodes():
        span = max(i2 - i1, j2 - j1)
        for k in range(span):
            a = left[i1 + k] if i1 + k < i2 else None
            b = right[j1 + k] if j1 + k < j2 else None
            pairs.append((a, b))
    return pairs


def _rides_with_heading(block: Block | None) -> bool:
    return isinstance(block, Paragraph | BulletList)


def _unanchored(block: Block) -> Block:
    """The right-hand copy of a heading: the bookmark belongs to the left one."""
    return replace(block, anchor=None) if isinstance(block, Heading) else block


def _rows(a: Block | None, b: Block | None, langs: tuple[str, str]) -> list[Block]:
    a, b = (None if x is None else _narrow(x) for x in (a, b))
    if isinstance(a, PageBreak) or isinstance(b, PageBreak):
        return [PageBreak()]
    if isinstance(a, TableOfContents) and isinstance(b, TableOfContents):
        return [TableOfContents(_both(a.title, b.title))]
    if isinstance(a, Cover) and isinstance(b, Cover) and len(a.details) == len(b.details):
        return [_merged_cover(a, b)]
    if isinstance(a, Schedule) and isinstance(b, Schedule) and len(a.days) == len(b.days):
        return [_merged_schedule(a, b)]
    if isinstance(a, Table) and isinstance(b, Table) and _same_shape(a, b):
        return _table_rows(a, b, langs)
    return [Parallel(_side(a), _unanchored_side(b), langs)]


def _side(block: Block | None) -> tuple[Block, ...]:
    """A side of a row (its block is narrowed already, by ``_rows``)."""
    return () if block is None else (block,)


def _narrow(block: Block) -> Block:
    """``block`` made for half a page: a table of more than ``NARROW_TABLE`` columns
    folded to two; the label column of a ``fields`` table widened to hold a label
    such as "Interpreter" on one line."""
    if not isinstance(block, Table):
        return block
    if block.style == "fields" and len(block.widths) == 2:
        label = max(block.widths[0], sum(block.widths) * FIELDS_LABEL)
        return replace(block, widths=(label, block.widths[1]))
    if len(block.widths) <= NARROW_TABLE:
        return block
    widths = (sum(block.widths[:FOLDED_FIRST]), sum(block.widths[FOLDED_FIRST:]))
    header = _folded_row(block.header) if block.header else ()
    rows = tuple(_folded_row(row) for row in block.rows)
    return Table(widths, header, rows, block.style)


def _folded_row(row: tuple[Cell, ...]) -> tuple[Cell, ...]:
    """A row of cells as two: the first cells' paragraphs one under the other (the
    very first in bold, it names the row), then the others'."""
    first = [_bold(block) if i == 0 else block for i, block in enumerate(row[0].blocks)]
    first += [block for cell in row[1:FOLDED_FIRST] for block in cell.blocks]
    rest = [block for cell in row[FOLDED_FIRST:] for block in cell.blocks]
    return (Cell(tuple(first)), Cell(tuple(rest)))


def _bold(block: Paragraph | BulletList) -> Paragraph | BulletList:
    if not isinstance(block, Paragraph):
        return block
    content = tuple(replace(i, bold=True) if isinstance(i, Span) else i for i in block.content)
    return replace(block, content=content)


def _unanchored_side(block: Block | None) -> tuple[Block, ...]:
    return tuple(_unanchored(b) for b in _side(block))


def _same_shape(a: Table, b: Table) -> bool:
    return a.widths == b.widths and len(a.rows) == len(b.rows) and a.style == b.style


def _table_rows(a: Table, b: Table, langs: tuple[str, str]) -> list[Block]:
    """A table pair as one row per table row, so each row faces its translation."""
    rows: list[Block] = []
    if a.header and b.header:
        rows.append(Parallel((replace(a, rows=()),), (replace(b, rows=()),), langs))
    for x, y in zip(a.rows, b.rows, strict=True):
        left, right = replace(a, header=(), rows=(x,)), replace(b, header=(), rows=(y,))
        rows.append(Parallel((left,), (right,), langs))
    return rows


def _both(a: tuple[Inline, ...], b: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return (*a, Span(" / "), *b)


def _merged_cover(a: Cover, b: Cover) -> Cover:
    """One cover in both languages: the English line above the Chinese one."""

    def stacked(x: tuple[Inline, ...], y: tuple[Inline, ...]) -> tuple[Inline, ...]:
        return (*x, LineBreak(), *y) if x and y else x or y

    details = tuple(
        (_both(la, lb), stacked(va, vb))
        for (la, va), (lb, vb) in zip(a.details, b.details, strict=True)
    )
    return Cover(
        _both(a.kind, b.kind), stacked(a.title, b.title), _both(a.marking, b.marking), details
    )


def _merged_schedule(a: Schedule, b: Schedule) -> Schedule:
    """One full-width chart whose labels carry both languages, one under the other."""
    days = []
    for day_a, day_b in zip(a.days, b.days, strict=True):
        events = [
            ScheduleEvent(x.start, x.end, (*x.label, LineBreak(), *y.label))
            for x, y in zip(day_a.events, day_b.events, strict=False)
        ]
        days.append(ScheduleDay((*day_a.title, LineBreak(), *day_b.title), tuple(events)))
    return Schedule(tuple(days), max(a.columns, b.columns))


def _metadata(a: Metadata, b: Metadata) -> Metadata:
    def joined(x: str, y: str) -> str:
        return x if x == y or not y else f"{x} / {y}" if x else y

    return replace(
        a,
        title=joined(a.title, b.title),
        subject=joined(a.subject, b.subject),
        marking=joined(a.marking, b.marking),
        page_label=joined(a.page_label, b.page_label),
        footer_note=joined(a.footer_note, b.footer_note),
        keep_together=tuple(dict.fromkeys((*a.keep_together, *b.keep_together))),
    )
