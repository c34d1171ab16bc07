"""Templates, built-in and the user's, run in Jinja's sandbox: one that reaches for
Python's internals, or loops without end, fails with an error naming the template file
and line, runs no command, and stops within bounded time and memory."""

from __future__ import annotations

import time
from gettext import NullTranslations
from pathlib import Path

import pytest
from jinja2.sandbox import SandboxedEnvironment

from briefings.build import BuildOptions, build
from briefings.diagnostics import InputError
from briefings.i18n import LocaleFormat
from briefings.render import templating
from briefings.render.templating import make_environment
from tests.conftest import FIXED_TIME, VisitFactory


def build_with_template(tmp_path: Path, visit: Path, body: str) -> InputError:
    """Build ``visit`` with a briefing template whose second line is ``body``; the
    error it fails with."""
    folder = tmp_path / "my-templates"
    folder.mkdir(exist_ok=True)
    (folder / "briefing.xml.j2").write_text(f"<document>\n{body}\n</document>\n", "utf-8")
    options = BuildOptions(
        out=tmp_path / "out",
        langs=("en",),
        formats=("pdf",),
        templates=(folder,),
        created=FIXED_TIME,
    )
    with pytest.raises(InputError) as raised:
        build(visit, options)
    return raised.value


def the_one_problem(error: InputError) -> str:
    assert len(error.diagnostics) == 1, error.diagnostics
    return str(error.diagnostics[0])


def test_every_template_environment_is_sandboxed() -> None:
    environment = make_environment(LocaleFormat("en", NullTranslations()))
    assert isinstance(environment, SandboxedEnvironment)


def test_a_template_cannot_run_a_command(tmp_path: Path, make_visit: VisitFactory) -> None:
    marker = tmp_path / "ran"
    escape = f'{{{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}}}'
    problem = the_one_problem(build_with_template(tmp_path, make_visit(), escape))
    assert not marker.exists()
    assert "my-templates/briefing.xml.j2:2:" in problem
    assert "templates may not do" in problem
    assert not (tmp_path / "out").exists()


def test_a_huge_range_is_refused_at_once(tmp_path: Path, make_visit: VisitFactory) -> None:
    started = time.monotonic()
    body = "{% for i in range(10**9) %}x{% endfor %}"
    problem = the_one_problem(build_with_template(tmp_path, make_visit(), body))
    assert "briefing.xml.j2:2:" in problem and "range over 100,000" in problem
    assert time.monotonic() - started < 30


def test_a_template_that_writes_without_end_is_stopped(
    tmp_path: Path, make_visit: VisitFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "MAX_OUTPUT_CHARS", 200_000)
    body = "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}"
    problem = the_one_problem(build_with_template(tmp_path, make_visit(), body))
    assert "briefing.xml.j2" in problem and "more than 200,000 characters" in problem


def test_a_template_that_loops_silently_without_end_is_stopped(
    tmp_path: Path, make_visit: VisitFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "MAX_RENDER_SECONDS", 1.0)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    problem = the_one_problem(build_with_template(tmp_path, make_visit(), loops))
    assert "briefing.xml.j2" in problem and "longer than 1 s" in problem
    assert time.monotonic() - started < 30


def test_a_huge_repetition_is_refused(tmp_path: Path, make_visit: VisitFactory) -> None:
    body = '{{ "x" * 10**10 }}'
    problem = the_one_problem(build_with_template(tmp_path, make_visit(), body))
    assert "briefing.xml.j2:2:" in problem and "too long" in problem
