"""Interface catalogues: the ``.po`` files under ``translations/``, compiled in memory.

No ``.mo`` file is committed or needed: a catalogue is read with Babel and compiled to
a ``GNUTranslations`` object the first time a language is used in a process. A
catalogue whose translations change the placeholders of their msgid is refused then,
with its file, line and msgid (see ``placeholders``).
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping, Sequence
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo

from briefings.diagnostics import InputError
from briefings.i18n.codes import check_known_language, check_language_code, is_language_code
from briefings.i18n.formatting import babel_locale
from briefings.i18n.placeholders import locations_of, placeholder_errors
from briefings.i18n.pofiles import read_catalogue
from briefings.resources import translations_dir

DOMAIN = "briefings"
SOURCE_LANGUAGE = "en"


def catalogue_path(lang: str, root: Path | None = None) -> Path:
    """Where the ``.po`` file of ``lang`` lives (``LanguageCodeError`` if ``lang`` is
    not a language code: it never names another folder)."""
    check_language_code(lang)
    return (root or translations_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def known_languages(root: Path | None = None) -> list[str]:
    """The source language plus every language that has a catalogue."""
    folder = root or translations_dir()
    found = sorted(
        p.name
        for p in folder.iterdir()
        if is_language_code(p.name) and catalogue_path(p.name, folder).is_file()
    )
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


def catalogue_locale(lang: str) -> str | None:
    """``lang`` for Babel's ``read_po``, or None for a code CLDR does not know (a
    pseudo-locale such as ``en-XA``: the file's own Plural-Forms header then applies)."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    return lang.replace("-", "_")


def interface_root(lang: str, extra: Path | None = None) -> Path | None:
    """The folder whose catalogue of ``lang`` a build uses: ``extra`` (a user's folder,
    ``--translations``) first, then the built-in one; None if neither has it."""
    for folder in (extra, translations_dir()):
        if folder is not None and catalogue_path(lang, folder).is_file():
            return folder
    return None


def available_languages(extra: Path | None = None) -> list[str]:
    """Every language a build can use: built-in catalogues and those in ``extra``."""
    found = known_languages()
    if extra is not None and extra.is_dir():
        found += known_languages(extra)
    return list(dict.fromkeys(found))


def check_language(lang: str, extra: Path | None = None) -> str:
    """Raise ``ValueError`` saying what to do if ``lang`` cannot be built (no interface
    catalogue, or a language CLDR does not know); return a note when dates and lists
    will be formatted in a related locale (a pseudo-locale such as ``en-XA``). A code
    that is not a language tag (``../../evil``) raises ``LanguageCodeError``, a
    ``ValueError``."""
    check_language_code(lang)
    if lang not in available_languages(extra):
        known = ", ".join(available_languages(extra))
        raise ValueError(
            f"no interface catalogue for {lang!r} (have: {known}); start one with "
            f"`briefings i18n init {lang} --translations DIR` and build with --translations DIR"
        )
    locale = babel_locale(check_known_language(lang))
    if catalogue_locale(lang) is None:
        return f"CLDR has no locale {lang!r}: dates and lists are formatted as {locale}"
    return ""


def interface_translations(lang: str, root: Path | None = None) -> gettext.NullTranslations:
    """The compiled interface catalogue of ``lang``; the source language (and a language
    without a catalogue) gets the identity translation. Read again only when the file
    changed (``briefings watch`` sees a user's catalogue edited). A broken catalogue,
    or one whose translations change placeholders, raises ``InputError``."""
    path = catalogue_path(lang, root)
    if not path.is_file():
        return gettext.NullTranslations()
    stat = path.stat()
    return _compiled_catalogue(path, lang, stat.st_mtime_ns, stat.st_size)


@cache
def _compiled_catalogue(path: Path, lang: str, mtime_ns: int, size: int) -> gettext.GNUTranslations:
    catalog = read_catalogue(path, catalogue_locale(lang), domain=DOMAIN)
    errors = placeholder_errors(catalog, path, built_in_locations)
    if errors:
        raise InputError(errors)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def built_in_locations() -> Mapping[str, Sequence[tuple[str, int | None]]]:
    """Where the code and built-in templates use each msgid (read from the shipped
    template), for entries of a user's catalogue that have no ``#:`` references."""
    return locations_of(read_catalogue(translations_dir() / f"{DOMAIN}.pot"))
