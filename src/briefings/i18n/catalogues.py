"""Interface catalogues: the ``.po`` files under ``translations/``, compiled in memory.

No ``.mo`` file is committed or needed: a catalogue is read with Babel and compiled to
a ``GNUTranslations`` object the first time a language is used in a process.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from briefings.i18n.formatting import babel_locale
from briefings.resources import translations_dir

DOMAIN = "briefings"
SOURCE_LANGUAGE = "en"


def catalogue_path(lang: str, root: Path | None = None) -> Path:
    """Where the ``.po`` file of ``lang`` lives."""
    return (root or translations_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def known_languages(root: Path | None = None) -> list[str]:
    """The source language plus every language that has a catalogue."""
    folder = root or translations_dir()
    found = sorted(p.name for p in folder.iterdir() if catalogue_path(p.name, folder).is_file())
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
    will be formatted in a related locale (a pseudo-locale such as ``en-XA``)."""
    if lang not in available_languages(extra):
        known = ", ".join(available_languages(extra))
        raise ValueError(
            f"no interface catalogue for {lang!r} (have: {known}); start one with "
            f"`briefings i18n init {lang} --translations DIR` and build with --translations DIR"
        )
    try:
        locale = babel_locale(lang)
    except (UnknownLocaleError, ValueError):
        raise ValueError(
            f"{lang!r} is not a language Babel (CLDR) knows, so dates and lists cannot be "
            "formatted; name the catalogue after a locale such as fr or pt_BR"
        ) from None
    try:
        Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return f"CLDR has no locale {lang!r}: dates and lists are formatted as {locale}"
    return ""


def interface_translations(lang: str, root: Path | None = None) -> gettext.NullTranslations:
    """The compiled interface catalogue of ``lang``; the source language (and a language
    without a catalogue) gets the identity translation. Read again only when the file
    changed (``briefings watch`` sees a user's catalogue edited)."""
    path = catalogue_path(lang, root)
    if not path.is_file():
        return gettext.NullTranslations()
    stat = path.stat()
    return _compiled_catalogue(path, lang, stat.st_mtime_ns, stat.st_size)


@cache
def _compiled_catalogue(path: Path, lang: str, mtime_ns: int, size: int) -> gettext.GNUTranslations:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=catalogue_locale(lang), domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
