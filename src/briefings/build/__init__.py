"""Building a visit's documents: plan, session, incremental outputs, workers, output
folder, watch and progress. The public entry points are re-exported here, each
imported when first used: a command that builds nothing (``briefings --help``,
``validate``) then does not load the libraries of the writers."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefings.build.languages import LANGUAGES, single_languages
    from briefings.build.pipeline import build, check
    from briefings.build.plan import REPORT_NAME, BuildOptions, BuildResult, DocumentJob
    from briefings.build.progress import BuildProgress
    from briefings.build.session import Session, untranslated

MODULE_OF = {
    "build": "pipeline",
    "check": "pipeline",
    "untranslated": "session",
    "LANGUAGES": "languages",
    "REPORT_NAME": "plan",
    "BuildOptions": "plan",
    "BuildResult": "plan",
    "DocumentJob": "plan",
    "single_languages": "languages",
    "BuildProgress": "progress",
    "Session": "session",
}
"""The module of this package that defines each name re-exported here."""


def __getattr__(name: str) -> Any:
    """A re-exported name, from its module (imported now if it was not yet)."""
    if name not in MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{MODULE_OF[name]}"), name)


__all__ = [
    "LANGUAGES",
    "REPORT_NAME",
    "BuildOptions",
    "BuildProgress",
    "BuildResult",
    "DocumentJob",
    "Session",
    "build",
    "check",
    "single_languages",
    "untranslated",
]
