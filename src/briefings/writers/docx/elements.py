"""The body's most common elements, made directly with lxml.

python-docx's proxies (``add_paragraph``, ``add_run``, ``run.text``, ``style``) find
each new child's place among its schema successors on every call, which made them
the DOCX hot spot. These functions make the same elements, in the same order, for
the cases the writer needs: a new paragraph with a style, a run of text with bold or
italic, a line break. Everything else still goes through python-docx.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_R, _RPR, _B, _I = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:i")
_T, _TAB, _BR, _SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
_SECT_PR, _TBL = qn("w:sectPr"), qn("w:tbl")


def _container(target: Any) -> Any:
    """The element ``target`` (the document or a table cell) holds its blocks in."""
    return target.element.body if isinstance(target, DocxDocument) else target._tc


def ends_with_table(target: Any) -> bool:
    """Whether the last block of ``target`` is a table (the body's section properties
    aside)."""
    container = _container(target)
    last = container[-1] if len(container) else None
    if last is not None and last.tag == _SECT_PR:
        last = last.getprevious()
    return last is not None and last.tag == _TBL


def add_paragraph(target: Any, style_id: str | None) -> DocxParagraph:
    """A new last paragraph of ``target`` (the document or a table cell) in the style
    ``style_id`` (None: the default style); the XML python-docx makes for
    ``add_paragraph()`` followed by setting the style."""
    container = _container(target)
    p: CT_P = container.makeelement(_P, {})
    if len(container) and container[-1].tag == _SECT_PR:
        container[-1].addprevious(p)  # the body's section properties stay last
    else:
        container.append(p)
    set_style(p, style_id)
    return DocxParagraph(p, target)


def set_style(p: CT_P, style_id: str | None) -> None:
    """Give the paragraph ``p`` the style ``style_id``, as ``p.style = style_id`` does
    (python-docx leaves an empty ``w:pPr`` for the default style; so do we)."""
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = p.makeelement(_PPR, {})
        p.insert(0, ppr)
    for old in ppr.findall(_PSTYLE):
        ppr.remove(old)
    if style_id is not None:
        ppr.insert(0, ppr.makeelement(_PSTYLE, {_VAL: style_id}))


def add_run(p: CT_P, text: str, *, bold: bool = False, italic: bool = False) -> Any:
    """A run of ``text`` at the end of ``p``: tabs become ``w:tab`` and line feeds
    ``w:br``, and text with leading or trailing space keeps it, as python-docx's
    ``add_run(text)`` does."""
    r = etree.SubElement(p, _R)
    if bold or italic:
        rpr = etree.SubElement(r, _RPR)
        if bold:
            etree.SubElement(rpr, _B)
        if italic:
            etree.SubElement(rpr, _I)
    pending: list[str] = []
    for char in text:
        if char in "\t\r\n":
            _add_text(r, pending)
            etree.SubElement(r, _TAB if char == "\t" else _BR)
        else:
            pending.append(char)
    _add_text(r, pending)
    return r


def add_line_break(p: CT_P) -> None:
    """A run holding a line break, as ``add_run().add_break()`` makes."""
    etree.SubElement(etree.SubElement(p, _R), _BR)


def _add_text(r: Any, pending: list[str]) -> None:
    if not pending:
        return
    text = "".join(pending)
    pending.clear()
    t = etree.SubElement(r, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")
