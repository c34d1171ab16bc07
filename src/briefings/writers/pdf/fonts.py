"""Register our fonts with reportlab: once per process, each under a unique name."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefings.fonts import Face, FontSet


class _FontNames(dict[Face, str]):
    """Face -> reportlab font name, registering a face the first time it is asked for:
    the faces a batch never uses (italics, often) are never parsed."""

    def __missing__(self, face: Face) -> str:
        # A face drawn fake-bold is the same font program as the regular one.
        name = self[face] = _register_file(face.path, face.index)
        return name


_registered = _FontNames()


def register_fonts(fonts: FontSet, *, styles: tuple[str, ...] = ()) -> dict[Face, str]:
    """The reportlab font name of each face of ``fonts`` (registered once per process,
    when first needed); the faces of ``styles`` (say, ``regular``) are registered now."""
    for style in styles:
        for face in (fonts.latin[style], fonts.cjk[style]):
            _registered[face]
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
