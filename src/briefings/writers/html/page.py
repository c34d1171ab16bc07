"""The frame every page of the HTML edition shares: doctype, head and stylesheet."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


def page_start(lang: str, title: str, css: str, metas: Iterable[tuple[str, str]] = ()) -> str:
    """Everything up to and including ``<body>``: the language, the title, the viewport
    of a phone, ``metas`` (name and content, empty ones left out) and the inline CSS."""
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="briefings">',
    ]
    lines += [
        f'<meta name="{escape(name)}" content="{escape(content)}">'
        for name, content in metas
        if content
    ]
    lines += [f"<title>{escape(title)}</title>", f"<style>\n{css}</style>", "</head>", "<body>"]
    return "\n".join(lines) + "\n"


PAGE_END = "</body>\n</html>\n"
