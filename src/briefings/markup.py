"""Parse the small XML vocabulary that templates write into the document model.

Templates render with autoescaping on, so record text arrives here as character data
and can never become an element: ``R&D <b>2024</b>`` in a record is text, while
``<b>`` written in a template is emphasis. The vocabulary::

    <document>
      <meta><title>…</title><subject>…</subject><author>…</author><header>…</header>
            <marking>…</marking><page-label>Page {page} of {pages}</page-label>
            <footer-note>…</footer-note></meta>
      <h1 anchor="id">…</h1> … <h3>…</h3>
      <p style="body|title|subtitle|lead|note">… <b>…</b> <i>…</i> <br/> …</p>
      <ul><li>…</li></ul>
      <table widths="1 2" style="grid|fields"><tr header="1"><td>…</td></tr></table>
      <toc>Contents</toc>
      <pagebreak/>
      <cover><kind>…</kind><title>…</title><marking>…</marking>
             <detail><label>…</label><value>…</value></detail></cover>
      <schedule columns="7"><day><title>…</title>
                <event start="09:30" end="12:00">…</event></day></schedule>
    </document>

``<span src="file#field" lang="en">`` wraps record text (see ``briefings.views``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import cast

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
    Schedule,
    ScheduleDay,
    ScheduleEvent,
    Span,
    Table,
    TableOfContents,
    plain_text,
)
from briefings.records.yamlsafe import is_wide
from briefings.storage import PickleFile, StoredSequence

LONG_TABLE = 100
"""Rows from which a table read with a store keeps its rows on disk."""
_SPACE = re.compile(r"\s+")
_PIECE = 16 * 1024
_META_FIELDS = {
    "title": "title",
    "subject": "subject",
    "author": "author",
    "header": "header",
    "marking": "marking",
    "page-label": "page_label",
    "footer-note": "footer_note",
}


class MarkupError(Exception):
    """A template produced markup outside the vocabulary; names the element."""


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    source: str | None = None
    lang: str | None = None


def parse_document(markup: str, *, lang: str, created: str = "") -> Document:
    """Turn a rendered template into a ``Document``."""
    return read_document([markup], lang=lang, created=created)


def read_document(chunks: Iterable[str], *, lang: str, created: str = "") -> Document:
    """Turn markup arriving in ``chunks`` (as Jinja renders it) into a ``Document``:
    only the element being read is ever a tree, not the whole markup."""
    meta = Metadata(title="", lang=lang, created=created)
    blocks: list[Block] = []
    for element, rows in _top_level(chunks):
        if element.tag == "meta":
            meta = _metadata(element, meta)
        else:
            blocks.append(_block(element, rows))
    return Document(meta=meta, blocks=tuple(blocks))


def read_metadata(chunks: Iterable[str], *, lang: str, created: str = "") -> Metadata:
    """The metadata of markup arriving in ``chunks``, read from its first element
    (where templates write it): the rest is not rendered."""
    meta = Metadata(title="", lang=lang, created=created)
    first, _ = next(_top_level(chunks), (None, None))
    return _metadata(first, meta) if first is not None and first.tag == "meta" else meta


def read_blocks(chunks: Iterable[str], store: PickleFile | None = None) -> Iterator[Block]:
    """The blocks of markup arriving in ``chunks``, each made as its element ends
    and the element then let go, so a long document is never held whole. Its
    ``<meta>`` must come first (see ``read_metadata``). With a ``store``, the rows of
    a table longer than ``LONG_TABLE`` are kept there, not in memory."""
    for index, (element, rows) in enumerate(_top_level(chunks, store)):
        if element.tag != "meta":
            yield _block(element, rows)
        elif index:
            raise MarkupError("<meta> must come first in a document this long")


def _top_level(
    chunks: Iterable[str], store: PickleFile | None = None
) -> Iterator[tuple[ET.Element, _TableRows | None]]:
    """The children of ``<document>``, each once it is complete; a table's rows are
    read as each one ends, and come with it."""
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    root: ET.Element | None = None
    top: ET.Element | None = None
    rows: _TableRows | None = None
    depth = 0
    try:
        for chunk in _pieces(chunks):
            if chunk is None:
                parser.close()
            else:
                parser.feed(chunk)
            for event, element in cast(Iterator[tuple[str, ET.Element]], parser.read_events()):
                depth += 1 if event == "start" else -1
                if root is None:
                    root = element
                    if root.tag != "document":
                        tag = root.tag
                        raise MarkupError(f"the template must produce <document>, not <{tag}>")
                elif event == "start" and depth == 2:
                    top, rows = element, (_TableRows(store) if element.tag == "table" else None)
                elif event == "end" and depth == 2 and rows is not None and element.tag == "tr":
                    rows.add(element)
                    cast(ET.Element, top).remove(element)  # a long table is never one tree
                elif event == "end" and depth == 1:
                    yield element, rows
                    root.remove(element)  # read: let it go
    except ET.ParseError as exc:
        raise MarkupError(f"the template produced malformed markup: {exc}") from exc


def _pieces(chunks: Iterable[str]) -> Iterator[str | None]:
    """``chunks`` joined into pieces of about ``_PIECE`` characters (Jinja yields many
    small ones, and each feed of the parser costs), then None: the end of the input."""
    pending: list[str] = []
    size = 0
    for chunk in chunks:
        pending.append(chunk)
        size += len(chunk)
        if size >= _PIECE:
            yield "".join(pending)
            pending, size = [], 0
    yield "".join(pending)
    yield None


def _metadata(element: ET.Element, meta: Metadata) -> Metadata:
    values: dict[str, str] = {}
    for child in element:
        name = _META_FIELDS.get(child.tag)
        if name is None:
            raise MarkupError(f"unknown metadata <{child.tag}>")
        values[name] = plain_text(_inlines(child))
    return replace(meta, **values)


def _block(element: ET.Element, rows: _TableRows | None = None) -> Block:
    tag = element.tag
    if tag in ("h1", "h2", "h3"):
        return Heading(int(tag[1]), _inlines(element), element.get("anchor"))
    if tag == "p":
        return Paragraph(_inlines(element), element.get("style", "body"))
    if tag == "ul":
        return _bullets(element)
    if tag == "table":
        return _table(element, rows or _TableRows())
    if tag == "pagebreak":
        return PageBreak()
    if tag == "toc":
        return TableOfContents(_inlines(element))
    if tag == "cover":
        return _cover(element)
    if tag == "schedule":
        days = tuple(_schedule_day(day) for day in element if _expect(day, "day"))
        return Schedule(days, _count(element.get("columns", "0"), "columns"))
    raise MarkupError(f"unknown element <{tag}>")


def _cover(element: ET.Element) -> Cover:
    parts: dict[str, tuple[Inline, ...]] = {"kind": (), "title": (), "marking": ()}
    details = []
    for child in element:
        if child.tag in parts:
            parts[child.tag] = _inlines(child)
        elif child.tag == "detail":
            label, value = child.find("label"), child.find("value")
            if label is None or value is None or len(child) != 2:
                raise MarkupError("<detail> holds one <label> and one <value>")
            details.append((_inlines(label), _inlines(value)))
        else:
            raise MarkupError(f"unknown element <{child.tag}> in <cover>")
    return Cover(parts["kind"], parts["title"], parts["marking"], tuple(details))


def _schedule_day(element: ET.Element) -> ScheduleDay:
    title: tuple[Inline, ...] = ()
    events = []
    for child in element:
        if child.tag == "title":
            title = _inlines(child)
        elif _expect(child, "event"):
            start, end = _minutes(child.get("start")), _minutes(child.get("end"))
            events.append(ScheduleEvent(start, max(end, start), _inlines(child)))
    return ScheduleDay(title, tuple(events))


def _count(value: str, name: str) -> int:
    if not value.isdigit():
        raise MarkupError(f"{name}={value!r}: expected a whole number")
    return int(value)


def _minutes(value: str | None) -> int:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value or "")
    if not match:
        raise MarkupError(f"a schedule <event> needs start and end as HH:MM, not {value!r}")
    return int(match[1]) * 60 + int(match[2])


def _bullets(element: ET.Element) -> BulletList:
    items = tuple(_inlines(li) for li in element if _expect(li, "li"))
    return BulletList(tuple(item for item in items if item))


class _TableRows:
    """The rows of a table, each made from its ``<tr>`` as it is read. Past
    ``LONG_TABLE`` rows they go to ``store``, if there is one."""

    def __init__(self, store: PickleFile | None = None) -> None:
        self.store = store
        self.header: tuple[Cell, ...] = ()
        self.rows: list[tuple[Cell, ...]] | StoredSequence[tuple[Cell, ...]] = []
        self.lengths: set[int] = set()
        """The number of cells of each row and of the header."""

    def add(self, tr: ET.Element) -> None:
        _expect(tr, "tr")
        cells = tuple(_cell(td) for td in tr if _expect(td, "td"))
        if tr.get("header"):
            self.header = cells
            if cells:  # an empty header row is no header
                self.lengths.add(len(cells))
            return
        self.lengths.add(len(cells))
        if self.store is not None and len(self.rows) == LONG_TABLE:
            stored: StoredSequence[tuple[Cell, ...]] = StoredSequence(self.store)
            stored.extend(self.rows)
            self.rows = stored
        self.rows.append(cells)


def _table(element: ET.Element, rows: _TableRows) -> Table:
    for tr in element:  # rows not read yet (``read_blocks`` reads them as they come)
        rows.add(tr)
    widths = tuple(float(w) for w in element.get("widths", "").split())
    widths = widths or (1.0,) * max(rows.lengths, default=0)
    if rows.lengths - {len(widths)}:
        raise MarkupError(f"a table row does not have {len(widths)} cells")
    body = tuple(rows.rows) if isinstance(rows.rows, list) else rows.rows
    return Table(widths, rows.header, body, element.get("style", "grid"))


def _cell(element: ET.Element) -> Cell:
    if len(element) and all(child.tag in ("p", "ul") for child in element):
        blocks = tuple(_block(child) for child in element)
        return Cell(tuple(b for b in blocks if isinstance(b, Paragraph | BulletList)))
    return Cell((Paragraph(_inlines(element)),))


def _expect(element: ET.Element, tag: str) -> bool:
    if element.tag != tag:
        raise MarkupError(f"expected <{tag}>, found <{element.tag}>")
    return True


def _inlines(element: ET.Element) -> tuple[Inline, ...]:
    runs: list[Inline] = []
    _collect(element, _Style(), runs)
    return _tidy_space(runs)


def _collect(element: ET.Element, style: _Style, runs: list[Inline]) -> None:
    if element.text:
        runs.append(Span(element.text, style.bold, style.italic, style.source, style.lang))
    for child in element:
        if child.tag == "br":
            runs.append(LineBreak())
        elif child.tag in ("b", "i", "span"):
            inner = replace(
                style,
                bold=style.bold or child.tag == "b",
                italic=style.italic or child.tag == "i",
                source=child.get("src", style.source),
                lang=child.get("lang", style.lang),
            )
            _collect(child, inner, runs)
        else:
            raise MarkupError(f"<{child.tag}> cannot stand inside text")
        if child.tail:
            runs.append(Span(child.tail, style.bold, style.italic, style.source, style.lang))


def _tidy_space(runs: list[Inline]) -> tuple[Inline, ...]:
    """Collapse white space across runs as HTML does: one space between words, none at
    the ends of a line, and none between two wide (CJK) characters."""
    tidy: list[Inline] = []
    for run in runs:
        if isinstance(run, LineBreak):
            _strip_trailing(tidy)
            tidy.append(run)
            continue
        text = _drop_wide_spaces(_SPACE.sub(" ", run.text))
        previous = _last_text(tidy)
        if text.startswith(" ") and (not previous or previous.endswith(" ")):
            text = text[1:]
        if not text:
            continue
        if (
            len(previous) >= 2
            and previous[-1] == " "
            and is_wide(previous[-2])
            and is_wide(text[0])
        ):
            _strip_trailing(tidy)
        tidy.append(replace(run, text=text))
    _strip_trailing(tidy)
    return tuple(r for r in tidy if not isinstance(r, Span) or r.text)


def _drop_wide_spaces(text: str) -> str:
    if " " not in text:
        return text
    return "".join(
        c
        for i, c in enumerate(text)
        if not (
            c == " " and 0 < i < len(text) - 1 and is_wide(text[i - 1]) and is_wide(text[i + 1])
        )
    )


def _last_text(runs: list[Inline]) -> str:
    """The text emitted since the last line break ("" at the start of a line)."""
    if not runs or isinstance(runs[-1], LineBreak):
        return ""
    last = runs[-1]
    return last.text if isinstance(last, Span) else ""


def _strip_trailing(runs: list[Inline]) -> None:
    if runs and isinstance(runs[-1], Span) and runs[-1].text.endswith(" "):
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip(" "))
