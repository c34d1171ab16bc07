"""Maintain the interface catalogues: extract, update, compile and start a language.

The same steps as ``pybabel extract/update/compile/init``, with the project's
extraction map built in, so ``briefings i18n …`` needs no configuration file.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from briefings import __version__
from briefings.i18n.catalogues import DOMAIN, catalogue_locale, catalogue_path
from briefings.i18n.formatting import babel_locale

# Fixed, so that extracting twice gives the same file (no churn in version control).
_POT_DATE = datetime(2024, 1, 1, tzinfo=UTC)
_BRACES = re.compile(r"\{[a-z_]+\}")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extract(sources: list[tuple[Path, str]]) -> Catalog:
    """Collect the interface strings of Python modules and Jinja templates.
    ``sources`` pairs a folder with ``python`` or ``jinja2``."""
    catalog = Catalog(
        project="briefings",
        version=__version__,
        domain=DOMAIN,
        creation_date=_POT_DATE,
        charset="utf-8",
        msgid_bugs_address="",
    )
    for folder, method in sources:
        pattern = "**.py" if method == "python" else "**.j2"
        options = {pattern: {"extensions": "jinja2.ext.i18n"}} if method == "jinja2" else {}
        found = extract_from_dir(
            str(folder),
            [(pattern, method)],
            options,
            keywords=KEYWORDS,
            comment_tags=("TRANSLATORS:",),
        )
        for filename, lineno, msgid, comments, context in found:
            where = f"{folder.name}/{filename}"
            catalog.add(msgid, None, [(where, lineno)], auto_comments=comments, context=context)
    for message in catalog:
        if message.id and _BRACES.search(str(message.id)):
            # Lets `msgfmt --check` verify that a translation keeps every {placeholder}.
            message.flags.add("python-brace-format")
            message.flags.discard("python-format")
    return catalog


def write_template(catalog: Catalog, path: Path) -> None:
    """Write the ``.pot`` file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=False, omit_header=False)


def init_language(template: Path, lang: str, root: Path) -> Path:
    """Start the ``.po`` file of a new language from the template."""
    with template.open("rb") as handle:
        catalog = read_po(handle)
    catalog.locale = babel_locale(lang)
    catalog.revision_date = _POT_DATE
    catalog.fuzzy = False
    target = catalogue_path(lang, root)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return target


def update(template: Path, root: Path) -> list[Path]:
    """Merge the template into every language's ``.po`` (new strings appear untranslated,
    changed ones fuzzy, as with ``msgmerge``)."""
    with template.open("rb") as handle:
        pot = read_po(handle)
    updated = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=catalogue_locale(po_path.parent.parent.name))
        catalog.update(pot, update_header_comment=False)
        for message in catalog:
            template_message = pot.get(message.id, message.context)
            if template_message is not None:
                message.flags |= {f for f in template_message.flags if f.endswith("-format")}
        with po_path.open("wb") as handle:
            write_po(handle, catalog, width=100, ignore_obsolete=True)
        updated.append(po_path)
    return updated


def compile_all(root: Path) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` (the build itself compiles in memory)."""
    written = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=catalogue_locale(po_path.parent.parent.name))
        mo_path = po_path.with_suffix(".mo")
        with mo_path.open("wb") as handle:
            write_mo(handle, catalog)
        written.append(mo_path)
    return written


def statistics(lang: str, root: Path) -> tuple[int, int, list[str]]:
    """Translated count, total and the untranslated (or fuzzy) ids of one language."""
    path = catalogue_path(lang, root)
    if not path.is_file():
        return 0, 0, []
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=catalogue_locale(lang))
    messages = [m for m in catalog if m.id]
    missing = [str(m.id) for m in messages if not m.string or m.fuzzy]
    return len(messages) - len(missing), len(messages), missing


def language_name(lang: str) -> str:
    """The name of a language in English, for listings."""
    try:
        return str(Locale.parse(lang.replace("-", "_")).english_name)
    except (ValueError, LookupError):
        return lang
