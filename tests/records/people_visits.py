"""Small visits with people, delegates, stays and travel legs, for the tests of
``briefings.records.people`` and ``briefings.records.travel``."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefings.diagnostics import Diagnostic, InputError, Severity
from briefings.records import Records, load_records
from tests.conftest import MINIMAL_VISIT

REPO = Path(__file__).resolve().parents[2]
SHARED_EXAMPLES = [
    folder / "shared" / "examples" / "iurc-china-2024" for folder in (REPO.parent, REPO.parents[1])
]
"""Where the reference example of issue 16 is: beside the main checkout, or beside the
folder of worktrees (absent elsewhere)."""

PEOPLE_VISIT = (
    MINIMAL_VISIT
    + """\
  city:
    name: {en: City of Ljubljana, zh: 卢布尔雅那市}
    country: SI
delegates: [li-wei, chen-jing]
people:
  li-wei:
    name: {en: LI Wei, zh: 李伟}
    honorific: {en: Mr, zh: 先生}
    title: {en: Director-General, zh: 司长}
    organisation: ndrc
  chen-jing:
    name: {en: CHEN Jing, zh: 陈静}
    title: {en: Deputy Director, zh: 副处长}
    organisation: ndrc
  anna-novak:
    name: {en: Anna Novak, zh: 安娜·诺瓦克}
    title: {en: Chair, zh: 主席}
    organisation: host
    bio: {en: Chairs the committee., zh: 主持委员会。}
    phone: "+386 1 000 00 00"
    email: anna@example.org
accommodation:
  - place: brussels
    name: {en: Hotel, zh: 酒店}
    address: {en: Rue de la Loi 1, 1000 Brussels, zh: 布鲁塞尔法律街1号}
    check_in: 2024-10-22
    check_out: 2024-10-24
"""
).replace(
    "places:\n",
    """places:
  beijing:
    name: {en: Beijing, zh: 北京}
    country: CN
    timezone: Asia/Shanghai
  ljubljana:
    name: {en: Ljubljana, zh: 卢布尔雅那}
    country: SI
    timezone: Europe/Ljubljana
  helsinki:
    name: {en: Helsinki, zh: 赫尔辛基}
    country: FI
    timezone: Europe/Helsinki
  stockholm:
    name: {en: Stockholm, zh: 斯德哥尔摩}
    country: SE
    timezone: Europe/Stockholm
""",
)
"""A valid visit: two delegates, a counterpart, a stay in Brussels, places in four
time zones. Line numbers of the people: ``li-wei`` is under ``people:``."""


def meeting(
    ident: str = "talks",
    start: str = "2024-10-23T14:30",
    end: str = "2024-10-23T16:00",
    extra: str = "",
) -> str:
    """A meeting in Brussels; ``extra`` is YAML added at the end."""
    return f"""\
id: {ident}
kind: meeting
title: {{en: Talks, zh: 会谈}}
start: {start}
end: {end}
place: brussels
venue: {{en: Town hall, zh: 市政厅}}
{extra}"""


def leg(
    ident: str,
    origin: str,
    destination: str,
    start: str,
    end: str,
    extra: str = "",
) -> str:
    """A travel leg; ``extra`` is YAML added at the end."""
    return f"""\
id: {ident}
kind: travel
title: {{en: Flight, zh: 航班}}
from: {origin}
to: {destination}
start: {start}
end: {end}
mode: {{en: Flight, zh: 航班}}
{extra}"""


def diagnostics_of(root: Path) -> list[Diagnostic]:
    """Every diagnostic of loading ``root``, whether it fails or only warns."""
    try:
        records: Records = load_records(root)
    except InputError as caught:
        return caught.diagnostics
    return list(records.warnings)


def messages(root: Path, severity: Severity = Severity.ERROR) -> list[str]:
    """``file:line:column: field: severity: message``, file as its name only."""
    return [
        str(d).removeprefix(str(d.location.file.parent) + "/")
        for d in diagnostics_of(root)
        if d.severity is severity
    ]


def the_shared_example() -> Path:
    for folder in SHARED_EXAMPLES:
        if folder.is_dir():
            return folder
    pytest.skip(f"the shared reference example is not at {SHARED_EXAMPLES[0]}")
