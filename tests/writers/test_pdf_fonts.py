"""The fonts embedded in a PDF draw its own characters, also when the writer wrote other
documents before it (it keeps the font subsets it made and uses them again)."""

from __future__ import annotations

import io
import re

import pikepdf
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.ttLib import TTFont

from briefings import model
from briefings.fonts import shipped_fontset
from briefings.theme import Theme
from briefings.writers.pdf import PdfWriter

CMAP_ENTRY = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]+)>")


def outline(font: TTFont, glyph: str) -> list[tuple[str, tuple[object, ...]]]:
    pen = DecomposingRecordingPen(font.getGlyphSet())
    font.getGlyphSet()[glyph].draw(pen)
    return list(pen.value)


def drawn_characters(data: bytes) -> list[tuple[str, TTFont, str]]:
    """(character, embedded font program, its glyph) for each character code of each
    embedded font subset, by the subset's ToUnicode map and its own cmap."""
    drawn = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {f.objgen: f for page in pdf.pages for f in page.Resources.Font.values()}
        for font in fonts.values():
            program = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
            cmap = program["cmap"].tables[0].cmap
            text = font.ToUnicode.read_bytes().decode().split("beginbfchar")[1]
            for code, value in CMAP_ENTRY.findall(text):
                char = bytes.fromhex(value).decode("utf-16-be")
                drawn.append((char, program, cmap.get(int(code, 16), ".notdef")))
    return drawn


def test_each_document_of_a_writer_embeds_the_glyphs_of_its_own_characters() -> None:
    fonts = shipped_fontset("zh")
    writer = PdfWriter(fonts, Theme())
    texts = ["布鲁塞尔 Brussels", "卢布尔雅那 Ljubljana", "布鲁塞尔 Brussels，卢布尔雅那"]
    originals = {
        font["name"].getBestFamilyName(): font
        for face in (fonts.cjk["regular"], fonts.latin["regular"])
        for font in [TTFont(face.path, fontNumber=face.index)]
    }
    for text in texts:
        paragraph = model.Paragraph((model.Span(text),))
        data = writer.write(model.Document(model.Metadata("Fonts", "zh-CN"), (paragraph,)))
        drawn = drawn_characters(data)
        assert {char for char, _, _ in drawn} >= set(text)
        for char, program, glyph in drawn:
            if char not in text or not char.strip():
                continue
            original = originals[program["name"].getBestFamilyName()]
            expected = original.getBestCmap()[ord(char)]
            assert outline(program, glyph) == outline(original, expected), char
