"""Register our fonts with reportlab: once per process, each under a unique name."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefings.fonts import Face, FontSet

_registered: dict[Face, str] = {}


def register_fonts(fonts: FontSet) -> dict[Face, str]:
    """Register every face of ``fonts`` with reportlab (once per process) and return
    the reportlab font name of each face."""
    for face in fonts.faces():
        if face not in _registered:
            # A face drawn fake-bold is the same font program as the regular one.
            _registered[face] = _register_file(face.path, face.index)
    return _registered


@cache
def _register_file(path: Path, index: int) -> str:
    name = f"{path.stem}-{index}-{hashlib.sha256(bytes(path)).hexdigest()[:8]}"
    font = TTFont(name, str(path), subfontIndex=index)
    # reportlab keeps one font per PostScript name per process and silently hands out
    # the first one registered: a font cut down to another character set (see
    # briefings.fonts.convert) has the same PostScript name, and would be drawn with
    # the first one's glyphs. Register under a unique face name; the PDF shows the real.
    real_name = font.face.name
    font.face.name = name.encode()
    pdfmetrics.registerFont(font)
    font.face.name = real_name
    return name
