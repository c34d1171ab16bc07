"""Fonts for the PDF: which face draws which character, and proof that one can.

A ``FontSet`` is the fonts chosen for one document language: a Latin face family, a
CJK face, and a fallback chain (fonts the user's choice displaced, then machine fonts
found through fontconfig), each a TrueType font that reportlab can embed and subset.
``face_for`` picks the face for a character, so English words and numbers inside
Chinese text use the Latin font while Han characters and full-width punctuation use the
CJK font. ``missing`` lists characters that no face of the set can draw (no tofu, ever).

How the faces are chosen (``--font``, ``[fonts]``, shipped, fontconfig) is in
``briefings.fonts.choice``; OpenType/CFF fonts are made embeddable in
``briefings.fonts.convert``.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont as FontFile

from briefings.model import Span
from briefings.resources import fonts_dir

# fontTools logs a warning per damaged glyph or table (tens of thousands for a broken
# font); a font it cannot read is reported once, as an input error, instead.
logging.getLogger("fontTools").addHandler(logging.NullHandler())
logging.getLogger("fontTools").propagate = False


@dataclass(frozen=True)
class Face:
    """One font file (and face index, for collections) in one style."""

    path: Path
    index: int = 0
    fake_bold: bool = False
    """Draw with a thin outline stroke, for fonts without a bold face (most CJK fonts)."""

    @property
    def key(self) -> str:
        """A stable name for registering the face with reportlab."""
        return f"{self.path.stem}-{self.index}{'-fb' if self.fake_bold else ''}"

    @property
    def family_name(self) -> str:
        return family_name(self.path, self.index)


STYLES = ("regular", "bold", "italic", "bolditalic")


@dataclass(frozen=True)
class FontSet:
    """The faces that draw one language's text, per style."""

    latin: dict[str, Face]
    cjk: dict[str, Face]
    prefer_cjk: bool
    """For a Chinese document, characters both fonts have (quotes, dashes, ellipsis)
    are drawn full-width from the CJK font; for others, from the Latin font."""
    fallback: dict[str, tuple[Face, ...]] = field(default_factory=dict)
    """Faces tried, in order, for characters neither the Latin nor the CJK face has."""

    def chain(self, style: str, char: str) -> tuple[Face, ...]:
        """The faces to try for ``char``, in order."""
        latin, cjk = self.latin[style], self.cjk[style]
        rest = self.fallback.get(style, ())
        if char.isascii() or _is_latin_letter(char) or not self.prefer_cjk:
            return latin, cjk, *rest
        return cjk, latin, *rest

    def __post_init__(self) -> None:
        # Every character of every document is looked up here (coverage check, line
        # breaking): remember the answers. Not a field: equality ignores it.
        object.__setattr__(self, "_face_of", {})

    def face_for(self, char: str, style: str = "regular") -> Face | None:
        """The face that draws ``char`` in ``style``, or None if none can."""
        known: dict[tuple[str, str], Face | None] = self._face_of  # type: ignore[attr-defined]
        key = (char, style)
        if key not in known:
            known[key] = next(
                (f for f in self.chain(style, char) if ord(char) in coverage(f.path, f.index)),
                None,
            )
        return known[key]

    def missing(self, text: str) -> list[str]:
        """The characters of ``text`` that no face can draw (in order, once each)."""
        seen: dict[str, None] = {}
        for char in text:
            if char in seen or char in "\n\t\u00ad\u200b":
                continue
            if self.face_for(char) is None:
                seen[char] = None
        return list(seen)

    def faces(self) -> list[Face]:
        """Every distinct face of the set."""
        fallback = [face for faces in self.fallback.values() for face in faces]
        return list(dict.fromkeys([*self.latin.values(), *self.cjk.values(), *fallback]))


def _is_latin_letter(char: str) -> bool:
    return unicodedata.name(char, "").startswith("LATIN")


class CodePoints:
    """A set of code points, one bit each: a CJK font maps tens of thousands, which
    a set of ints would hold in megabytes for the whole build."""

    def __init__(self, points: Iterable[int]) -> None:
        points = sorted(points)
        bits = bytearray(points[-1] // 8 + 1 if points else 0)
        for point in points:
            bits[point // 8] |= 1 << point % 8
        self.bits = bytes(bits)

    def __contains__(self, point: int) -> bool:
        return 0 <= point < len(self.bits) * 8 and bool(self.bits[point // 8] >> point % 8 & 1)


@cache
def coverage(path: Path, index: int = 0) -> CodePoints:
    """The code points a font maps to a glyph (read once per process)."""
    with FontFile(path, fontNumber=index, lazy=True) as font:
        # Only the code points are wanted: numbered glyph names spare fontTools from
        # decoding the real ones (the post table), most of the cost for a CJK font.
        font.setGlyphOrder([f"glyph{gid}" for gid in range(font["maxp"].numGlyphs)])
        return CodePoints(font.getBestCmap())


@cache
def family_name(path: Path, index: int = 0) -> str:
    with FontFile(path, fontNumber=index, lazy=True) as font:
        return str(font["name"].getBestFamilyName())


def shipped_fontset(lang: str) -> FontSet:
    """The fonts that come with the package: Liberation Sans (SIL OFL 1.1) for Latin
    text and WenQuanYi Micro Hei (Apache 2.0) for Chinese, both TrueType."""
    data = fonts_dir()
    latin = {
        "regular": Face(data / "LiberationSans-Regular.ttf"),
        "bold": Face(data / "LiberationSans-Bold.ttf"),
        "italic": Face(data / "LiberationSans-Italic.ttf"),
        "bolditalic": Face(data / "LiberationSans-BoldItalic.ttf"),
    }
    cjk_regular = Face(data / "wqy-microhei.ttc", 0)
    cjk_bold = Face(data / "wqy-microhei.ttc", 0, fake_bold=True)
    cjk = {"regular": cjk_regular, "italic": cjk_regular, "bold": cjk_bold, "bolditalic": cjk_bold}
    return FontSet(latin=latin, cjk=cjk, prefer_cjk=lang.startswith("zh"))


@dataclass(frozen=True)
class Uncovered:
    """A character that no font of the set can draw, and the record field it is in."""

    char: str
    source: int | None
    """The number of the record text (``Span.source``); None for template text."""


def check_coverage(spans: Iterable[Span], fonts: FontSet) -> list[Uncovered]:
    """Every character that would be drawn as a blank box, with its record field."""
    found: dict[tuple[str, int | None], Uncovered] = {}
    for span in spans:
        for char in fonts.missing(span.text):
            found.setdefault((char, span.source), Uncovered(char, span.source))
    return list(found.values())
