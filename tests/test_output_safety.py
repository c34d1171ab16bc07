"""The output folder under attack: builds killed while switching files in, read-only
or linked subfolders, edited outputs, leftover staging folders, concurrent builds,
errors in worker processes."""

from __future__ import annotations

import fcntl
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefings.build import BuildOptions, build, check
from briefings.build import output as output_module
from briefings.build.journal import JOURNAL_FILE
from briefings.build.output import STAGING_PREFIX
from briefings.cli import main
from briefings.diagnostics import Diagnostic, InputError, Location
from tests.conftest import FIXED_TIME, VisitFactory, meeting_yaml

ROOT = Path(__file__).resolve().parent.parent

MEETINGS = {
    "01-talks.yaml": meeting_yaml(id="talks"),
    "02-lunch.yaml": meeting_yaml(id="lunch", title_en="Lunch with the mayor", title_zh="市长午餐"),
    "03-tour.yaml": meeting_yaml(id="tour", title_en="Tour of the port", title_zh="参观港口"),
}


def options(out: Path, **more: object) -> BuildOptions:
    settings: dict[str, object] = {"langs": ("en",), "formats": ("pdf",), "jobs": 1}
    settings.update(more)
    return BuildOptions(out=out, created=FIXED_TIME, **settings)  # type: ignore[arg-type]


def said(error: InputError) -> str:
    """The error's problems as the user reads them: ``place: message``."""
    return "\n".join(f"{d.location}: {d.message}" for d in error.diagnostics)


def files(out: Path) -> dict[str, bytes]:
    """Every file under ``out`` and its bytes."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def edit_the_visit(visit: Path) -> None:
    """A new title for one meeting, and one more meeting."""
    (visit / "meetings" / "01-talks.yaml").write_text(
        meeting_yaml(id="talks", title_en="Talks moved to the council chamber"), "utf-8"
    )
    (visit / "meetings" / "04-dinner.yaml").write_text(
        meeting_yaml(id="dinner", title_en="Dinner", title_zh="晚宴"), "utf-8"
    )


KILLED_BUILD = """
import os, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from briefings.build import BuildOptions, build

renames, original = [0], Path.replace

def replace(self, target):
    if Path(target).name != ".briefings-journal.json":
        renames[0] += 1
        if renames[0] > int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
    return original(self, target)

Path.replace = replace
options = BuildOptions(out=Path(sys.argv[2]), langs=("en",), formats=("pdf",), jobs=1,
                       created=datetime(2024, 11, 1, tzinfo=UTC))
build(Path(sys.argv[1]), options)
"""


def build_killed_while_switching(visit: Path, out: Path, after: int) -> None:
    """Build ``visit`` into ``out`` in a process killed (SIGKILL) after ``after``
    files were switched into place."""
    script = [sys.executable, "-c", KILLED_BUILD, str(visit), str(out), str(after)]
    done = subprocess.run(script, cwd=ROOT, capture_output=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()


def test_a_build_killed_while_switching_is_completed_by_the_next(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    build(visit, options(out))
    edit_the_visit(visit)
    build_killed_while_switching(visit, out, after=1)
    assert (out / JOURNAL_FILE).is_file()  # the switch is unfinished, and says so
    result = build(visit, options(out))
    assert result.written == []  # the files of the killed build were complete
    clean = tmp_path / "clean"
    build(visit, options(clean))
    assert files(out) == files(clean)
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_check_completes_a_killed_switch_first(make_visit: VisitFactory, tmp_path: Path) -> None:
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    build(visit, options(out))
    edit_the_visit(visit)
    build_killed_while_switching(visit, out, after=2)
    assert check(visit, options(out)) == []
    assert not (out / JOURNAL_FILE).exists()


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` made unwritable, even for root (``chattr +i``)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode:
        pytest.skip("chattr +i is not supported here")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_output_folder_fails_the_build_before_any_file_is_switched(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    build(visit, options(out, langs=("en", "zh")))
    before = files(out)
    edit_the_visit(visit)
    with read_only(out / "zh"), pytest.raises(InputError) as raised:
        build(visit, options(out, langs=("en", "zh")))
    assert "out/zh: cannot write into this folder" in said(raised.value)
    assert files(out) == before


def test_a_byte_changed_in_an_output_is_seen_and_rewritten(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(FIXED_TIME.timestamp())))
    visit, out = make_visit(), tmp_path / "out"
    build(visit, options(out))
    document = out / "en" / "talks.pdf"
    good = document.read_bytes()
    damaged = bytearray(good)
    damaged[len(damaged) // 2] ^= 0xFF
    document.write_bytes(bytes(damaged))
    assert check(visit, options(out)) == [("en/talks.pdf", "changed on disk")]
    result = build(visit, options(out))
    assert result.edited == ["en/talks.pdf"]
    assert document.read_bytes() == good
    assert check(visit, options(out)) == []
    document.write_bytes(bytes(damaged))
    arguments = ["build", str(visit), "--out", str(out), "--lang", "en", "--format", "pdf"]
    said_by_cli = CliRunner().invoke(main, arguments).output
    assert "rewritten: en/talks.pdf had been changed on disk" in said_by_cli
    assert "rebuilt 1, up to date 1" in said_by_cli


def dead_pid() -> int:
    """The pid of a process that has ended."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_staging_folders_of_dead_builds_are_removed(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    dead = out / f"{STAGING_PREFIX}{dead_pid()}-x1y2"
    alive = out / f"{STAGING_PREFIX}{os.getpid() + 0}-a1b2"
    for folder in (dead, alive):
        (folder / "en").mkdir(parents=True)
        (folder / "en" / "talks.pdf").write_bytes(b"half")
    sleeper = subprocess.Popen(["sleep", "60"])
    running = out / f"{STAGING_PREFIX}{sleeper.pid}-c3d4"
    running.mkdir()
    try:
        build(make_visit(), options(out))
    finally:
        sleeper.kill()
        sleeper.wait()
    assert not dead.exists()
    assert running.exists()  # a build still running (another machine's lock aside)


def children_of(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def is_alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_end_when_the_build_is_terminated(make_visit: VisitFactory, tmp_path: Path) -> None:
    many = {f"{n:02}-m.yaml": meeting_yaml(id=f"m{n}") for n in range(40)}
    visit, out = make_visit(meetings=many), tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "briefings",
        "build",
        str(visit),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--format",
        "pdf",
    ]
    parent = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: set[int] = set()
        while len(workers) < 2 and time.monotonic() < deadline and parent.poll() is None:
            time.sleep(0.05)
            workers = children_of(parent.pid)
        if len(workers) < 2:
            pytest.skip("the build ended before its workers could be seen")
        parent.send_signal(signal.SIGTERM)
        parent.wait(timeout=60)
        deadline = time.monotonic() + 10
        while any(map(is_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(map(is_alive, workers))
    finally:
        if parent.poll() is None:
            parent.kill()
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_an_output_subfolder_that_is_a_link_is_refused(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    out.mkdir()
    (out / "en").symlink_to(elsewhere)
    with pytest.raises(InputError) as raised:
        build(make_visit(), options(out))
    assert "out/en: is a symbolic link" in said(raised.value)
    assert not any(elsewhere.iterdir())


def test_a_second_build_into_a_busy_folder_fails_naming_it(
    make_visit: VisitFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(output_module, "LOCK_WAIT_SECONDS", 0.3)
    held = os.open(out, os.O_RDONLY)  # as a running build holds it
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(InputError) as raised:
            build(make_visit(), options(out))
    finally:
        os.close(held)
    assert "another build is writing into this folder" in said(raised.value)
    assert not any(out.iterdir())
    build(make_visit(), options(out))  # once it is free


def test_an_output_folder_inside_the_templates_does_not_rebuild_everything(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    visit, out = make_visit(), templates / "out"
    build(visit, options(out, templates=(templates,)))
    assert build(visit, options(out, templates=(templates,))).written == []


def test_watch_refuses_an_output_folder_that_holds_the_visit(tmp_path: Path) -> None:
    visit = tmp_path / "out" / "visit"
    shutil.copytree(ROOT / "examples" / "iurc-china-2024", visit)
    command = [
        sys.executable,
        "-m",
        "briefings",
        "watch",
        str(visit),
        "--out",
        str(tmp_path / "out"),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "holds" in done.stderr and "Traceback" not in done.stderr


def test_an_input_error_keeps_its_place_across_processes() -> None:
    error = InputError([Diagnostic(Location(Path("meetings/a.yaml"), 3, 5, "title.zh"), "bad")])
    again = pickle.loads(pickle.dumps(error))
    assert again.diagnostics == error.diagnostics


def test_an_input_error_in_a_worker_reaches_the_user_with_its_place(
    make_visit: VisitFactory, tmp_path: Path
) -> None:
    folder = tmp_path / "my-templates"
    folder.mkdir()
    (folder / "briefing.xml.j2").write_text("<document>\n{{ meeting.nothing }}\n</document>\n")
    visit, out = make_visit(meetings=MEETINGS), tmp_path / "out"
    with pytest.raises(InputError) as raised:
        build(visit, options(out, jobs=2, langs=("en", "zh"), templates=(folder,)))
    assert "my-templates/briefing.xml.j2:2" in said(raised.value)
