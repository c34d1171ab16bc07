"""Content catalogues: every record text extracted with its place; translations used."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from briefings.diagnostics import InputError
from briefings.i18n import LocaleFormat, interface_translations
from briefings.i18n.content import (
    content_catalogue_path,
    extract_content,
    load_content_catalogue,
    record_texts,
    update_content_po,
    write_catalogue,
)
from briefings.records import load_records
from briefings.render.views import ViewBuilder
from tests.conftest import EXAMPLE, VisitFactory, meeting_yaml
from tests.i18n.po import fill_po


def test_every_record_text_is_extracted_with_file_line_and_field() -> None:
    records = load_records(EXAMPLE)
    catalog = extract_content(records)
    assert {t.source for t in record_texts(records)} == {str(m.id) for m in catalog if m.id}
    title = catalog.get("Meeting with the Directorate-General for Regional and Urban Policy")
    assert title is not None
    assert title.locations == [("meetings/02-dg-regio.yaml", 4)]
    assert title.auto_comments == ["meetings/02-dg-regio.yaml: title"]
    topic = catalog.get("Urban and regional development")
    assert topic is not None and topic.auto_comments == ["meetings/02-dg-regio.yaml: topics[0]"]


def test_a_text_used_twice_is_one_entry_with_both_places() -> None:
    catalog = extract_content(load_records(EXAMPLE))
    parliament = catalog.get("European Parliament")
    assert parliament is not None
    assert [file for file, _ in parliament.locations] == [
        "visit.yaml",
        "meetings/03-iurc-final-event.yaml",
    ]
    assert "visit.yaml: organisations.european-parliament.name" in parliament.auto_comments
    assert "meetings/03-iurc-final-event.yaml: venue" in parliament.auto_comments


def test_extracting_twice_gives_the_same_file(tmp_path: Path) -> None:
    records = load_records(EXAMPLE)
    write_catalogue(extract_content(records), tmp_path / "a.pot")
    write_catalogue(extract_content(records), tmp_path / "b.pot")
    assert (tmp_path / "a.pot").read_bytes() == (tmp_path / "b.pot").read_bytes()


def _visit_with_untranslated_title(make_visit: VisitFactory) -> Path:
    meeting = meeting_yaml(outcome_en="Funding rose 50% for {city}.")
    meeting = meeting.replace(', zh: "市政厅会谈"', "")
    return make_visit(meetings={"01-talks.yaml": meeting})


def test_the_po_is_prefilled_with_the_records_own_texts(make_visit: VisitFactory) -> None:
    records = load_records(_visit_with_untranslated_title(make_visit))
    po = update_content_po(extract_content(records), records, "zh")
    assert po == content_catalogue_path(records.root, "zh")
    with po.open("rb") as handle:
        catalog = read_po(handle)
    assert catalog.get("Town hall").string == "市政厅"  # type: ignore[union-attr]
    assert catalog.get("Talks at the town hall").string == ""  # type: ignore[union-attr]


def test_catalogue_fills_gaps_inline_wins_fuzzy_ignored(make_visit: VisitFactory) -> None:
    records = load_records(_visit_with_untranslated_title(make_visit))
    po = update_content_po(extract_content(records), records, "zh")
    fill_po(
        po,
        {"Talks at the town hall": "市政厅会谈（译）", "Town hall": "不应使用", "Test visit": "X"},
        fuzzy=("Test visit",),
    )
    assert "Test visit" not in load_content_catalogue(records.root, "zh")
    views = ViewBuilder(
        records,
        LocaleFormat("zh", interface_translations("zh")),
        load_content_catalogue(records.root, "zh"),
    )
    visit = views.visit()
    meeting = visit.meetings[0]
    assert str(meeting.title) == "市政厅会谈（译）" and meeting.title.fallback_from is None
    assert str(meeting.venue) == "市政厅"
    assert str(visit.title) == "测试访问"
    assert views.text.missing == []


def test_changed_source_text_makes_the_old_translation_fuzzy(make_visit: VisitFactory) -> None:
    root = _visit_with_untranslated_title(make_visit)
    records = load_records(root)
    po = update_content_po(extract_content(records), records, "zh")
    fill_po(po, {"Talks at the town hall": "市政厅会谈"})
    meeting = (root / "meetings" / "01-talks.yaml").read_text(encoding="utf-8")
    (root / "meetings" / "01-talks.yaml").write_text(
        meeting.replace("Talks at the town hall", "Talks at the new town hall"), encoding="utf-8"
    )
    records = load_records(root)
    update_content_po(extract_content(records), records, "zh")
    with po.open("rb") as handle:
        entry = read_po(handle).get("Talks at the new town hall")
    assert entry is not None and entry.fuzzy
    assert "Talks at the new town hall" not in load_content_catalogue(root, "zh")


def test_a_broken_po_is_an_input_error_naming_the_file(make_visit: VisitFactory) -> None:
    root = make_visit()
    po = content_catalogue_path(root, "zh")
    po.parent.mkdir()
    po.write_text('msgid "a"\nmsgtxt "b"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_content_catalogue(root, "zh")
    assert str(po) in str(caught.value.diagnostics[0])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is not installed")
def test_msgfmt_check_accepts_content_catalogues(make_visit: VisitFactory) -> None:
    """Texts with ``%`` and ``{...}`` are not format strings: no flag makes msgfmt
    demand the same placeholders in the translation."""
    records = load_records(_visit_with_untranslated_title(make_visit))
    template = extract_content(records)
    write_catalogue(template, records.root / "translations" / "content.pot")
    po = update_content_po(template, records, "zh")
    fill_po(po, {"Funding rose 50% for {city}.": "资金增长了百分之五十。"})
    for path in (po, records.root / "translations" / "content.pot"):
        result = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
