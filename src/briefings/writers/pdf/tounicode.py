"""A fix for reportlab's ToUnicode maps: characters outside the BMP.

A PDF font's ToUnicode CMap tells readers which characters the glyphs stand for; it is
what copying, searching and text extraction use. Its destination values are UTF-16BE
(PDF 32000-1, 9.10.3), so U+20BB7 (𠮷, found in personal names) must be written as the
surrogate pair ``<D842DFB7>``. reportlab 5.1 formats every code point with ``%04X``
and writes ``<20BB7>``: an odd number of hex digits, which readers reject or misread,
so the glyph shows but the character is lost. ``install()`` replaces reportlab's
``makeToUnicodeCMap`` (a module function its ``TTFont.addObjects`` looks up at call
time) with one that writes UTF-16BE; the BMP output is unchanged byte for byte.
"""

from __future__ import annotations

from reportlab.pdfbase import ttfonts


def utf16_hex(code_point: int) -> str:
    """The UTF-16BE code units of ``code_point`` in hex: ``4E2D``, ``D842DFB7``."""
    if code_point < 0x10000:  # one code unit: the code point itself
        return f"{code_point:04X}"
    return chr(code_point).encode("utf-16-be").hex().upper()


def make_to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap``, with UTF-16BE destinations."""
    cmap = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{code:02X}> <{utf16_hex(value)}>" for code, value in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(cmap)


def install() -> None:
    """Make reportlab write UTF-16BE ToUnicode maps (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
