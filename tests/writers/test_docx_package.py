"""The DOCX package: every style it uses is defined, and it carries nothing it does
not use (python-docx's template brings 100 table styles, a Word 2010 copy of the
styles and a thumbnail of its own empty page)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from briefings.build import BuildResult

W_STYLE = re.compile(r'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"')
DEFINED = re.compile(r'<w:style [^>]*w:styleId="([^"]+)"')
TYPES = re.compile(r'<w:style [^>]*w:type="table"[^>]*>.*?<w:name w:val="([^"]+)"', re.S)


def test_every_style_used_is_defined_and_unused_parts_are_gone(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    documents = sorted(out.glob("*/*.docx"))
    assert documents
    for path in documents:
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
            styles = package.read("word/styles.xml").decode()
            used = {
                style
                for name in names
                if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
                for style in W_STYLE.findall(package.read(name).decode())
            }
            content_types = package.read("[Content_Types].xml").decode()
        assert used, path
        assert used <= set(DEFINED.findall(styles)), (path, used - set(DEFINED.findall(styles)))
        assert sorted(TYPES.findall(styles)) == ["Briefing Table", "Normal Table"], path
        assert "word/stylesWithEffects.xml" not in names, path
        assert "docProps/thumbnail.jpeg" not in names, path
        assert "stylesWithEffects" not in content_types and "thumbnail" not in content_types
