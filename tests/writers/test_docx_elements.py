"""The lxml shortcuts make the very elements python-docx makes."""

from __future__ import annotations

import pytest
from docx import Document as new_docx
from lxml import etree

from briefings.writers.docx import elements

TEXTS = ["plain", " leading", "trailing ", "tab\there", "line\nbreak\r\nend", "", "\t", "中文 text"]


def xml(element: object) -> bytes:
    serialised: bytes = etree.tostring(element)
    return serialised


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(("bold", "italic"), [(False, False), (True, False), (True, True)])
def test_a_run_is_the_run_python_docx_makes(text: str, bold: bool, italic: bool) -> None:
    document = new_docx()
    ours, theirs = document.add_paragraph(), document.add_paragraph()
    elements.add_run(ours._p, text, bold=bold, italic=italic)  # noqa: SLF001  (python-docx has no public element)
    run = theirs.add_run(text)
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    assert xml(ours._p) == xml(theirs._p)  # noqa: SLF001  (python-docx has no public element)


@pytest.mark.parametrize("style", ["Heading1", None])
def test_a_paragraph_is_the_paragraph_python_docx_makes(style: str | None) -> None:
    document = new_docx()
    ours = elements.add_paragraph(document.element.body, style)
    theirs = document.add_paragraph()
    theirs._p.style = style  # noqa: SLF001  (python-docx has no public element)
    elements.add_line_break(ours)
    theirs.add_run().add_break()
    assert xml(ours) == xml(theirs._p)  # noqa: SLF001  (python-docx has no public element)
    body = document.element.body
    assert body[-1].tag.endswith("sectPr")  # the section properties stay last
