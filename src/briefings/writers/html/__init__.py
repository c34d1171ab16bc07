"""Write a ``Document`` as a self-contained HTML page, for reading on a phone.

A third writer beside DOCX and PDF, from the same document model: one page per
document with its CSS inline, no scripts, no fonts or images to fetch; and an index
page that links every document of a build (``write_index``).
"""

from __future__ import annotations

from briefings.writers.html.index import IndexEntry, write_index
from briefings.writers.html.writer import HtmlWriter

__all__ = ["HtmlWriter", "IndexEntry", "write_index"]
