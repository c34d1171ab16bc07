"""End to end: what the built PDFs draw, with which embedded font, where lines break."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefings import model
from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from briefings.fonts import shipped_fontset
from briefings.fonts.convert import converted_copy
from briefings.theme import Theme
from briefings.writers.pdf import PdfWriter
from tests.conftest import EXAMPLE, FIXED_TIME, VisitFactory, meeting_yaml
from tests.fonts.conftest import NOTO_SERIF, needs_noto
from tests.fonts.drawn import drawn
from tests.helpers import pdf_fonts, pdf_text, squash

CLOSING = "，。、；：？！）》」”"
RARE = "堃喆镕犇"
YOSHI = "\U00020bb7"  # 𠮷, outside the Basic Multilingual Plane
NO_MACHINE_FONTS = "[fonts]\nsystem = false\n"


def _visit(make_visit: VisitFactory, title_zh: str, config: str = "") -> Path:
    visit = make_visit(meetings={"m.yaml": meeting_yaml(title_zh=title_zh)})
    if config:
        (visit / "briefings.toml").write_text(config, encoding="utf-8")
    return visit


def _build_zh(visit: Path, out: Path, *fonts: str, theme: Theme | None = None) -> Path:
    options = BuildOptions(
        out=out, langs=("zh",), formats=("pdf",), created=FIXED_TIME, fonts=fonts
    )
    if theme is not None:
        options = dataclasses.replace(options, theme=theme)
    build(visit, options)
    return out / "zh" / "talks.pdf"


def _assert_drawn_with_outlines(pdf: Path, chars: str, font: str = "") -> None:
    shown = {d.char: d for d in drawn(pdf)}
    for char in chars:
        assert char in shown, (char, f"U+{ord(char):04X}")
        assert shown[char].has_outline, shown[char]
        assert font in shown[char].font, shown[char]
    assert chars in squash(pdf_text(pdf))  # and copy/search/extraction get them back


def test_rare_name_characters_are_drawn_from_the_shipped_font(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = _visit(make_visit, f"与{RARE}会谈", NO_MACHINE_FONTS)
    _assert_drawn_with_outlines(_build_zh(visit, tmp_path / "out"), RARE, "WenQuanYi")


def test_a_character_outside_every_font_fails_naming_it(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = _visit(make_visit, f"与{RARE}{YOSHI}会谈", NO_MACHINE_FONTS)
    with pytest.raises(InputError) as caught:
        _build_zh(visit, tmp_path / "out")
    (problem,) = caught.value.diagnostics
    message = str(problem)
    assert "U+20BB7" in message and YOSHI in message
    where = problem.location  # the record's own place, not a string of it
    assert (where.file.name, where.field) == ("m.yaml", "title.zh") and where.line
    assert not (tmp_path / "out").exists()


def test_rare_and_non_bmp_characters_build_or_fail_by_name(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    """With the machine's fonts as the last resort (the default)."""
    visit = _visit(make_visit, f"与{RARE}{YOSHI}会谈")
    try:
        pdf = _build_zh(visit, tmp_path / "out")
    except InputError as caught:
        assert "U+20BB7" in str(caught.diagnostics[0])
        assert not (tmp_path / "out").exists()
    else:
        _assert_drawn_with_outlines(pdf, RARE + YOSHI)


@needs_noto
def test_noto_serif_cjk_is_embedded_as_a_subset_and_builds_repeat(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = _visit(make_visit, f"与{RARE}{YOSHI}会谈", NO_MACHINE_FONTS)
    pdf = _build_zh(visit, tmp_path / "one", f"zh={NOTO_SERIF}")
    _assert_drawn_with_outlines(pdf, RARE + YOSHI + "会谈", "NotoSerifCJKsc")
    fonts = [f for f in pdf_fonts(pdf) if "NotoSerifCJK" in str(f["name"])]
    assert fonts and all(f["embedded"] and "+" in str(f["name"]) for f in fonts)
    converted_copy.cache_clear()  # as a new process would: the converted font from disk
    again = _build_zh(visit, tmp_path / "two", f"zh={NOTO_SERIF}#SC")
    assert again.read_bytes() == pdf.read_bytes()


@needs_noto
def test_example_chinese_briefings_with_noto_stay_small(tmp_path: Path) -> None:
    options = BuildOptions(
        out=tmp_path,
        langs=("zh",),
        formats=("pdf",),
        created=FIXED_TIME,
        fonts=(f"zh={NOTO_SERIF}",),
    )
    build(EXAMPLE, options)
    sizes = {p.name: p.stat().st_size for p in (tmp_path / "zh").glob("*.pdf")}
    assert len(sizes) == 10 and max(sizes.values()) < 150_000, sizes


def test_latin_words_and_numbers_in_chinese_use_the_latin_font(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = _visit(make_visit, "与Smith先生于2024年会谈，《议程》", NO_MACHINE_FONTS)
    shown = [d for d in drawn(_build_zh(visit, tmp_path / "out")) if d.char in "Smith2024先，《》"]
    by_char = {d.char: d.font for d in shown}
    assert all("LiberationSans" in by_char[c] for c in "Smith2024"), by_char
    assert all("WenQuanYi" in by_char[c] for c in "先，《》"), by_char


LONG = (
    "双方回顾了合作进展（包括“城市创新”项目），并同意：一、继续交流；二、扩大合作！"
    "详见https://example.org/iurc/very/long/path/that/cannot/fit/on/one/line/at/all/"
    "ever?query=1234567890abcdefghij。英文词Sustainability和Urbanisation不应被拆开。"
) * 3


@pytest.mark.parametrize("margin", [20.0, 47.5])
def test_long_urls_wrap_and_words_stay_whole(
    make_visit: VisitFactory, tmp_path: Path, margin: float
) -> None:
    visit = make_visit(meetings={"m.yaml": meeting_yaml(outcome_zh=LONG)})
    (visit / "briefings.toml").write_text(NO_MACHINE_FONTS, encoding="utf-8")
    theme = Theme(margin_left_mm=margin, margin_right_mm=margin)
    text = pdf_text(_build_zh(visit, tmp_path / "out", theme=theme))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert not [line for line in lines if line[0] in CLOSING]
    assert squash(LONG) in squash(text)
    url_lines = [line for line in lines if "/path/" in line or "abcdefghij" in line]
    # the URL is longer than the line: it wraps instead of running off the page
    assert url_lines and not [u for u in url_lines if "https://" in u and "abcdefghij" in u]
    for word in ("Sustainability", "Urbanisation"):  # never split mid-word
        assert sum(line.count(word) for line in lines) == 3, word


def _dense_punctuation() -> str:
    """Runs of 1 to 7 Han characters, each closed by a different punctuation mark, with
    opening brackets and Latin words between: at almost any width some line would start
    with a closing mark if the breaker allowed it."""
    han = "城市创新可持续发展区域经济合作交流"
    parts = []
    for i in range(90):
        run = "".join(han[(i * 3 + k) % len(han)] for k in range(i % 7 + 1))
        opening = "（《「"[i % 3] if i % 5 == 0 else ""
        latin = " IURC " if i % 11 == 0 else ""
        parts.append(opening + run + latin + CLOSING[i % len(CLOSING)])
    return "".join(parts)


def test_no_line_starts_with_closing_punctuation_at_any_width(tmp_path: Path) -> None:
    text = _dense_punctuation()
    paragraph = model.Paragraph((model.Span(text),))
    document = model.Document(model.Metadata("t", "zh-CN", page_label=""), (paragraph,))
    fonts = shipped_fontset("zh")
    starts: dict[float, list[str]] = {}
    for margin in [20 + 2.3 * step for step in range(24)]:
        theme = Theme(margin_left_mm=margin, margin_right_mm=margin)
        pdf = tmp_path / f"{margin}.pdf"
        pdf.write_bytes(PdfWriter(fonts, theme).write(document))
        lines = [line.strip() for line in pdf_text(pdf).splitlines() if line.strip()]
        assert len(lines) > 10 and squash(text) in squash("".join(lines))
        bad = [line for line in lines if line[0] in CLOSING]
        bad += [line for line in lines if line[-1] in "（《「"]
        if bad:
            starts[margin] = bad
    assert not starts
