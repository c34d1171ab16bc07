"""Incremental and parallel builds: the manifest, --force, --check, removal, --jobs."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.build import BuildOptions, BuildResult, DocumentJob, Session, build, check
from briefings.build.manifest import MANIFEST_FILE
from briefings.cli import main
from briefings.diagnostics import InputError
from briefings.model import Document
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml
from tests.helpers import pdf_text

MEETINGS = {
    "01-talks.yaml": meeting_yaml(id="talks"),
    "02-lunch.yaml": meeting_yaml(id="lunch", title_en="Lunch with the mayor", title_zh="市长午餐"),
    "03-tour.yaml": meeting_yaml(id="tour", title_en="Tour of the port", title_zh="参观港口"),
}
ALL_OUTPUTS = {
    f"{lang}/{name}.{fmt}"
    for lang in ("en", "zh")
    for name in ("talks", "lunch", "tour", "visit-report")
    for fmt in ("docx", "pdf")
}


def _build(visit: Path, out: Path, **options: object) -> BuildResult:
    return build(visit, BuildOptions(out=out, created=FIXED_TIME, **options))  # type: ignore[arg-type]


def _written(result: BuildResult, out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in result.written}


def _mtimes(out: Path) -> dict[str, int]:
    return {
        p.relative_to(out).as_posix(): p.stat().st_mtime_ns
        for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST_FILE
    }


@pytest.fixture
def built(make_visit: VisitFactory, tmp_path: Path) -> tuple[Path, Path]:
    visit = make_visit(meetings=MEETINGS)
    out = tmp_path / "out"
    result = _build(visit, out)
    assert _written(result, out) == ALL_OUTPUTS
    return visit, out


def test_a_second_build_rewrites_nothing(built: tuple[Path, Path]) -> None:
    visit, out = built
    before = _mtimes(out)
    result = _build(visit, out)
    assert result.written == []
    assert set(result.up_to_date) == ALL_OUTPUTS
    assert _mtimes(out) == before


def test_changing_one_meeting_rebuilds_only_it_and_the_report(built: tuple[Path, Path]) -> None:
    visit, out = built
    before = _mtimes(out)
    (visit / "meetings" / "02-lunch.yaml").write_text(
        meeting_yaml(id="lunch", title_en="Dinner with the mayor", title_zh="市长晚宴"),
        encoding="utf-8",
    )
    result = _build(visit, out)
    expected = {o for o in ALL_OUTPUTS if "/lunch." in o or "/visit-report." in o}
    assert _written(result, out) == expected
    after = _mtimes(out)
    assert {name for name in after if after[name] != before[name]} == expected
    assert "Dinner with the mayor" in pdf_text(out / "en" / "lunch.pdf")
    assert "Dinner with the mayor" in pdf_text(out / "en" / "visit-report.pdf")


def test_changing_the_visit_rebuilds_everything(built: tuple[Path, Path]) -> None:
    visit, out = built
    text = (visit / "visit.yaml").read_text(encoding="utf-8")
    (visit / "visit.yaml").write_text(text.replace("Test visit", "Trial visit"), encoding="utf-8")
    assert _written(_build(visit, out), out) == ALL_OUTPUTS


def test_a_new_build_date_rebuilds_everything(built: tuple[Path, Path]) -> None:
    visit, out = built
    result = build(visit, BuildOptions(out=out, created=FIXED_TIME.replace(day=2)))
    assert _written(result, out) == ALL_OUTPUTS


def test_a_deleted_output_is_rebuilt(built: tuple[Path, Path]) -> None:
    visit, out = built
    (out / "zh" / "tour.pdf").unlink()
    assert _written(_build(visit, out), out) == {"zh/tour.pdf"}


def test_force_rebuilds_everything(built: tuple[Path, Path]) -> None:
    visit, out = built
    assert _written(_build(visit, out, force=True), out) == ALL_OUTPUTS


def test_removing_a_meeting_removes_its_outputs(built: tuple[Path, Path]) -> None:
    visit, out = built
    (visit / "meetings" / "03-tour.yaml").unlink()
    result = _build(visit, out)
    gone = {o for o in ALL_OUTPUTS if "/tour." in o}
    assert set(result.removed) == gone
    assert not any((out / name).exists() for name in gone)
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    assert set(manifest["outputs"]) == ALL_OUTPUTS - gone
    assert _written(result, out) == {o for o in ALL_OUTPUTS if "/visit-report." in o}


def test_a_narrower_build_keeps_the_other_languages(built: tuple[Path, Path]) -> None:
    visit, out = built
    (visit / "meetings" / "03-tour.yaml").unlink()
    result = _build(visit, out, langs=("en",))
    assert set(result.removed) == {"en/tour.docx", "en/tour.pdf"}
    assert (out / "zh" / "tour.pdf").is_file()


def test_a_failed_incremental_build_leaves_outputs_and_manifest(built: tuple[Path, Path]) -> None:
    visit, out = built
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (visit / "meetings" / "02-lunch.yaml").write_text(
        meeting_yaml(id="lunch", title_zh="午餐\U0001d11e"), encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        _build(visit, out)
    assert "U+1D11E" in "\n".join(str(d) for d in caught.value.diagnostics)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_check_finds_stale_and_removed_outputs_and_writes_nothing(
    built: tuple[Path, Path],
) -> None:
    visit, out = built
    options = BuildOptions(out=out, created=FIXED_TIME)
    assert check(visit, options) == []
    (visit / "meetings" / "02-lunch.yaml").write_text(
        meeting_yaml(id="lunch", title_en="Dinner"), encoding="utf-8"
    )
    (visit / "meetings" / "03-tour.yaml").unlink()
    (out / "en" / "talks.docx").write_bytes(b"edited by hand")
    before = _mtimes(out)
    stale = dict(check(visit, options))
    assert stale["en/lunch.pdf"] == "inputs changed"
    assert stale["en/visit-report.docx"] == "inputs changed"
    assert stale["zh/tour.pdf"] == "no longer in the records"
    assert stale["en/talks.docx"] == "changed on disk"
    assert "en/talks.pdf" not in stale
    assert _mtimes(out) == before


def test_cli_check_exits_1_when_stale_and_0_when_fresh(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1730000000")
    visit = make_visit(meetings=MEETINGS)
    out = str(tmp_path / "out")
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        result = runner.invoke(main, ["build", str(visit), "--out", out, *args])
        return result.exit_code, result.output

    code, output = run("--check")
    assert code == 1 and "en/talks.pdf (missing)" in output
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.pdf"))
    code, output = run("-j", "1")
    assert code == 0 and "rebuilt 16, up to date 0, removed 0" in output
    code, output = run("--check")
    assert code == 0, output
    code, output = run("-j", "1")
    assert "rebuilt 0, up to date 16, removed 0" in output
    (Path(visit) / "meetings" / "01-talks.yaml").write_text(meeting_yaml(title_en="Changed"))
    code, output = run("--check")
    assert code == 1 and "talks.pdf (inputs changed)" in output


def test_summary_file_gets_markdown(built: tuple[Path, Path], tmp_path: Path) -> None:
    visit, out = built
    summary = tmp_path / "summary.md"
    summary.write_text("# Job\n", encoding="utf-8")
    args = ["build", str(visit), "--out", str(out), "-j", "1", "--force", "--summary", str(summary)]
    result = CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": "1730419200"})
    assert result.exit_code == 0, result.output
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Job\n")  # appended, as GitHub's step summary expects
    assert "Rebuilt 16, up to date 0, removed 0" in text
    assert "- `zh/tour.pdf`" in text


def _digests(out: Path) -> dict[str, str]:
    return {
        p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_parallel_output_is_byte_identical_to_serial(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit = make_visit(meetings=MEETINGS)
    serial = _build(visit, tmp_path / "serial", jobs=1)
    parallel = _build(visit, tmp_path / "parallel", jobs=2)
    assert len(parallel.written) == len(serial.written) == 16
    assert "render" in parallel.timings and "pdf" in parallel.timings
    assert _digests(tmp_path / "parallel") == _digests(tmp_path / "serial")


def test_parallel_build_reports_every_problem_and_writes_nothing(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    bad = {
        name: meeting_yaml(id=name[3:-5], title_zh=f"会谈{char}")
        for name, char in (("01-talks.yaml", "\U0001d11e"), ("02-lunch.yaml", "\U0001d160"))
    }
    visit = make_visit(meetings={**MEETINGS, **bad})
    out = tmp_path / "out"
    with pytest.raises(InputError) as caught:
        _build(visit, out, jobs=2)
    message = "\n".join(str(d) for d in caught.value.diagnostics)
    assert "U+1D11E" in message and "U+1D160" in message
    assert not any(p.is_file() for p in out.rglob("*"))


def test_a_crash_in_a_worker_process_fails_the_build_and_keeps_the_outputs(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    visit, out = built
    before = _digests(out)
    parent = os.getpid()
    original = Session.document

    def crash_in_a_child(self: Session, job: DocumentJob) -> Document:
        if os.getpid() != parent:
            raise RuntimeError(f"worker crashed on {job.name}")
        return original(self, job)

    monkeypatch.setattr(Session, "document", crash_in_a_child)
    with pytest.raises(RuntimeError, match="worker crashed"):
        _build(visit, out, jobs=2, force=True)
    assert _digests(out) == before


def test_a_tampered_manifest_cannot_remove_files_outside_the_outputs(
    built: tuple[Path, Path],
) -> None:
    visit, out = built
    outside = out.parent / "precious.pdf"
    outside.write_bytes(b"keep me")
    manifest = json.loads((out / MANIFEST_FILE).read_text(encoding="utf-8"))
    record = manifest["outputs"]["en/talks.pdf"]
    manifest["outputs"]["en/../precious.pdf"] = record
    (out / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    result = _build(visit, out)
    assert result.removed == []
    assert outside.read_bytes() == b"keep me"


def test_a_new_content_translation_rebuilds_that_language_only(built: tuple[Path, Path]) -> None:
    visit, out = built
    catalogue = visit / "translations" / "zh.po"
    catalogue.parent.mkdir()
    catalogue.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Town hall"\nmsgstr "市政厅"\n',
        encoding="utf-8",
    )
    result = _build(visit, out)
    assert _written(result, out) == {name for name in ALL_OUTPUTS if name.startswith("zh/")}
