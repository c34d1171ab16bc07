"""Record files a careless or hostile user may hand over: huge, linked out of the
visit folder, or in a script the writers cannot lay out."""

from __future__ import annotations

import sys
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest

from briefings.diagnostics import InputError
from briefings.records import load_records
from briefings.records.yamlsafe import has_right_to_left, load_yaml
from tests.conftest import VisitFactory, meeting_yaml


def errors_of(root: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_records(root)
    return [str(d) for d in caught.value.errors]


def sparse_file(file: Path, size: int = 2_000_000_000) -> None:
    """A file of ``size`` bytes that takes no room on disk (but reading it takes all)."""
    with file.open("wb") as f:
        f.truncate(size)


def test_a_huge_record_is_refused_by_its_size_without_being_read(tmp_path: Path) -> None:
    file = tmp_path / "huge.yaml"
    sparse_file(file)
    tracemalloc.start()
    began = time.perf_counter()
    document, problems = load_yaml(file)
    took = time.perf_counter() - began
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert document is None and "larger than 1000 kB" in problems[0].message
    assert took < 0.5 and peak < 5_000_000


def test_a_huge_meeting_file_or_visit_file_is_an_error_naming_it(
    make_visit: VisitFactory,
) -> None:
    root = make_visit()
    sparse_file(root / "meetings" / "02-huge.yaml")
    (message,) = errors_of(root)
    assert "02-huge.yaml" in message and "larger than 1000 kB" in message
    sparse_file(root / "visit.yaml")
    assert any("visit.yaml: error: the file is larger" in e for e in errors_of(root))


SECRET = "token: s3cr3t-do-not-print\n"


def test_a_meeting_linked_from_outside_the_visit_is_refused_unread(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    root = make_visit()
    (root / "meetings" / "02-link.yaml").symlink_to(secret)
    (message,) = errors_of(root)
    assert "02-link.yaml" in message and "outside the visit folder" in message
    assert "s3cr3t" not in message and "token" not in message


def test_a_visit_file_linked_from_outside_is_refused_unread(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(SECRET, encoding="utf-8")
    root = make_visit()
    (root / "visit.yaml").unlink()
    (root / "visit.yaml").symlink_to(secret)
    (message,) = errors_of(root)
    assert "visit.yaml" in message and "outside the visit folder" in message
    assert "s3cr3t" not in message


def test_a_link_inside_the_visit_folder_is_read(make_visit: VisitFactory) -> None:
    root = make_visit()
    (root / "drafts").mkdir()
    (root / "drafts" / "m.yaml").write_text(meeting_yaml(id="other"), encoding="utf-8")
    (root / "meetings" / "02-link.yaml").symlink_to(root / "drafts" / "m.yaml")
    assert [m.id for m in load_records(root).meetings] == ["other", "talks"]


@pytest.mark.parametrize(
    ("script", "text"),
    [("Arabic", "محادثات"), ("Hebrew", "שיחות"), ("a right-to-left mark", "Talks\u200f")],
)
def test_right_to_left_text_is_refused_naming_file_line_and_field(
    make_visit: VisitFactory, script: str, text: str
) -> None:
    root = make_visit(meetings={"m.yaml": meeting_yaml(title_en=text)})
    (message,) = errors_of(root)
    assert "m.yaml:3:" in message and "title.en" in message, script
    assert "right-to-left text cannot be laid out yet" in message


def test_every_right_to_left_letter_of_unicode_is_recognised() -> None:
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.bidirectional(chr(code)) in ("R", "AL") and not has_right_to_left(chr(code))
    ]
    assert missed == []
    assert not has_right_to_left("Talks 会谈 Ελληνικά ١٢٣")  # Arabic-Indic digits are AN
