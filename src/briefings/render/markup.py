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

``<span src="12" lang="en">`` wraps record text: ``src`` names where it came from (see
``briefings.render.views``). ``<a href="#anchor">…</a>`` links text to the heading with
that anchor (links inside the document only).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

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
from briefings.text import is_wide

_SPACE = re.compile(r"\s+")
_META_FIELDS = {
    name.replace("_", "-"): name
    for name in ("title", "subject", "author", "header", "marking", "page_label", "footer_note")
}


class MarkupError(Exception):
    """A template produced markup outside the vocabulary; names the element."""


def parse_document(markup: str, *, lang: str, created: str = "") -> Document:
    """Turn a rendered template into a ``Document``."""
    try:
        root = ET.fromstring(markup)
    except ET.ParseError as exc:
        raise MarkupError(f"the template produced malformed markup: {exc}") from exc
    if root.tag != "document":
        raise MarkupError(f"the template must produce <document>, not <{root.tag}>")
    meta = Metadata(title="", lang=lang, created=created)
    blocks: list[Block] = []
    for element in root:
        if element.tag == "meta":
            meta = _metadata(element, meta)
        else:
            blocks.append(_block(element))
    return Document(meta=meta, blocks=tuple(blocks))


def _metadata(element: ET.Element, meta: Metadata) -> Metadata:
    values: dict[str, Any] = {}  # text fields only: the template sets no names
    for child in element:
        name = _META_FIELDS.get(child.tag)
        if name is None:
            raise MarkupError(f"unknown metadata <{child.tag}>")
        values[name] = plain_text(_inlines(child))
    return replace(meta, **values)


def _block(element: ET.Element) -> Block:
    tag = element.tag
    if tag in ("h1", "h2", "h3"):
        return Heading(int(tag[1]), _inlines(element), element.get("anchor"))
    if tag == "p":
        return Paragraph(_inlines(element), element.get("style", "body"))
    if tag == "ul":
        return _bullets(element)
    if tag == "table":
        return _table(element)
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


def _table(element: ET.Element) -> Table:
    header: tuple[Cell, ...] = ()
    rows: list[tuple[Cell, ...]] = []
    lengths: set[int] = set()
    """The number of cells of each row and of the header."""
    for tr in element:
        _expect(tr, "tr")
        cells = tuple(_cell(td) for td in tr if _expect(td, "td"))
        if tr.get("header"):
            header = cells
            if cells:  # an empty header row is no header
                lengths.add(len(cells))
        else:
            lengths.add(len(cells))
            rows.append(cells)
    widths = tuple(float(w) for w in element.get("widths", "").split())
    widths = widths or (1.0,) * max(lengths, default=0)
    if lengths - {len(widths)}:
        raise MarkupError(f"a table row does not have {len(widths)} cells")
    return Table(widths, header, tuple(rows), element.get("style", "grid"))


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
    _collect(element, Span(""), runs)
    return _tidy_space(runs)


def _collect(element: ET.Element, style: Span, runs: list[Inline]) -> None:
    """The runs of ``element``, each a copy of ``style`` (the emphasis, source and
    language around it) with its text."""
    if element.text:
        runs.append(replace(style, text=element.text))
    for child in element:
        if child.tag == "br":
            runs.append(LineBreak())
        elif child.tag in ("b", "i", "span"):
            inner = replace(
                style,
                bold=style.bold or child.tag == "b",
                italic=style.italic or child.tag == "i",
                source=_source(child, style.source),
                lang=child.get("lang", style.lang),
            )
            _collect(child, inner, runs)
        elif child.tag == "a":
            _collect(child, replace(style, link=_anchor(child)), runs)
        else:
            raise MarkupError(f"<{child.tag}> cannot stand inside text")
        if child.tail:
            runs.append(replace(style, text=child.tail))


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
        tidy.append(run if text == run.text else replace(run, text=text))
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


def _source(element: ET.Element, default: int | None) -> int | None:
    """The record text an element's ``src`` names (its number), else ``default``."""
    number = element.get("src")
    if number is None:
        return default
    if not number.isdigit():
        raise MarkupError(f"src={number!r} is not the number of a record text")
    return int(number)


def _anchor(element: ET.Element) -> str:
    """The heading anchor an ``<a>`` links to: its ``href`` must be ``#anchor``."""
    href = element.get("href", "")
    if not href.startswith("#") or len(href) < 2:
        raise MarkupError(f'<a href={href!r}>: a link goes to a heading, as href="#anchor"')
    return href[1:]
