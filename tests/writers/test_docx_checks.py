"""The example's DOCX files (en, zh, en+zh) pass the Open XML SDK's checks and carry
nothing of python-docx's template that is not theirs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openxml_audit import OpenXmlValidator

from briefings.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iurc-china-2024"


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built as DOCX in English, Chinese and both."""
    out = tmp_path_factory.mktemp("example-docx")
    args = ["build", str(EXAMPLE), "--out", str(out), "--lang", "en,zh,en+zh", "--format", "docx"]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": "1730419200"})
    assert result.exit_code == 0, result.output
    return out


def documents(out: Path) -> list[Path]:
    paths = sorted(out.glob("*/*.docx"))
    assert {path.parent.name for path in paths} == {"en", "zh", "en+zh"}
    return paths


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(name).decode()


def test_every_docx_passes_the_open_xml_sdk_checks(example_docx: Path) -> None:
    validator = OpenXmlValidator()
    problems = {
        f"{path.parent.name}/{path.name}": [str(error) for error in result.errors]
        for path in documents(example_docx)
        if not (result := validator.validate(path)).is_valid
    }
    assert not problems


def test_the_package_names_this_tool_and_the_documents_languages(example_docx: Path) -> None:
    for path in documents(example_docx):
        with zipfile.ZipFile(path) as package:
            names = package.namelist()
        assert not [name for name in names if name.startswith("customXml/")], path
        app, core = part(path, "docProps/app.xml"), part(path, "docProps/core.xml")
        settings = part(path, "word/settings.xml")
        assert "<Application>briefings</Application>" in app and "Macintosh" not in app
        assert "lastPrinted" not in core and "rsid" not in settings
        assert '<w:themeFontLang w:val="en-GB" w:eastAsia="zh-CN"/>' in settings
        expected = {"en": ["en-GB"], "zh": ["zh-CN"], "en+zh": ["en-GB", "zh-CN"]}
        languages = re.findall(r"<dc:language>([^<]*)</dc:language>", core)
        assert languages == expected[path.parent.name], path
