"""What a PDF really draws: for every character shown, the embedded font program that
draws it and whether its glyph there has an outline (no blank box, no .notdef)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont as FontFile
from pypdf import PdfReader
from pypdf.generic import ContentStream


@dataclass(frozen=True)
class Drawn:
    char: str
    font: str
    """The PDF BaseFont, e.g. ``AAAAAA+NotoSerifCJKsc-Regular``."""
    has_outline: bool


def _to_unicode(font: object) -> dict[int, str]:
    data = font["/ToUnicode"].get_object().get_data().decode("latin-1")  # type: ignore[index]
    pairs = re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", data.split("beginbfchar")[1])
    return {int(code, 16): bytes.fromhex(value).decode("utf-16-be") for code, value in pairs}


def _outlined_codes(font: object) -> set[int]:
    """The codes whose glyph in the embedded font program has contours."""
    descriptor = font["/FontDescriptor"].get_object()  # type: ignore[index]
    program = FontFile(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    cmap = program["cmap"].tables[0].cmap
    glyf = program["glyf"]
    return {
        code
        for code, name in cmap.items()
        if name != ".notdef" and glyf[name].numberOfContours != 0
    }


def drawn(pdf: Path) -> list[Drawn]:
    """Every character drawn by a text-showing operator, in order, with its font."""
    reader = PdfReader(pdf)
    out: list[Drawn] = []
    for page in reader.pages:
        fonts = {}
        for name, ref in page["/Resources"]["/Font"].items():
            font = ref.get_object()
            fonts[name] = (str(font["/BaseFont"]), _to_unicode(font), _outlined_codes(font))
        current = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = fonts[operands[0]]
            elif operator == b"Tj" and current is not None:
                base, unicode, outlined = current
                text = operands[0]
                raw = text.original_bytes if hasattr(text, "original_bytes") else bytes(text)
                for code in raw:
                    char = unicode[code]
                    if not char.isspace():
                        out.append(Drawn(char, base, code in outlined))
    return out
