"""Make any outline font embeddable by reportlab.

reportlab embeds TrueType (``glyf``) outlines only and refuses OpenType fonts with
PostScript (``CFF``) outlines: Noto Sans/Serif CJK, Source Han, most of the CJK fonts a
Linux machine has. Such a face is cut down with fontTools to the characters the batch
uses (tens of glyphs out of 65,000), its cubic outlines are converted to quadratic
TrueType ones, and the result is cached on disk (``$XDG_CACHE_HOME/briefings/fonts``)
and in the process, so a batch, and the next build with the same text, pays once.
The output is deterministic (no timestamps), so PDFs stay byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path

import fontTools
from fontTools.ttLib import TTFont as FontFile
from fontTools.ttLib import newTable

from briefings.fonts import Face
from briefings.resources import cache_dir

CONVERTER_VERSION = "1"
"""Part of the cache key: bump it when the conversion changes."""
MAX_ERROR = 1.0
"""Largest distance, in font units (of 1000 or 2048 per em), between a cubic curve and
its quadratic approximation: invisible at any print size."""


class UnsupportedFontError(Exception):
    """A font file reportlab cannot embed even after conversion (bitmap-only, CFF2)."""


@cache
def outline_kind(path: Path, index: int = 0) -> str:
    """``"glyf"`` (TrueType), ``"CFF "`` (PostScript) or ``""`` (neither: bitmap, CFF2)."""
    with FontFile(path, fontNumber=index, lazy=True) as font:
        for tag in ("glyf", "CFF "):
            if tag in font:
                return tag
    return ""


def embeddable(face: Face, chars: str) -> Face:
    """``face`` itself if reportlab can embed it, else a TrueType copy of it holding the
    glyphs of ``chars`` (and the basic Latin ones), from the cache if made before."""
    kind = outline_kind(face.path, face.index)
    if kind == "glyf":
        return face
    if kind != "CFF ":
        raise UnsupportedFontError(f"{face.path}: no TrueType or CFF outlines; choose another font")
    charset = "".join(sorted(set(chars) | set(_ALWAYS)))
    path = converted_copy(face.path, face.index, charset)
    return Face(path, 0, fake_bold=face.fake_bold)


_ALWAYS = "".join(chr(c) for c in range(0x20, 0x7F)) + "•"
"""Printable ASCII and the bullet: page numbers, dot leaders and list bullets are drawn
without a record text behind them."""


@cache
def converted_copy(path: Path, index: int, charset: str) -> Path:
    key = hashlib.sha256(
        "\0".join(
            [_file_digest(path), str(index), charset, CONVERTER_VERSION, fontTools.version]
        ).encode()
    ).hexdigest()[:24]
    target = cache_dir("fonts") / f"{path.stem}-{index}-{key}.ttf"
    if not target.is_file():
        with FontFile(path, fontNumber=index, recalcTimestamp=False) as font:
            _subset_to_truetype(font, charset)
            _write_atomically(font, target)
    return target


@cache
def _file_digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _subset_to_truetype(font: FontFile, charset: str) -> None:
    # The font is opened with recalcTimestamp=False, which keeps head.modified as in the
    # source: no build time inside, the same bytes every time.
    from fontTools.subset import Options, Subsetter  # imported when needed: 50 ms

    options = Options()
    options.layout_features = []  # reportlab does no shaping: GSUB/GPOS are dead weight
    options.hinting = False
    options.desubroutinize = True
    options.notdef_outline = True
    options.name_IDs = ["*"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in charset])
    subsetter.subset(font)
    _cff_to_glyf(font)


def _cff_to_glyf(font: FontFile) -> None:
    """Replace the CFF table by quadratic ``glyf`` outlines (after fontTools' otf2ttf
    snippet), with the tables TrueType requires alongside."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():  # left side bearing = xMin in TrueType
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names: the CID names of CJK fonts are useless
    font.sfntVersion = "\0\1\0\0"


def _write_atomically(font: FontFile, target: Path) -> None:
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(handle)
    try:
        font.save(temporary)
        Path(temporary).chmod(0o644)  # mkstemp makes it private; it is a cache
        Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
