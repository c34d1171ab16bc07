"""Line breaking: Chinese between characters, Latin at spaces, punctuation rules."""

from __future__ import annotations

import pytest

from briefings.fonts import shipped_fontset
from briefings.writers.pdf.fonts import FontNames
from briefings.writers.pdf.linebreak import (
    NO_LINE_END,
    NO_LINE_START,
    Measurer,
    TextStyle,
    layout,
    truncated,
)

FONTS = shipped_fontset("zh")
MEASURER = Measurer(FONTS, FontNames())
STYLE = TextStyle(10)

CHINESE = (
    "在国际城市与区域合作（IURC）中国项目框架下访问布鲁塞尔和卢布尔雅那，"
    "以加强双边关系，及城市和区域政策领域的知识交流。“欧洲绿色之都”、循环经济；创新？是的！"
)


def lines_of(text: str, width: float) -> list[str]:
    return [
        "".join(p.text for p in line.pieces) for line in layout([(text, STYLE)], width, MEASURER)
    ]


@pytest.mark.parametrize("width", range(40, 300, 7))
def test_no_line_starts_with_closing_or_ends_with_opening_punctuation(width: int) -> None:
    lines = lines_of(CHINESE, width)
    assert "".join(lines) == CHINESE
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, lines)
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, (width, lines)


def test_lines_never_exceed_the_width() -> None:
    for line in layout([(CHINESE * 3, STYLE)], 150, MEASURER):
        assert line.width <= 150 + 0.01


def test_english_words_inside_chinese_are_not_split() -> None:
    text = "与EKWB公司座谈智能技术和Intelligent Computing Cooling系统的合作前景"
    for width in range(60, 200, 5):
        joined = " ".join(lines_of(text, width))
        for word in ("EKWB", "Intelligent", "Computing", "Cooling"):
            assert word in joined, (width, joined)


def test_a_word_longer_than_the_line_is_cut_rather_than_overflowing() -> None:
    url = "https://example.org/a/very/long/path/that/never/ends/" + "x" * 60
    lines = layout([(url, STYLE)], 80, MEASURER)
    assert len(lines) > 1
    assert all(line.width <= 80 + 0.01 for line in lines)
    assert "".join(p.text for line in lines for p in line.pieces) == url


def test_latin_text_uses_the_latin_font_and_han_the_cjk_font() -> None:
    (line,) = layout([("EKWB公司，2024年", STYLE)], 500, MEASURER)
    faces = [(p.text, p.face.path.name) for p in line.pieces]
    assert faces == [
        ("EKWB", "LiberationSans-Regular.ttf"),
        ("公司，", "wqy-microhei.ttc"),
        ("2024", "LiberationSans-Regular.ttf"),
        ("年", "wqy-microhei.ttc"),
    ]


def test_forced_line_breaks() -> None:
    assert lines_of("one\ntwo", 500) == ["one", "two"]


def test_a_soft_hyphen_is_invisible_unless_the_line_breaks_there() -> None:
    word = "Inter\u00adnational\u00adisation"
    assert lines_of(word, 500) == ["Internationalisation"]
    assert lines_of(word, 45) == ["Inter-", "national-", "isation"]
    assert lines_of(word, 80) == ["International-", "isation"]


def test_text_cut_to_a_number_of_lines_ends_with_an_ellipsis() -> None:
    text = "Meeting with the Directorate-General for Regional and Urban Policy"
    whole = layout([(text, STYLE)], 500, MEASURER)
    assert truncated([(text, STYLE)], 500, MEASURER, 1) == whole  # it fits: untouched
    for width in (60, 90, 140):
        lines = truncated([(text, STYLE)], width, MEASURER, 2)
        shown = ["".join(p.text for p in line.pieces) for line in lines]
        assert len(shown) == 2 and shown[-1].endswith("…"), shown
        assert not shown[-1].endswith(" …")
        assert all(line.width <= width + 0.01 for line in lines)
        kept = "".join(shown).removesuffix("…").replace(" ", "")
        assert text.replace(" ", "").startswith(kept), shown


def test_an_ellipsis_in_chinese_keeps_to_the_width() -> None:
    lines = truncated([(CHINESE, STYLE)], 100, MEASURER, 1)
    assert len(lines) == 1 and lines[0].width <= 100.01
    assert "".join(p.text for p in lines[0].pieces).endswith("…")


def test_a_paragraph_never_ends_with_one_character_alone_on_its_line() -> None:
    text = "与欧盟委员会地区和城市政策总司会谈。"
    for width in range(60, 200, 3):
        last = lines_of(text, width)[-1]
        assert len(last.rstrip("。")) >= 2 or len(lines_of(text, width)) == 1, (width, last)


def test_names_of_the_records_are_not_broken_where_the_line_allows() -> None:
    measurer = Measurer(FONTS, FontNames())
    measurer.keep_together(("布鲁塞尔", "卢布尔雅那"))
    text = "国家发展改革委带队赴布鲁塞尔和卢布尔雅那访问"
    for width in range(100, 230, 4):
        lines = [line.text for line in layout([(text, STYLE)], width, measurer)]
        for line in lines[:-1]:
            assert not line.endswith(("赴布", "布鲁", "卢", "卢布", "布尔", "尔雅")), (width, lines)
    # A name wider than the line is broken all the same: nothing is lost.
    assert "".join(line.text for line in layout([(text, STYLE)], 25, measurer)) == text


def test_a_text_laid_out_again_for_a_document_with_other_names_keeps_those_together() -> None:
    measurer = Measurer(FONTS, FontNames())
    text = "国家发展改革委带队赴布鲁塞尔和卢布尔雅那访问"
    widths = range(100, 230, 4)
    before = [[line.text for line in layout([(text, STYLE)], w, measurer)] for w in widths]
    measurer.keep_together(("布鲁塞尔", "卢布尔雅那"))
    after = [[line.text for line in layout([(text, STYLE)], w, measurer)] for w in widths]
    broken = ("布鲁", "卢", "卢布", "布尔", "尔雅")
    assert any(line.endswith(broken) for lines in before for line in lines[:-1])
    assert not any(line.endswith(broken) for lines in after for line in lines[:-1])
