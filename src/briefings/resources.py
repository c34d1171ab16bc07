"""Where the built-in templates, catalogues and fonts are, installed or in a checkout.

In a checkout (and an editable install) ``templates/`` and ``translations/`` sit at the
top of the repository; a wheel carries them as ``briefings/_data/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def templates_dir() -> Path:
    """The built-in Jinja templates."""
    return _data_dir("templates")


def translations_dir() -> Path:
    """The built-in interface catalogues (``<lang>/LC_MESSAGES/briefings.po``)."""
    return _data_dir("translations")


def fonts_dir() -> Path:
    """The fonts shipped with the package, with their licences."""
    return _PACKAGE / "fonts" / "data"
