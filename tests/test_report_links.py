"""In the visit report, each follow-up action's meeting links to that meeting's heading,
in every edition and format, as readers open the files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import docx
import pikepdf
import pytest
import yaml
from docx.oxml.ns import qn
from pypdf import PdfReader

from briefings.build import BuildOptions, build
from briefings.render.markup import MarkupError, parse_document
from tests.conftest import EXAMPLE, FIXED_TIME

EDITIONS = ("en", "zh", "en+zh")
TAGS = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built in every edition, as PDF, DOCX and HTML."""
    out = tmp_path_factory.mktemp("report-links")
    build(
        EXAMPLE,
        BuildOptions(out=out, created=FIXED_TIME, langs=EDITIONS, formats=("pdf", "docx", "html")),
    )
    return out


def follow_up_meetings(edition: str) -> list[str]:
    """The meeting title each follow-up action names, in the edition's languages."""
    titles = []
    for path in sorted((EXAMPLE / "meetings").glob("*.yaml")):
        meeting = yaml.safe_load(path.read_text(encoding="utf-8"))
        titles += [meeting["title"]] * len(meeting.get("follow_up") or [])
    return [title[lang] for lang in edition.split("+") for title in titles]


def meeting_titles() -> dict[str, str]:
    """The id of each meeting, by its title in either language."""
    titles = {}
    for path in (EXAMPLE / "meetings").glob("*.yaml"):
        meeting = yaml.safe_load(path.read_text(encoding="utf-8"))
        titles.update({title: meeting["id"] for title in meeting["title"].values()})
    return titles


def test_the_example_has_follow_up_actions_to_link() -> None:
    assert len(follow_up_meetings("en")) >= 2


@pytest.mark.parametrize("edition", EDITIONS)
def test_pdf_follow_up_meeting_links_to_the_page_of_its_heading(
    reports: Path, edition: str
) -> None:
    path = reports / edition / "visit-report.pdf"
    reader = PdfReader(path)
    heading_pages = {
        part: reader.get_destination_page_number(entry)
        for entry in _outline_entries(reader.outline)
        for part in entry.title.split(" / ")
    }
    with pikepdf.open(path) as pdf:
        parents = _parent_tree(pdf)
        linked: dict[str, set[int]] = {}
        for number, page in enumerate(pdf.pages):
            for annot in page.obj.get("/Annots", []):
                element = parents[int(annot.StructParent)]
                assert element.S == "/Link"
                if element.P.S == "/TOCI":
                    continue  # a contents entry
                assert any(
                    k.get("/Type") == "/OBJR"
                    for k in element.K
                    if isinstance(k, pikepdf.Dictionary)
                )
                target = [
                    i for i, p in enumerate(pdf.pages) if p.obj.objgen == annot.Dest[0].objgen
                ]
                linked.setdefault(str(annot.Contents), set()).update(target)
                assert number > target[0]  # the follow-up table comes after the meetings
    expected = set(follow_up_meetings(edition))
    assert set(linked) == expected
    for title, pages in linked.items():
        assert pages == {heading_pages[title]}, title


@pytest.mark.parametrize("edition", EDITIONS)
def test_docx_follow_up_meeting_links_to_the_bookmark_on_its_heading(
    reports: Path, edition: str
) -> None:
    document = docx.Document(str(reports / edition / "visit-report.docx"))
    meeting_of = meeting_titles()
    body = document.element.body
    headings: dict[str, set[str]] = {}
    """The texts of the headings that carry each bookmark."""
    for paragraph in body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is not None and "Heading" in style.get(qn("w:val")):
            for start in paragraph.iter(qn("w:bookmarkStart")):
                headings.setdefault(start.get(qn("w:name")), set()).add(_text(paragraph))
    links = []
    for cell in body.iter(qn("w:tc")):
        for link in cell.iter(qn("w:hyperlink")):
            text = _text(link)
            links.append(text)
            # a bilingual row's bookmark is on its first heading: the meeting's, in English
            meetings = {meeting_of[heading] for heading in headings[link.get(qn("w:anchor"))]}
            assert meetings == {meeting_of[text]}
    assert sorted(links) == sorted(follow_up_meetings(edition))


@pytest.mark.parametrize("edition", EDITIONS)
def test_html_follow_up_meeting_links_to_the_id_of_its_heading(reports: Path, edition: str) -> None:
    page = (reports / edition / "visit-report.html").read_text(encoding="utf-8")
    meeting_of = meeting_titles()
    body = page.split("</nav>", 1)[1]  # after the contents' own links
    headings = {
        target: TAGS.sub("", text)
        for target, text in re.findall(r'<h[1-6] id="([^"]+)">(.*?)</h[1-6]>', page)
    }
    links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', body)
    assert sorted(TAGS.sub("", text) for _, text in links) == sorted(follow_up_meetings(edition))
    for target, text in links:
        # a bilingual row's anchor is on its first heading: the meeting's, in English
        assert meeting_of[headings[target]] == meeting_of[TAGS.sub("", text)]


def test_a_link_to_another_document_is_a_markup_error() -> None:
    with pytest.raises(MarkupError, match="href"):
        parse_document('<document><p><a href="https://x.org">x</a></p></document>', lang="en")
    linked = parse_document('<document><p>see <a href="#m1">it</a></p></document>', lang="en")
    assert [span.link for span in linked.spans()] == [None, "m1"]


def _outline_entries(outline: list) -> list:  # type: ignore[type-arg]
    entries = []
    for item in outline:
        entries += _outline_entries(item) if isinstance(item, list) else [item]
    return entries


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}


def _text(element: Any) -> str:
    return "".join(t.text or "" for t in element.iter(qn("w:t")))
