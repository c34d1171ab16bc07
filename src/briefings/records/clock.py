"""Local times that a place's clocks skip or show twice, and UTC offsets.

Records give local times: the zone comes from the place (a travel leg's start from its
``from``, its end from its ``to``). When the clocks go forward, an hour of local times
never happens (2024-03-31 02:30 in Brussels): that is an error. When they go back, an
hour happens twice (2024-10-27 02:30): a warning, unless the time carries its UTC
offset (``2024-10-27T02:30+01:00``, the second one), which says which one is meant.
An offset must be one the place's clocks have at that time, so that the time printed
is the time written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from briefings.diagnostics import Severity

Problem = tuple[Severity, str]


def local_time_problem(written: datetime, zone_name: str) -> Problem | None:
    """What is wrong with ``written`` as a time on the clocks of ``zone_name``."""
    zone = ZoneInfo(zone_name)
    wall = written.replace(tzinfo=None)
    if written.tzinfo is not None:
        shown = written.astimezone(zone).replace(tzinfo=None)
        if shown == wall:
            return None
        return Severity.ERROR, (
            f"{_offset(written.utcoffset())} is not the UTC offset of {zone_name} at"
            f" {wall:%Y-%m-%d %H:%M} (its clocks then show {shown:%Y-%m-%d %H:%M});"
            " give the local time, with its offset only to choose between two"
        )
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return None
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != wall:
        after = first.astimezone(UTC).astimezone(zone)
        return Severity.ERROR, (
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone_name}: the clocks go forward"
            f" that night; give the time the clocks show, e.g. {after:%H:%M}"
        )
    return Severity.WARNING, (
        f"{wall:%Y-%m-%d %H:%M} happens twice in {zone_name} (the clocks go back that"
        f" night); the first is taken: write {wall:%Y-%m-%dT%H:%M}{_offset(first.utcoffset())}"
        f" for the first or {wall:%Y-%m-%dT%H:%M}{_offset(second.utcoffset())} for the second"
    )


def wall_time(written: datetime, zone_name: str) -> datetime:
    """``written`` as the naive local time of ``zone_name``: an offset, where given,
    becomes the ``fold`` that picks the first or the second of a repeated hour."""
    if written.tzinfo is None:
        return written
    return written.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def _offset(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
