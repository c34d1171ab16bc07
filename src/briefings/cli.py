"""The ``briefings`` command line.

Exit codes: 0 success (warnings allowed), 1 errors in the input or the build,
2 wrong usage (click's convention).
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from briefings import __version__
from briefings.build.languages import LANGUAGES, single_languages
from briefings.diagnostics import Diagnostic, InputError, Severity, sort_key
from briefings.writers import DEFAULT_FORMATS, FORMATS

if TYPE_CHECKING:
    from rich.console import Console

    from briefings.build.plan import BuildOptions, BuildResult
    from briefings.render.views import MissingText

# Each command imports what it needs when it runs, so that ``--help``, ``validate``,
# ``new`` or ``schema`` do not load the writers' libraries (reportlab, python-docx,
# pikepdf, Jinja2, openpyxl, icalendar).

RECORD_KINDS = ("meeting", "visit")
"""The record files ``schema`` prints the JSON Schema of (``RECORD_MODELS``'s keys)."""


class Terminal:
    """Standard output or standard error, printed to through a rich ``Console`` made
    on the first print (``--help`` and usage errors print through click alone)."""

    def __init__(self, stderr: bool) -> None:
        self.stderr = stderr
        self.made: Console | None = None

    @property
    def console(self) -> Console:
        if self.made is None:
            from rich.console import Console

            self.made = Console(stderr=self.stderr, highlight=False, soft_wrap=True)
        return self.made

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)


err = Terminal(stderr=True)
stdout = Terminal(stderr=False)


class CleanPath(click.Path):
    """A path option or argument whose name the terminal, the files and the messages
    can all hold: bytes that are not UTF-8 and control characters are refused."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = os.fsdecode(value) if isinstance(value, bytes) else str(value)
        if any(0xDC80 <= ord(c) <= 0xDCFF for c in text):
            self.fail(f"{_shown(text)}: the name has bytes that are not UTF-8", param, ctx)
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in text):
            self.fail(f"{_shown(text)}: the name has a control character", param, ctx)
        if text == "":
            self.fail("an empty name (give a folder, e.g. --out build)", param, ctx)
        return super().convert(value, param, ctx)


def _shown(text: str) -> str:
    """``text`` with undecodable bytes (``\\xe9``) and control characters escaped."""
    return "".join(
        f"\\x{ord(c) - 0xDC00:02x}"
        if 0xDC80 <= ord(c) <= 0xDCFF
        else (c if c.isprintable() else repr(c)[1:-1])
        for c in text
    )


def _split_list(
    allowed: tuple[str, ...] | None,
) -> Callable[[click.Context, click.Parameter, str], tuple[str, ...]]:
    def parse(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
        unknown = [v for v in items if allowed is not None and v not in allowed]
        if unknown or not items:
            choices = ", ".join(allowed or ())
            raise click.BadParameter(f"{', '.join(unknown) or 'nothing'} (choose from {choices})")
        return items

    return parse


def _split_list_or_all(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))


def _font_options(
    ctx: click.Context, param: click.Parameter, value: tuple[str, ...]
) -> tuple[str, ...]:
    """Check the form KEY=PATH of every --font (the files are checked by the build)."""
    from briefings.fonts.choice import parse_key

    for option in value:
        key, equals, path = option.partition("=")
        try:
            parse_key(key.strip())
        except ValueError as exc:
            raise click.BadParameter(f"{option}: {exc}") from None
        if not equals or not path.strip():
            raise click.BadParameter(f"{option}: expected KEY=PATH, e.g. zh=/path/font.ttc#SC")
    return value


def report(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics sorted by file and line, a blank line between files; each line
    starts with ``file:line:column`` (as compilers do, so editors can jump there)."""
    previous: Path | None = None
    for diagnostic in sorted(diagnostics, key=sort_key):
        if previous is not None and diagnostic.location.file != previous:
            err.print()
        previous = diagnostic.location.file
        colour = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        err.print(f"[{colour}]{diagnostic.severity.value}[/]: ", end="")
        err.print(f"{diagnostic.location}: {diagnostic.message}", markup=False)


def summary(diagnostics: list[Diagnostic]) -> str:
    """``3 errors and 1 warning in 2 files``."""
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = len({d.location.file for d in diagnostics})
    counts = [f"{errors} error{'s' if errors != 1 else ''}"]
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    return f"{' and '.join(counts)} in {files} file{'s' if files != 1 else ''}"


def _run(debug: bool, action: Callable[[], Any], failed: str = "nothing was written") -> Any:
    """Run ``action``; user errors become a report and exit 1, tracebacks only with
    ``--debug``."""
    try:
        return action()
    except Exception as exc:  # a bug, or a broken template/font: no traceback unless asked
        if debug and not isinstance(exc, InputError):
            raise
        report_failure(exc, failed)
        sys.exit(1)


def report_failure(error: Exception, failed: str) -> None:
    """The input's errors, or an unexpected error in one line (no traceback), and what
    became of the outputs (``failed``)."""
    if isinstance(error, InputError):
        report(error.diagnostics)
        err.print(f"\n[red]{summary(error.diagnostics)}[/]" + (f"; {failed}." if failed else "."))
        return
    err.print(f"[red]error:[/] {type(error).__name__}: ", end="")
    err.print(str(error), markup=False)
    err.print("Run again with --debug for the full traceback.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefings")
def main() -> None:
    """Build briefing documents and visit reports, in English and Chinese, as DOCX and
    PDF, from a folder of YAML meeting records (visit.yaml + meetings/*.yaml)."""


visit_dir_argument = click.argument(
    "visit_dir", type=CleanPath(exists=True, file_okay=False, path_type=Path)
)
debug_option = click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")


@main.command()
@visit_dir_argument
@click.option("--strict", is_flag=True, help="Also fail when a text has no translation.")
@debug_option
def validate(visit_dir: Path, strict: bool, debug: bool) -> None:
    """Check the records of VISIT_DIR and build nothing."""
    from briefings.build.session import untranslated
    from briefings.config import load_config
    from briefings.records import load_records

    records = _run(debug, lambda: load_records(visit_dir), failed="")
    report(list(records.warnings))
    missing = _run(debug, lambda: untranslated(records, load_config(visit_dir)))
    if strict and missing:
        message = "no {} text (a translation is missing; --strict)"
        report([Diagnostic(m.location, message.format(m.lang)) for m in missing])
        err.print(f"[red]{len(missing)} untranslated text(s)[/]")
        sys.exit(1)
    if missing:
        _note_untranslated(missing, visit_dir)
    legs = sum(meeting.is_travel for meeting in records.meetings)
    travel = f"{legs} travel leg{'s' if legs != 1 else ''}, " if legs else ""
    stdout.print(
        f"[green]ok[/]: {len(records.meetings) - legs} meetings, {travel}"
        f"{len(records.visit.organisations)} organisations, {len(records.warnings)} warnings"
    )


UNTRANSLATED_SHOWN = 5


def _note_untranslated(missing: list[MissingText], visit_dir: Path) -> None:
    """A note, not an error: texts without a translation are printed in the record's
    language and marked, so the user learns of them now rather than from a PDF."""
    err.print(
        f"[cyan]note[/]: {len(missing)} text(s) have no translation; documents show them "
        "in the record's language, marked (untranslated):"
    )
    for item in missing[:UNTRANSLATED_SHOWN]:
        err.print(f"  {item.location}: no {item.lang} text", markup=False)
    if len(missing) > UNTRANSLATED_SHOWN:
        err.print(f"  … and {len(missing) - UNTRANSLATED_SHOWN} more", markup=False)
    err.print(f"  `briefings i18n status {visit_dir}` lists them all.", markup=False)


languages_option = click.option(
    "--lang",
    "langs",
    default=",".join(LANGUAGES),
    show_default=True,
    callback=_split_list(None),
    help="Languages, comma-separated; en+zh is the bilingual (side-by-side) edition.",
)

_BUILD_OPTIONS = [
    click.option(
        "--out",
        "-o",
        type=CleanPath(file_okay=False, path_type=Path),
        default=Path("build"),
        show_default=True,
        help="Output folder.",
    ),
    languages_option,
    click.option(
        "--format",
        "formats",
        default=",".join(DEFAULT_FORMATS),
        show_default=True,
        callback=_split_list(FORMATS),
        help="Formats, comma-separated: docx, pdf, html (phone-first pages, with "
        "OUT/index.html linking them all), ics (the programme as a calendar, "
        "OUT/<lang>/visit.ics).",
    ),
    click.option(
        "--templates",
        "templates",
        type=CleanPath(exists=True, file_okay=False, path_type=Path),
        multiple=True,
        help="A folder of templates that override the built-in ones.",
    ),
    click.option(
        "--font",
        "fonts",
        multiple=True,
        metavar="KEY=PATH[#FACE]",
        callback=_font_options,
        help="A font for PDFs, e.g. zh=NotoSerifCJK-Regular.ttc#SC (keys: zh, en, "
        "with -bold/-italic/-bolditalic); repeatable; over [fonts] in briefings.toml.",
    ),
    click.option("--strict", is_flag=True, help="Fail when a text has no translation."),
    click.option(
        "--per-delegate",
        is_flag=True,
        help="Also write each delegate's own programme, OUT/<lang>/delegates/<person>.<format> "
        "(or set per_delegate = true under [build] in briefings.toml).",
    ),
    click.option(
        "--config",
        type=CleanPath(exists=True, dir_okay=False, path_type=Path),
        default=None,
        help="Configuration file (default: VISIT_DIR/briefings.toml, if there is one).",
    ),
    click.option(
        "--translations",
        type=CleanPath(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="A folder of interface catalogues (<lang>/LC_MESSAGES/briefings.po) to use "
        "before the built-in ones, e.g. for a new language.",
    ),
    click.option(
        "--jobs",
        "-j",
        type=click.IntRange(min=1),
        default=None,
        help="Worker processes  [default: the number of cores]",
    ),
]


def build_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options of what to build and how, shared by ``build`` and ``watch``
    (``_options`` makes them one ``BuildOptions``)."""
    for option in reversed(_BUILD_OPTIONS):
        command = option(command)
    return command


def _options(
    out: Path,
    langs: tuple[str, ...],
    formats: tuple[str, ...],
    templates: tuple[Path, ...],
    fonts: tuple[str, ...],
    strict: bool,
    config: Path | None,
    translations: Path | None,
    jobs: int | None,
    per_delegate: bool = False,
    force: bool = False,
) -> BuildOptions:
    """The shared options (and ``build``'s ``--force``) as ``BuildOptions``."""
    from briefings.build.plan import BuildOptions

    _check_languages(langs, translations)
    return BuildOptions(
        out=out,
        langs=langs,
        formats=formats,
        strict=strict,
        templates=templates,
        translations=translations,
        fonts=fonts,
        config=config,
        jobs=jobs or os.cpu_count() or 1,
        force=force,
        per_delegate=per_delegate,
    )


@main.command("build")
@visit_dir_argument
@build_options
@click.option("--force", is_flag=True, help="Rebuild every document, even up-to-date ones.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if outputs are missing or out of date with the records.",
)
@click.option(
    "--summary",
    type=CleanPath(dir_okay=False, path_type=Path),
    default=None,
    help="Append a Markdown summary of the build to this file (e.g. $GITHUB_STEP_SUMMARY).",
)
@debug_option
def build_command(
    visit_dir: Path,
    force: bool,
    check_only: bool,
    summary: Path | None,
    debug: bool,
    **shared: Any,
) -> None:
    """Build the briefings and the visit report of VISIT_DIR.

    Writes OUT/<lang>/<meeting-id>.<format> for every meeting and
    OUT/<lang>/visit-report.<format>; with ics OUT/<lang>/visit.ics, with html
    OUT/index.html, with --per-delegate OUT/<lang>/delegates/<person>.<format>.
    Record texts are translated by the record itself or by
    VISIT_DIR/translations/<lang>.po; missing ones are shown in English, marked.
    Only documents whose records, templates, catalogues, fonts or settings changed
    since the last build are rewritten (the manifest OUT/.briefings-manifest.json
    remembers what each was built from)."""
    from briefings.build.pipeline import build
    from briefings.build.progress import progress_display

    options = _options(force=force, **shared)
    if check_only:
        _check_outputs(visit_dir, options, debug)
        return
    if summary is not None and not summary.parent.is_dir():
        raise click.BadParameter(f"{summary}: no folder {summary.parent}", param_hint="'--summary'")
    end_on_terminate()
    with progress_display(err.console) as progress:
        result = _run(debug, lambda: build(visit_dir, options, progress))
    report_built(result, visit_dir, f"in {options.out}")
    if summary is not None:
        _append_summary(summary, markdown_summary(result, options.out))


def _append_summary(path: Path, text: str) -> None:
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        err.print(f"[red]error:[/] cannot write the summary to {path}: {exc.strerror}")
        sys.exit(1)


def end_on_terminate() -> None:
    """On SIGTERM end as on Ctrl-C: the staging folder is removed, the worker
    processes end, the output folder is left as it was (or, during the switch, as the
    next build completes it)."""

    def terminate(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)


def _check_outputs(visit_dir: Path, options: BuildOptions, debug: bool) -> None:
    from briefings.build.pipeline import check

    stale = _run(debug, lambda: check(visit_dir, options))
    for name, reason in stale:
        stdout.print(f"[yellow]stale[/]: {options.out / name} ({reason})", markup=True)
    if stale:
        stdout.print(f"[red]{len(stale)} output(s) out of date[/]; run briefings build")
        sys.exit(1)
    stdout.print(f"[green]up to date[/]: {options.out}")


interval_option = click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="Seconds between looks at the input files.",
)


def outcome_reporter(
    visit_dir: Path, debug: bool, failed: str
) -> Callable[[BuildResult | Exception, float], None]:
    """What ``watch`` and ``preview`` print after each build: its summary, or its
    errors and what became of the outputs (``failed``)."""
    from briefings.build.plan import BuildResult

    def show(outcome: BuildResult | Exception, seconds: float) -> None:
        if isinstance(outcome, BuildResult):
            report_built(outcome, visit_dir, f"in {seconds:.2f} s")
        elif debug and not isinstance(outcome, InputError):
            raise outcome
        else:
            report_failure(outcome, failed)
        err.print("waiting for a change...")

    return show


@main.command("watch")
@visit_dir_argument
@build_options
@interval_option
@debug_option
def watch_command(visit_dir: Path, interval: float, debug: bool, **shared: Any) -> None:
    """Build VISIT_DIR, then rebuild whenever a record, catalogue, template or the
    configuration changes, until interrupted (Ctrl-C).

    The process stays warm (fonts and templates loaded), so a rebuild after one
    meeting changed takes a fraction of a build; only what changed is rewritten, as
    with build. A build that fails writes nothing and keeps the files of the last
    good one; fix the records and it runs again."""
    from briefings.build.watch import watch

    options = _options(**shared)
    for folder in (visit_dir, *options.templates):
        if folder.resolve().is_relative_to(options.out.resolve()):
            raise click.BadParameter(
                f"{options.out} holds {folder}: a build would change what watch looks at; "
                "choose an output folder outside it",
                param_hint="'--out'",
            )
    end_on_terminate()
    err.print(f"watching {visit_dir} (Ctrl-C to stop)")

    show = outcome_reporter(visit_dir, debug, failed="nothing was written")
    try:
        watch(visit_dir, options, show, interval=interval)
    except KeyboardInterrupt:
        err.print("stopped")


@main.command("preview")
@visit_dir_argument
@languages_option
@click.option(
    "--port",
    type=click.IntRange(min=0, max=65535),
    default=0,
    help="The port to serve on  [default: a free one]",
)
@interval_option
@debug_option
def preview_command(
    visit_dir: Path, langs: tuple[str, ...], port: int, interval: float, debug: bool
) -> None:
    """Build the HTML edition of VISIT_DIR into a temporary folder and serve it on
    127.0.0.1 (the address is printed); build again whenever a record changes, and
    open pages reload themselves. Ctrl-C stops it and removes the folder."""
    import tempfile

    from briefings.build.plan import BuildOptions
    from briefings.build.preview import preview

    _check_languages(langs, None)

    show = outcome_reporter(visit_dir, debug, failed="the pages of the last good build stay")

    def ready(url: str) -> None:
        stdout.print(f"serving {url} (Ctrl-C to stop)", markup=False)

    with tempfile.TemporaryDirectory(prefix="briefings-preview-") as folder:
        options = BuildOptions(out=Path(folder), langs=langs, jobs=1)
        try:
            preview(visit_dir, options, show, ready, port=port, interval=interval)
        except KeyboardInterrupt:
            err.print("stopped")
        except OSError as error:  # the port is taken
            err.print(f"[red]error:[/] cannot serve on port {port}: {error.strerror}")
            sys.exit(1)


def report_built(result: BuildResult, visit_dir: Path, where: str) -> None:
    """A build's warnings, its untranslated texts and its summary line."""
    report(result.warnings)
    for name in result.edited:
        err.print(f"[yellow]rewritten[/]: {name} had been changed on disk since it was built")
    _report_missing(result.missing, visit_dir)
    stdout.print(f"[green]built[/]: {build_summary(result)} {where}")


def build_summary(result: BuildResult) -> str:
    """``rebuilt 3, up to date 37, removed 4``: counts of output files."""
    return (
        f"rebuilt {len(result.written)}, up to date {len(result.up_to_date)}, "
        f"removed {len(result.removed)}"
    )


def markdown_summary(result: BuildResult, out: Path) -> str:
    """The build summary as Markdown, for a CI job summary."""
    lines = [
        "## Briefings build",
        "",
        f"{build_summary(result).capitalize()} (files in `{out}`).",
        f"{len(result.warnings)} warning(s), {len(result.missing)} untranslated text(s).",
        "",
    ]
    for title, names in (
        ("Rebuilt", [str(p.relative_to(out)) for p in result.written]),
        ("Removed", result.removed),
    ):
        if names:
            lines += [f"<details><summary>{title} ({len(names)})</summary>", ""]
            lines += [f"- `{name}`" for name in sorted(names)]
            lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def _check_languages(langs: tuple[str, ...], translations: Path | None) -> None:
    """Exit 2 (wrong usage) for a language without a catalogue; note a pseudo-locale.
    A parallel edition (``en+zh``) needs each of its languages."""
    from briefings.i18n.catalogues import check_language

    for lang in single_languages(langs):
        try:
            note = check_language(lang, translations)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--lang'") from None
        if note:
            err.print(f"[cyan]note[/]: {note}", markup=True)


MISSING_LISTED = 20
"""Untranslated texts a build lists per language; ``i18n status`` lists every one."""


def _report_missing(missing: list[MissingText], visit_dir: Path) -> None:
    """One block per language: how many texts are untranslated, then where each is."""
    from briefings.i18n.content import content_catalogue_path

    by_lang: dict[str, list[MissingText]] = {}
    for item in sorted(missing, key=lambda m: (str(m.location.file), m.location.line or 0)):
        by_lang.setdefault(item.lang, []).append(item)
    for lang, items in by_lang.items():
        shown_in = ", ".join(sorted({item.fallback for item in items}))
        count = f"{len(items)} text{'s' if len(items) != 1 else ''}"
        err.print(
            f"[yellow]untranslated[/]: {count} without a {lang} translation, shown in "
            f"{shown_in} and marked as untranslated:"
        )
        for item in items[:MISSING_LISTED]:
            err.print(f"  {item.location}", markup=False)
        if len(items) > MISSING_LISTED:
            err.print(
                f"  … and {len(items) - MISSING_LISTED} more (briefings i18n status lists all)"
            )
        po = content_catalogue_path(visit_dir, lang)
        err.print(f"  Add the {lang} texts to the records or translate them in {po}", markup=False)
        err.print("  (briefings i18n extract-content writes the template).")


@main.group()
def i18n() -> None:
    """Maintain the translation catalogues: interface strings (extract, update, compile,
    init) and record texts (extract-content, status)."""


translations_option = click.option(
    "--translations",
    type=CleanPath(file_okay=False, path_type=Path),
    default=None,
    help="Catalogue folder (default: the project's translations/).",
)


@i18n.command("extract")
@translations_option
def i18n_extract(translations: Path | None) -> None:
    """Extract interface strings from the code and templates into briefings.pot."""
    from briefings.i18n.tools import extract, write_template
    from briefings.resources import templates_dir, translations_dir

    package = Path(__file__).resolve().parent
    catalog = extract([(package, "python"), (templates_dir(), "jinja2")])
    target = (translations or translations_dir()) / "briefings.pot"
    write_template(catalog, target)
    stdout.print(f"[green]extracted[/] {len(catalog)} strings to {target}")


def _language_codes(ctx: click.Context | None, param: click.Parameter | None, value: Any) -> Any:
    """Refuse a language code that is not a language tag (or a language CLDR does not
    know) before any path is built from it."""
    from briefings.i18n.codes import LanguageCodeError, check_known_language

    try:
        for code in (value,) if isinstance(value, str) else value:
            check_known_language(code)
    except LanguageCodeError as exc:
        raise click.BadParameter(str(exc)) from None
    return value


@i18n.command("update")
@translations_option
def i18n_update(translations: Path | None) -> None:
    """Merge briefings.pot into every language's .po file."""
    from briefings.i18n.tools import update
    from briefings.resources import translations_dir

    root = translations or translations_dir()
    for path in _run(False, lambda: update(root / "briefings.pot", root)):
        stdout.print(f"[green]updated[/] {path}")


@i18n.command("compile")
@translations_option
def i18n_compile(translations: Path | None) -> None:
    """Compile every .po to .mo (optional: builds compile catalogues in memory)."""
    from briefings.i18n.tools import compile_all
    from briefings.resources import translations_dir

    for path in _run(False, lambda: compile_all(translations or translations_dir())):
        stdout.print(f"[green]compiled[/] {path}")


@i18n.command("init")
@click.argument("lang", callback=_language_codes)
@translations_option
@click.option(
    "--force", is_flag=True, help="Replace an existing catalogue (its translations are lost)."
)
def i18n_init(lang: str, translations: Path | None, force: bool) -> None:
    """Start the catalogue of a new language LANG (e.g. fr) from briefings.pot; an
    existing one is kept (use update) unless --force."""
    from briefings.i18n.tools import init_language
    from briefings.resources import translations_dir

    root = translations or translations_dir()
    template = root / "briefings.pot"
    if not template.is_file():  # a user's own folder: start from the built-in template
        template = translations_dir() / "briefings.pot"
    path = _run(False, lambda: init_language(template, lang, root, force=force))
    stdout.print(f"[green]created[/] {path}: translate it, then build with --lang {lang}")


@i18n.command("extract-content")
@visit_dir_argument
@click.option(
    "--lang",
    "langs",
    multiple=True,
    help="Also create or update VISIT_DIR/translations/LANG.po (repeatable).",
    callback=_language_codes,
)
@debug_option
def i18n_extract_content(visit_dir: Path, langs: tuple[str, ...], debug: bool) -> None:
    """Write VISIT_DIR/translations/content.pot: every record text, for translators.

    Existing VISIT_DIR/translations/<lang>.po files are updated (new texts empty,
    changed ones fuzzy); a text the record already has in that language is filled in."""
    from briefings.i18n.content import (
        CONTENT_DIR,
        CONTENT_TEMPLATE,
        extract_content,
        update_content_catalogues,
        write_catalogue,
    )
    from briefings.records import load_records

    records = _run(debug, lambda: load_records(visit_dir))
    catalog = extract_content(records)
    paths = _run(debug, lambda: update_content_catalogues(catalog, records, langs))
    folder = visit_dir / CONTENT_DIR
    write_catalogue(catalog, folder / CONTENT_TEMPLATE)
    stdout.print(f"[green]extracted[/] {len(catalog)} texts to {folder / CONTENT_TEMPLATE}")
    for path in paths:
        stdout.print(f"[green]updated[/] {path}")


@i18n.command("status")
@visit_dir_argument
@click.option(
    "--lang", "langs", default="", callback=_split_list_or_all, help="Languages (default: all)."
)
@translations_option
@click.option("--strict", is_flag=True, help="Exit 1 if anything is missing or misnamed.")
@debug_option
def i18n_status(
    visit_dir: Path, langs: tuple[str, ...], translations: Path | None, strict: bool, debug: bool
) -> None:
    """How much of VISIT_DIR is translated, per language: interface strings, record
    texts (each missing one by file, line and field) and organisation or place names
    spelt in English where the records give a translation. Exit 0 unless --strict."""
    from briefings.i18n.status import language_status, languages_of, print_status
    from briefings.records import load_records

    _language_codes(None, None, langs)
    records = _run(debug, lambda: load_records(visit_dir))
    chosen = langs or tuple(languages_of(records, translations))
    statuses = _run(
        debug, lambda: [language_status(records, lang, translations) for lang in chosen]
    )
    print_status(stdout.console, records, statuses)
    if strict and not all(status.complete for status in statuses):
        sys.exit(1)


# --- starting a visit -----------------------------------------------------------------


@main.command("new")
@click.argument("visit_dir", type=click.Path(file_okay=False, path_type=Path))
def new_command(visit_dir: Path) -> None:
    """Write a small visit into VISIT_DIR that builds at once, to fill in.

    Every field is commented; the JSON Schemas written beside the records let an
    editor with the YAML language server complete keys and flag mistakes."""
    from briefings.scaffold import VisitExistsError, new_visit

    try:
        written = new_visit(visit_dir)
    except (VisitExistsError, OSError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(1)
    stdout.print(f"Wrote a starter visit to {visit_dir} ({len(written)} files). Next:")
    for line in (
        f"briefings validate {visit_dir}                 # check the records as you fill them in",
        f"briefings build {visit_dir} --out build        # make the documents",
        "briefings import --template programme.xlsx    # or keep the programme in Excel",
    ):
        stdout.print(f"  {line}", markup=False)


@main.command("schema")
@click.argument("kind", type=click.Choice(RECORD_KINDS), default="visit")
def schema_command(kind: str) -> None:
    """Print the JSON Schema of a record file: visit (visit.yaml) or meeting."""
    from briefings.records.jsonschema import schema_text

    click.echo(schema_text(kind), nl=False)


@main.command("import")
@click.argument("book", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--into",
    "visit_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="The visit folder to write the records into (it needs a visit.yaml).",
)
@click.option("--template", is_flag=True, help="Write an empty workbook to BOOK instead.")
@click.option("--force", is_flag=True, help="With --template: replace an existing BOOK.")
@debug_option
def import_command(
    book: Path, visit_dir: Path | None, template: bool, force: bool, debug: bool
) -> None:
    """Import a programme from BOOK (.xlsx with a Meetings sheet, or .csv) into the
    records of a visit, merging by id. The YAML records stay the source of truth:
    a column the sheet does not have, or an empty cell, leaves a value as it was."""
    from briefings.records import load_records
    from briefings.records.schema import MEETING_KINDS
    from briefings.records.spreadsheet import import_programme, write_template

    if template:
        if book.exists() and not force:
            err.print(f"[red]error:[/] {book} exists; use --force to replace it")
            sys.exit(1)
        _run(debug, lambda: write_template(book, MEETING_KINDS), failed="")
        stdout.print(
            f"Wrote {book}: fill in its sheets, then `briefings import {book} --into DIR`."
        )
        return
    if visit_dir is None:
        raise click.UsageError("give the visit folder with --into DIR (or --template)")
    if not book.is_file():
        raise click.BadParameter(f"{book} is not a file", param_hint="BOOK")
    result = _run(debug, lambda: import_programme(book, visit_dir))
    for name, fields in result.changed.items():
        stdout.print(f"  changed {name}: {', '.join(fields)}", markup=False)
    stdout.print(
        f"Imported {book}: {len(result.added)} added, {len(result.changed)} changed, "
        f"{len(result.unchanged)} unchanged."
    )
    records = _run(debug, lambda: load_records(visit_dir), failed="the records were written")
    report(list(records.warnings))
    stdout.print(f"[green]ok[/]: the records are valid; `briefings build {visit_dir}` next.")


def run() -> None:
    """The ``briefings`` command: ``main``, then the process ends without Python's
    tear-down, which frees every object of a build one by one and takes longer than
    writing a small visit's files. Output is flushed first; files are closed by then.
    Under a profiler or tracer (cProfile, coverage) it ends as usual, so they can write
    what they found."""
    try:
        main()
        code = 0
    except SystemExit as stop:
        if isinstance(stop.code, str):
            print(stop.code, file=sys.stderr)
        code = stop.code if isinstance(stop.code, int) else int(stop.code is not None)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be shown
            code = code or 1
    if sys.getprofile() is None and sys.gettrace() is None:
        os._exit(code)
    sys.exit(code)
