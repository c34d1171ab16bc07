"""Language codes given by users, checked before any path is built from them.

A code names a catalogue folder (``translations/<lang>/``) or file
(``VISIT_DIR/translations/<lang>.po``), so ``../../evil`` must never get that far. A
code is a BCP 47-like tag: a language of two or three lower-case letters, then subtags
of letters and digits (``fr``, ``zh-Hant``, ``pt-BR``, the pseudo-locale ``en-XA``).
gettext's own spelling with ``_`` (``pt_BR``) is accepted too, as catalogue folders
are often named so.
"""

from __future__ import annotations

import re

from babel import Locale, UnknownLocaleError

from briefings.i18n.formatting import babel_locale

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")
LONGEST_CODE = 35
"""Longer than any real tag (``zh-Hant-CN-x-private`` and the like)."""


class LanguageCodeError(ValueError):
    """A language code that is not a BCP 47-like tag, or that CLDR does not know."""


def is_language_code(code: str) -> bool:
    """Whether ``code`` looks like a language tag (it says nothing of CLDR)."""
    return len(code) <= LONGEST_CODE and LANGUAGE_CODE.fullmatch(code) is not None


def check_language_code(code: str) -> str:
    """Return ``code`` if it is a language tag, else raise ``LanguageCodeError``
    saying what a code looks like. Call it on every code a user gives (``--lang``,
    ``i18n init LANG``) before building a path from it."""
    if not is_language_code(code):
        raise LanguageCodeError(
            f"{code!r} is not a language code: use a BCP 47 tag such as fr, zh, pt-BR "
            "(a language of 2 or 3 lower-case letters, then subtags of letters and digits "
            "after '-')"
        )
    return code


def check_known_language(code: str) -> str:
    """``check_language_code``, and CLDR must know the language (or, for a code such
    as the pseudo-locale ``en-XA``, its first part), since dates and lists are
    formatted with it."""
    check_language_code(code)
    try:
        babel_locale(code)
    except (UnknownLocaleError, ValueError):
        raise LanguageCodeError(
            f"{code!r} is not a language Babel (CLDR) knows, so dates and lists could not "
            "be formatted; use a code such as fr, de or pt-BR"
        ) from None
    return code


def language_name(lang: str) -> str:
    """The name of a language in English (``French``), for headers and listings; the
    code itself for one CLDR does not know."""
    try:
        return str(Locale.parse(lang.replace("-", "_")).english_name)
    except (UnknownLocaleError, ValueError, LookupError):
        return lang
