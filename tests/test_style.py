"""A user changes the look without touching code: [style] in briefings.toml, their own
templates, their own DOCX reference document."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from briefings.resources import templates_dir
from tests.conftest import FIXED_TIME, VisitFactory
from tests.helpers import docx_text, pdf_text


def write_config(visit: Path, text: str) -> None:
    (visit / "briefings.toml").write_text(textwrap.dedent(text), encoding="utf-8")


def test_style_changes_colour_margin_marking_and_size(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit()
    write_config(
        visit,
        """\
        [style]
        accent = "#7a1f5c"
        header_fill = "#7a1f5c"
        margin_left_mm = 35
        marking = {en = "Restricted", zh = "限制分发"}

        [style.text.body]
        size = 12
        """,
    )
    out = tmp_path / "out"
    build(visit, BuildOptions(out=out, created=FIXED_TIME))
    assert "Restricted" in pdf_text(out / "en" / "talks.pdf")
    assert "限制分发" in pdf_text(out / "zh" / "talks.pdf")
    assert "Internal" not in pdf_text(out / "en" / "talks.pdf")
    document = open_docx(str(out / "en" / "talks.docx"))
    assert abs(document.sections[0].left_margin.mm - 35) < 0.1  # stored in twips
    assert document.styles["Normal"].font.size.pt == 12
    assert "Restricted" in docx_text(out / "en" / "talks.docx")
    table_style = document.tables[-1].style  # the header row's fill comes from it
    assert table_style is not None and 'w:fill="7A1F5C"' in table_style.element.xml
    # In the PDF, the cover band is filled with the accent colour (r g b in 0..1).
    content = PdfReader(out / "en" / "talks.pdf").pages[0].get_contents().get_data()  # type: ignore[union-attr]
    assert b".478431 .121569 .360784 rg" in content


def test_bad_style_settings_are_reported_by_key_all_at_once(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit()
    write_config(
        visit,
        """\
        [style]
        accent = "blue"
        margin_top_mm = -3
        colour = "#000000"
        [style.text.body]
        size = "big"
        """,
    )
    with pytest.raises(InputError) as caught:
        build(visit, BuildOptions(out=tmp_path / "out", created=FIXED_TIME))
    fields = {d.location.field for d in caught.value.diagnostics}
    assert fields == {"style.accent", "style.margin_top_mm", "style.colour", "style.text.body.size"}
    assert all(d.location.file.name == "briefings.toml" for d in caught.value.diagnostics)
    assert not (tmp_path / "out").exists()


def test_a_user_template_overrides_a_partial(make_visit: VisitFactory, tmp_path: Path) -> None:
    visit = make_visit()
    mine = tmp_path / "my-templates"
    mine.mkdir()
    common = (templates_dir() / "_common.xml.j2").read_text(encoding="utf-8")
    assert "<kind>{{ document_type }}</kind>" in common
    (mine / "_common.xml.j2").write_text(
        common.replace(
            "<kind>{{ document_type }}</kind>", "<kind>Protocol Office · {{ document_type }}</kind>"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(visit, BuildOptions(out=out, templates=(mine,), langs=("en",), created=FIXED_TIME))
    for name in ("talks", "visit-report"):
        assert "Protocol Office · " in pdf_text(out / "en" / f"{name}.pdf")
        assert "Protocol Office · " in docx_text(out / "en" / f"{name}.docx")


def test_a_reference_docx_gives_its_styles(make_visit: VisitFactory, tmp_path: Path) -> None:
    reference = open_docx()
    reference.styles.add_style("House Style", 1)
    visit = make_visit()
    reference.save(str(visit / "house.docx"))
    write_config(visit, '[style]\nreference_docx = "house.docx"\n')
    out = tmp_path / "out"
    build(visit, BuildOptions(out=out, langs=("en",), formats=("docx",), created=FIXED_TIME))
    document = open_docx(str(out / "en" / "talks.docx"))
    assert "House Style" in [s.name for s in document.styles]
    assert "Talks at the town hall" in docx_text(out / "en" / "talks.docx")
