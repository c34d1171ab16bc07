"""The ``briefings`` command line.

Exit codes: 0 success (warnings allowed), 1 errors in the input or the build,
2 wrong usage (click's convention).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from briefings import __version__
from briefings.build import (
    LANGUAGES,
    BuildOptions,
    BuildResult,
    build,
    check,
    untranslated,
)
from briefings.config import load_config
from briefings.diagnostics import Diagnostic, InputError, Severity
from briefings.progress import progress_display
from briefings.records import load_records
from briefings.writers import FORMATS

err = Console(stderr=True, highlight=False, soft_wrap=True)
stdout = Console(highlight=False, soft_wrap=True)


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


def report(diagnostics: list[Diagnostic]) -> None:
    """Print diagnostics, errors in red and warnings in yellow, one per line."""
    for diagnostic in diagnostics:
        colour = "red" if diagnostic.severity is Severity.ERROR else "yellow"
        err.print(f"[{colour}]{diagnostic.severity.value}[/]: {diagnostic.location}: ", end="")
        err.print(diagnostic.message, markup=False)


def _run(debug: bool, action: Callable[[], Any]) -> Any:
    """Run ``action``; user errors become a report and exit 1, tracebacks only with
    ``--debug``."""
    try:
        return action()
    except InputError as exc:
        report(exc.diagnostics)
        errors = len(exc.errors)
        err.print(f"[red]{errors} error{'s' if errors != 1 else ''}[/]; nothing was written.")
        sys.exit(1)
    except Exception as exc:  # a bug, or a broken template/font: no traceback unless asked
        if debug:
            raise
        err.print(f"[red]error:[/] {type(exc).__name__}: ", end="")
        err.print(str(exc), markup=False)
        err.print("Run again with --debug for the full traceback.")
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefings")
def main() -> None:
    """Build briefing documents and visit reports, in English and Chinese, as DOCX and
    PDF, from a folder of YAML meeting records (visit.yaml + meetings/*.yaml)."""


visit_dir_argument = click.argument(
    "visit_dir", type=click.Path(exists=True, file_okay=False, path_type=Path)
)
debug_option = click.option("--debug", is_flag=True, help="Show tracebacks for unexpected errors.")


@main.command()
@visit_dir_argument
@click.option("--strict", is_flag=True, help="Also fail when a text has no translation.")
@debug_option
def validate(visit_dir: Path, strict: bool, debug: bool) -> None:
    """Check the records of VISIT_DIR and build nothing."""
    records = _run(debug, lambda: load_records(visit_dir))
    report(list(records.warnings))
    if strict:
        missing = _run(debug, lambda: untranslated(records, load_config(visit_dir)))
        if missing:
            message = "no {} text (a translation is missing; --strict)"
            report([Diagnostic(m.location, message.format(m.lang)) for m in missing])
            err.print(f"[red]{len(missing)} untranslated text(s)[/]")
            sys.exit(1)
    stdout.print(
        f"[green]ok[/]: {len(records.meetings)} meetings, "
        f"{len(records.visit.organisations)} organisations, {len(records.warnings)} warnings"
    )


@main.command("build")
@visit_dir_argument
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--lang",
    "langs",
    default=",".join(LANGUAGES),
    show_default=True,
    callback=_split_list(None),
    help="Languages, comma-separated.",
)
@click.option(
    "--format",
    "formats",
    default=",".join(FORMATS),
    show_default=True,
    callback=_split_list(FORMATS),
    help="Formats, comma-separated.",
)
@click.option(
    "--templates",
    "templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    multiple=True,
    help="A folder of templates that override the built-in ones.",
)
@click.option("--strict", is_flag=True, help="Fail when a text has no translation.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes  [default: the number of cores]",
)
@click.option("--force", is_flag=True, help="Rebuild every document, even up-to-date ones.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 if outputs are missing or out of date with the records.",
)
@click.option(
    "--summary",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Append a Markdown summary of the build to this file (e.g. $GITHUB_STEP_SUMMARY).",
)
@debug_option
def build_command(
    visit_dir: Path,
    out: Path,
    langs: tuple[str, ...],
    formats: tuple[str, ...],
    templates: tuple[Path, ...],
    strict: bool,
    jobs: int | None,
    force: bool,
    check_only: bool,
    summary: Path | None,
    debug: bool,
) -> None:
    """Build the briefings and the visit report of VISIT_DIR.

    Writes OUT/<lang>/<meeting-id>.<format> for every meeting and
    OUT/<lang>/visit-report.<format>. Only documents whose records, templates,
    catalogues, fonts or settings changed since the last build are rewritten (the
    manifest OUT/.briefings-manifest.json remembers what each was built from)."""
    options = BuildOptions(
        out=out,
        langs=langs,
        formats=formats,
        strict=strict,
        templates=templates,
        jobs=jobs or os.cpu_count() or 1,
        force=force,
    )
    if check_only:
        _check_outputs(visit_dir, options, debug)
        return
    with progress_display(err) as progress:
        result = _run(debug, lambda: build(visit_dir, options, progress))
    report(result.warnings)
    for item in result.missing:
        err.print(
            f"[yellow]untranslated[/]: {item.location}: shown in {item.fallback}, marked",
            markup=True,
        )
    line = build_summary(result)
    stdout.print(f"[green]built[/]: {line} in {out}")
    if summary is not None:
        with summary.open("a", encoding="utf-8") as handle:
            handle.write(markdown_summary(result, out))


def _check_outputs(visit_dir: Path, options: BuildOptions, debug: bool) -> None:
    stale = _run(debug, lambda: check(visit_dir, options))
    for name, reason in stale:
        stdout.print(f"[yellow]stale[/]: {options.out / name} ({reason})", markup=True)
    if stale:
        stdout.print(f"[red]{len(stale)} output(s) out of date[/]; run briefings build")
        sys.exit(1)
    stdout.print(f"[green]up to date[/]: {options.out}")


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


@main.group()
def i18n() -> None:
    """Maintain the translation catalogues (interface strings)."""


translations_option = click.option(
    "--translations",
    type=click.Path(file_okay=False, path_type=Path),
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


@i18n.command("update")
@translations_option
def i18n_update(translations: Path | None) -> None:
    """Merge briefings.pot into every language's .po file."""
    from briefings.i18n.tools import update
    from briefings.resources import translations_dir

    root = translations or translations_dir()
    for path in update(root / "briefings.pot", root):
        stdout.print(f"[green]updated[/] {path}")


@i18n.command("compile")
@translations_option
def i18n_compile(translations: Path | None) -> None:
    """Compile every .po to .mo (optional: builds compile catalogues in memory)."""
    from briefings.i18n.tools import compile_all
    from briefings.resources import translations_dir

    for path in compile_all(translations or translations_dir()):
        stdout.print(f"[green]compiled[/] {path}")


@i18n.command("init")
@click.argument("lang")
@translations_option
def i18n_init(lang: str, translations: Path | None) -> None:
    """Start the catalogue of a new language LANG (e.g. fr) from briefings.pot."""
    from briefings.i18n.tools import init_language
    from briefings.resources import translations_dir

    root = translations or translations_dir()
    path = init_language(root / "briefings.pot", lang, root)
    stdout.print(f"[green]created[/] {path}: translate it, then build with --lang {lang}")
