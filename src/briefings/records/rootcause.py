"""Root causes first: a misspelt key is reported before what follows from it.

``organizations:`` for ``organisations:`` in ``visit.yaml`` makes ``organisations``
missing and every reference to an organisation unknown: eleven errors of one typo.
The typo is listed first, and what follows from it is folded into its message as one
line (``… and 9 references to organisations follow from it``). The same for a key
misspelt anywhere (``organization:`` in a person): the key it was meant to be is not
also reported as missing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from briefings.diagnostics import Diagnostic, Location

COLLECTIONS = {"organisation": "organisations", "place": "places", "person": "people"}
"""The key of visit.yaml that lists the known ids of each kind of reference."""


@dataclass(frozen=True, slots=True)
class MisspeltKey(Diagnostic):
    """An unknown key that is nearly a known one, ``meant`` (its field path)."""

    meant: str = ""


@dataclass(frozen=True, slots=True)
class MissingKey(Diagnostic):
    """A required key that is not there (perhaps because it is misspelt)."""


@dataclass(frozen=True, slots=True)
class UnknownReference(Diagnostic):
    """A reference to an id that ``collection`` of visit.yaml does not list."""

    collection: str = ""


def unknown_reference(kind: str, ref: str, known: list[str], location: Location) -> Diagnostic:
    """An unknown id, with the nearest known one suggested, else where to add it."""
    collection = COLLECTIONS[kind]
    close = get_close_matches(ref, known, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else f"; add it to {collection} in visit.yaml"
    return UnknownReference(location, f"unknown {kind} {ref!r}{hint}", collection=collection)


def root_causes_first(diagnostics: list[Diagnostic], visit_file: Path) -> list[Diagnostic]:
    """``diagnostics`` with what follows from a misspelt key folded into it, which is
    marked as a root cause (``briefings.diagnostics.sort_key`` lists those first)."""
    misspelt = {
        (d.location.file, d.meant): d for d in diagnostics if isinstance(d, MisspeltKey) and d.meant
    }
    collections = {meant: d for (file, meant), d in misspelt.items() if file == visit_file}
    folded: dict[MisspeltKey, list[Diagnostic]] = defaultdict(list)
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if isinstance(diagnostic, MissingKey):
            cause = misspelt.get((diagnostic.location.file, diagnostic.location.field))
        elif isinstance(diagnostic, UnknownReference):
            cause = collections.get(diagnostic.collection)
        else:
            cause = None
        if cause is None:
            kept.append(diagnostic)
        else:
            folded[cause].append(diagnostic)
    return [_with_consequences(d, folded[d]) if d in folded else d for d in kept]


def _with_consequences(cause: MisspeltKey, consequences: list[Diagnostic]) -> Diagnostic:
    references = [d for d in consequences if isinstance(d, UnknownReference)]
    what = [f"so {cause.meant.rpartition('.')[2]!r} is missing"]
    if references:
        count = len(references)
        noun = "reference" if count == 1 else "references"
        verb = "follows" if count == 1 else "follow"
        what.append(f"{count} {noun} to {references[0].collection} {verb} from it")
    message = f"{cause.message}\n  … {', and '.join(what)}"
    return Diagnostic(cause.location, message, cause.severity, root_cause=True)
