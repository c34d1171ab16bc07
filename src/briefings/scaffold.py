"""``briefings new``: a small visit that builds at once, for a new user to fill in.

The starter records (``briefings/starter/``) use every part of the format, each field
commented in a line or two, and name the JSON Schemas written beside them so that an
editor with the YAML language server completes keys and flags mistakes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from briefings.records.jsonschema import RECORD_MODELS, schema_text

STARTER = Path(__file__).resolve().parent / "starter"
SCHEMAS_DIR = "schemas"


class VisitExistsError(Exception):
    """The target folder already holds a visit: ``new`` never writes over one."""


def new_visit(target: Path) -> list[Path]:
    """Write the starter visit and its schemas into ``target``; the files written."""
    if (target / "visit.yaml").exists():
        raise VisitExistsError(f"{target / 'visit.yaml'} exists already; choose an empty folder")
    written = []
    for source in sorted(STARTER.rglob("*.yaml")):
        destination = target / source.relative_to(STARTER)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        written.append(destination)
    for kind in RECORD_MODELS:
        destination = target / SCHEMAS_DIR / f"{kind}.schema.json"
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(schema_text(kind), encoding="utf-8")
        written.append(destination)
    return written
