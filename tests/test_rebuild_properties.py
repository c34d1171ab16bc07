"""Property test: whatever sequence of edits, killed builds and rebuilds an output
folder goes through, after every completed build it holds exactly what a clean build
of the same records writes, byte for byte (manifest included), and nothing else.

A kill happens in the commit: the build runs in a forked process that ends at once,
with no clean-up (as with SIGKILL), after a chosen number of files were renamed into
place. ``HYPOTHESIS_PROFILE=ci`` runs more examples."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefings.build import BuildOptions, build
from briefings.build.journal import JOURNAL_FILE
from tests.conftest import FIXED_TIME, MINIMAL_VISIT, meeting_yaml

EXAMPLES = 40 if os.environ.get("HYPOTHESIS_PROFILE") == "ci" else 5
TITLES = ["Talks", "Lunch with the mayor", "Tour of the port", "会谈", "Dinner & toasts"]


KILLED = 9
"""The exit status of a build killed in its commit."""


def options(out: Path) -> BuildOptions:
    return BuildOptions(out=out, langs=("en",), formats=("pdf",), jobs=1, created=FIXED_TIME)


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}


class Scene:
    """A visit folder, its records as a value, one output folder, clean builds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.visit = root / "visit"
        self.out = root / "out"
        self.meetings: dict[str, str] = {"m0": "Talks"}
        self.next_id = 1
        self.clean: dict[tuple[tuple[str, str], ...], dict[str, bytes]] = {}

    def write_records(self) -> None:
        shutil.rmtree(self.visit, ignore_errors=True)
        (self.visit / "meetings").mkdir(parents=True)
        (self.visit / "visit.yaml").write_text(MINIMAL_VISIT, encoding="utf-8")
        for ident, title in self.meetings.items():
            text = meeting_yaml(id=ident, title_en=title)
            (self.visit / "meetings" / f"{ident}.yaml").write_text(text, encoding="utf-8")

    def edit(self, action: tuple[str, int, int]) -> None:
        kind, which, title = action
        ids = sorted(self.meetings)
        if kind == "retitle":
            self.meetings[ids[which % len(ids)]] = TITLES[title]
        elif kind == "add":
            self.meetings[f"m{self.next_id}"] = TITLES[title]
            self.next_id += 1
        elif kind == "remove" and len(ids) > 1:
            del self.meetings[ids[which % len(ids)]]
        self.write_records()

    def clean_build(self) -> dict[str, bytes]:
        key = tuple(sorted(self.meetings.items()))
        if key not in self.clean:
            folder = Path(tempfile.mkdtemp(dir=self.root))
            build(self.visit, options(folder / "out"))
            self.clean[key] = files(folder / "out")
        return self.clean[key]

    def killed_build(self, after: int) -> None:
        """A build that is killed after ``after`` files were switched into place: a
        forked process that ends at once (``os._exit``: no clean-up runs, as with
        SIGKILL) at that rename."""
        child = os.fork()
        if child == 0:  # pragma: no cover (the child never returns)
            renames, original = [0], Path.replace

            def replace(path: Path, target: Any) -> Path:
                if Path(target).name != JOURNAL_FILE:
                    renames[0] += 1
                    if renames[0] > after:
                        os._exit(KILLED)
                return original(path, target)

            patched: Callable[..., Path] = replace
            with mock.patch.object(Path, "replace", patched):
                try:
                    build(self.visit, options(self.out))
                finally:
                    os._exit(0)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) in (0, KILLED)


edits = st.tuples(
    st.sampled_from(["retitle", "add", "remove"]),
    st.integers(0, 5),
    st.integers(0, len(TITLES) - 1),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("build"), edits),
        st.tuples(st.just("kill"), st.tuples(edits, st.integers(0, 4))),
    ),
    min_size=1,
    max_size=5,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("HYPOTHESIS_PROFILE") == "ci",
    suppress_health_check=[HealthCheck.too_slow],
)
@given(steps)
def test_after_every_build_the_folder_equals_a_clean_build(steps: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as temporary:
        scene = Scene(Path(temporary))
        scene.write_records()
        build(scene.visit, options(scene.out))
        for step, argument in steps:
            if step == "kill":
                edit, after = argument
                scene.edit(edit)
                scene.killed_build(after)
                continue
            scene.edit(argument)
            build(scene.visit, options(scene.out))
            assert files(scene.out) == scene.clean_build()
        build(scene.visit, options(scene.out))
        assert files(scene.out) == scene.clean_build()
