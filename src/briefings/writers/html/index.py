"""The index page of an HTML build: every document, by language and then by kind, so
that the output folder can be published as it is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from briefings.theme import Theme
from briefings.writers.html.languages import same_language
from briefings.writers.html.page import PAGE_END, page_start
from briefings.writers.html.styles import stylesheet

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One document of a build, as the index lists it."""

    language: str
    """The heading of its language's section, e.g. "English", "中文", "English + 中文"."""
    title: str
    href: str
    """Where it is, relative to the index: ``en/visit-report.html``."""
    kind: str
    """What it is, in its language: "Meeting briefing", "会议简报"."""
    lang: str = ""
    """Its BCP 47 language (``zh-CN``): its section is marked with it."""


def write_index(
    entries: Iterable[IndexEntry],
    *,
    title: str,
    theme: Theme,
    lang: str = "en",
    note: str = "",
) -> bytes:
    """An ``index.html`` in ``lang`` titled ``title`` that links ``entries``: a section
    per language, a list per kind, in the order the entries come; ``note`` (e.g. the
    generation date) goes in the footer. Raises ``ValueError`` for an ``href`` that is
    not a relative path."""
    sections: dict[str, dict[str, list[IndexEntry]]] = {}
    for entry in entries:
        if _SCHEME.match(entry.href) or entry.href.startswith(("/", "\\")) or ".." in entry.href:
            raise ValueError(f"an index links relative paths only, not {entry.href!r}")
        sections.setdefault(entry.language, {}).setdefault(entry.kind, []).append(entry)
    out = [page_start(lang, title, stylesheet(theme))]
    out.append(f'<header class="running"><p class="visit">{escape(title)}</p></header>\n')
    out.append(f'<main id="main">\n<h1>{escape(title)}</h1>\n')
    for number, (language, kinds) in enumerate(sections.items(), start=1):
        first = next(iter(kinds.values()))[0]
        marked = first.lang and not same_language(first.lang, lang)
        attribute = f' lang="{escape(first.lang)}"' if marked else ""
        out.append(f'<section aria-labelledby="language-{number}"{attribute}>\n')
        out.append(f'<h2 id="language-{number}">{escape(language)}</h2>\n')
        for kind, documents in kinds.items():
            out.append(f"<h3>{escape(kind)}</h3>\n<ul>")
            for entry in documents:
                hreflang = f' hreflang="{escape(entry.lang)}"' if entry.lang else ""
                href = escape(quote(entry.href, safe="/+"))
                out.append(f'<li><a href="{href}"{hreflang}>{escape(entry.title)}</a></li>')
            out.append("</ul>\n")
        out.append("</section>\n")
    out.append("</main>\n")
    if note:
        out.append(f'<footer class="running"><p>{escape(note)}</p></footer>\n')
    out.append(PAGE_END)
    return "".join(out).encode("utf-8")
