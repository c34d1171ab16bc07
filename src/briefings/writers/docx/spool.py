"""The document body written out as it is made.

A report of a thousand meetings is tens of megabytes as an lxml tree. The writer
hands each finished block, and each finished row of a long table, to a ``BodySpool``,
which keeps its XML in a temporary file (in memory while small) and takes it out of
the tree, so the tree only ever holds the row being written. The package then copies
the spooled XML into its zip entry in pieces. The bytes are those python-docx would
write for the whole tree.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO

from docx.document import Document as DocxDocument
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn
from lxml import etree

_SECT_PR, _TR, _TBL_PR, _TBL_GRID = qn("w:sectPr"), qn("w:tr"), qn("w:tblPr"), qn("w:tblGrid")
_TBL_START, _TBL_END = b"<w:tbl>", b"</w:tbl>"
_BODY_START = b"<w:body>"
_DECLARATION = re.compile(rb' xmlns:([\w.-]+)="([^"]*)"')
_IN_MEMORY = 256 * 1024
"""Spooled XML stays in memory up to this size, then goes to a temporary file: a
briefing never touches the disk, a long report holds no more than this."""
_CHUNK = 256 * 1024
HELD = 64
"""The blocks (or rows of a growing table) the tree holds before they are spooled: a
briefing is written in one piece, a long report in pieces of this size."""


class BodySpool:
    """Moves the finished blocks of ``docx``'s body out of the tree, as XML."""

    def __init__(self, docx: DocxDocument) -> None:
        self.root = docx.element
        self.body = docx.element.body
        # Closed by __exit__: the spool lives as long as the writing of one package.
        self.file: IO[bytes] = tempfile.SpooledTemporaryFile(_IN_MEMORY)  # noqa: SIM115
        self._open_table: etree._Element | None = None
        """A table whose start and first rows are spooled, and its rest not yet."""
        self._inherited = {
            (prefix.encode(), uri.encode()) for prefix, uri in self.root.nsmap.items() if prefix
        }

    def __enter__(self) -> BodySpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()

    def flush(self, growing: Iterable[etree._Element] = ()) -> None:
        """Spool what the writer is done with, once the tree holds more than ``HELD``
        blocks or rows: the blocks of the body before the last (which it may still
        look at), and the rows before the last of the tables in ``growing`` (which it
        is still adding rows to). The section properties stay."""
        growing = list(growing)
        if len(self.body) <= HELD and all(len(table) <= HELD for table in growing):
            return
        blocks = [child for child in self.body if child.tag != _SECT_PR]
        for index, block in enumerate(blocks):
            if block in growing:
                self._spool_rows(block)
                return  # the blocks after it wait for it
            if index < len(blocks) - 1:
                self._spool_block(block)

    def _spool_block(self, block: etree._Element) -> None:
        started = block is self._open_table  # its start and first rows are spooled
        if started:
            for child in block:
                if child.tag not in (_TBL_PR, _TBL_GRID):
                    self.file.write(self._fragment(child))
            self.file.write(_TBL_END)
            self._open_table = None
        else:
            self.file.write(self._fragment(block))
        self.body.remove(block)

    def _spool_rows(self, table: etree._Element) -> None:
        if table is not self._open_table:
            assert self._open_table is None and not table.attrib
            self.file.write(_TBL_START)
            for child in table:  # its properties and grid: in the tree still, but final
                if child.tag in (_TBL_PR, _TBL_GRID):
                    self.file.write(self._fragment(child))
            self._open_table = table
        for row in table.findall(_TR)[:-1]:
            self.file.write(self._fragment(row))
            table.remove(row)

    def document_xml(self) -> Iterator[bytes]:
        """The main document part, in pieces: the document element and the body's
        start, every block, spooled, and the section properties; or, if nothing
        was spooled, the whole tree."""
        if not self.file.tell():  # a short document: the tree is all of it
            yield serialize_part_xml(self.root)
            return
        for block in [child for child in self.body if child.tag != _SECT_PR]:
            self._spool_block(block)  # all is finished now: a growing table too
        xml = serialize_part_xml(self.root)
        split = xml.index(_BODY_START) + len(_BODY_START)
        yield xml[:split]
        self.file.seek(0)
        while chunk := self.file.read(_CHUNK):
            yield chunk
        yield xml[split:]

    def _fragment(self, element: etree._Element) -> bytes:
        """``element``'s XML as it reads inside the whole document: serialised alone,
        it declares the namespaces it uses, which the document element declares."""
        xml: bytes = etree.tostring(element, encoding="UTF-8")
        end = xml.index(b">")
        start_tag = _DECLARATION.sub(self._undeclare, xml[:end])
        return start_tag + xml[end:]

    def _undeclare(self, match: re.Match[bytes]) -> bytes:
        inherited = (match.group(1), match.group(2)) in self._inherited
        return b"" if inherited else match.group(0)
