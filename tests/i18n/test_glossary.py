"""Terminology: English names of the visit's organisations and places in Chinese text."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from briefings.cli import main
from briefings.i18n.glossary import english_names_in, glossary
from briefings.records import load_records
from tests.conftest import EXAMPLE


def test_names_are_found_whole_and_longest_first() -> None:
    terms = glossary(load_records(EXAMPLE), "zh")
    found = english_names_in("访问Brussels和ljubljana   region，并参观Ljubljanaville。", terms)
    assert [(t.english, t.translation) for t in found] == [
        ("Ljubljana Region", "卢布尔雅那地区"),
        ("Brussels", "布鲁塞尔"),
    ]


def test_names_written_the_same_in_chinese_are_not_terms() -> None:
    terms = glossary(load_records(EXAMPLE), "zh")
    assert english_names_in("六个城市参与IURC中国项目，访问EKWB公司。", terms) == []


def test_status_reports_an_english_name_with_the_chinese_one(example: Path) -> None:
    meeting = example / "meetings" / "02-dg-regio.yaml"
    text = meeting.read_text(encoding="utf-8")
    meeting.write_text(
        text.replace(
            "zh: 中国城市与区域政策的重点。",
            "zh: National Development and Reform Commission的重点。",
        ),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["i18n", "status", str(example), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert (
        "meetings/02-dg-regio.yaml:38:9: talking_points[0].zh: 'National Development and "
        "Reform Commission' - the records name it '国家发展和改革委员会' "
        "(organisations.ndrc.name)"
    ) in result.output
    strict = CliRunner().invoke(main, ["i18n", "status", str(example), "--strict"])
    assert strict.exit_code == 1
