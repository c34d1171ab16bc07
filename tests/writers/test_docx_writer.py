"""The DOCX writer: the same document gives the same file, dated when it was made,
which Word's library (python-docx) opens again with its text."""

from __future__ import annotations

import io
import zipfile

from docx import Document as open_docx

from briefings.model import Document
from briefings.render.bilingual import parallel_document
from briefings.render.markup import parse_document
from briefings.theme import Theme
from briefings.writers.docx import DocxWriter


def report(lang: str, word: str) -> Document:
    """A report-like document: contents, headings, lists and a table."""
    rows = "".join(f"<tr><td>{word} {i}</td><td>{i}</td></tr>" for i in range(5))
    markup = (
        f"<document><meta><title>{word}</title></meta><toc>{word}</toc>"
        f'<h1 anchor="a">{word} A</h1><p>{word} <b>1</b></p><ul><li>{word}</li></ul>'
        f'<table widths="3 1"><tr header="1"><td>{word}</td><td>#</td></tr>{rows}</table>'
        "</document>"
    )
    return parse_document(markup, lang=lang, created="2024-11-01T09:30:00+00:00")


def test_the_same_document_gives_the_same_bytes_dated_when_it_was_made() -> None:
    bilingual = parallel_document(report("en-GB", "Meeting"), report("zh-CN", "会议"))
    first = DocxWriter(Theme()).write(bilingual)
    assert DocxWriter(Theme()).write(bilingual) == first
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert package.testzip() is None
        assert {entry.date_time for entry in package.infolist()} == {(2024, 11, 1, 9, 30, 0)}
    text = "\n".join(p.text for p in open_docx(io.BytesIO(first)).paragraphs)
    assert "Meeting A / 会议 A" in text  # the contents' entry of the bilingual heading


def test_one_writer_writes_many_documents_each_as_if_it_were_the_only_one() -> None:
    writer = DocxWriter(Theme())
    writer.prepare()
    package = writer.package
    english, chinese = (
        writer.write(report("en-GB", "Meeting")),
        writer.write(report("zh-CN", "会议")),
    )
    assert writer.package is package
    assert "会议 A" in [p.text for p in open_docx(io.BytesIO(chinese)).paragraphs]
    assert "Meeting A" not in [p.text for p in open_docx(io.BytesIO(chinese)).paragraphs]
    assert english != chinese
    # Nothing of one document is left in the next: each is what a new writer makes.
    assert writer.write(report("en-GB", "Meeting")) == english
    assert DocxWriter(Theme()).write(report("zh-CN", "会议")) == chinese
