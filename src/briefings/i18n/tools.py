"""Maintain the interface catalogues: extract, update, compile and start a language.

The same steps as ``pybabel extract/update/compile/init``, with the project's
extraction map built in, so ``briefings i18n …`` needs no configuration file. No step
loses a translation: ``init`` refuses to replace a catalogue unless forced, and
``update`` keeps the translations of strings that left the template as obsolete
entries.
"""

from __future__ import annotations

import re
from contextlib import suppress
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo

from briefings import __version__
from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.i18n.catalogues import (
    DOMAIN,
    built_in_locations,
    catalogue_locale,
    catalogue_path,
)
from briefings.i18n.codes import check_known_language, language_name
from briefings.i18n.formatting import babel_locale
from briefings.i18n.placeholders import placeholder_errors
from briefings.i18n.pofiles import (
    FIXED_DATE,
    drop_placeholders,
    kept_comment,
    merge_template,
    read_catalogue,
    set_plain_header,
    write_catalogue_file,
)

TEMPLATE_COMMENT = [
    f"Interface strings of briefings, for translation into a language's {DOMAIN}.po.",
    "Written by `briefings i18n extract`; `briefings i18n init LANG` starts a language,",
    "`briefings i18n update` merges this template into every language.",
]
_BRACES = re.compile(r"\{[a-z_]+\}")
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extract(sources: list[tuple[Path, str]]) -> Catalog:
    """Collect the interface strings of Python modules and Jinja templates.
    ``sources`` pairs a folder with ``python`` or ``jinja2``."""
    catalog = Catalog(
        project="briefings",
        version=__version__,
        domain=DOMAIN,
        charset="utf-8",
    )
    set_plain_header(catalog)
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
    write_catalogue_file(catalog, path, TEMPLATE_COMMENT)


def language_comment(lang: str) -> list[str]:
    """The header comment of a language's interface catalogue."""
    return [
        f"{language_name(lang)} ({lang}) interface strings of briefings.",
        f"Started from {DOMAIN}.pot by `briefings i18n init {lang}`; "
        "`briefings i18n update` merges new strings in.",
        "Keep every {placeholder} of a msgid in its translation; in strings of the "
        "templates, write %% for a percent sign.",
    ]


def init_language(template: Path, lang: str, root: Path, *, force: bool = False) -> Path:
    """Start the ``.po`` file of a new language from the template. An existing one is
    never replaced unless ``force`` (``InputError`` naming it); a code that is not a
    language tag or that CLDR does not know raises ``LanguageCodeError``."""
    locale = babel_locale(check_known_language(lang))
    target = catalogue_path(lang, root)
    if target.exists() and not force:
        raise InputError([Diagnostic(Location(target), _exists_message(lang, root))])
    catalog = read_catalogue(template)
    catalog.locale = locale
    catalog.fuzzy = False
    set_plain_header(catalog)
    write_catalogue_file(catalog, target, language_comment(lang), obsolete=False)
    return target


def _exists_message(lang: str, root: Path) -> str:
    translated = ""
    with suppress(InputError):  # a broken catalogue is still not overwritten
        done, total, _ = statistics(lang, root)
        translated = f" ({done} of {total} strings translated)"
    return (
        f"the catalogue of {lang!r} exists already{translated}: `briefings i18n update` "
        "merges the template into it; --force starts it again from the template, "
        "losing its translations"
    )


def update(template: Path, root: Path) -> list[Path]:
    """Merge the template into every language's ``.po`` (new strings appear untranslated,
    changed ones fuzzy, those no longer used kept as obsolete, as with ``msgmerge``)."""
    pot = read_catalogue(template)
    updated = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = po_path.parent.parent.name
        catalog = read_catalogue(po_path, catalogue_locale(lang), obsolete=True)
        merge_template(catalog, pot)
        for message in catalog:
            template_message = pot.get(message.id, message.context)
            if template_message is not None:
                message.flags |= {f for f in template_message.flags if f.endswith("-format")}
        catalog.creation_date = FIXED_DATE
        drop_placeholders(catalog)
        write_catalogue_file(catalog, po_path, kept_comment(catalog) or language_comment(lang))
        updated.append(po_path)
    return updated


def compile_all(root: Path) -> list[Path]:
    """Write a ``.mo`` beside every ``.po`` (the build itself compiles in memory); a
    catalogue whose translations change placeholders is refused (``InputError``)."""
    written = []
    for po_path in sorted(root.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        catalog = read_catalogue(po_path, catalogue_locale(po_path.parent.parent.name))
        errors = placeholder_errors(catalog, po_path, built_in_locations)
        if errors:
            raise InputError(errors)
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
    catalog = read_catalogue(path, catalogue_locale(lang))
    messages = [m for m in catalog if m.id]
    missing = [str(m.id) for m in messages if not m.string or m.fuzzy]
    return len(messages) - len(missing), len(messages), missing
