"""People, logistics, travel legs and stays, read back from the documents as users read
them: text out of the PDF and the DOCX (and the HTML page), in every edition."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from docx import Document as open_docx
from lxml import html as lxml_html
from pypdf import PdfReader

from briefings.build import BuildOptions, BuildResult, build
from briefings.theme import Theme
from briefings.writers.html import HtmlWriter
from tests.browser.example import example_documents
from tests.conftest import EXAMPLE, FIXED_TIME, VisitFactory, meeting_yaml
from tests.helpers import docx_reading, pdf_text, squash

EDITIONS = ("en", "zh", "en+zh")

# What each edition must show, in the order it must show it ("en+zh" shows both).
REPORT = {
    "en": {
        "delegation list": ["Delegation list", "Mr LI Wei", "Director-General",
                            "Ms CHEN Jing", "Mr WANG Lei", "Deputy Mayor", "Ms ZHAO Min"],
        "who's who": ["Who's who", "Mr Marco Bianchi", "Head of Unit, International Relations",
                      "dialogues with partner countries",
                      "Meets the delegation at: Meeting with the Directorate-General",
                      "Ms Anna Novak", "Dr Petra Kranjc"],
        "travel": ["Travel legs", "Flight to Brussels", "Flight XX 0000",
                   "Tue 22 Oct 01:30 Beijing time", "Tue 22 Oct 06:40 CEST",
                   "(Tue 22 Oct 12:40 Beijing time)", "Flight to Ljubljana",
                   "Thu 24 Oct 19:30 CEST", "(Fri 25 Oct 01:30 Beijing time)"],
        "accommodation": ["Accommodation", "22–24 October 2024",
                          "Hotel near the European Quarter", "Rue de la Loi 1, 1000 Brussels",
                          "24–27 October 2024", "Slovenska cesta 1, 1000 Ljubljana"],
    },
    "zh": {
        "delegation list": ["代表团名单", "李伟先生", "司长", "陈静女士", "王磊先生", "副市长",
                            "赵敏女士"],
        "who's who": ["外方主要人员简介", "马可·比安奇先生", "地区和城市政策总司国际关系处处长",
                      "负责欧盟与伙伴国家的地区和城市政策对话。",
                      "会见活动：与欧盟委员会地区和城市政策总司会谈",
                      "安娜·诺瓦克女士", "佩特拉·克兰茨博士"],
        "travel": ["交通行程", "飞赴布鲁塞尔", "航班 XX 0000", "北京时间10月22日周二01:30",
                   "中欧夏令时间10月22日周二06:40", "（北京时间10月22日周二12:40）",
                   "飞赴卢布尔雅那", "（北京时间10月25日周五01:30）"],
        "accommodation": ["住宿", "2024年10月22日至24日", "欧洲区附近酒店",
                          "布鲁塞尔法律街1号", "卢布尔雅那斯洛文尼亚大街1号"],
    },
}  # fmt: skip

BRIEFING = {
    "en": {
        "who you will meet": ["Who you will meet", "Mr Marco Bianchi", "Head of Unit",
                              "Responsible for the EU's regional and urban policy dialogues"],
        "delegates": ["Delegates attending", "Mr LI Wei", "Ms CHEN Jing", "Mr WANG Lei",
                      "Ms ZHAO Min"],
        "logistics": ["Logistics", "Address", "Avenue de Beaulieu 5, 1160 Brussels",
                      "Contact", "Mr Luc Peeters, Programme Officer, IURC",
                      "+32 2 000 00 00 · contact@example.org", "Interpreter",
                      "Ms ZHAO Min, Interpreter, NDRC", "+86 10 0000 0000",
                      "Dress code", "Business attire", "Gifts", "Exchange of gifts"],
    },
    "zh": {
        "who you will meet": ["会见对象", "马可·比安奇先生", "国际关系处处长",
                              "负责欧盟与伙伴国家的地区和城市政策对话。"],
        "delegates": ["我方出席人员", "李伟先生", "陈静女士", "王磊先生", "赵敏女士"],
        "logistics": ["后勤安排", "地址", "布鲁塞尔博利厄大道5号", "联系人",
                      "吕克·佩特斯先生，IURC项目官员", "contact@example.org", "翻译",
                      "赵敏女士，国家发展改革委翻译", "着装要求", "正装", "礼品",
                      "会见结束时互赠礼品"],
    },
}  # fmt: skip


def in_order(phrases: list[str], text: str) -> list[str]:
    """The phrases missing from ``text`` or out of order (white space ignored)."""
    text, position, wrong = squash(text), 0, []
    for phrase in phrases:
        found = text.find(squash(phrase), position)
        if found < 0:
            wrong.append(phrase)
        else:
            position = found
    return wrong


def html_text(lang: str, name: str) -> str:
    page = HtmlWriter(Theme()).write(example_documents(lang)[name])
    return str(lxml_html.document_fromstring(page).text_content())


def readings(out: Path, lang: str, name: str) -> dict[str, str]:
    """The document's text as each format gives it back."""
    return {
        "pdf": pdf_text(out / lang / f"{name}.pdf"),
        "docx": docx_reading(out / lang / f"{name}.docx"),
        "html": html_text(lang, name),
    }


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example in every edition, in both formats."""
    out = tmp_path_factory.mktemp("people-and-travel")
    build(EXAMPLE, BuildOptions(out=out, langs=EDITIONS, created=FIXED_TIME))
    return out


def expected(table: dict[str, dict[str, list[str]]], edition: str, part: str) -> list[list[str]]:
    return [table[lang][part] for lang in edition.split("+")]


@pytest.mark.parametrize("part", ["delegation list", "who's who", "travel", "accommodation"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_report_shows_people_travel_and_stays_in_every_edition_and_format(
    editions: Path, edition: str, part: str
) -> None:
    for fmt, text in readings(editions, edition, "visit-report").items():
        for phrases in expected(REPORT, edition, part):
            assert not in_order(phrases, text), (fmt, in_order(phrases, text))


@pytest.mark.parametrize("part", ["who you will meet", "delegates", "logistics"])
@pytest.mark.parametrize("edition", EDITIONS)
def test_the_briefing_shows_whom_the_delegation_meets_who_attends_and_the_logistics(
    editions: Path, edition: str, part: str
) -> None:
    for fmt, text in readings(editions, edition, "dg-regio").items():
        for phrases in expected(BRIEFING, edition, part):
            assert not in_order(phrases, text), (fmt, in_order(phrases, text))


def test_a_briefing_lists_only_the_delegates_it_names_and_logistics_only_when_given(
    editions: Path,
) -> None:
    committee = squash(pdf_text(editions / "en" / "ljubljana-regional-committee.pdf"))
    assert not in_order(["Mr LI Wei", "Ms CHEN Jing", "Ms ZHAO Min"], committee)
    assert "WANGLei" not in committee  # not among the meeting's delegates
    assert "Transport" in committee and "Coachfromthehotelat09:30" in committee
    assert "Dresscode" not in committee  # no row for what the meeting does not give
    quarter = squash(pdf_text(editions / "en" / "european-quarter.pdf"))
    assert "Logistics" not in quarter and "Whoyouwillmeet" not in quarter
    assert not in_order(["Delegates attending", "Mr LI Wei", "Mr WANG Lei"], quarter)


@pytest.mark.parametrize("edition", EDITIONS)
def test_travel_legs_are_in_the_itinerary_and_the_chart_but_have_no_briefing(
    editions: Path, edition: str
) -> None:
    assert not list(editions.glob(f"{edition}/arrival.*"))
    assert not list(editions.glob(f"{edition}/travel-to-ljubljana.*"))
    leg = {"en": "Flight to Ljubljana", "zh": "飞赴卢布尔雅那"}
    for lang in edition.split("+"):
        for fmt, text in readings(editions, edition, "visit-report").items():
            # once in the chart, once in the itinerary, once under travel
            assert squash(text).count(squash(leg[lang])) >= 3, (fmt, lang)


def test_the_itinerary_gives_a_legs_local_times_at_each_end(editions: Path) -> None:
    text = squash(pdf_text(editions / "en" / "visit-report.pdf"))
    assert squash("01:30 Beijing time – 06:40 CEST (01:30–12:40 Beijing time)") in text
    zh = squash(pdf_text(editions / "zh" / "visit-report.pdf"))
    assert squash("北京时间01:30至中欧夏令时间06:40（北京时间01:30–12:40）") in zh


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_day_with_nothing_keeps_its_column_in_the_chart(editions: Path, edition: str) -> None:
    sunday = {"en": "Sun 27 Oct", "zh": "10月27日周日"}
    report = editions / edition / "visit-report.pdf"
    pages = [page.extract_text() for page in PdfReader(report).pages[:2]]
    chart = squash("".join(pages))  # the chart is on the cover's page or the next
    for lang in edition.split("+"):
        assert squash(sunday[lang]) in chart
    table = next(
        t
        for t in open_docx(str(editions / edition / "visit-report.docx")).tables
        if squash(sunday[edition[:2]]) in squash(t.rows[0].cells[-1].text)
    )
    assert all(not row.cells[-1].text.strip() for row in table.rows[1:])  # no entries
    assert len(table.rows[0].cells) == 1 + 6  # the hours, then six days


# -- a visit written from scratch --------------------------------------------------------
SCRATCH_VISIT = """\
id: scratch
title: {en: Study visit to Lisbon and Vienna, zh: 里斯本和维也纳考察访问}
dates: {start: 2025-03-10, end: 2025-03-14}
home_timezone: Asia/Shanghai
lead: mofcom
delegation: [mofcom]
summary: {en: A study visit., zh: 一次考察访问。}
delegates: [sun-hua, zhou-yan, qian-bo]
places:
  shanghai: {name: {en: Shanghai, zh: 上海}, country: CN, timezone: Asia/Shanghai}
  lisbon: {name: {en: Lisbon, zh: 里斯本}, country: PT, timezone: Europe/Lisbon}
  vienna: {name: {en: Vienna, zh: 维也纳}, country: AT, timezone: Europe/Vienna}
organisations:
  mofcom: {name: {en: Ministry of Commerce, zh: 商务部}, country: CN}
  lisbon-city: {name: {en: Lisbon City Council, zh: 里斯本市政府}, country: PT}
  vienna-agency: {name: {en: Vienna Business Agency, zh: 维也纳商业署}, country: AT}
people:
  sun-hua:
    name: {en: SUN Hua, zh: 孙华}
    honorific: {en: Ms, zh: 女士}
    title: {en: Director, zh: 司长}
    organisation: mofcom
  zhou-yan:
    name: {en: ZHOU Yan, zh: 周岩}
    honorific: {en: Mr, zh: 先生}
    title: {en: Counsellor, zh: 参赞}
    organisation: mofcom
  qian-bo:
    name: {en: QIAN Bo, zh: 钱博}
    honorific: {en: Mr, zh: 先生}
    title: {en: Interpreter, zh: 翻译}
    organisation: mofcom
    phone: "+86 21 0000 0000"
  rita-sousa:
    name: {en: Rita Sousa, zh: 丽塔·索萨}
    honorific: {en: Ms, zh: 女士}
    title: {en: Deputy Mayor, zh: 副市长}
    organisation: lisbon-city
    bio: {en: Leads the city's port and logistics strategy., zh: 主管该市港口和物流战略。}
  karl-huber:
    name: {en: Karl Huber, zh: 卡尔·胡贝尔}
    honorific: {en: Dr, zh: 博士}
    title: {en: Managing Director, zh: 总经理}
    organisation: vienna-agency
    bio: {en: Runs the agency that brings companies to Vienna., zh: 负责吸引企业落户维也纳。}
  ana-reis:
    name: {en: Ana Reis, zh: 安娜·雷斯}
    title: {en: Protocol Officer, zh: 礼宾官员}
    organisation: lisbon-city
    email: protocol@example.org
accommodation:
  - place: lisbon
    name: {en: Riverside Hotel, zh: 河畔酒店}
    address: {en: Rua Augusta 1, Lisbon, zh: 里斯本奥古斯塔街1号}
    check_in: 2025-03-10
    check_out: 2025-03-12
  - place: vienna
    name: {en: Ring Hotel, zh: 环城酒店}
    address: {en: Ringstrasse 2, Vienna, zh: 维也纳环城大道2号}
    check_in: 2025-03-12
    check_out: 2025-03-14
"""

SCRATCH_MEETINGS = {
    "01-out.yaml": """\
id: out
kind: travel
title: {en: Flight to Lisbon, zh: 飞赴里斯本}
from: shanghai
to: lisbon
start: 2025-03-10T01:10
end: 2025-03-10T07:45
mode: {en: Flight, zh: 航班}
number: AB 1234
""",
    "02-port.yaml": """\
id: port
kind: meeting
title: {en: Talks on the port of Lisbon, zh: 里斯本港口会谈}
start: 2025-03-11T10:00
end: 2025-03-11T12:00
place: lisbon
venue: {en: City Hall, zh: 市政厅}
hosts: [lisbon-city]
counterparts: [rita-sousa]
delegates: [zhou-yan, sun-hua]
logistics:
  contact: ana-reis
  interpreter: qian-bo
  notes: {en: Bring the signed letter., zh: 携带签署的信函。}
""",
    "03-hop.yaml": """\
id: hop
kind: travel
title: {en: Flight to Vienna, zh: 飞赴维也纳}
from: lisbon
to: vienna
start: 2025-03-12T18:00
end: 2025-03-12T22:05
number: CD 5678
""",
    "04-agency.yaml": """\
id: agency
kind: meeting
title: {en: Meeting at the Vienna Business Agency, zh: 与维也纳商业署会谈}
start: 2025-03-13T09:00
end: 2025-03-13T10:30
place: vienna
venue: {en: Agency offices, zh: 商业署办公室}
hosts: [vienna-agency]
counterparts: [karl-huber]
""",
}


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    root = tmp_path_factory.mktemp("scratch") / "visit"
    (root / "meetings").mkdir(parents=True)
    (root / "visit.yaml").write_text(textwrap.dedent(SCRATCH_VISIT), encoding="utf-8")
    for name, text in SCRATCH_MEETINGS.items():
        (root / "meetings" / name).write_text(text, encoding="utf-8")
    out = root.parent / "out"
    result = build(root, BuildOptions(out=out, langs=EDITIONS, created=FIXED_TIME))
    return out, result


def test_a_visit_from_scratch_builds_a_briefing_per_meeting_and_a_report(
    scratch: tuple[Path, BuildResult],
) -> None:
    out, result = scratch
    written = sorted(str(p.relative_to(out)) for p in result.written)
    assert written == sorted(
        f"{edition}/{name}.{fmt}"
        for edition in EDITIONS
        for name in ("port", "agency", "visit-report")
        for fmt in ("docx", "pdf")
    )
    assert not result.warnings


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_visit_from_scratch_shows_each_person_leg_and_stay_where_stated(
    scratch: tuple[Path, BuildResult], fmt: str
) -> None:
    out, _ = scratch
    read = pdf_text if fmt == "pdf" else docx_reading
    report = read(out / "en" / f"visit-report.{fmt}")
    assert not in_order(
        ["Delegation list", "Ms SUN Hua", "Director", "Mr ZHOU Yan", "Mr QIAN Bo"], report
    )
    assert not in_order(
        ["Who's who", "Ms Rita Sousa", "port and logistics strategy", "Talks on the port",
         "Dr Karl Huber", "brings companies to Vienna", "Meeting at the Vienna Business"],
        report,
    )  # fmt: skip
    assert not in_order(
        ["Travel legs", "Flight to Lisbon", "Flight AB 1234", "Mon 10 Mar 01:10 Beijing time",
         "Mon 10 Mar 07:45 WET", "(Mon 10 Mar 15:45 Beijing time)",
         "Flight to Vienna", "CD 5678", "Wed 12 Mar 18:00 WET", "Wed 12 Mar 22:05 CET",
         "(Thu 13 Mar 05:05 Beijing time)"],
        report,
    )  # fmt: skip
    assert not in_order(
        ["Accommodation", "10–12 March 2025", "Riverside Hotel", "Rua Augusta 1, Lisbon",
         "12–14 March 2025", "Ring Hotel", "Ringstrasse 2, Vienna"],
        report,
    )  # fmt: skip
    port = read(out / "en" / f"port.{fmt}")
    assert not in_order(
        ["Logistics", "Contact", "Ana Reis, Protocol Officer", "protocol@example.org",
         "Interpreter", "Mr QIAN Bo, Interpreter", "+86 21 0000 0000",
         "Notes", "Bring the signed letter.", "Who you will meet", "Ms Rita Sousa",
         "Deputy Mayor", "Delegates attending", "Ms SUN Hua", "Mr ZHOU Yan"],
        port,
    )  # fmt: skip
    assert "QIANBo,Interpreter,MinistryofCommerce" not in squash(port.split("Delegates")[-1])
    agency = squash(read(out / "en" / f"agency.{fmt}"))
    assert "Logistics" not in agency and squash("Dr Karl Huber") in agency
    assert not in_order(["Ms SUN Hua", "Mr ZHOU Yan", "Mr QIAN Bo"], agency.split("Delegates")[-1])


def test_a_visit_from_scratch_in_chinese_puts_honorifics_after_names(
    scratch: tuple[Path, BuildResult],
) -> None:
    out, _ = scratch
    for read, fmt in ((pdf_text, "pdf"), (docx_reading, "docx")):
        report = read(out / "zh" / f"visit-report.{fmt}")
        assert not in_order(["代表团名单", "孙华女士", "周岩先生", "钱博先生"], report)
        assert not in_order(["外方主要人员简介", "丽塔·索萨女士", "卡尔·胡贝尔博士"], report)
        assert "女士孙华" not in squash(report) and "先生周岩" not in squash(report)
        assert squash("安娜·雷斯，里斯本市政府礼宾官员") in squash(read(out / "zh" / f"port.{fmt}"))


def test_a_visit_from_scratch_has_a_chart_column_for_each_of_its_five_days(
    scratch: tuple[Path, BuildResult],
) -> None:
    out, _ = scratch
    text = pdf_text(out / "en" / "visit-report.pdf")
    days = ["Mon 10 Mar", "Tue 11 Mar", "Wed 12 Mar", "Thu 13 Mar", "Fri 14 Mar"]
    assert not in_order(days, text)
    chart = next(
        t
        for t in open_docx(str(out / "en" / "visit-report.docx")).tables
        if "Mon 10 Mar" in t.rows[0].cells[1].text
    )
    assert [c.text.split("\n")[0] for c in chart.rows[0].cells[1:]] == days
    assert re.search(r"Wed 12 Mar\s+Lisbon\s+→ Vienna", chart.rows[0].cells[3].text)


def test_the_itinerary_dates_the_end_of_a_meeting_that_ends_on_a_later_day(
    make_visit: VisitFactory,
) -> None:
    late = meeting_yaml(id="late").replace("T14:30", "T23:30")
    root = make_visit(meetings={"late.yaml": late.replace("2024-10-23T16:00", "2024-10-25T22:00")})
    out = root.parent / "out"
    build(root, BuildOptions(out=out, langs=("en", "zh"), formats=("pdf",), created=FIXED_TIME))
    itinerary = squash(pdf_text(out / "en" / "visit-report.pdf")).split("Itinerary")[-1]
    assert squash("23:30 – Fri 25 Oct 22:00") in itinerary
    chinese = squash(pdf_text(out / "zh" / "visit-report.pdf")).split("日程")[-1]
    assert squash("23:30至10月25日周五22:00") in chinese
