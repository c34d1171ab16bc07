"""Hostile and odd record text: printed literally in every field and both formats,
never interpreted; characters no font has are input errors naming the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from tests.conftest import FIXED_TIME
from tests.helpers import docx_text, pdf_text, squash

HOSTILE = [
    "R&D <b>2024</b> &amp; &lt;",
    "<img src=http://127.0.0.1:9/x.png> <font color=red>red</font>",
    "{{ 7*7 }} {% if true %}yes{% endif %} {# note #}",
    "${HOME} $(whoami) %(name)s {0} {page} of {pages}",
    "<![CDATA[x]]> <?xml version='1.0'?> <!-- c --> </span></p></document>",
]


def texts(field: str) -> dict[str, str]:
    """A field's text in both languages: a tag naming the field, then the hostile text."""
    hostile = " ".join(HOSTILE)
    return {"en": f"[{field}] {hostile}", "zh": f"【{field}】{hostile}"}


def hostile_visit(root: Path) -> Path:
    """A visit whose every reader-visible text is hostile."""
    visit: dict[str, Any] = {
        "id": "hostile",
        "title": texts("visit.title"),
        "dates": {"start": "2024-10-22", "end": "2024-10-27"},
        "home_timezone": "Asia/Shanghai",
        "lead": "ndrc",
        "delegation": ["ndrc"],
        "summary": texts("summary"),
        "conclusions": texts("conclusions"),
        "marking": {"en": "<b>Internal</b> {{ x }}", "zh": "<b>内部</b> {{ x }}"},
        "places": {
            "brussels": {
                "name": texts("place.name"),
                "country": "BE",
                "timezone": "Europe/Brussels",
            }
        },
        "organisations": {
            "ndrc": {"name": texts("lead.name"), "country": "CN"},
            "host": {"name": texts("host.name"), "short": texts("host.short"), "country": "BE"},
        },
    }
    meeting = {
        "id": "talks",
        "kind": "meeting",
        "title": texts("meeting.title"),
        "start": "2024-10-23T14:30",
        "end": "2024-10-23T16:00",
        "place": "brussels",
        "venue": texts("venue"),
        "hosts": ["host"],
        "participants": ["ndrc"],
        "topics": [texts("topics")],
        "objectives": [texts("objectives")],
        "background": texts("background"),
        "talking_points": [texts("talking_points")],
        "outcomes": [texts("outcomes")],
        "follow_up": [{"action": texts("follow_up.action"), "owner": "host", "due": "2024-12-01"}],
    }
    (root / "meetings").mkdir(parents=True)
    (root / "visit.yaml").write_text(yaml.safe_dump(visit, allow_unicode=True), encoding="utf-8")
    meeting_file = root / "meetings" / "talks.yaml"
    meeting_file.write_text(yaml.safe_dump(meeting, allow_unicode=True), encoding="utf-8")
    return root


FIELDS = [
    "visit.title",
    "summary",
    "conclusions",
    "place.name",
    "lead.name",
    "host.name",
    "host.short",
    "meeting.title",
    "venue",
    "topics",
    "objectives",
    "background",
    "talking_points",
    "outcomes",
    "follow_up.action",
]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    build(hostile_visit(root / "visit"), BuildOptions(out=root / "out", created=FIXED_TIME))
    return root / "out"


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_record_text_prints_literally(hostile_build: Path, lang: str, fmt: str) -> None:
    read = pdf_text if fmt == "pdf" else docx_text
    text = squash(
        read(hostile_build / lang / f"talks.{fmt}")
        + read(hostile_build / lang / f"visit-report.{fmt}")
    )
    for field in FIELDS:
        assert squash(texts(field)[lang]) in text, field
    assert squash("<b>Internal</b> {{ x }}" if lang == "en" else "<b>内部</b> {{ x }}") in text
    assert "49" not in text  # {{ 7*7 }} was not evaluated


def test_the_docx_holds_record_markup_as_text_not_elements(hostile_build: Path) -> None:
    from docx import Document as open_docx

    document = open_docx(str(hostile_build / "en" / "talks.docx"))
    body = document.element.body.xml
    assert "<img" not in body and "&lt;img src=http://127.0.0.1:9/x.png&gt;" in body
    assert "&lt;b&gt;2024&lt;/b&gt;" in body  # one run of text, not a bold run
    assert not document.inline_shapes  # no picture fetched or embedded


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Welcome 🎉", ["U+1F389", "title.en"]),
        ("Welcome ⼀ 🀀", ["U+1F000", "title.en"]),
    ],
)
def test_characters_no_font_has_are_errors_naming_the_field(
    tmp_path: Path, text: str, words: list[str]
) -> None:
    root = hostile_visit(tmp_path / "visit")
    meeting = root / "meetings" / "talks.yaml"
    data = yaml.safe_load(meeting.read_text(encoding="utf-8"))
    data["title"]["en"] = text
    meeting.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # Only the shipped fonts: a machine may have a font for these (Noto Color Emoji, …).
    (root / "briefings.toml").write_text("[fonts]\nsystem = false\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", langs=("en",)))
    message = "\n".join(str(d) for d in caught.value.diagnostics)
    assert all(word in message for word in words), message
    assert "talks.yaml" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


@pytest.mark.parametrize(
    "text",
    ["Shalom שָׁלוֹם עולם", "مرحبا بكم"],  # Hebrew (Liberation Sans has it), Arabic (no font)
)
def test_right_to_left_text_is_refused_not_printed_reversed(tmp_path: Path, text: str) -> None:
    root = hostile_visit(tmp_path / "visit")
    meeting = root / "meetings" / "talks.yaml"
    data = yaml.safe_load(meeting.read_text(encoding="utf-8"))
    data["title"]["en"] = text
    meeting.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        build(root, BuildOptions(out=tmp_path / "out", langs=("en",)))
    (error,) = caught.value.errors
    assert "talks.yaml" in str(error) and error.location.field == "title.en"
    assert "right-to-left text cannot be laid out yet" in error.message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))
