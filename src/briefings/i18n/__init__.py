"""Translation (gettext catalogues) and locale formatting (Babel)."""

from briefings.i18n.catalogues import DOMAIN, interface_translations, known_languages
from briefings.i18n.formatting import LocaleFormat, babel_locale

__all__ = ["DOMAIN", "LocaleFormat", "babel_locale", "interface_translations", "known_languages"]
