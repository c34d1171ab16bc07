"""People, delegates, counterparts and logistics: the record format and its checks.

Each rule is shown with a broken record; every problem comes in one report with file,
line, column and field, in plain words, with the nearest known id suggested.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from briefings.cli import main
from briefings.diagnostics import Severity
from briefings.records import load_records
from tests.conftest import VisitFactory
from tests.records.people_visits import (
    PEOPLE_VISIT,
    diagnostics_of,
    meeting,
    messages,
    the_shared_example,
)

LOGISTICS = """\
counterparts: [anna-novak]
delegates: [li-wei]
logistics:
  address: {en: Rue Belliard 1, 1040 Brussels, zh: 布鲁塞尔贝利亚尔街1号}
  contact: anna-novak
  interpreter: chen-jing
  dress_code: {en: Business attire, zh: 正装}
  gifts: {en: None, zh: 无}
  transport: {en: On foot, zh: 步行}
  notes: {en: Bring passports., zh: 请携带护照。}
"""


def test_the_shared_reference_example_loads_without_a_problem() -> None:
    records = load_records(the_shared_example())
    assert records.warnings == ()
    visit = records.visit
    assert visit.delegates == ["li-wei", "chen-jing", "wang-lei", "zhao-min"]
    assert visit.people["li-wei"].honorific == {"en": "Mr", "zh": "先生"}
    assert visit.people["luc-peeters"].email == "contact@example.org"
    assert visit.accommodation[1].check_out.isoformat() == "2024-10-27"
    dg_regio = records.meeting("dg-regio")
    assert dg_regio.counterparts == ["marco-bianchi"]
    assert dg_regio.delegates is None  # all of them
    assert dg_regio.logistics is not None and dg_regio.logistics.interpreter == "zhao-min"
    arrival = records.meeting("arrival")
    assert arrival.is_travel and (arrival.from_, arrival.to) == ("beijing", "brussels")
    assert arrival.place is None and arrival.number == "XX 0000"


def test_a_comma_in_an_unquoted_text_stays_in_the_text() -> None:
    # YAML would read "1000 Brussels" as a second key; the address is one text.
    records = load_records(the_shared_example())
    assert records.visit.accommodation[0].address["en"] == "Rue de la Loi 1, 1000 Brussels"
    title = records.visit.people["marco-bianchi"].title
    assert title == {"en": "Head of Unit, International Relations", "zh": "国际关系处处长"}


def test_a_meeting_with_counterparts_delegates_and_logistics_loads(
    make_visit: VisitFactory,
) -> None:
    root = make_visit(visit=PEOPLE_VISIT, meetings={"m.yaml": meeting(extra=LOGISTICS)})
    records = load_records(root)
    assert records.warnings == ()
    talks = records.meeting("talks")
    assert talks.counterparts == ["anna-novak"] and talks.delegates == ["li-wei"]
    assert talks.logistics is not None
    assert talks.logistics.address == {
        "en": "Rue Belliard 1, 1040 Brussels",
        "zh": "布鲁塞尔贝利亚尔街1号",
    }
    assert talks.logistics.notes == {"en": "Bring passports.", "zh": "请携带护照。"}


def test_unknown_people_anywhere_are_all_reported_with_the_nearest_id(
    make_visit: VisitFactory,
) -> None:
    visit = PEOPLE_VISIT.replace("delegates: [li-wei, chen-jing]", "delegates: [li-wie, chen-jing]")
    broken = (
        LOGISTICS.replace("counterparts: [anna-novak]", "counterparts: [ana-novak]")
        .replace("delegates: [li-wei]", "delegates: [chen-jin]")
        .replace("contact: anna-novak", "contact: anna-nowak")
        .replace("interpreter: chen-jing", "interpreter: someone-else")
    )
    root = make_visit(visit=visit, meetings={"m.yaml": meeting(extra=broken)})
    assert messages(root) == [
        "m.yaml:8:16: counterparts[0]: error: unknown person 'ana-novak';"
        " did you mean 'anna-novak'?",
        "m.yaml:9:13: delegates[0]: error: unknown person 'chen-jin'; did you mean 'chen-jing'?",
        "m.yaml:12:12: logistics.contact: error: unknown person 'anna-nowak';"
        " did you mean 'anna-novak'?",
        "m.yaml:13:16: logistics.interpreter: error: unknown person 'someone-else';"
        " add it to people in visit.yaml",
        "visit.yaml:39:13: delegates[0]: error: unknown person 'li-wie'; did you mean 'li-wei'?",
    ]


def test_a_persons_unknown_organisation(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("organisation: host", "organisation: hots")
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    assert messages(root) == [
        "visit.yaml:53:19: people.anna-novak.organisation: error: unknown organisation 'hots';"
        " did you mean 'host'?"
    ]


def test_a_person_listed_twice_in_delegates(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("[li-wei, chen-jing]", "[li-wei, chen-jing, li-wei]")
    twice_here = meeting(extra="delegates: [chen-jing, chen-jing]\n")
    root = make_visit(visit=visit, meetings={"m.yaml": twice_here})
    assert messages(root) == [
        "m.yaml:8:24: delegates[1]: error: 'chen-jing' is listed twice in delegates; keep one",
        "visit.yaml:39:32: delegates[2]: error: 'li-wei' is listed twice in delegates; keep one",
    ]


def test_a_meeting_delegate_who_is_not_a_delegate_of_the_visit(
    make_visit: VisitFactory,
) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT, meetings={"m.yaml": meeting(extra="delegates: [anna-novak]\n")}
    )
    (message,) = messages(root)
    assert message.startswith("m.yaml:8:13: delegates[0]: error: 'anna-novak' is not one of")
    assert "add them to delegates in visit.yaml" in message


def test_a_counterpart_who_is_also_a_delegate_is_a_warning(make_visit: VisitFactory) -> None:
    root = make_visit(
        visit=PEOPLE_VISIT, meetings={"m.yaml": meeting(extra="counterparts: [chen-jing]\n")}
    )
    assert messages(root, Severity.WARNING) == [
        "m.yaml:8:16: counterparts[0]: warning: 'chen-jing' is one of the visit's delegates,"
        " not someone the delegation meets"
    ]
    assert load_records(root).meeting("talks").counterparts == ["chen-jing"]


def test_a_delegate_in_two_overlapping_meetings_is_a_warning(make_visit: VisitFactory) -> None:
    # Neither names its delegates: both have all of them.
    later = meeting("later", "2024-10-23T15:30", "2024-10-23T17:00")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": meeting(), "b.yaml": later})
    assert messages(root, Severity.WARNING) == [
        "b.yaml:4:8: start: warning: overlaps with 'talks', which ends at 16:00;"
        " li-wei, chen-jing would be in both"
    ]


def test_the_delegation_may_split_up_between_overlapping_meetings(
    make_visit: VisitFactory,
) -> None:
    first = meeting(extra="delegates: [li-wei]\n")
    later = meeting("later", "2024-10-23T15:30", "2024-10-23T17:00", "delegates: [chen-jing]\n")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": first, "b.yaml": later})
    assert diagnostics_of(root) == []
    shared = later.replace("[chen-jing]", "[chen-jing, li-wei]")
    root = make_visit(visit=PEOPLE_VISIT, meetings={"a.yaml": first, "b.yaml": shared})
    (warning,) = messages(root, Severity.WARNING)
    assert warning.endswith("overlaps with 'talks', which ends at 16:00; li-wei would be in both")


def test_implausible_phone_and_email_are_explained_in_plain_words(
    make_visit: VisitFactory,
) -> None:
    visit = PEOPLE_VISIT.replace('"+386 1 000 00 00"', "call the office").replace(
        "anna@example.org", "anna at example"
    )
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    assert messages(root) == [
        "visit.yaml:55:12: people.anna-novak.phone: error: a phone number is digits with an"
        " optional leading '+', spaces, '-' and brackets, e.g. +32 2 123 45 67"
        " (got 'call the office')",
        "visit.yaml:56:12: people.anna-novak.email: error: an e-mail address looks like"
        " name@example.org (got 'anna at example')",
    ]


def test_a_person_needs_a_name_title_and_organisation(make_visit: VisitFactory) -> None:
    visit = PEOPLE_VISIT.replace("    title: {en: Chair, zh: 主席}\n", "").replace(
        "    organisation: host\n", "    organisaton: host\n"
    )
    root = make_visit(visit=visit, meetings={"m.yaml": meeting()})
    found = messages(root)
    assert "visit.yaml:51:5: people.anna-novak.title: error: is required but missing" in found
    assert any(
        m.startswith("visit.yaml:52:5: people.anna-novak.organisaton: error: unknown key")
        and "did you mean 'organisation'?" in m
        for m in found
    )


def test_extract_content_lists_names_bios_and_logistics_with_file_and_field(
    tmp_path: Path,
) -> None:
    visit = tmp_path / "visit"
    shutil.copytree(the_shared_example(), visit)
    result = CliRunner().invoke(main, ["i18n", "extract-content", str(visit)])
    assert result.exit_code == 0, result.output
    pot = (visit / "translations" / "content.pot").read_text(encoding="utf-8")
    for comment, msgid in [
        ("visit.yaml: people.anna-novak.bio", "Chairs the committee that coordinates"),
        ("visit.yaml: people.marco-bianchi.name", "Marco Bianchi"),
        ("visit.yaml: people.marco-bianchi.title", "Head of Unit, International Relations"),
        ("visit.yaml: accommodation[0].address", "Rue de la Loi 1, 1000 Brussels"),
        ("meetings/05-jozef-stefan-institute.yaml: logistics.notes", "Photography is not"),
        ("meetings/02-dg-regio.yaml: logistics.dress_code", "Business attire"),
        ("meetings/00-arrival.yaml: mode", "Flight"),
    ]:
        assert f"#. {comment}\n" in pot, comment
        entry = pot[pot.index(f"#. {comment}\n") :]
        assert f'msgid "{msgid}' in entry[: entry.index("msgstr")], comment


def test_i18n_status_counts_a_missing_bio_translation(tmp_path: Path) -> None:
    visit = tmp_path / "visit"
    shutil.copytree(the_shared_example(), visit)
    text = (visit / "visit.yaml").read_text(encoding="utf-8")
    (visit / "visit.yaml").write_text(
        text.replace("      zh: 主持协调卢布尔雅那地区发展规划的委员会。\n", ""), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["i18n", "status", str(visit), "--lang", "zh"])
    assert "people.anna-novak.bio" in result.output, result.output
