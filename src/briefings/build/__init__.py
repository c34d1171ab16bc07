"""Building a visit's documents: plan, session, incremental outputs, workers, output
folder, watch and progress. The public entry points are re-exported here."""

from briefings.build.pipeline import build, check, untranslated
from briefings.build.plan import (
    LANGUAGES,
    REPORT_NAME,
    BuildOptions,
    BuildResult,
    DocumentJob,
    single_languages,
)
from briefings.build.progress import BuildProgress
from briefings.build.session import Session

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
