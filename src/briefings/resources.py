"""Where the built-in templates, catalogues and fonts are, installed or in a checkout.

In a checkout (and an editable install) ``templates/`` and ``translations/`` sit at the
top of the repository; a wheel carries them as ``briefings/_data/``.
"""

from __future__ import annotations

import os
import tempfile
from functools import cache
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


def cache_dir(kind: str) -> Path:
    """Where things made once and reused by later builds are kept (converted fonts):
    ``$XDG_CACHE_HOME/briefings/<kind>`` (by default under
    ``~/.cache``), or a temporary folder if that cannot be written."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "briefings" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = _temporary_cache(kind)
    return folder


@cache
def _temporary_cache(kind: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"briefings-{kind}-"))
