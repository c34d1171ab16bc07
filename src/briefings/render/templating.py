"""The Jinja environment: built-in templates (optionally overridden by a user's
folder), gettext for interface strings, and filters bound to one locale.

Every template, built-in or the user's, runs in Jinja's sandbox: it may read the
fields of the views it is given and call the filters and functions installed here,
and nothing else (no attributes starting with ``_``, no Python internals, no files,
no commands). A render is also bounded: ``range`` is capped by the sandbox, a document
may not exceed ``MAX_OUTPUT_CHARS`` of markup, and may not take longer than
``MAX_RENDER_SECONDS``. Any failure of a template is an ``InputError`` naming the
template file and line.

Autoescaping is always on: templates write markup (see ``briefings.render.markup``), and
every value from the records is escaped on the way in, so it can only ever be text.
"""

from __future__ import annotations

import operator
import signal
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from jinja2 import (
    BytecodeCache,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.bccache import Bucket
from jinja2.exceptions import SecurityError, UndefinedError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from markupsafe import Markup, escape

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.i18n.formatting import LocaleFormat
from briefings.render.views import join_list
from briefings.resources import templates_dir

MAX_OUTPUT_CHARS = 20_000_000
"""The most markup one document's template may write (about 20 MB): more is a
template that loops without end."""

MAX_RENDER_SECONDS = 120.0
"""The longest one document's template may run (a report of thousands of meetings
renders in a few seconds)."""

MAX_POWER_BITS = 4096
"""The largest number ``**`` may make in a template, in bits."""


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*`` and ``**`` refused where their result would be
    huge (``"x" * 10**10``, ``10**10**10``): such a value is made before any output
    is counted."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        if op == "*":
            for sequence, count in ((left, right), (right, left)):
                repeated = isinstance(sequence, str | list | tuple) and isinstance(count, int)
                if repeated and len(sequence) * count > MAX_OUTPUT_CHARS:
                    raise SecurityError("a repeated text or list would be too long")
            return operator.mul(left, right)
        numbers = isinstance(left, int) and isinstance(right, int) and abs(left) > 1
        if numbers and right * abs(left).bit_length() > MAX_POWER_BITS:
            raise SecurityError("a power would be too large")
        return operator.pow(left, right)


class CompiledTemplates(BytecodeCache):
    """Jinja's compiled templates, kept in ``compiled`` (by template and source) for the
    environments that share it: the languages of one build compile each template once."""

    def __init__(self, compiled: dict[str, bytes]) -> None:
        self.compiled = compiled

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def make_environment(
    fmt: LocaleFormat,
    user_templates: Sequence[Path] = (),
    compiled: dict[str, bytes] | None = None,
) -> Environment:
    """A sandboxed environment for one language. Templates in ``user_templates`` win
    over the built-in ones of the same name, so a user can override one template or
    partial. Environments given the same ``compiled`` share their compiled templates."""
    folders = [*user_templates, templates_dir()]
    env = BoundedSandbox(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=None if compiled is None else CompiledTemplates(compiled),
    )
    # Jinja marks translated strings as safe markup; escape them first, so that a
    # translation containing "&" or "<" stays text.
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_escaped(fmt.gettext),
        ngettext=_escaped(fmt.ngettext),
        newstyle=True,
    )
    env.filters.update(
        date=fmt.date,
        weekday_date=fmt.weekday_date,
        short_date=fmt.short_date,
        time=fmt.time,
        number=fmt.number,
        join_list=join_list(fmt),
    )
    env.globals["lang"] = fmt.lang
    return env


def _escaped(function: Callable[..., str]) -> Callable[..., Markup]:
    def call(*args: Any) -> Markup:
        return escape(function(*args))

    return call


class RenderLimitError(Exception):
    """A template wrote too much or ran too long."""


def render(env: Environment, template: str, context: dict[str, Any]) -> str:
    """Render ``template`` to document markup, within the limits above. Raises
    ``InputError`` naming the template file and line if the template is broken, leaves
    the sandbox, or exceeds a limit."""
    try:
        with _time_limit(MAX_RENDER_SECONDS):
            return _bounded_render(env, template, context)
    except Exception as error:
        raise InputError([_template_problem(env, template, error)]) from None


def _bounded_render(env: Environment, template: str, context: dict[str, Any]) -> str:
    chunks, size = [], 0
    for chunk in env.get_template(template).generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise RenderLimitError(
                f"the template writes more than {MAX_OUTPUT_CHARS:,} characters "
                "(a loop without end?)"
            )
        chunks.append(chunk)
    return "".join(chunks)


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ``RenderLimitError`` in the block after ``seconds`` (a timer signal, so
    only in the main thread of a POSIX system; elsewhere the block runs unbounded)."""
    timer = getattr(signal, "setitimer", None)  # not on Windows
    if timer is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise RenderLimitError(f"the template ran longer than {seconds:g} s (a loop without end?)")

    previous = signal.signal(signal.SIGALRM, expire)
    previous_timer = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if previous_timer[0] > 0:  # someone else's timer: set it again (roughly)
            signal.setitimer(signal.ITIMER_REAL, *previous_timer)


def _template_problem(env: Environment, template: str, error: Exception) -> Diagnostic:
    """``error`` of rendering ``template`` as a diagnostic at the template file and line
    where it happened."""
    file, line = _template_position(env, template, error)
    if isinstance(error, TemplateSyntaxError):
        message = f"template syntax error: {error.message}"
    elif isinstance(error, TemplateNotFound):
        message = f"template not found: {error.name}"
    elif isinstance(error, UndefinedError):
        message = f"undefined name in the template: {error.message}"
    elif isinstance(error, SecurityError):
        message = f"the template did something templates may not do: {error}"
    elif isinstance(error, OverflowError) and "MAX_RANGE" in str(error):
        message = f"the template asks for a range over {MAX_RANGE:,} items"
    elif isinstance(error, RenderLimitError):
        message = str(error)
    else:
        message = f"the template failed: {type(error).__name__}: {error}"
    return Diagnostic(Location(file, line), message)


def _template_position(
    env: Environment, template: str, error: Exception
) -> tuple[Path, int | None]:
    """The template file and line ``error`` happened at: a syntax error knows them;
    for an error while rendering, Jinja's traceback has frames in the template files."""
    if isinstance(error, TemplateSyntaxError) and error.filename:
        return Path(error.filename), error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if frame.filename.endswith(".j2") or _is_template_file(env, frame.filename):
            return Path(frame.filename), frame.lineno
    return _template_file(env, template), None


def _is_template_file(env: Environment, filename: str) -> bool:
    folders = [Path(folder) for folder in _search_path(env)]
    path = Path(filename)
    return path.is_file() and any(path.is_relative_to(folder) for folder in folders)


def _template_file(env: Environment, template: str) -> Path:
    """The file ``template`` is loaded from (its name, if none has it)."""
    for folder in _search_path(env):
        if (Path(folder) / template).is_file():
            return Path(folder) / template
    return Path(template)


def _search_path(env: Environment) -> list[str]:
    loaders = getattr(env.loader, "loaders", [])
    return [folder for loader in loaders for folder in getattr(loader, "searchpath", [])]
