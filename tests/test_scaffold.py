"""``briefings new``: a visit a new user can build at once and fill in."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.build import BuildOptions, build
from briefings.records import load_records
from briefings.scaffold import VisitExistsError, new_visit
from tests.conftest import FIXED_TIME


def test_new_writes_a_visit_that_builds_at_once(tmp_path: Path) -> None:
    target = tmp_path / "my-visit"
    written = new_visit(target)
    assert target / "visit.yaml" in written
    records = load_records(target)
    assert not records.warnings
    result = build(target, BuildOptions(out=tmp_path / "out", created=FIXED_TIME))
    assert result.written and not result.missing


def test_new_files_name_their_schema_for_the_editor(tmp_path: Path) -> None:
    new_visit(tmp_path)
    first_line = (tmp_path / "visit.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=schemas/visit.schema.json"
    for meeting in (tmp_path / "meetings").glob("*.yaml"):
        first = meeting.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schemas/meeting.schema.json"
        schema = meeting.parent / first.split("=", 1)[1]
        assert schema.resolve().is_file()


def test_new_refuses_a_folder_with_a_visit(tmp_path: Path) -> None:
    (tmp_path / "visit.yaml").write_text("id: mine\n", encoding="utf-8")
    with pytest.raises(VisitExistsError):
        new_visit(tmp_path)
    assert (tmp_path / "visit.yaml").read_text(encoding="utf-8") == "id: mine\n"
