"""OpenType/CFF fonts become embeddable TrueType subsets, cached and deterministic."""

from __future__ import annotations

import io
from pathlib import Path

from fontTools.ttLib import TTFont as FontFile
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from briefings.fonts import Face
from briefings.fonts.convert import converted_copy, embeddable
from tests.fonts.tiny import make_font


def test_a_truetype_face_is_used_as_it_is(tmp_path: Path) -> None:
    face = Face(make_font(tmp_path / "t.ttf", "中"))
    assert embeddable(face, "中") == face


def test_a_cff_face_becomes_a_truetype_subset_reportlab_embeds(
    tmp_path: Path, font_cache: Path
) -> None:
    source = make_font(tmp_path / "c.otf", "中文字A", cff=True)
    face = embeddable(Face(source, fake_bold=True), "中文")
    assert face.path.parent == font_cache and face.fake_bold
    font = FontFile(face.path)
    assert "CFF " not in font and "glyf" in font
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap} >= {"中", "文", "A"} and "字" not in map(chr, cmap)
    assert font["glyf"][cmap[ord("中")]].numberOfContours == 1
    # reportlab accepts it (it refuses CFF outlines: "postscript outlines are not supported")
    canvas = Canvas(io.BytesIO())
    canvas.setFont(_register(face.path), 12)
    canvas.drawString(10, 10, "中文")
    canvas.save()


def _register(path: Path) -> str:
    from reportlab.pdfbase import pdfmetrics

    name = f"test-{path.stem}"
    pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def test_conversion_is_cached_and_deterministic(tmp_path: Path, monkeypatch: object) -> None:
    source = make_font(tmp_path / "c.otf", "中文", cff=True)
    first = embeddable(Face(source), "中文").path
    made = first.stat().st_mtime_ns
    converted_copy.cache_clear()  # a new process: found on disk, not made again
    assert embeddable(Face(source), "文中").path == first
    assert first.stat().st_mtime_ns == made
    converted_copy.cache_clear()
    data = first.read_bytes()
    first.unlink()  # made again from scratch: the same bytes (no timestamps inside)
    assert embeddable(Face(source), "中文").path.read_bytes() == data
    assert embeddable(Face(source), "中").path != first  # another charset, another file
