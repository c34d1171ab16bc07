"""Model blocks to one self-contained HTML page, one method per block type.

The page reads on a phone first: tables of three columns or more become cards on a
narrow screen, the schedule chart becomes a list per day, and a bilingual row puts its
two languages side by side only where the screen is wide (see ``styles``). Every text
of the model is escaped: nothing a record holds can become markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from html import escape

from briefings import model
from briefings.text import is_wide
from briefings.theme import Theme
from briefings.writers.html.languages import (
    SEPARATOR,
    same_language,
    script_of_language,
    script_of_text,
    split_joined,
)
from briefings.writers.html.page import PAGE_END, page_start
from briefings.writers.html.styles import stylesheet

PARAGRAPH_STYLES = frozenset({"title", "subtitle", "lead", "note", "marking"})
"""The paragraph styles of the model that get a class; ``body`` is a plain ``<p>``."""
CARD_COLUMNS = 3
"""Tables with this many columns or more become cards on a narrow screen."""
CONTENTS_ID = "contents"
"""The id of the table of contents' title (unless a heading has it already)."""
CONTENTS_LEVELS = 2
"""The heading levels the table of contents lists (as in the DOCX and PDF)."""


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    level: int
    target: str
    """The id of the heading it links to."""
    html: str
    """The entry's text, as HTML."""


@dataclass(slots=True)
class _PairTable:
    """A bilingual table being written: each row holds both languages' cells."""

    shape: tuple[object, ...]
    labels: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    body_open: bool = False


class HeadingIds:
    """Unique ids for the headings of a page, in order: the heading's anchor where it
    has one (made safe for a URL fragment), else ``section-N``. The contents and the
    page give them out in the same order, so both get the same ids."""

    def __init__(self) -> None:
        self.taken = {"main"}
        self.count = 0

    def next(self, anchor: str | None) -> str:
        """The id of the next heading."""
        self.count += 1
        base = re.sub(r"[^A-Za-z0-9_.-]+", "-", anchor or "").strip("-")
        return self.unique(base or f"section-{self.count}")

    def unique(self, base: str) -> str:
        """``base``, or ``base-2``, ``base-3``, ... if taken."""
        candidate, suffix = base, 1
        while candidate in self.taken:
            suffix += 1
            candidate = f"{base}-{suffix}"
        self.taken.add(candidate)
        return candidate


class HtmlWriter:
    """Writes documents as HTML pages in the look of ``theme``; one document at a time
    (``write`` keeps the page being written in the writer)."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.css = stylesheet(theme)
        self._out: list[str] = []
        self._langs: list[str] = ["en"]
        """The language of the element being written, innermost last."""
        self._lang = "en"
        """The document's language."""
        self._other: str | None = None
        """The second language of a bilingual edition."""
        self._language_known = False
        """Whether a side of a bilingual row (or a cell of one language in a bilingual
        table) is being written: the model gives its language."""
        self._ids = HeadingIds()
        self._names: re.Pattern[str] | None = None
        """The document's Chinese names (``Metadata.keep_together``), kept on one line."""
        self._contents: list[ContentsEntry] = []
        self._link_targets: dict[str, str] = {}
        """The id of the first heading with each anchor: what links to it go to."""
        self._pair: _PairTable | None = None

    # -- the page ----------------------------------------------------------------------
    def write(self, document: model.Document) -> bytes:
        """``document`` as the bytes of a UTF-8 HTML page."""
        meta = document.meta
        self._lang = meta.lang
        self._langs = [meta.lang]
        self._other = _second_language(document.blocks, meta.lang)
        self._language_known = False
        self._link_targets = {}
        self._names = names_pattern(meta.keep_together)
        self._contents = self.outline(document.blocks)
        self._ids = HeadingIds()
        self._pair = None
        metas = (
            ("description", meta.subject),
            ("author", meta.author),
            ("dcterms.created", meta.created),
        )
        self._out = [page_start(meta.lang, meta.title, self.css, metas)]
        self.running_header(meta)
        self._out.append('<main id="main">\n')
        for block in document.blocks:
            self.block(block)
        self.close_pair_table()
        self._out.append("</main>\n")
        self.running_footer(meta)
        self._out.append(PAGE_END)
        page = "".join(self._out)
        self._out = []
        return page.encode("utf-8")

    def running_header(self, meta: model.Metadata) -> None:
        """The visit and the handling marking, above the content."""
        if not (meta.header or meta.marking):
            return
        self._out.append('<header class="running">')
        if meta.header:
            self._out.append(f'<p class="visit">{self.joined_text(meta.header)}</p>')
        if meta.marking:
            self._out.append(f'<p class="marking">{self.joined_text(meta.marking)}</p>')
        self._out.append("</header>\n")

    def running_footer(self, meta: model.Metadata) -> None:
        """The generation date (the page label of paper has no place on a screen)."""
        if meta.footer_note:
            self._out.append(
                f'<footer class="running"><p>{self.joined_text(meta.footer_note)}</p></footer>\n'
            )

    def outline(self, blocks: Iterable[model.Block]) -> list[ContentsEntry]:
        """The entries of the table of contents: every heading down to
        ``CONTENTS_LEVELS``; a bilingual row's heading as "English / 中文"."""
        ids = HeadingIds()
        entries: list[ContentsEntry] = []
        for block in blocks:
            if isinstance(block, model.TableOfContents):
                ids.unique(CONTENTS_ID)
            elif isinstance(block, model.Heading):
                target = ids.next(block.anchor)
                self.link_to(block, target)
                entries.append(ContentsEntry(block.level, target, self.inlines(block.content)))
            elif isinstance(block, model.Parallel):
                left = [b for b in block.left if isinstance(b, model.Heading)]
                right = [b for b in block.right if isinstance(b, model.Heading)]
                targets = [ids.next(h.anchor) for h in left]
                for heading, target in zip(left, targets, strict=True):
                    self.link_to(heading, target)
                for heading in right:  # the ids the page gives them, unlisted
                    self.link_to(heading, ids.next(heading.anchor))
                for index, (heading, target) in enumerate(zip(left, targets, strict=True)):
                    text = self.in_language(block.langs[0], heading.content)
                    if index < len(right):
                        other = self.in_language(block.langs[1], right[index].content)
                        text = f"{text}{SEPARATOR}{other}"
                    entries.append(ContentsEntry(heading.level, target, text))
        return [entry for entry in entries if entry.level <= CONTENTS_LEVELS]

    def link_to(self, heading: model.Heading, target: str) -> None:
        """Note that links to ``heading``'s anchor go to the id ``target`` (to the
        first heading with that anchor)."""
        if heading.anchor:
            self._link_targets.setdefault(heading.anchor, target)

    def link_target(self, anchor: str) -> str:
        """The id of the heading with ``anchor`` (a bilingual row's: the first
        side's, the row's anchor)."""
        return self._link_targets.get(anchor) or HeadingIds().next(anchor)

    # -- blocks ------------------------------------------------------------------------
    def block(self, block: model.Block) -> None:
        if not isinstance(block, model.Parallel):
            self.close_pair_table()
        match block:
            case model.Heading():
                self.heading(block)
            case model.Paragraph():
                self.paragraph(block)
            case model.BulletList():
                self.bullet_list(block)
            case model.Table():
                self.table(block)
            case model.PageBreak():
                self.page_break(block)
            case model.TableOfContents():
                self.table_of_contents(block)
            case model.Cover():
                self.cover(block)
            case model.Schedule():
                self.schedule(block)
            case model.Parallel():
                self.parallel(block)

    def heading(self, heading: model.Heading) -> None:
        level = min(max(heading.level, 1), 3)
        target = self._ids.next(heading.anchor)
        self._out.append(f'<h{level} id="{target}">{self.inlines(heading.content)}</h{level}>\n')

    def paragraph(self, paragraph: model.Paragraph) -> None:
        style = f' class="{paragraph.style}"' if paragraph.style in PARAGRAPH_STYLES else ""
        self._out.append(f"<p{style}>{self.inlines(paragraph.content)}</p>\n")

    def bullet_list(self, bullets: model.BulletList) -> None:
        self._out.append(self.list_items(bullets) + "\n")

    def list_items(self, bullets: model.BulletList) -> str:
        items = "".join(f"<li>{self.inlines(item)}</li>" for item in bullets.items)
        return f"<ul>{items}</ul>"

    def page_break(self, _: model.PageBreak) -> None:
        """Nothing on a screen; a new page in print."""
        self._out.append('<div class="page-break"></div>\n')

    def table(self, table: model.Table) -> None:
        """A table: column headers with ``scope``, each data cell labelled with its
        column's header (shown above the value when the table becomes cards)."""
        columns = len(table.widths)
        classes = _table_classes(table.style, columns, bool(table.header))
        out = self._out
        out.append(f'<table class="{classes}"><colgroup>{_cols(table.widths, 100.0)}</colgroup>')
        labels: tuple[str, ...] = ()
        if table.header:
            labels = tuple(_label(cell) for cell in table.header)
            out.append(f"<thead><tr>{self.header_cells(table.header)}</tr></thead>\n")
        out.append("<tbody>\n")
        for row in table.rows:
            out.append(f"<tr>{self.row_cells(row, table.style, labels)}</tr>\n")
        out.append("</tbody></table>\n")

    def header_cells(
        self, cells: tuple[model.Cell, ...], lang: str | None = None, first: str = ""
    ) -> str:
        """The ``th`` of a header row, in ``lang`` where given; ``first``: a class for
        the first cell."""
        return "".join(
            self.cell("th", cell, lang, scope="col", css_class=first if index == 0 else "")
            for index, cell in enumerate(cells)
        )

    def row_cells(
        self,
        cells: tuple[model.Cell, ...],
        style: str,
        labels: tuple[str, ...],
        lang: str | None = None,
        first: str = "",
    ) -> str:
        """The cells of a body row: a label/value table's label is a row header."""
        out = []
        for index, cell in enumerate(cells):
            css_class = first if index == 0 else ""
            if style == "fields" and index == 0:
                out.append(self.cell("th", cell, lang, scope="row", css_class=css_class))
            else:
                label = labels[index] if index < len(labels) else ""
                out.append(self.cell("td", cell, lang, label=label, css_class=css_class))
        return "".join(out)

    def cell(
        self,
        tag: str,
        cell: model.Cell,
        lang: str | None,
        *,
        scope: str = "",
        label: str = "",
        css_class: str = "",
    ) -> str:
        attributes = self.lang_attribute(lang) if lang else ""
        if scope:
            attributes += f' scope="{scope}"'
        if css_class:
            attributes += f' class="{css_class}"'
        if label:
            attributes += f' data-label="{escape(label)}"'
        blocks = cell.blocks
        with self.language(lang) if lang else nullcontext():
            if len(blocks) == 1 and isinstance(blocks[0], model.Paragraph):
                content = self.inlines(blocks[0].content)
            else:
                content = "".join(
                    f"<p>{self.inlines(b.content)}</p>"
                    if isinstance(b, model.Paragraph)
                    else self.list_items(b)
                    for b in blocks
                )
        return f"<{tag}{attributes}>{content}</{tag}>"

    def table_of_contents(self, toc: model.TableOfContents) -> None:
        """A ``nav`` with the headings as links, second levels nested in the first."""
        out = self._out
        title_id = self._ids.unique(CONTENTS_ID)
        out.append(f'<nav class="contents" aria-labelledby="{title_id}">')
        out.append(f'<h1 id="{title_id}">{self.inlines(toc.title)}</h1>\n<ol>')
        top = min((entry.level for entry in self._contents), default=1)
        item_open = nested_open = False
        for entry in self._contents:
            link = f'<a href="#{entry.target}">{entry.html}</a>'
            if entry.level > top and item_open:
                if not nested_open:
                    out.append("<ol>")
                    nested_open = True
                out.append(f"<li>{link}</li>")
                continue
            if nested_open:
                out.append("</ol>")
                nested_open = False
            if item_open:
                out.append("</li>\n")
            out.append(f"<li>{link}")
            item_open = True
        if nested_open:
            out.append("</ol>")
        if item_open:
            out.append("</li>")
        out.append("</ol></nav>\n")

    def cover(self, cover: model.Cover) -> None:
        """The document type and marking, the title, then the details as a list of
        terms and values."""
        out = self._out
        out.append(
            f'<div class="cover">\n<p class="kicker"><span>{self.inlines(cover.kind)}</span>'
        )
        if cover.marking:
            out.append(f'<strong class="marking">{self.inlines(cover.marking)}</strong>')
        out.append(f'</p>\n<p class="title">{self.inlines(cover.title)}</p>\n')
        if cover.details:
            out.append('<dl class="details">')
            for label, value in cover.details:
                out.append(
                    f"<div><dt>{self.inlines(label)}</dt><dd>{self.inlines(value)}</dd></div>"
                )
            out.append("</dl>\n")
        out.append("</div>\n")

    def schedule(self, schedule: model.Schedule) -> None:
        """The chart as a list of days, each with its meetings in order of time."""
        out = self._out
        out.append('<ol class="schedule">\n')
        for day in schedule.days:
            out.append(f'<li class="day"><p class="day-title">{self.inlines(day.title)}</p>')
            if day.events:
                out.append('<ul class="events">')
                for event in sorted(day.events, key=lambda e: (e.start, e.end)):
                    time = f"{_clock(event.start)}–{_clock(event.end)}"
                    out.append(
                        f'<li><span class="time">{time}</span> {self.inlines(event.label)}</li>'
                    )
                out.append("</ul>")
            out.append("</li>\n")
        out.append("</ol>\n")

    def parallel(self, row: model.Parallel) -> None:
        """One row of a bilingual edition: the two sides in a grid row. A table's row
        joins the table of the rows before it, with both languages' columns."""
        pair = row.table_row_pair()
        if pair is None:
            self.close_pair_table()
            self.sides(row.left, row.right, row.langs)
            return
        (lead_left, left), (lead_right, right) = pair
        if lead_left or lead_right:  # the heading that rides with the table's first row
            self.close_pair_table()
            self.sides(lead_left, lead_right, row.langs)
        self.pair_table_row(left, right, row.langs)

    def sides(
        self, left: tuple[model.Block, ...], right: tuple[model.Block, ...], langs: tuple[str, str]
    ) -> None:
        out = self._out
        out.append('<div class="pair">\n')
        for blocks, lang in ((left, langs[0]), (right, langs[1])):
            out.append(f'<div class="side"{self.lang_attribute(lang)}>\n')
            with self.language(lang):
                for block in blocks:
                    self.block(block)
            out.append("</div>\n")
        out.append("</div>\n")

    def pair_table_row(self, left: model.Table, right: model.Table, langs: tuple[str, str]) -> None:
        """A row of a table and the same row of its translation, as one row."""
        shape = (left.widths, right.widths, left.style, right.style)
        is_header = bool(left.header)
        if self._pair is None or self._pair.shape != shape or is_header:
            self.close_pair_table()
            self._pair = _PairTable(shape)
            columns = len(left.widths) + len(right.widths)
            classes = _table_classes(left.style, columns, is_header)
            cols = _cols(left.widths, 50.0) + _cols(right.widths, 50.0)
            self._out.append(f'<table class="{classes}"><colgroup>{cols}</colgroup>')
        pair = self._pair
        if is_header:
            pair.labels = (
                tuple(_label(c) for c in left.header),
                tuple(_label(c) for c in right.header),
            )
            cells = self.header_cells(left.header, langs[0]) + self.header_cells(
                right.header, langs[1], "other-language"
            )
            self._out.append(f"<thead><tr>{cells}</tr></thead>\n")
            return
        if not pair.body_open:
            self._out.append("<tbody>\n")
            pair.body_open = True
        cells = self.row_cells(left.rows[0], left.style, pair.labels[0], langs[0])
        cells += self.row_cells(
            right.rows[0], right.style, pair.labels[1], langs[1], "other-language"
        )
        self._out.append(f"<tr>{cells}</tr>\n")

    def close_pair_table(self) -> None:
        """End the bilingual table being written, if any."""
        if self._pair is None:
            return
        self._out.append("</tbody></table>\n" if self._pair.body_open else "</table>\n")
        self._pair = None

    # -- text --------------------------------------------------------------------------
    def inlines(self, content: Iterable[model.Inline]) -> str:
        """Runs of text as HTML: escaped, with emphasis, line breaks and languages."""
        out = []
        for inline in content:
            if isinstance(inline, model.LineBreak):
                out.append("<br>")
                continue
            text = self.text(inline.text)
            if inline.bold:
                text = f"<strong>{text}</strong>"
            if inline.italic:
                text = f"<em>{text}</em>"
            lang = self.language_of(inline)
            if lang:
                text = f'<span lang="{escape(lang)}">{text}</span>'
            if inline.link:
                text = f'<a href="#{escape(self.link_target(inline.link))}">{text}</a>'
            out.append(text)
        return "".join(out)

    def text(self, text: str) -> str:
        """``text`` escaped, each Chinese name of the records in a span that browsers do
        not break (they break Chinese between any two characters)."""
        if self._names is None:
            return escape(text)
        pieces = self._names.split(text)  # names at odd positions (one capturing group)
        return "".join(
            f'<span class="name">{escape(piece)}</span>' if index % 2 else escape(piece)
            for index, piece in enumerate(pieces)
        )

    def in_language(self, lang: str, content: Iterable[model.Inline]) -> str:
        """``content`` in ``lang``, marked so where the context's language differs."""
        with self.language(lang):
            text = self.inlines(content)
        attribute = self.lang_attribute(lang)
        return f"<span{attribute}>{text}</span>" if attribute else text

    @contextmanager
    def language(self, lang: str) -> Iterator[None]:
        """Write in ``lang``, a language the model gives (a side of a bilingual row, a
        cell of one language in a bilingual table)."""
        known, self._language_known = self._language_known, True
        self._langs.append(lang)
        yield
        self._langs.pop()
        self._language_known = known

    def joined_text(self, text: str) -> str:
        """A text of the metadata, which a bilingual edition joins from both
        languages ("Internal / 内部资料"): each language's part marked."""
        return self.inlines(model.Span(piece) for piece in split_joined(text))

    def lang_attribute(self, lang: str) -> str:
        """`` lang="…"`` if ``lang`` is not the language around, else nothing."""
        return "" if same_language(lang, self._langs[-1]) else f' lang="{escape(lang)}"'

    def language_of(self, span: model.Span) -> str | None:
        """The language to mark ``span`` with: its own if the model gives one and it
        differs from the context's; in a bilingual edition, outside the sides (whose
        language is known), the other language where the span is in its script."""
        context = self._langs[-1]
        if span.lang:
            return None if same_language(span.lang, context) else span.lang
        if self._other is None or self._language_known:
            return None
        script = script_of_text(span.text)
        if script is None or script == script_of_language(context):
            return None
        for lang in (self._other, self._lang):
            if script == script_of_language(lang) and not same_language(lang, context):
                return lang
        return None


def _second_language(blocks: Iterable[model.Block], lang: str) -> str | None:
    """The language of a bilingual edition that is not ``lang``; None if the document
    has one language."""
    for block in blocks:
        if isinstance(block, model.Parallel):
            return next((x for x in block.langs if not same_language(x, lang)), None)
    return None


def _table_classes(style: str, columns: int, has_header: bool) -> str:
    kind = "fields" if style == "fields" else "grid"
    return f"{kind} cards" if columns >= CARD_COLUMNS and (has_header or kind == "fields") else kind


def _cols(widths: tuple[float, ...], share: float) -> str:
    """The ``col`` elements of relative ``widths``, as percentages summing to
    ``share`` (with a fixed table layout, the page's width decides, not the text)."""
    total = sum(widths) or 1.0
    return "".join(f'<col style="width:{share * w / total:.4g}%">' for w in widths)


def _label(cell: model.Cell) -> str:
    """A header cell's text, as the label of the cells of its column."""
    return " ".join(
        model.plain_text(b.content) for b in cell.blocks if isinstance(b, model.Paragraph)
    )


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


NAME_LENGTH = 12
"""Longer names may break: a line of a phone holds about 20 Chinese characters."""


def names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A pattern matching the names with Chinese in them (longest first), or None."""
    chinese = {name for name in names if len(name) <= NAME_LENGTH and any(is_wide(c) for c in name)}
    if not chinese:
        return None
    longest_first = sorted(chinese, key=lambda name: (-len(name), name))
    alternatives = "|".join(re.escape(name) for name in longest_first)
    return re.compile(f"({alternatives})")
