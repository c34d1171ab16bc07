"""The translation workflow end to end, on a copy of the example with Chinese texts
removed: ``status`` lists exactly those, the build marks them, ``--strict`` fails
naming them, and once the content catalogue is filled the build shows the translations."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from docx import Document as open_docx

from briefings.cli import main
from briefings.i18n import interface_translations
from tests.helpers import docx_text, pdf_text, squash
from tests.i18n.po import fill_po

TITLE = "Meeting with the Directorate-General for Regional and Urban Policy"
TOPIC = "Urban and regional development"
# The texts removed, with where `status` and the build must say they are.
REMOVED = {
    "meetings/02-dg-regio.yaml:4:3: title.zh": TITLE,
    "meetings/02-dg-regio.yaml:20:5: topics[0].zh": TOPIC,
    "visit.yaml:31:3: conclusions.zh": "The delegates returned with deepened insights",
}
MARKER = interface_translations("zh").gettext("(untranslated)")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def remove_chinese(visit: Path) -> None:
    meeting = visit / "meetings" / "02-dg-regio.yaml"
    text = meeting.read_text(encoding="utf-8")
    text = text.replace("  zh: 与欧盟委员会地区和城市政策总司会谈\n", "")
    text = text.replace(f"{{en: {TOPIC}, zh: 城市与区域发展}}", f"{{en: {TOPIC}}}")
    meeting.write_text(text, encoding="utf-8")
    visit_file = visit / "visit.yaml"
    text = visit_file.read_text(encoding="utf-8")
    conclusions = re.compile(r"(conclusions:\n  en: >-\n(?:    .*\n)+)  zh: >-\n(?:    .*\n)+")
    visit_file.write_text(conclusions.sub(r"\1", text), encoding="utf-8")


def listed_missing(output: str) -> set[str]:
    """The locations `status` lists as missing (lines ``    file:line:col: field: 'text'``)."""
    return {m.group(1) for m in re.finditer(r"^    (\S+:\d+:\d+: [\w.\[\]-]+):", output, re.M)}


def test_missing_chinese_texts_from_status_to_translated_build(
    example: Path, tmp_path: Path
) -> None:
    remove_chinese(example)

    status = run("i18n", "status", str(example), "--lang", "zh")
    assert status.exit_code == 0, status.output
    assert listed_missing(status.output) == set(REMOVED)
    assert "record texts 129/132" in status.output
    assert run("i18n", "status", str(example), "--strict").exit_code == 1

    out = tmp_path / "out"
    built = run("build", str(example), "--out", str(out), "--lang", "zh")
    assert built.exit_code == 0, built.output
    assert "untranslated: 3 texts without a zh translation" in built.output
    for where in REMOVED:
        assert f"{example / where}\n" in built.output
    briefing = squash(pdf_text(out / "zh" / "dg-regio.pdf"))
    assert squash(f"{TITLE} {MARKER}") in briefing
    assert squash(f"{TOPIC} {MARKER}") in briefing
    report = squash(pdf_text(out / "zh" / "visit-report.pdf"))
    assert squash(f"{REMOVED['visit.yaml:31:3: conclusions.zh']}") in report
    assert f"{TITLE} {MARKER}" in docx_text(out / "zh" / "dg-regio.docx")
    title_runs = [
        r
        for p in open_docx(str(out / "zh" / "dg-regio.docx")).paragraphs
        for r in p.runs
        if r.text == TITLE
    ]
    assert title_runs and all(r.italic for r in title_runs)

    strict_out = tmp_path / "strict"
    strict = run("build", str(example), "--out", str(strict_out), "--lang", "zh", "--strict")
    assert strict.exit_code == 1
    for where in REMOVED:
        assert f"{example / where}: no zh text, in the record or in " in strict.output
    assert "3 errors in 2 files; nothing was written." in strict.output
    assert not strict_out.exists()

    extracted = run("i18n", "extract-content", str(example), "--lang", "zh")
    assert extracted.exit_code == 0, extracted.output
    assert (example / "translations" / "content.pot").is_file()
    po = example / "translations" / "zh.po"
    fill_po(po, {TITLE: "与地区和城市政策总司会谈", TOPIC: "城市与区域发展"})
    partial = run("i18n", "status", str(example), "--lang", "zh")
    assert listed_missing(partial.output) == {"visit.yaml:31:3: conclusions.zh"}

    fill_po(po, {REMOVED["visit.yaml:31:3: conclusions.zh"]: "代表团深化了认识。（译）"})
    complete = run("i18n", "status", str(example), "--lang", "zh", "--strict")
    assert complete.exit_code == 0, complete.output
    assert "record texts 132/132, 3 of them from translations/zh.po" in complete.output

    final = run("build", str(example), "--out", str(out), "--lang", "zh", "--strict")
    assert final.exit_code == 0, final.output
    assert "untranslated" not in final.output
    briefing = squash(pdf_text(out / "zh" / "dg-regio.pdf"))
    assert "与地区和城市政策总司会谈" in briefing and "城市与区域发展" in briefing
    assert squash(MARKER) not in briefing and TITLE not in briefing
    assert "代表团深化了认识。（译）" in squash(pdf_text(out / "zh" / "visit-report.pdf"))
    assert "与地区和城市政策总司会谈" in docx_text(out / "zh" / "dg-regio.docx")
