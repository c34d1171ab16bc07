"""Checks of who goes where and when: people and delegates (``briefings.records.people``),
travel legs, stays and overlaps in absolute time (``briefings.records.travel``).

Run beside ``briefings.records.checks.RecordChecks``, in the same way: the visit
first, then each meeting file as it is read, then ``finish`` for the programme as a
whole. Only the timing of each entry is kept between files.
"""

from __future__ import annotations

from briefings.diagnostics import Diagnostic
from briefings.records.checks import Source, VisitFacts
from briefings.records.people import PeopleFacts, meeting_problems, visit_problems
from briefings.records.travel import (
    Timing,
    chain_problems,
    clock_problems,
    key_problems,
    leg_problems,
    overlap_problems,
    stay_problems,
)


class ProgrammeChecks:
    """Every problem of the people, travel legs, stays and overlaps of a visit."""

    def __init__(self, visit: Source | None) -> None:
        self.visit = VisitFacts.read(visit)
        self.people = PeopleFacts.read(visit)
        self.found: list[Diagnostic] = []
        self.timings: list[Timing] = []
        if visit is not None and self.visit is not None:
            self.found += visit_problems(visit, self.people)
            self.found += stay_problems(visit, self.visit)

    def meeting(self, source: Source) -> None:
        """Check one meeting file; keep its timing for ``finish``."""
        self.found += key_problems(source)
        if self.visit is None:
            return
        self.found += meeting_problems(source, self.people)
        self.found += clock_problems(source, self.visit)
        timing = Timing.read(source, self.visit, self.people)
        self.found += leg_problems(source, self.visit, timing)
        if timing is not None:
            self.timings.append(timing)

    def finish(self) -> list[Diagnostic]:
        """Every problem found: those of each file, then legs that do not chain and
        entries that overlap."""
        legs = [timing for timing in self.timings if timing.travel]
        return (
            self.found
            + chain_problems(legs, self.people)
            + overlap_problems(self.timings, self.people)
        )
