"""The body's most common elements, made directly with lxml.

python-docx's proxies (``add_paragraph``, ``add_run``, ``run.text``, ``style``) find
each new child's place among its schema successors on every call, which made them
the DOCX hot spot. These functions make the same elements, in the same order, for
the cases the writer needs: a new paragraph with a style, a run of text with bold or
italic, a line break. Everything else still goes through python-docx.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

_P, _PPR, _PSTYLE, _VAL = qn("w:p"), qn("w:pPr"), qn("w:pStyle"), qn("w:val")
_R, _RPR, _B, _I = qn("w:r"), qn("w:rPr"), qn("w:b"), qn("w:i")
_T, _TAB, _BR, _SPACE = qn("w:t"), qn("w:tab"), qn("w:br"), qn("xml:space")
_SECT_PR, _TBL, _KEEP_NEXT = qn("w:sectPr"), qn("w:tbl"), qn("w:keepNext")


def ends_with_table(container: Any) -> bool:
    """Whether the last block of ``container`` (the body or a table cell) is a table
    (the body's section properties aside)."""
    last = container[-1] if len(container) else None
    if last is not None and last.tag == _SECT_PR:
        last = last.getprevious()
    return last is not None and last.tag == _TBL


def new_paragraph(container: Any) -> CT_P:
    """A new empty last paragraph of ``container`` (the body or a table cell), as
    python-docx's ``add_paragraph()`` makes it."""
    p: CT_P = container.makeelement(_P, {})
    if len(container) and container[-1].tag == _SECT_PR:
        container[-1].addprevious(p)  # the body's section properties stay last
    else:
        container.append(p)
    return p


def add_paragraph(container: Any, style_id: str | None) -> CT_P:
    """A new last paragraph of ``container`` in the style ``style_id`` (None: the
    default style); what python-docx makes for ``add_paragraph()`` followed by
    setting the style."""
    p = new_paragraph(container)
    set_style(p, style_id)
    return p


def set_style(p: CT_P, style_id: str | None) -> None:
    """Give the paragraph ``p`` the style ``style_id``, as ``p.style = style_id`` does
    (python-docx leaves an empty ``w:pPr`` for the default style; so do we)."""
    ppr = properties(p, _PPR)
    for old in ppr.findall(_PSTYLE):
        ppr.remove(old)
    if style_id is not None:
        ppr.insert(0, ppr.makeelement(_PSTYLE, {_VAL: style_id}))


def properties(element: Any, tag: str) -> Any:
    """The properties child ``tag`` (a qualified name: ``w:pPr``, ``w:rPr``, ``w:trPr``)
    of ``element``, made if missing as its first child, where the schema puts it."""
    found = element.find(tag)
    if found is None:
        found = element.makeelement(tag, {})
        element.insert(0, found)
    return found


def keep_with_next(p: CT_P) -> None:
    """Keep the paragraph ``p`` on the page of the next one, as python-docx's
    ``p.get_or_add_pPr().keepNext_val = True`` does: ``w:keepNext`` follows only the
    paragraph's style in its properties."""
    ppr = properties(p, _PPR)
    keep = ppr.find(_KEEP_NEXT)
    if keep is not None:
        keep.attrib.pop(_VAL, None)  # on, its default
        return
    styled = len(ppr) > 0 and ppr[0].tag == _PSTYLE
    ppr.insert(1 if styled else 0, ppr.makeelement(_KEEP_NEXT, {}))


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
    for piece in _BREAKS.split(text):
        if piece == "\t":
            etree.SubElement(r, _TAB)
        elif piece in ("\r", "\n"):
            etree.SubElement(r, _BR)
        elif piece:
            _add_text(r, piece)
    return r


def add_styled_run(p: CT_P, text: str, properties: Any) -> Any:
    """A run of ``text`` at the end of ``p`` (see ``add_run``) with a copy of the run
    properties ``properties`` (a ``w:rPr``)."""
    r = add_run(p, text)
    r.insert(0, deepcopy(properties))
    return r


def add_line_break(p: CT_P) -> None:
    """A run holding a line break, as ``add_run().add_break()`` makes."""
    etree.SubElement(etree.SubElement(p, _R), _BR)


def _add_text(r: Any, text: str) -> None:
    t = etree.SubElement(r, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")


_BREAKS = re.compile(r"([\t\r\n])")
"""What cuts a run's text: a tab, or a line feed or carriage return (a line break)."""
