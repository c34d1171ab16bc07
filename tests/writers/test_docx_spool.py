"""The DOCX body is written out as it is made: the package is byte for byte what
python-docx would write for the whole tree, and the tree never holds more than the
block and the table row being written."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from docx.opc.oxml import serialize_part_xml
from docx.oxml.ns import qn

from briefings.model import Document
from briefings.render.bilingual import parallel_document
from briefings.render.markup import parse_document
from briefings.theme import Theme
from briefings.writers.docx import spool, write_docx


def document(lang: str, rows: int, word: str) -> Document:
    """A report-like document: contents, headings, lists and a long table."""
    body = "".join(f"<tr><td>{word} {i}</td><td>{i}</td></tr>" for i in range(rows))
    sections = "".join(
        f'<h1 anchor="s{i}">{word} {i}</h1><p>{word} <b>{i}</b></p><ul><li>{word}</li></ul>'
        '<table widths="2 1" style="fields"><tr><td>A</td><td>B</td></tr></table>'
        for i in range(12)
    )
    markup = (
        f"<document><meta><title>{word}</title></meta><toc>{word}</toc>{sections}"
        f'<table widths="3 1"><tr header="1"><td>{word}</td><td>#</td></tr>{body}</table>'
        f"<p>{word}</p></document>"
    )
    return parse_document(markup, lang=lang, created="2024-11-01T00:00:00+00:00")


def single() -> Document:
    return document("en-GB", 120, "Meeting")


def bilingual() -> Document:
    return parallel_document(document("en-GB", 40, "Meeting"), document("zh-CN", 40, "会议"))


def whole_tree(self: spool.BodySpool) -> Iterator[bytes]:
    """python-docx's own serialisation, with every block left in the tree."""
    yield serialize_part_xml(self.root)


@pytest.mark.parametrize("make", [single, bilingual], ids=["single", "bilingual"])
def test_a_spooled_package_is_the_package_of_the_whole_tree(
    make: type[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "_IN_MEMORY", 1)  # spill to a file at once
    monkeypatch.setattr(spool, "HELD", 0)  # spool every block and row
    spooled = write_docx(make(), Theme())
    monkeypatch.setattr(spool.BodySpool, "flush", lambda self, growing=(): None)
    monkeypatch.setattr(spool.BodySpool, "document_xml", whole_tree)
    assert write_docx(make(), Theme()) == spooled
    with zipfile.ZipFile(io.BytesIO(spooled)) as package:
        xml = package.read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == xml.count("</w:tbl>")
    assert "xmlns:w=" not in xml.split("<w:body>", 1)[1]  # declared once, at the top


@pytest.mark.parametrize("make", [single, bilingual], ids=["single", "bilingual"])
def test_the_tree_holds_only_the_block_and_row_being_written(
    make: type[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(spool, "HELD", 0)  # spool every block and row
    held: list[tuple[int, int]] = []
    flush = spool.BodySpool.flush

    def counting(self: spool.BodySpool, growing: object = ()) -> None:
        rows = [len(block.findall(qn("w:tr"))) for block in self.body if block.tag == qn("w:tbl")]
        held.append((len(self.body), max(rows, default=0)))  # the most it holds
        flush(self, growing)  # type: ignore[arg-type]

    monkeypatch.setattr(spool.BodySpool, "flush", counting)
    write_docx(make(), Theme())
    assert len(held) > 50
    blocks, rows = max(b for b, _ in held), max(r for _, r in held)
    assert blocks <= 8, "the body keeps finished blocks"
    assert rows <= 2, "a long table keeps its finished rows"  # the last, and a new one


def test_a_short_document_is_spooled_only_when_done(monkeypatch: pytest.MonkeyPatch) -> None:
    """Up to ``HELD`` blocks or rows the tree is written as python-docx writes it."""
    during: list[int] = []
    flush = spool.BodySpool.flush

    def counting(self: spool.BodySpool, growing: object = ()) -> None:
        before = self.file.tell()
        flush(self, growing)  # type: ignore[arg-type]
        during.append(self.file.tell() - before)

    monkeypatch.setattr(spool.BodySpool, "flush", counting)
    rows = "".join(f"<tr><td>{i}</td></tr>" for i in range(20))
    markup = f"<document><meta/><h1>A</h1><p>B</p><table widths='1'>{rows}</table></document>"
    write_docx(parse_document(markup, lang="en-GB"), Theme())
    assert during and not any(during)
    during.clear()
    write_docx(single(), Theme())  # a table of 120 rows
    assert any(during)
