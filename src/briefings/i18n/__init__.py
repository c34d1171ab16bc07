"""Translation (gettext catalogues) and locale formatting (Babel)."""

from briefings.i18n.catalogues import DOMAIN, interface_translations, known_languages
from briefings.i18n.codes import LanguageCodeError, check_language_code
from briefings.i18n.formatting import LocaleFormat, babel_locale

__all__ = [
    "DOMAIN",
    "LanguageCodeError",
    "LocaleFormat",
    "babel_locale",
    "check_language_code",
    "interface_translations",
    "known_languages",
]
