"""The whole example, built and read back as a reader would."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefings.build import BuildOptions, BuildResult, build
from briefings.diagnostics import InputError
from briefings.records import load_records
from tests.conftest import EXAMPLE, FIXED_TIME, VisitFactory, meeting_yaml
from tests.helpers import docx_text, pdf_fonts, pdf_text, squash

RECORDS = load_records(EXAMPLE)
BRIEFED = [m for m in RECORDS.meetings if not m.is_travel]
"""The entries with a briefing of their own: every one but the travel legs."""
MEETING_IDS = [m.id for m in BRIEFED]


def test_the_example_builds_forty_files(example_build: tuple[Path, BuildResult]) -> None:
    out, result = example_build
    expected = {
        f"{lang}/{name}.{fmt}"
        for lang in ("en", "zh")
        for name in [*MEETING_IDS, "visit-report"]
        for fmt in ("docx", "pdf")
    }
    assert len(expected) == 40
    assert {str(p.relative_to(out)) for p in result.written} == expected
    assert not result.missing


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("meeting", BRIEFED, ids=lambda m: m.id)
def test_each_briefing_reads_back_with_its_title_in_its_language(
    example_build: tuple[Path, BuildResult], lang: str, meeting: object
) -> None:
    out, _ = example_build
    title = squash(meeting.title[lang])  # type: ignore[attr-defined]
    assert title in squash(pdf_text(out / lang / f"{meeting.id}.pdf"))  # type: ignore[attr-defined]
    assert title in squash(docx_text(out / lang / f"{meeting.id}.docx"))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        ("en", ["Talking points", "Participants", "Wednesday, 23 October 2024"]),
        ("zh", ["谈话要点", "参会方", "2024年10月23日星期三"]),
    ],
)
def test_interface_strings_and_dates_are_in_the_document_language(
    example_build: tuple[Path, BuildResult], lang: str, phrases: list[str]
) -> None:
    out, _ = example_build
    pdf = squash(pdf_text(out / lang / "dg-regio.pdf"))
    docx = squash(docx_text(out / lang / "dg-regio.docx"))
    for phrase in phrases:
        assert squash(phrase) in pdf
        assert squash(phrase) in docx


@pytest.mark.parametrize(("lang", "label"), [("en", "Page {} of {}"), ("zh", "第 {} 页，共 {} 页")])
def test_pdf_footer_says_page_x_of_y(
    example_build: tuple[Path, BuildResult], lang: str, label: str
) -> None:
    out, _ = example_build
    pdf = out / lang / "dg-regio.pdf"
    pages = len(PdfReader(pdf).pages)
    assert pages > 1
    text = squash(pdf_text(pdf))
    for page in range(1, pages + 1):
        assert squash(label.format(page, pages)) in text


def test_the_report_has_every_meeting_outcome_and_follow_up(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    for lang in ("en", "zh"):
        text = squash(pdf_text(out / lang / "visit-report.pdf"))
        for meeting in RECORDS.meetings:
            for outcome in meeting.outcomes:
                assert squash(outcome[lang]) in text
            for action in meeting.follow_up:
                assert squash(action.action[lang]) in text
        assert squash(RECORDS.visit.conclusions[lang]) in text  # type: ignore[index]


def test_english_lists_and_dates_follow_british_conventions(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    text = pdf_text(out / "en" / "iurc-final-event.pdf")
    assert (
        "International Urban and Regional Cooperation programme and European Parliament"
        in " ".join(text.split())
    )
    zh = squash(pdf_text(out / "zh" / "iurc-final-event.pdf"))
    assert "城市创新、可持续发展和区域经济合作" in zh


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_font_in_every_pdf_is_embedded(
    example_build: tuple[Path, BuildResult], lang: str
) -> None:
    out, _ = example_build
    for pdf in sorted((out / lang).glob("*.pdf")):
        fonts = pdf_fonts(pdf)
        assert fonts, pdf
        assert all(f["embedded"] for f in fonts), (pdf, fonts)
        # Subset fonts carry a six-letter tag: ABCDEF+Name.
        assert all("+" in str(f["name"]) for f in fonts), fonts


def test_chinese_docx_carries_the_east_asian_font_and_language(
    example_build: tuple[Path, BuildResult],
) -> None:
    out, _ = example_build
    document = open_docx(str(out / "zh" / "dg-regio.docx"))
    normal = document.styles["Normal"].element.rPr
    fonts = normal.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Microsoft YaHei"
    assert fonts.get(qn("w:ascii")) == "Arial"
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    assert document.core_properties.language == "zh-CN"


def test_chinese_briefings_stay_small(example_build: tuple[Path, BuildResult]) -> None:
    out, _ = example_build
    sizes = {p.name: p.stat().st_size for p in (out / "zh").glob("*.pdf")}
    assert max(sizes.values()) < 150_000, sizes


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    def digest(out: Path) -> dict[str, str]:
        return {
            str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.*"))
        }

    for name in ("one", "two"):
        build(EXAMPLE, BuildOptions(out=tmp_path / name, created=FIXED_TIME, langs=("zh",)))
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


def test_source_date_epoch_sets_the_generation_date(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730000000")  # 27 October 2024
    visit = make_visit()
    build(visit, BuildOptions(out=tmp_path / "out", langs=("en",), formats=("pdf",)))
    assert "Generated 27 October 2024" in pdf_text(tmp_path / "out" / "en" / "talks.pdf")


HOSTILE = "R&D <b>2024</b> {{ x }} {% if 1 %}y{% endif %} ${HOME} <img src=http://x/>"


def test_record_text_prints_literally_never_as_markup(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit(
        meetings={
            "m.yaml": meeting_yaml(title_en=HOSTILE, outcome_en="<font color=red>&amp;</font>")
        }
    )
    build(visit, BuildOptions(out=tmp_path / "out", langs=("en",)))
    for text in (
        pdf_text(tmp_path / "out/en/talks.pdf"),
        docx_text(tmp_path / "out/en/talks.docx"),
    ):
        flat = " ".join(text.split())
        assert HOSTILE in flat
        assert "<font color=red>&amp;</font>" in flat


# Machine fonts differ between machines; these tests need a character no font draws.
NO_MACHINE_FONTS = "[fonts]\nsystem = false\n"


def test_a_character_no_font_has_fails_the_build_naming_it(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit(meetings={"m.yaml": meeting_yaml(title_zh="会谈\U0001d11e")})  # G clef
    (visit / "briefings.toml").write_text(NO_MACHINE_FONTS)
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        build(visit, BuildOptions(out=out))
    message = "\n".join(str(d) for d in caught.value.diagnostics)
    assert "U+1D11E" in message
    assert "m.yaml:3:43: title.zh" in message  # file, line and column of the text
    assert not any(p.is_file() for p in out.rglob("*")) if out.exists() else True


def test_a_text_no_page_can_hold_names_its_file_line_and_field(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF writer names the text by its source; the build says where it was written."""
    from briefings.writers import pdf

    long = meeting_yaml() + 'background: {en: "' + "word " * 3000 + '"}\n'
    visit = make_visit(meetings={"m.yaml": long})
    monkeypatch.setattr(pdf.TextBlock, "split", lambda self, width, height: [])
    with pytest.raises(InputError) as caught:
        options = BuildOptions(out=tmp_path / "out", langs=("en",), formats=("pdf",))
        build(visit, options)
    (message,) = {str(d) for d in caught.value.diagnostics}
    assert "m.yaml:12:" in message and ": background.en: error:" in message, message
    assert "cannot be laid out" in message


def test_a_failed_build_leaves_earlier_outputs_untouched(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit()
    (visit / "briefings.toml").write_text(NO_MACHINE_FONTS)
    out = tmp_path / "out"
    build(visit, BuildOptions(out=out, langs=("en",), formats=("pdf",)))
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (visit / "meetings" / "01-talks.yaml").write_text(meeting_yaml(title_en="bad \U0001d11e"))
    with pytest.raises(InputError):
        build(visit, BuildOptions(out=out, langs=("en",), formats=("pdf",)))
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    # no staging folder left behind
    assert sorted(p.name for p in out.iterdir()) == [".briefings-manifest.json", "en"]
