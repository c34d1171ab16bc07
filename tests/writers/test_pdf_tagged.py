"""Every PDF is tagged PDF/UA-1 and archival PDF/A-2a.

veraPDF cannot be installed here, so the checks a validator makes mechanically are made
in these tests, on the files as readers get them: the content streams walked with
pikepdf (every text inside marked content that the parent tree maps to a structure
element, or inside an artifact), the text of each marked sequence read with pdfminer
(the structure tree reads in the document's order, Chinese elements say zh-CN), the
XMP parsed, the output intent's profile opened with Pillow, and poppler's and qpdf's
own checks where they are installed.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from PIL import ImageCms

from briefings import model
from briefings.build import BuildOptions, build
from briefings.fonts import shipped_fontset
from briefings.theme import Theme
from briefings.writers.pdf import PdfWriter
from tests.conftest import EXAMPLE, FIXED_TIME
from tests.helpers import squash

TEXT_SHOWING = frozenset({"Tj", "TJ", "'", '"'})
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}


# -- a document with every kind of block ------------------------------------------------
def _p(text: str) -> model.Paragraph:
    return model.Paragraph((model.Span(text),))


def _cell(text: str) -> model.Cell:
    return model.Cell((_p(text),))


def _blocks(lang: str, n: int) -> tuple[model.Block, ...]:
    """One section in English or Chinese (``lang``), numbered ``n``."""
    if lang == "en":
        heading, body = f"Section {n} heading", f"Body text of section {n}, one sentence."
        items, cells = (f"First point of {n}", f"Second point of {n}"), ("Name", "Place")
        row = (f"Person {n}", f"City {n}")
    else:
        heading, body = f"第{n}节标题", f"第{n}节的正文，一句话。"
        items, cells = (f"第{n}节第一点", f"第{n}节第二点"), ("姓名", "地点")
        row = (f"人员{n}", f"城市{n}")
    table = model.Table((1, 1), tuple(map(_cell, cells)), (tuple(map(_cell, row)),))
    return (
        model.Heading(1, (model.Span(heading),), anchor=f"s{n}-{lang}"),
        _p(body),
        model.BulletList(tuple((model.Span(item),) for item in items)),
        table,
    )


def sample(kind: str) -> model.Document:
    """A document of every block kind: ``en``, ``zh`` or bilingual ``en+zh``."""
    lang = {"en": "en-GB", "zh": "zh-CN", "en+zh": "en-GB"}[kind]
    event = model.ScheduleEvent(9 * 60, 10 * 60 + 30, (model.Span("Opening meeting"),))
    blocks: list[model.Block] = [
        model.Cover(
            (model.Span("Visit report"),),
            (model.Span("Delegation visit to Brussels"),),
            marking=(model.Span("Internal"),),
            details=(((model.Span("Dates"),), (model.Span("22–27 October 2024"),)),),
        ),
        model.Schedule((model.ScheduleDay((model.Span("Tue 22 Oct"),), (event,)),)),
        model.TableOfContents((model.Span("Contents"),)),
        model.PageBreak(),
    ]
    for n in range(1, 4):
        if kind == "en+zh":
            for en, zh in zip(_blocks("en", n), _blocks("zh", n), strict=True):
                blocks.append(model.Parallel((en,), (zh,), ("en-GB", "zh-CN")))
        else:
            blocks += _blocks(kind, n)
    meta = model.Metadata(
        "Delegation visit", lang, subject="Visit report", author="The Ministry", header="Head"
    )
    return model.Document(meta, tuple(blocks))


def model_texts(blocks: Iterable[model.Block]) -> Iterator[str]:
    """The texts of ``blocks`` that readers meet, in the order they should meet them
    (a bilingual row: the English blocks, then the Chinese)."""
    for block in blocks:
        match block:
            case model.Heading(content=content) | model.Paragraph(content=content):
                yield model.plain_text(content)
            case model.BulletList(items=items):
                yield from (model.plain_text(item) for item in items)
            case model.Table(header=header, rows=rows):
                for cells in (header, *rows):
                    for cell in cells:
                        yield from model_texts(list(cell.blocks))
            case model.Parallel(left=left, right=right):
                yield from model_texts(left)
                yield from model_texts(right)


# -- reading the file --------------------------------------------------------------------
class _MarkedText(PDFDevice):
    """pdfminer device that collects the text of each marked-content sequence."""

    def __init__(self, rsrcmgr: PDFResourceManager) -> None:
        super().__init__(rsrcmgr)
        self.page = -1
        self.stack: list[int | None] = []
        self.text: dict[tuple[int, int], str] = {}

    def begin_page(self, page: Any, ctm: Any) -> None:
        self.page += 1

    def begin_tag(self, tag: Any, props: Any = None) -> None:
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.stack.append(mcid)

    def end_tag(self) -> None:
        self.stack.pop()

    def render_string(self, textstate: Any, seq: Any, ncs: Any, graphicstate: Any) -> None:
        mcid = next((m for m in reversed(self.stack) if m is not None), None)
        if mcid is None:
            return
        font = textstate.font
        chars = "".join(
            font.to_unichr(cid)
            for part in seq
            if isinstance(part, bytes)
            for cid in font.decode(part)
        )
        key = (self.page, mcid)
        self.text[key] = self.text.get(key, "") + chars


def marked_text(data: bytes) -> dict[tuple[int, int], str]:
    """The text of every marked sequence, by (page index, MCID)."""
    manager = PDFResourceManager()
    device = _MarkedText(manager)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
    return device.text


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, Any]:
    """The parent tree's number tree as a dict."""
    found: dict[int, Any] = {}

    def walk(node: Any) -> None:
        nums = node.get("/Nums", [])
        for i in range(0, len(nums), 2):
            found[int(nums[i])] = nums[i + 1]
        for kid in node.get("/Kids", []):
            walk(kid)

    walk(pdf.Root.StructTreeRoot.ParentTree)
    return found


Placed = tuple[Any, str | None, list[tuple[int, int]]]
"""A structure element, its language, and its marked content as (page index, MCID)."""


def structure(pdf: pikepdf.Pdf) -> Iterator[Placed]:
    """Each structure element in reading order, with its language (its own or
    inherited) and its marked content as (page index, MCID)."""
    pages: dict[tuple[int, int], int] = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}

    def walk(node: Any, lang: str | None) -> Iterator[Placed]:
        lang = str(node.Lang) if "/Lang" in node else lang
        kids = node.K if isinstance(node.get("/K"), pikepdf.Array) else [node.get("/K")]
        content = []
        for kid in kids:
            if isinstance(kid, int):
                content.append((pages[node.Pg.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                content.append((pages[kid.Pg.objgen], int(kid.MCID)))
        yield node, lang, content
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") not in ("/MCR", "/OBJR"):
                yield from walk(kid, lang)

    root = pdf.Root.StructTreeRoot
    for top in root.K:
        yield from walk(top, str(pdf.Root.Lang))


def untagged_text(pdf: pikepdf.Pdf) -> list[str]:
    """Every text-showing operator outside marked content that the parent tree maps to
    a structure element, and outside an artifact; and unbalanced marked content."""
    parents = parent_tree(pdf)
    problems: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        content = parents.get(int(page.obj.get("/StructParents", -1)))
        stack: list[str] = []  # "artifact", "content" or "other"
        for instruction in pikepdf.parse_content_stream(page):
            operands, operator = instruction.operands, instruction.operator
            op = str(operator)
            if op in ("BMC", "BDC"):
                tag = str(operands[0])
                props = operands[1] if op == "BDC" else None
                if tag == "/Artifact":
                    stack.append("artifact")
                elif isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                    mcid = int(props.MCID)
                    element: Any = (
                        content[mcid] if content is not None and mcid < len(content) else None
                    )
                    ok = isinstance(element, pikepdf.Dictionary) and element.get("/S") == tag
                    stack.append("content" if ok else "other")
                    if not ok:
                        problems.append(f"page {number}: MCID {mcid} not in the parent tree")
                else:
                    stack.append("other")
            elif op == "EMC":
                if not stack:
                    problems.append(f"page {number}: EMC without BMC/BDC")
                else:
                    stack.pop()
            elif op in TEXT_SHOWING and not ({"artifact", "content"} & set(stack)):
                problems.append(f"page {number}: {op} {operands!r} outside tagged content")
        if stack:
            problems.append(f"page {number}: marked content left open")
    return problems


def write(kind: str) -> bytes:
    return PdfWriter(shipped_fontset(kind), Theme()).write(sample(kind))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The example's PDFs in en, zh and en+zh."""
    out = tmp_path_factory.mktemp("example")
    options = BuildOptions(out=out, langs=("en", "zh", "en+zh"), formats=("pdf",))
    build(EXAMPLE, BuildOptions(**{**options.__dict__, "created": FIXED_TIME}))
    files = sorted(out.rglob("*.pdf"))
    assert len(files) == 30
    return files


# -- the tests ---------------------------------------------------------------------------
@pytest.mark.slow
def test_every_pdf_of_the_example_passes_the_checks(example: list[Path]) -> None:
    qpdf = shutil.which("qpdf")
    for path in example:
        with pikepdf.open(path) as pdf:
            assert untagged_text(pdf) == [], path
            assert rule_problems(pdf) == [], path
        if qpdf is not None:
            result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout + result.stderr


def rule_problems(pdf: pikepdf.Pdf) -> list[str]:
    """What the PDF/A-2 and PDF/UA-1 rule books ask that can be read off the file:
    the claims in the XMP, which agrees with the information dictionary; an output
    intent; fonts embedded, with Unicode maps, symbolic TrueType fonts without an
    encoding and with one cmap; no transparency; links printable, described, in the
    structure; headings that do not skip a level."""
    problems: list[str] = []
    xmp = ET.fromstring(pdf.Root.Metadata.read_bytes())

    def xmp_values(prefix: str, name: str) -> list[str | None]:
        return [e.text for e in xmp.iter(f"{{{NS[prefix]}}}{name}")]

    if xmp_values("pdfaid", "part") != ["2"] or xmp_values("pdfaid", "conformance") != ["A"]:
        problems.append("no PDF/A-2a claim")
    if xmp_values("pdfuaid", "part") != ["1"]:
        problems.append("no PDF/UA-1 claim")
    info = pdf.docinfo
    title = [li.text for e in xmp.iter(f"{{{NS['dc']}}}title") for li in e.iter()][-1]
    if str(info.Title) != title or not title:
        problems.append("the title of the information dictionary and the XMP differ")
    if str(info.Creator) != xmp_values("xmp", "CreatorTool")[0]:
        problems.append("the creator tool differs")
    created = str(info.CreationDate)  # D:YYYYMMDDHHmmSS+00'00'
    iso = f"{created[2:6]}-{created[6:8]}-{created[8:10]}T{created[10:12]}:{created[12:14]}"
    if not (xmp_values("xmp", "CreateDate")[0] or "").startswith(iso):
        problems.append("the creation dates differ")
    intents: Any = pdf.Root.get("/OutputIntents", [])
    if len(intents) != 1 or intents[0].DestOutputProfile.N != 3:
        problems.append("no sRGB output intent")
    if not bool(pdf.Root.MarkInfo.Marked) or "/Lang" not in pdf.Root:
        problems.append("not marked, or no language")
    for number, page in enumerate(pdf.pages, start=1):
        resources = page.obj.Resources
        for font in resources.get("/Font", {}).values():
            descriptor = font.FontDescriptor
            if "/FontFile2" not in descriptor or "/ToUnicode" not in font:
                problems.append(f"page {number}: {font.BaseFont} not embedded with ToUnicode")
            elif int(descriptor.Flags) & 4:
                cmap = TTFont(io.BytesIO(descriptor.FontFile2.read_bytes()))["cmap"]
                if "/Encoding" in font or len(cmap.tables) != 1:
                    problems.append(f"page {number}: {font.BaseFont} symbolic, badly encoded")
        for state in resources.get("/ExtGState", {}).values():
            if float(state.get("/CA", 1)) < 1 or float(state.get("/ca", 1)) < 1:
                problems.append(f"page {number}: transparency")
            if state.get("/SMask", "/None") != "/None":
                problems.append(f"page {number}: soft mask")
        if "/Group" in page.obj:
            problems.append(f"page {number}: transparency group")
        for annot in page.obj.get("/Annots", []):
            if int(annot.get("/F", 0)) & 4 == 0 or "/Contents" not in annot:
                problems.append(f"page {number}: a link not printed or not described")
            if "/StructParent" not in annot:
                problems.append(f"page {number}: a link outside the structure")
    level = 0
    for element, _, _ in structure(pdf):
        tag = str(element.S)
        if len(tag) == 3 and tag.startswith("/H") and tag[2].isdigit():
            if int(tag[2]) > level + 1:
                problems.append(f"{tag} after H{level}")
            level = int(tag[2])
    return problems


@pytest.mark.parametrize("kind", ["en", "zh", "en+zh"])
def test_every_text_is_tagged_content_or_an_artifact(kind: str) -> None:
    with pikepdf.open(io.BytesIO(write(kind))) as pdf:
        assert untagged_text(pdf) == []


def test_the_checker_finds_untagged_text() -> None:
    with pikepdf.open(io.BytesIO(write("en"))) as pdf:
        page = pdf.pages[0]
        stream = page.obj.Contents
        if isinstance(stream, pikepdf.Array):
            stream = stream[0]
        data = stream.read_bytes().replace(b"/Artifact BMC", b"/Span BMC")  # the footer
        page.obj.Contents = pdf.make_stream(data)
        assert untagged_text(pdf)


@pytest.mark.parametrize("kind", ["en", "zh", "en+zh"])
def test_the_structure_reads_in_the_order_of_the_document(kind: str) -> None:
    """Bilingual rows read as each pair, English then Chinese, not line by line."""
    document = sample(kind)
    data = PdfWriter(shipped_fontset(kind), Theme()).write(document)
    texts = marked_text(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        read = "".join(texts.get(mark, "") for _, _, marks in structure(pdf) for mark in marks)
    read = squash(read)
    position = 0
    for text in model_texts(document.blocks):
        found = read.find(squash(text), position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found + len(squash(text))


@pytest.mark.parametrize("kind", ["en", "zh", "en+zh"])
def test_elements_carry_the_language_of_their_text(kind: str) -> None:
    data = write(kind)
    texts = marked_text(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.Root.Lang) == ("zh-CN" if kind == "zh" else "en-GB")
        checked = 0
        for _, lang, marks in structure(pdf):
            text = "".join(texts.get(mark, "") for mark in marks)
            letters = [c for c in text if c.isalpha()]
            if letters and all("\u4e00" <= c <= "\u9fff" for c in letters):
                assert lang == "zh-CN", text
                checked += 1
            elif letters and all(c.isascii() for c in letters) and kind != "zh":
                assert lang == "en-GB", text  # (Chinese text may name things in Latin)
                checked += 1
        assert checked > 10


def test_the_tags_are_the_standard_ones_poppler_reads() -> None:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.skip("poppler's pdfinfo is not installed")
    data = write("en+zh")
    info = subprocess.run([pdfinfo, "-"], input=data, capture_output=True, check=True)
    assert "Tagged:          yes" in info.stdout.decode()
    struct = subprocess.run(
        [pdfinfo, "-struct-text", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    lines = [line.strip() for line in struct.splitlines()]
    tags = {line.split()[0].rstrip(":") for line in lines if line and not line.startswith('"')}
    expected = {"Document", "H1", "P", "L", "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD"}
    assert expected | {"TOC", "TOCI", "Link", "Figure"} <= tags
    assert "/Scope /Column" in struct and "/Scope /Row" in struct


def test_headers_and_figures_say_what_they_are() -> None:
    with pikepdf.open(io.BytesIO(write("en"))) as pdf:
        elements = [node for node, _, _ in structure(pdf)]
    figure = next(e for e in elements if e.S == "/Figure")
    assert "09:00–10:30 Opening meeting" in str(figure.Alt) and "Tue 22 Oct" in str(figure.Alt)
    scopes = {str(e.A.Scope) for e in elements if e.S == "/TH"}
    assert scopes == {"/Column", "/Row"}


def test_contents_entries_link_to_their_pages() -> None:
    with pikepdf.open(io.BytesIO(write("en"))) as pdf:
        parents = parent_tree(pdf)
        links = [
            (index, annot)
            for index, page in enumerate(pdf.pages)
            for annot in page.obj.get("/Annots", [])
            if annot.Subtype == "/Link"
        ]
        assert len(links) == 3  # the three sections
        pages: dict[tuple[int, int], int] = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
        for _, annot in links:
            element = parents[int(annot.StructParent)]
            assert element.S == "/Link"
            objects = [k for k in element.K if isinstance(k, pikepdf.Dictionary)]
            assert any(k.Type == "/OBJR" and k.Obj.objgen == annot.objgen for k in objects)
            assert annot.F == 4 and str(annot.Contents).startswith("Section")
            assert pages[annot.Dest[0].objgen] >= 1  # a section page, after the contents
        assert pdf.pages[0].obj.Tabs == "/S"


def test_the_xmp_metadata_names_the_document_and_its_standards() -> None:
    with pikepdf.open(io.BytesIO(write("en+zh"))) as pdf:
        xmp = ET.fromstring(pdf.Root.Metadata.read_bytes())
        assert bool(pdf.Root.MarkInfo.Marked)
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title) == "Delegation visit"
    text = {tag: [e.text for e in xmp.iter(tag)] for tag in {e.tag for e in xmp.iter()}}

    def values(prefix: str, name: str) -> list[str | None]:
        return text.get(f"{{{NS[prefix]}}}{name}", [])

    assert values("pdfaid", "part") == ["2"] and values("pdfaid", "conformance") == ["A"]
    assert values("pdfuaid", "part") == ["1"]
    assert values("xmp", "CreateDate") == ["2000-01-01T00:00:00+00:00"]
    items = [li.text for li in xmp.iter(f"{{{NS['rdf']}}}li")]
    assert "Delegation visit" in items and "The Ministry" in items
    assert "en-GB" in items and "zh-CN" in items


def test_the_output_intent_carries_an_srgb_profile() -> None:
    with pikepdf.open(io.BytesIO(write("zh"))) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFA1"
        profile = intent.DestOutputProfile
        assert profile.N == 3
        icc = ImageCms.ImageCmsProfile(io.BytesIO(profile.read_bytes()))
        assert "sRGB" in ImageCms.getProfileDescription(icc)


def test_every_font_is_embedded_with_a_unicode_map() -> None:
    with pikepdf.open(io.BytesIO(write("en+zh"))) as pdf:
        fonts = {
            font.objgen: font
            for page in pdf.pages
            for font in page.obj.Resources.get("/Font", {}).values()
        }
        assert len(fonts) >= 2
        for font in fonts.values():
            descriptor = (
                font.DescendantFonts[0].FontDescriptor
                if font.Subtype == "/Type0"
                else font.FontDescriptor
            )
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font
            assert "/ToUnicode" in font, font


def test_the_same_document_gives_the_same_bytes() -> None:
    first, second = write("en+zh"), write("en+zh")
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert len(pdf.trailer.ID) == 2


@pytest.mark.parametrize("kind", ["en", "zh", "en+zh"])
def test_the_rules_that_can_be_read_off_the_file_hold(kind: str) -> None:
    with pikepdf.open(io.BytesIO(write(kind))) as pdf:
        assert rule_problems(pdf) == []


def test_qpdf_finds_no_errors(tmp_path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed")
    for kind in ("en", "zh", "en+zh"):
        path = tmp_path / f"{kind}.pdf"
        path.write_bytes(write(kind))
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def test_a_text_shown_untranslated_says_its_language() -> None:
    untranslated = model.Paragraph((model.Span("Shown in English", lang="en"),))
    document = sample("zh")
    document = model.Document(document.meta, (*document.blocks, untranslated))
    data = PdfWriter(shipped_fontset("zh"), Theme()).write(document)
    texts = marked_text(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        langs = {
            "".join(texts.get(mark, "") for mark in marks): lang
            for _, lang, marks in structure(pdf)
        }
    assert langs["Shown in English"] == "en" and langs["第1节的正文，一句话。"] == "zh-CN"


def test_a_header_row_repeated_on_the_next_pages_is_tagged_once() -> None:
    rows = tuple((_cell(f"Organisation {i}"), _cell("Belgium")) for i in range(200))
    table = model.Table((3, 1), (_cell("Name"), _cell("Country")), rows)
    document = model.Document(model.Metadata("Long table", "en-GB"), (table,))
    data = PdfWriter(shipped_fontset("en"), Theme()).write(document)
    texts = marked_text(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 4
        assert untagged_text(pdf) == []
        read = [texts[mark] for _, _, marks in structure(pdf) for mark in marks]
    assert read.count("Name") == 1 and read.count("Country") == 1
    assert read[:4] == ["Name", "Country", "Organisation 0", "Belgium"]
