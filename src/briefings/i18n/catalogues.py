"""Interface catalogues: the ``.po`` files under ``translations/``, compiled in memory.

No ``.mo`` file is committed or needed: a catalogue is read with Babel and compiled to
a ``GNUTranslations`` object the first time a language is used in a process.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

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


@cache
def interface_translations(lang: str, root: Path | None = None) -> gettext.NullTranslations:
    """The compiled interface catalogue of ``lang``; the source language (and a language
    without a catalogue) gets the identity translation."""
    path = catalogue_path(lang, root)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)
