"""Our fonts as reportlab fonts, each registered under a name of its own."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefings.fonts import Face


class FontNames(dict[Face, str]):
    """Face -> reportlab font name, registering a face the first time it is asked for:
    the faces a batch never uses (italics, often) are never parsed."""

    def __missing__(self, face: Face) -> str:
        # A face drawn fake-bold is the same font program as the regular one.
        name = self[face] = register_face(face)
        return name


def register_face(face: Face) -> str:
    """The reportlab name of ``face``, registering it with reportlab unless an earlier
    writer of this process did."""
    path, index = face.path, face.index
    name = f"{path.stem}-{index}-{hashlib.sha256(bytes(path)).hexdigest()[:8]}"
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    font = TTFont(name, str(path), subfontIndex=index)
    # reportlab keeps one font per PostScript name per process and silently hands out
    # the first one registered: a font cut down to another character set (see
    # briefings.fonts.convert) has the same PostScript name, and would be drawn with
    # the first one's glyphs. Register under a unique face name; the PDF shows the real.
    real_name = font.face.name
    font.face.name = name.encode()
    pdfmetrics.registerFont(font)
    font.face.name = real_name
    font.face.makeSubset = SubsetsKept(font.face.makeSubset)
    return name


MAX_SUBSETS_KEPT = 500
"""How many subsets a face keeps at most (about 40 KB each): a long ``watch`` starts
again rather than grow."""


class SubsetsKept:
    """A font face's ``makeSubset`` that keeps what it made: the documents of a batch
    draw the same characters, so most of their font subsets are ones made before."""

    def __init__(self, make_subset: Callable[[list[int]], bytes]) -> None:
        self.make_subset = make_subset
        self.made: dict[tuple[int, ...], bytes] = {}

    def __call__(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        made = self.made.get(key)
        if made is None:
            if len(self.made) >= MAX_SUBSETS_KEPT:
                self.made.clear()
            made = self.made[key] = self.make_subset(subset)
        return made
