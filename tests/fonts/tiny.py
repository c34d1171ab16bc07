"""Tiny fonts built in the test, for characters no shipped font has (U+20BB7 𠮷)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen


def _draw(pen: Any, cubic: bool) -> None:
    pen.moveTo((100, 0))
    if cubic:
        pen.curveTo((100, 400), (400, 800), (800, 800))
    else:
        pen.lineTo((100, 800))
        pen.lineTo((800, 800))
    pen.lineTo((800, 0))
    pen.closePath()


def make_font(path: Path, chars: str, *, cff: bool = False, name: str = "Tiny") -> Path:
    """A font drawing a small shape for every character of ``chars`` (TrueType, or
    OpenType/CFF with cubic curves when ``cff``)."""
    names = [".notdef", *(f"u{ord(c):05X}" for c in chars)]
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"u{ord(c):05X}" for c in chars})
    if cff:
        charstrings = {}
        for glyph in names:
            pen = T2CharStringPen(1000, None)
            _draw(pen, cubic=True)
            charstrings[glyph] = pen.getCharString()
        builder.setupCFF(f"{name}-Regular", {"FullName": name}, charstrings, {})
    else:
        glyphs = {}
        for glyph in names:
            pen = TTGlyphPen(None)
            _draw(pen, cubic=False)
            glyphs[glyph] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({glyph: (1000, 100) for glyph in names})
    builder.setupHorizontalHeader(ascent=880, descent=-120)
    builder.setupNameTable({"familyName": name, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    builder.setupPost()
    builder.save(str(path))
    return path
